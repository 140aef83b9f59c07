package io.lakehouse.trino.lineage;

import com.google.common.collect.ImmutableList;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The column-level lineage of one query that wrote a table or created a view, as Trino's analyzer reported it
 * when the query completed; {@code user} ran the query.
 */
public record QueryLineage(String queryId, String user, Instant completedAt, String catalog, String schema, String table, List<OutputColumn> columns)
{
    public QueryLineage
    {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(user, "user is null");
        requireNonNull(completedAt, "completedAt is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        columns = ImmutableList.copyOf(requireNonNull(columns, "columns is null"));
    }
}
