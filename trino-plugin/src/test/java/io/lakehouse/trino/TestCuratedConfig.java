package io.lakehouse.trino;

import com.google.common.collect.ImmutableMap;
import io.lakehouse.trino.curated.CuratedConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;

final class TestCuratedConfig
{
    @Test
    void testDefaults()
    {
        assertRecordedDefaults(recordDefaults(CuratedConfig.class)
                .setCatalog(null)
                .setGlueEndpoint(null)
                .setGlueRegion("us-east-1")
                .setGlueAccessKey(null)
                .setGlueSecretKey(null));
    }

    @Test
    void testExplicitPropertyMappings()
    {
        Map<String, String> properties = ImmutableMap.of(
                "lakehouse.curated.catalog", "lake",
                "lakehouse.curated.glue.endpoint-url", "http://127.0.0.1:9100",
                "lakehouse.curated.glue.region", "eu-west-1",
                "lakehouse.curated.glue.aws-access-key", "key",
                "lakehouse.curated.glue.aws-secret-key", "secret");

        CuratedConfig expected = new CuratedConfig()
                .setCatalog("lake")
                .setGlueEndpoint(URI.create("http://127.0.0.1:9100"))
                .setGlueRegion("eu-west-1")
                .setGlueAccessKey("key")
                .setGlueSecretKey("secret");

        assertFullMapping(properties, expected);
    }
}
