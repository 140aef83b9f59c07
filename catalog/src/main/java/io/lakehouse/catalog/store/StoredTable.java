package io.lakehouse.catalog.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static java.util.Objects.requireNonNull;

/**
 * A table's current document and version. The document carries {@code DatabaseName},
 * {@code Name} and {@code VersionId} taken from the key columns.
 */
public record StoredTable(String databaseName, String tableName, long versionId, ObjectNode document)
{
    public StoredTable
    {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(tableName, "tableName is null");
        requireNonNull(document, "document is null");
    }
}
