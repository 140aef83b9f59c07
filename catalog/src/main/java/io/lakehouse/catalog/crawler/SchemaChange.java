package io.lakehouse.catalog.crawler;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One difference between a table and the landing files the crawler read for it.
 *
 * @param before the column's type in the table, empty for a new column
 * @param after the type the files need, empty for a column the files no longer have
 * @param applied whether the table was changed, or the change was only logged
 */
public record SchemaChange(String table, Kind kind, String column, Optional<String> before, Optional<String> after, boolean applied)
{
    public enum Kind
    {
        ADDED_COLUMN,
        WIDENED_TYPE,
        MISSING_COLUMN,
    }

    public SchemaChange
    {
        requireNonNull(table, "table is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(column, "column is null");
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
    }

    @Override
    public String toString()
    {
        String change = switch (kind) {
            case ADDED_COLUMN -> "new column %s %s".formatted(column, after.orElseThrow());
            case WIDENED_TYPE -> "column %s %s -> %s".formatted(column, before.orElseThrow(), after.orElseThrow());
            case MISSING_COLUMN -> "column %s %s is not in the new files; kept, columns are never dropped".formatted(column, before.orElseThrow());
        };
        return "%s: %s%s".formatted(table, change, applied || kind == Kind.MISSING_COLUMN ? "" : " (logged only, schema change policy LOG)");
    }
}
