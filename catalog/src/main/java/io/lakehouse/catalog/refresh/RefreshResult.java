package io.lakehouse.catalog.refresh;

import static java.util.Objects.requireNonNull;

/**
 * What a refresh wrote.
 *
 * @param tableVersion the table version that carries the publication
 */
public record RefreshResult(String database, String table, String tableVersion, int partitionsCreated, int partitionsReplaced, int columnStatisticsWritten)
{
    public RefreshResult
    {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(tableVersion, "tableVersion is null");
    }
}
