package io.lakehouse.trino;

import com.google.common.collect.ImmutableMap;
import io.airlift.units.DataSize;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static io.airlift.units.DataSize.Unit.KILOBYTE;
import static io.airlift.units.DataSize.Unit.MEGABYTE;

final class TestLakehouseConfig
{
    @Test
    void testDefaults()
    {
        assertRecordedDefaults(recordDefaults(LakehouseConfig.class)
                .setLandingLocation(null)
                .setInferenceSampleSize(DataSize.of(1, MEGABYTE))
                .setMaxRecordLength(DataSize.of(16, MEGABYTE))
                .setMaxSplitSize(DataSize.of(64, MEGABYTE)));
    }

    @Test
    void testExplicitPropertyMappings()
    {
        Map<String, String> properties = ImmutableMap.of(
                "lakehouse.landing-location", "s3://landing/",
                "lakehouse.inference.sample-size", "256kB",
                "lakehouse.max-record-length", "1MB",
                "lakehouse.max-split-size", "8MB");

        LakehouseConfig expected = new LakehouseConfig()
                .setLandingLocation("s3://landing/")
                .setInferenceSampleSize(DataSize.of(256, KILOBYTE))
                .setMaxRecordLength(DataSize.of(1, MEGABYTE))
                .setMaxSplitSize(DataSize.of(8, MEGABYTE));

        assertFullMapping(properties, expected);
    }
}
