package io.lakehouse.catalog.refresh;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a refresh wrote.
 *
 * @param replacedVersion the table version the refresh's table change replaced; empty when the refresh created the table
 */
public record RefreshResult(String database, String table, Optional<String> replacedVersion, int partitionsCreated, int partitionsReplaced, int columnStatisticsWritten)
{
    public RefreshResult
    {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(replacedVersion, "replacedVersion is null");
    }
}
