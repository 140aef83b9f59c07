package io.lakehouse.trino.landing;

import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.type.Type;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A column of a landing table: a field of the files' header row, or a value of a {@code key=value} folder above the files.
 */
public record LandingColumnHandle(String name, Type type, boolean partitionKey)
        implements ColumnHandle
{
    public LandingColumnHandle
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public ColumnMetadata toColumnMetadata()
    {
        return ColumnMetadata.builder()
                .setName(name)
                .setType(type)
                .setComment(partitionKey ? Optional.of("partition folder " + name + "=…") : Optional.empty())
                .build();
    }
}
