package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableMap;
import io.trino.filesystem.Location;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A data file found below a dataset folder; {@code partitionValues} come from the folders above it, in path order.
 */
public record LandingFile(Location location, long length, long modifiedMillis, Map<String, String> partitionValues)
{
    public LandingFile
    {
        requireNonNull(location, "location is null");
        partitionValues = ImmutableMap.copyOf(requireNonNull(partitionValues, "partitionValues is null"));
    }
}
