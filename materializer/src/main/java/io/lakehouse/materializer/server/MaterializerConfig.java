package io.lakehouse.materializer.server;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.configuration.ConfigSecuritySensitive;
import io.airlift.units.Duration;
import io.airlift.units.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Optional;

import static java.util.concurrent.TimeUnit.MINUTES;

public class MaterializerConfig
{
    private String modelsDirectory = "sql";
    private String trinoUrl = "http://localhost:8080";
    private String trinoUser = "lakehouse";
    private String glueEndpoint;
    private String glueRegion = "us-east-1";
    private String glueAccessKey;
    private String glueSecretKey;
    private String ledgerUrl;
    private String ledgerUser = "sa";
    private String ledgerPassword = "";
    private String warehouse = "s3://lake/";
    private String apiToken;
    private boolean schedulerEnabled = true;
    private Duration schedulerInterval = new Duration(1, MINUTES);
    private int concurrency = 2;

    @NotNull
    public String getModelsDirectory()
    {
        return modelsDirectory;
    }

    @Config("materializer.models-directory")
    @ConfigDescription("Directory of the model files, sql/<pipeline>/<layer>/<model>.sql")
    public MaterializerConfig setModelsDirectory(String modelsDirectory)
    {
        this.modelsDirectory = modelsDirectory;
        return this;
    }

    @NotNull
    @Pattern(regexp = "https?://.+", message = "must be the Trino coordinator's address, such as http://localhost:8080")
    public String getTrinoUrl()
    {
        return trinoUrl;
    }

    @Config("materializer.trino-url")
    @ConfigDescription("Trino coordinator the models run on")
    public MaterializerConfig setTrinoUrl(String trinoUrl)
    {
        this.trinoUrl = trinoUrl;
        return this;
    }

    @NotNull
    public String getTrinoUser()
    {
        return trinoUser;
    }

    @Config("materializer.trino-user")
    @ConfigDescription("Trino user the models run as")
    public MaterializerConfig setTrinoUser(String trinoUser)
    {
        this.trinoUser = trinoUser;
        return this;
    }

    public Optional<String> getGlueEndpoint()
    {
        return Optional.ofNullable(glueEndpoint);
    }

    @Config("materializer.glue-endpoint")
    @ConfigDescription("Glue endpoint of the catalog Trino's Hive connector uses; unset for AWS Glue")
    public MaterializerConfig setGlueEndpoint(String glueEndpoint)
    {
        this.glueEndpoint = glueEndpoint;
        return this;
    }

    @NotNull
    public String getGlueRegion()
    {
        return glueRegion;
    }

    @Config("materializer.glue-region")
    @ConfigDescription("AWS region of Glue")
    public MaterializerConfig setGlueRegion(String glueRegion)
    {
        this.glueRegion = glueRegion;
        return this;
    }

    public Optional<String> getGlueAccessKey()
    {
        return Optional.ofNullable(glueAccessKey);
    }

    @Config("materializer.glue-access-key")
    @ConfigDescription("Static access key for Glue; unset to use the AWS SDK's default credentials")
    public MaterializerConfig setGlueAccessKey(String glueAccessKey)
    {
        this.glueAccessKey = glueAccessKey;
        return this;
    }

    public Optional<String> getGlueSecretKey()
    {
        return Optional.ofNullable(glueSecretKey);
    }

    @Config("materializer.glue-secret-key")
    @ConfigDescription("Static secret key for Glue")
    @ConfigSecuritySensitive
    public MaterializerConfig setGlueSecretKey(String glueSecretKey)
    {
        this.glueSecretKey = glueSecretKey;
        return this;
    }

    @NotNull(message = "is required, for example jdbc:h2:file:/var/lib/lakehouse/materializer/ledger;AUTO_SERVER=TRUE or jdbc:postgresql://host/ledger")
    public String getLedgerUrl()
    {
        return ledgerUrl;
    }

    @Config("materializer.ledger-url")
    @ConfigDescription("JDBC URL of the ledger database: embedded H2 file, or PostgreSQL shared by several instances")
    public MaterializerConfig setLedgerUrl(String ledgerUrl)
    {
        this.ledgerUrl = ledgerUrl;
        return this;
    }

    @NotNull
    public String getLedgerUser()
    {
        return ledgerUser;
    }

    @Config("materializer.ledger-user")
    @ConfigDescription("Ledger database user")
    public MaterializerConfig setLedgerUser(String ledgerUser)
    {
        this.ledgerUser = ledgerUser;
        return this;
    }

    @NotNull
    public String getLedgerPassword()
    {
        return ledgerPassword;
    }

    @Config("materializer.ledger-password")
    @ConfigDescription("Ledger database password")
    @ConfigSecuritySensitive
    public MaterializerConfig setLedgerPassword(String ledgerPassword)
    {
        this.ledgerPassword = ledgerPassword;
        return this;
    }

    @NotNull
    public String getWarehouse()
    {
        return warehouse;
    }

    @Config("materializer.warehouse")
    @ConfigDescription("Location of new schemas (schema s at <warehouse>/s/); empty creates schemas without a location")
    public MaterializerConfig setWarehouse(String warehouse)
    {
        this.warehouse = warehouse;
        return this;
    }

    public Optional<String> getApiToken()
    {
        return Optional.ofNullable(apiToken);
    }

    @Config("materializer.api-token")
    @ConfigDescription("Bearer token the HTTP API's write endpoints (trigger, backfill, cancel, rollback) require; unset disables them")
    @ConfigSecuritySensitive
    public MaterializerConfig setApiToken(String apiToken)
    {
        this.apiToken = apiToken;
        return this;
    }

    public boolean isSchedulerEnabled()
    {
        return schedulerEnabled;
    }

    @Config("materializer.scheduler-enabled")
    @ConfigDescription("Whether the service catches up due intervals by itself")
    public MaterializerConfig setSchedulerEnabled(boolean schedulerEnabled)
    {
        this.schedulerEnabled = schedulerEnabled;
        return this;
    }

    @NotNull
    @MinDuration("1s")
    public Duration getSchedulerInterval()
    {
        return schedulerInterval;
    }

    @Config("materializer.scheduler-interval")
    @ConfigDescription("How often the scheduler looks for due intervals")
    public MaterializerConfig setSchedulerInterval(Duration schedulerInterval)
    {
        this.schedulerInterval = schedulerInterval;
        return this;
    }

    @Min(1)
    public int getConcurrency()
    {
        return concurrency;
    }

    @Config("materializer.concurrency")
    @ConfigDescription("Tasks running at the same time in one run")
    public MaterializerConfig setConcurrency(int concurrency)
    {
        this.concurrency = concurrency;
        return this;
    }
}
