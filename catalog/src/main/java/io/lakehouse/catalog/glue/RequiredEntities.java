package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehouse.catalog.store.CatalogTransaction;
import io.lakehouse.catalog.store.PartitionKey;
import io.lakehouse.catalog.store.StoredTable;

import java.util.Optional;

import static io.lakehouse.catalog.glue.GlueErrorType.ENTITY_NOT_FOUND;

/**
 * Lookups of catalog entries a call cannot do without; a missing entry fails the call with
 * Glue's EntityNotFoundException naming the innermost entry that is missing.
 */
final class RequiredEntities
{
    private RequiredEntities() {}

    static ObjectNode database(CatalogTransaction transaction, String databaseName)
    {
        return transaction.databases().get(databaseName)
                .orElseThrow(() -> databaseNotFound(databaseName));
    }

    static StoredTable table(CatalogTransaction transaction, String databaseName, String tableName)
    {
        return orTableNotFound(transaction, databaseName, tableName, transaction.tables().get(databaseName, tableName));
    }

    static StoredTable tableForUpdate(CatalogTransaction transaction, String databaseName, String tableName)
    {
        return orTableNotFound(transaction, databaseName, tableName, transaction.tables().getForUpdate(databaseName, tableName));
    }

    static ObjectNode partition(CatalogTransaction transaction, String databaseName, String tableName, PartitionKey key)
    {
        table(transaction, databaseName, tableName);
        return transaction.partitions().get(databaseName, tableName, key)
                .orElseThrow(() -> partitionNotFound(databaseName, tableName, key));
    }

    static ObjectNode partitionForUpdate(CatalogTransaction transaction, String databaseName, String tableName, PartitionKey key)
    {
        table(transaction, databaseName, tableName);
        return transaction.partitions().getForUpdate(databaseName, tableName, key)
                .orElseThrow(() -> partitionNotFound(databaseName, tableName, key));
    }

    static GlueException databaseNotFound(String databaseName)
    {
        return new GlueException(ENTITY_NOT_FOUND, "Database %s not found; create it with CreateDatabase or check the name".formatted(databaseName));
    }

    static GlueException tableNotFound(CatalogTransaction transaction, String databaseName, String tableName)
    {
        if (!transaction.databases().exists(databaseName)) {
            return databaseNotFound(databaseName);
        }
        return new GlueException(ENTITY_NOT_FOUND, "Table %s.%s not found; create it with CreateTable or check the name".formatted(databaseName, tableName));
    }

    static GlueException partitionNotFound(String databaseName, String tableName, PartitionKey key)
    {
        return new GlueException(ENTITY_NOT_FOUND, "Partition %s of table %s.%s not found; create it with CreatePartition or BatchCreatePartition, or check the values".formatted(key.values(), databaseName, tableName));
    }

    private static StoredTable orTableNotFound(CatalogTransaction transaction, String databaseName, String tableName, Optional<StoredTable> table)
    {
        return table.orElseThrow(() -> tableNotFound(transaction, databaseName, tableName));
    }
}
