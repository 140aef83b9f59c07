package io.lakehouse.catalog;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.configuration.ConfigSecuritySensitive;
import io.lakehouse.catalog.security.AuthenticationType;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import static com.google.common.base.Strings.isNullOrEmpty;

public class CatalogConfig
{
    private String databaseUrl;
    private String databaseUser = "sa";
    private String databasePassword = "";
    private int databaseMaxConnections = 16;
    private String catalogId = "000000000000";
    private AuthenticationType authentication = AuthenticationType.SIGV4;
    private String accessKey;
    private String secretKey;

    @NotNull(message = "is required, for example jdbc:h2:file:/var/lib/lakehouse/catalog")
    @Pattern(regexp = "jdbc:(h2|postgresql):.+", message = "must be an H2 JDBC URL such as jdbc:h2:file:/var/lib/lakehouse/catalog or a PostgreSQL JDBC URL such as jdbc:postgresql://db.example.com:5432/catalog; other databases are not supported")
    public String getDatabaseUrl()
    {
        return databaseUrl;
    }

    @Config("catalog.database-url")
    @ConfigDescription("JDBC URL of the database holding the catalog: embedded H2 (jdbc:h2:file:/absolute/path/catalog) or PostgreSQL (jdbc:postgresql://host:5432/catalog)")
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

    @NotNull
    public AuthenticationType getAuthentication()
    {
        return authentication;
    }

    @Config("catalog.authentication")
    @ConfigDescription("How requests are authenticated: SIGV4 (AWS Signature Version 4 with catalog.access-key and catalog.secret-key) or NONE (every request is accepted)")
    public CatalogConfig setAuthentication(AuthenticationType authentication)
    {
        this.authentication = authentication;
        return this;
    }

    @Pattern(regexp = "[^/\\s]+", message = "must not contain '/' or whitespace, since it is part of the signature's credential scope")
    public String getAccessKey()
    {
        return accessKey;
    }

    @Config("catalog.access-key")
    @ConfigDescription("Access key id that clients sign requests with (hive.metastore.glue.aws-access-key in Trino)")
    public CatalogConfig setAccessKey(String accessKey)
    {
        this.accessKey = accessKey;
        return this;
    }

    public String getSecretKey()
    {
        return secretKey;
    }

    @Config("catalog.secret-key")
    @ConfigDescription("Secret access key of catalog.access-key (hive.metastore.glue.aws-secret-key in Trino)")
    @ConfigSecuritySensitive
    public CatalogConfig setSecretKey(String secretKey)
    {
        this.secretKey = secretKey;
        return this;
    }

    @AssertTrue(message = "catalog.access-key and catalog.secret-key are required with catalog.authentication=SIGV4 (the default): set them to the keys clients sign with, " +
            "or set catalog.authentication=NONE to accept unsigned requests from anyone who can reach the port")
    public boolean isSignatureKeyConfigured()
    {
        return authentication != AuthenticationType.SIGV4 || (!isNullOrEmpty(accessKey) && !isNullOrEmpty(secretKey));
    }
}
