package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.connector.ColumnHandle;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A landing dataset (a folder, or the path given to {@code read_files}, with the format it names) with its columns as resolved for this query,
 * how its first file is written (shown by {@code SHOW CREATE TABLE}),
 * what to do with bad records, the partition predicate that prunes its files, and whether the query reads the rows
 * or the {@code $rejects} companion.
 */
public record LandingTableHandle(
        SchemaTableName schemaTableName,
        String location,
        Optional<LandingFormat> format,
        FileSchema firstFileSchema,
        List<LandingColumnHandle> columns,
        OnError onError,
        boolean rejects,
        TupleDomain<ColumnHandle> partitionConstraint)
        implements ConnectorTableHandle
{
    public LandingTableHandle
    {
        requireNonNull(schemaTableName, "schemaTableName is null");
        requireNonNull(location, "location is null");
        requireNonNull(format, "format is null");
        requireNonNull(firstFileSchema, "firstFileSchema is null");
        columns = ImmutableList.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(onError, "onError is null");
        requireNonNull(partitionConstraint, "partitionConstraint is null");
    }

    public LandingTableHandle withPartitionConstraint(TupleDomain<ColumnHandle> constraint)
    {
        return new LandingTableHandle(schemaTableName, location, format, firstFileSchema, columns, onError, rejects, constraint);
    }

    public LandingTableHandle asRejects(SchemaTableName name)
    {
        return new LandingTableHandle(name, location, format, firstFileSchema, columns, onError, true, partitionConstraint);
    }

    public List<LandingColumnHandle> dataColumns()
    {
        return columns.stream().filter(column -> column.kind() == LandingColumnHandle.Kind.DATA).collect(ImmutableList.toImmutableList());
    }
}
