package io.lakehouse.catalog.store;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.HashCode;

import java.util.List;

import static com.google.common.hash.Hashing.sha256;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The values identifying a partition, and the fixed-size key they are stored under.
 * Values are compared exactly: unlike names, partition values are case-sensitive in Glue.
 */
public record PartitionKey(List<String> values)
{
    public PartitionKey
    {
        values = ImmutableList.copyOf(requireNonNull(values, "values is null"));
    }

    /**
     * Hex SHA-256 of the values, so partitions with long values still fit a primary key.
     */
    public String id()
    {
        return hash().toString();
    }

    /**
     * Non-negative number deciding which {@link Segment} of a parallel listing holds the partition.
     */
    public int segmentHash()
    {
        return hash().asInt() & Integer.MAX_VALUE;
    }

    private HashCode hash()
    {
        // length-prefixed, so that ["a,b"] and ["a", "b"] differ
        StringBuilder encoded = new StringBuilder();
        for (String value : values) {
            encoded.append(value.length()).append(':').append(value);
        }
        return sha256().hashString(encoded, UTF_8);
    }
}
