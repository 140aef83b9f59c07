package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.SchemaTableName;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A dataset folder of the landing zone, with the columns found when the table was resolved.
 */
public record LandingTableHandle(SchemaTableName schemaTableName, String location, List<LandingColumnHandle> columns)
        implements ConnectorTableHandle
{
    public LandingTableHandle
    {
        requireNonNull(schemaTableName, "schemaTableName is null");
        requireNonNull(location, "location is null");
        columns = ImmutableList.copyOf(requireNonNull(columns, "columns is null"));
    }
}
