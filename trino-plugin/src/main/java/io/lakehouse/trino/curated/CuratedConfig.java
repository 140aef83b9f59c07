package io.lakehouse.trino.curated;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.configuration.ConfigSecuritySensitive;

import java.net.URI;
import java.util.Optional;

/**
 * Where the catalogued layers (bronze, silver, gold) are: their schemas are the databases of a Glue Data Catalog, and
 * a Trino catalog (the Hive connector on the same Glue catalog) reads their tables. Without a catalog name the
 * connector shows only the landing zone. Without an endpoint and keys the AWS SDK's defaults apply (AWS Glue,
 * credentials from the environment or an IAM role).
 */
public class CuratedConfig
{
    private Optional<String> catalog = Optional.empty();
    private Optional<URI> glueEndpoint = Optional.empty();
    private String glueRegion = "us-east-1";
    private Optional<String> glueAccessKey = Optional.empty();
    private Optional<String> glueSecretKey = Optional.empty();

    public Optional<String> getCatalog()
    {
        return catalog;
    }

    @Config("lakehouse.curated.catalog")
    @ConfigDescription("Trino catalog (Hive connector on the Glue catalog) that reads the curated tables, e.g. lake")
    public CuratedConfig setCatalog(String catalog)
    {
        this.catalog = Optional.ofNullable(catalog);
        return this;
    }

    public Optional<URI> getGlueEndpoint()
    {
        return glueEndpoint;
    }

    @Config("lakehouse.curated.glue.endpoint-url")
    @ConfigDescription("Glue API endpoint; empty for AWS Glue of the region")
    public CuratedConfig setGlueEndpoint(URI glueEndpoint)
    {
        this.glueEndpoint = Optional.ofNullable(glueEndpoint);
        return this;
    }

    public String getGlueRegion()
    {
        return glueRegion;
    }

    @Config("lakehouse.curated.glue.region")
    public CuratedConfig setGlueRegion(String glueRegion)
    {
        this.glueRegion = glueRegion;
        return this;
    }

    public Optional<String> getGlueAccessKey()
    {
        return glueAccessKey;
    }

    @Config("lakehouse.curated.glue.aws-access-key")
    public CuratedConfig setGlueAccessKey(String glueAccessKey)
    {
        this.glueAccessKey = Optional.ofNullable(glueAccessKey);
        return this;
    }

    public Optional<String> getGlueSecretKey()
    {
        return glueSecretKey;
    }

    @Config("lakehouse.curated.glue.aws-secret-key")
    @ConfigSecuritySensitive
    public CuratedConfig setGlueSecretKey(String glueSecretKey)
    {
        this.glueSecretKey = Optional.ofNullable(glueSecretKey);
        return this;
    }
}
