package io.lakehouse.catalog.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.List;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

/**
 * Column statistics of tables and of partitions, one {@code ColumnStatistics} document per column.
 * Callers lock the owning table or partition first, which serializes the delete-and-insert upserts.
 */
public final class ColumnStatisticsDao
{
    private final Handle handle;
    private final DocumentCodec codec;

    ColumnStatisticsDao(Handle handle, DocumentCodec codec)
    {
        this.handle = requireNonNull(handle, "handle is null");
        this.codec = requireNonNull(codec, "codec is null");
    }

    public List<ObjectNode> getForTable(String databaseName, String tableName, Collection<String> columnNames)
    {
        if (columnNames.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT document FROM glue_table_column_statistics WHERE database_name = :databaseName AND table_name = :tableName AND column_name IN (<columnNames>)")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bindList("columnNames", List.copyOf(columnNames))
                .mapTo(String.class)
                .stream()
                .map(codec::decode)
                .collect(toImmutableList());
    }

    public void putForTable(String databaseName, String tableName, String columnName, ObjectNode document)
    {
        deleteForTable(databaseName, tableName, columnName);
        handle.createUpdate("INSERT INTO glue_table_column_statistics (database_name, table_name, column_name, document) VALUES (:databaseName, :tableName, :columnName, :document)")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("columnName", columnName)
                .bind("document", codec.encode(document))
                .execute();
    }

    public void deleteForTable(String databaseName, String tableName, String columnName)
    {
        handle.createUpdate("DELETE FROM glue_table_column_statistics WHERE database_name = :databaseName AND table_name = :tableName AND column_name = :columnName")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("columnName", columnName)
                .execute();
    }

    public List<ObjectNode> getForPartition(String databaseName, String tableName, PartitionKey partition, Collection<String> columnNames)
    {
        if (columnNames.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT document FROM glue_partition_column_statistics WHERE database_name = :databaseName AND table_name = :tableName AND partition_id = :partitionId AND column_name IN (<columnNames>)")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("partitionId", partition.id())
                .bindList("columnNames", List.copyOf(columnNames))
                .mapTo(String.class)
                .stream()
                .map(codec::decode)
                .collect(toImmutableList());
    }

    public void putForPartition(String databaseName, String tableName, PartitionKey partition, String columnName, ObjectNode document)
    {
        deleteForPartition(databaseName, tableName, partition, columnName);
        handle.createUpdate("INSERT INTO glue_partition_column_statistics (database_name, table_name, partition_id, column_name, document) VALUES (:databaseName, :tableName, :partitionId, :columnName, :document)")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("partitionId", partition.id())
                .bind("columnName", columnName)
                .bind("document", codec.encode(document))
                .execute();
    }

    public void deleteForPartition(String databaseName, String tableName, PartitionKey partition, String columnName)
    {
        handle.createUpdate("DELETE FROM glue_partition_column_statistics WHERE database_name = :databaseName AND table_name = :tableName AND partition_id = :partitionId AND column_name = :columnName")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("partitionId", partition.id())
                .bind("columnName", columnName)
                .execute();
    }
}
