package io.lakehouse.catalog;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.configuration.ConfigSecuritySensitive;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public class CatalogConfig
{
    private String databaseUrl;
    private String databaseUser = "sa";
    private String databasePassword = "";
    private int databaseMaxConnections = 16;
    private String catalogId = "000000000000";

    @NotNull(message = "is required, for example jdbc:h2:file:/var/lib/lakehouse/catalog")
    @Pattern(regexp = "jdbc:h2:.+", message = "must be an H2 JDBC URL such as jdbc:h2:file:/var/lib/lakehouse/catalog; other databases are not supported yet")
    public String getDatabaseUrl()
    {
        return databaseUrl;
    }

    @Config("catalog.database-url")
    @ConfigDescription("JDBC URL of the database holding the catalog, for example jdbc:h2:file:/absolute/path/catalog")
    public CatalogConfig setDatabaseUrl(String databaseUrl)
    {
        this.databaseUrl = databaseUrl;
        return this;
    }

    @NotNull
    public String getDatabaseUser()
    {
        return databaseUser;
    }

    @Config("catalog.database-user")
    @ConfigDescription("User of the catalog database")
    public CatalogConfig setDatabaseUser(String databaseUser)
    {
        this.databaseUser = databaseUser;
        return this;
    }

    @NotNull
    public String getDatabasePassword()
    {
        return databasePassword;
    }

    @Config("catalog.database-password")
    @ConfigDescription("Password of the catalog database user")
    @ConfigSecuritySensitive
    public CatalogConfig setDatabasePassword(String databasePassword)
    {
        this.databasePassword = databasePassword;
        return this;
    }

    @Min(1)
    public int getDatabaseMaxConnections()
    {
        return databaseMaxConnections;
    }

    @Config("catalog.database-max-connections")
    @ConfigDescription("Maximum number of open connections to the catalog database")
    public CatalogConfig setDatabaseMaxConnections(int databaseMaxConnections)
    {
        this.databaseMaxConnections = databaseMaxConnections;
        return this;
    }

    @NotEmpty
    public String getCatalogId()
    {
        return catalogId;
    }

    @Config("catalog.catalog-id")
    @ConfigDescription("Catalog id (the AWS account id in Glue) this endpoint answers for; requests naming another CatalogId fail")
    public CatalogConfig setCatalogId(String catalogId)
    {
        this.catalogId = catalogId;
        return this;
    }
}
