package io.lakehouse.materializer.server;

import com.google.common.collect.ImmutableMap;
import io.airlift.units.Duration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static io.airlift.testing.ValidationAssertions.assertFailsValidation;
import static io.airlift.testing.ValidationAssertions.assertValidates;
import static java.util.concurrent.TimeUnit.MINUTES;
import static java.util.concurrent.TimeUnit.SECONDS;

final class TestMaterializerConfig
{
    @Test
    void testDefaults()
    {
        assertRecordedDefaults(recordDefaults(MaterializerConfig.class)
                .setModelsDirectory("sql")
                .setTrinoUrl("http://localhost:8080")
                .setTrinoUser("lakehouse")
                .setGlueEndpoint(null)
                .setGlueRegion("us-east-1")
                .setGlueAccessKey(null)
                .setGlueSecretKey(null)
                .setLedgerUrl(null)
                .setLedgerUser("sa")
                .setLedgerPassword("")
                .setWarehouse("s3://lake/")
                .setApiToken(null)
                .setSchedulerEnabled(true)
                .setSchedulerInterval(new Duration(1, MINUTES))
                .setConcurrency(2));
    }

    @Test
    void testExplicitPropertyMappings()
    {
        Map<String, String> properties = ImmutableMap.<String, String>builder()
                .put("materializer.models-directory", "/srv/sql")
                .put("materializer.trino-url", "https://trino:8443")
                .put("materializer.trino-user", "etl")
                .put("materializer.glue-endpoint", "http://catalog:9100")
                .put("materializer.glue-region", "eu-west-1")
                .put("materializer.glue-access-key", "key")
                .put("materializer.glue-secret-key", "secret")
                .put("materializer.ledger-url", "jdbc:postgresql://db/ledger")
                .put("materializer.ledger-user", "ledger")
                .put("materializer.ledger-password", "ledger-secret")
                .put("materializer.warehouse", "s3://warehouse/")
                .put("materializer.api-token", "token")
                .put("materializer.scheduler-enabled", "false")
                .put("materializer.scheduler-interval", "30s")
                .put("materializer.concurrency", "4")
                .buildOrThrow();

        MaterializerConfig expected = new MaterializerConfig()
                .setModelsDirectory("/srv/sql")
                .setTrinoUrl("https://trino:8443")
                .setTrinoUser("etl")
                .setGlueEndpoint("http://catalog:9100")
                .setGlueRegion("eu-west-1")
                .setGlueAccessKey("key")
                .setGlueSecretKey("secret")
                .setLedgerUrl("jdbc:postgresql://db/ledger")
                .setLedgerUser("ledger")
                .setLedgerPassword("ledger-secret")
                .setWarehouse("s3://warehouse/")
                .setApiToken("token")
                .setSchedulerEnabled(false)
                .setSchedulerInterval(new Duration(30, SECONDS))
                .setConcurrency(4);

        assertFullMapping(properties, expected);
    }

    @Test
    void testValidation()
    {
        assertValidates(new MaterializerConfig().setLedgerUrl("jdbc:h2:file:/var/lib/ledger"));
        assertFailsValidation(new MaterializerConfig(), "ledgerUrl",
                "is required, for example jdbc:h2:file:/var/lib/lakehouse/materializer/ledger;AUTO_SERVER=TRUE or jdbc:postgresql://host/ledger", NotNull.class);
        assertFailsValidation(new MaterializerConfig().setLedgerUrl("jdbc:h2:mem:x").setTrinoUrl("localhost:8080"), "trinoUrl",
                "must be the Trino coordinator's address, such as http://localhost:8080", Pattern.class);
    }
}
