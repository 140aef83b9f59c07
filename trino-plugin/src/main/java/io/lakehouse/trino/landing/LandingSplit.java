package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableMap;
import io.trino.spi.connector.ConnectorSplit;

import java.util.Map;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * One landing file with the values of the partition folders above it.
 */
public record LandingSplit(String path, long fileSize, Map<String, String> partitionValues)
        implements ConnectorSplit
{
    public LandingSplit
    {
        requireNonNull(path, "path is null");
        checkArgument(fileSize >= 0, "fileSize is negative");
        partitionValues = ImmutableMap.copyOf(requireNonNull(partitionValues, "partitionValues is null"));
    }
}
