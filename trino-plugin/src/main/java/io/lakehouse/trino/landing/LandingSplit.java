package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableMap;
import io.trino.spi.connector.ConnectorSplit;

import java.util.Map;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A byte range of one landing file (the whole file unless it is uncompressed and line-oriented), how the file is
 * written, and the values of the partition folders above it.
 */
public record LandingSplit(
        String path,
        long start,
        long length,
        long fileSize,
        long modifiedMillis,
        FileSchema schema,
        Map<String, String> partitionValues)
        implements ConnectorSplit
{
    public LandingSplit
    {
        requireNonNull(path, "path is null");
        checkArgument(start >= 0 && length >= 0 && start + length <= fileSize, "range [%s, %s) is outside the file of %s bytes", start, start + length, fileSize);
        requireNonNull(schema, "schema is null");
        partitionValues = ImmutableMap.copyOf(requireNonNull(partitionValues, "partitionValues is null"));
    }
}
