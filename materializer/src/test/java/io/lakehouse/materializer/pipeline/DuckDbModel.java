package io.lakehouse.materializer.pipeline;

import static java.util.Objects.requireNonNull;

/**
 * A model of the pipelines written in DuckDB's dialect: the table it makes ({@code <layer>_<name>}, e.g.
 * {@code silver_title_credits}) and the query that computes it from the tables of the layers before.
 */
public record DuckDbModel(String table, String query)
{
    public DuckDbModel
    {
        requireNonNull(table, "table is null");
        requireNonNull(query, "query is null");
    }
}
