package io.lakehouse.materializer.lineage;

import io.lakehouse.materializer.model.TableName;

import static java.util.Objects.requireNonNull;

/**
 * A column of a table (or view) that a model's column is computed from.
 */
public record SourceColumn(TableName table, String column)
{
    public SourceColumn
    {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
    }

    @Override
    public String toString()
    {
        return table + "." + column;
    }
}
