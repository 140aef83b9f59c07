package io.lakehouse.trino.materializer;

import com.google.common.collect.ImmutableMap;
import io.airlift.units.Duration;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static java.util.concurrent.TimeUnit.MINUTES;
import static java.util.concurrent.TimeUnit.SECONDS;

final class TestMaterializerServiceConfig
{
    @Test
    void testDefaults()
    {
        assertRecordedDefaults(recordDefaults(MaterializerServiceConfig.class)
                .setUri(null)
                .setTimeout(new Duration(1, MINUTES)));
    }

    @Test
    void testExplicitPropertyMappings()
    {
        Map<String, String> properties = ImmutableMap.of(
                "lakehouse.materializer.uri", "http://127.0.0.1:9200",
                "lakehouse.materializer.timeout", "3s");

        assertFullMapping(properties, new MaterializerServiceConfig()
                .setUri(URI.create("http://127.0.0.1:9200"))
                .setTimeout(new Duration(3, SECONDS)));
    }
}
