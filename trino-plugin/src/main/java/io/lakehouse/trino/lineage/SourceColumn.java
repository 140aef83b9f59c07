package io.lakehouse.trino.lineage;

import static java.util.Objects.requireNonNull;

/**
 * A column of a table a query read, that Trino's analyzer found one of its output columns derived from.
 */
public record SourceColumn(String catalog, String schema, String table, String column)
{
    public SourceColumn
    {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
    }
}
