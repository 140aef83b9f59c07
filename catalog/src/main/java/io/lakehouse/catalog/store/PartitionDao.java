package io.lakehouse.catalog.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

/**
 * Partitions of Glue tables, keyed by a hash of their values. The document is returned with
 * {@code DatabaseName} and {@code TableName} taken from the key columns.
 */
public final class PartitionDao
{
    private static final RowMapper<Row> ROW_MAPPER = (resultSet, _) -> new Row(
            resultSet.getString("database_name"),
            resultSet.getString("table_name"),
            resultSet.getString("partition_id"),
            resultSet.getString("document"));

    private final Handle handle;
    private final DocumentCodec codec;

    PartitionDao(Handle handle, DocumentCodec codec)
    {
        this.handle = requireNonNull(handle, "handle is null");
        this.codec = requireNonNull(codec, "codec is null");
    }

    public Optional<ObjectNode> get(String databaseName, String tableName, PartitionKey key)
    {
        return select("SELECT database_name, table_name, partition_id, document FROM glue_partitions WHERE database_name = :databaseName AND table_name = :tableName AND partition_id = :partitionId", databaseName, tableName, key);
    }

    /**
     * Reads the partition and locks it until the transaction ends.
     */
    public Optional<ObjectNode> getForUpdate(String databaseName, String tableName, PartitionKey key)
    {
        return select("SELECT database_name, table_name, partition_id, document FROM glue_partitions WHERE database_name = :databaseName AND table_name = :tableName AND partition_id = :partitionId FOR UPDATE", databaseName, tableName, key);
    }

    public boolean exists(String databaseName, String tableName, PartitionKey key)
    {
        return get(databaseName, tableName, key).isPresent();
    }

    /**
     * Returns the partitions that exist among the keys, in no particular order.
     */
    public List<ObjectNode> getAll(String databaseName, String tableName, Collection<PartitionKey> keys)
    {
        if (keys.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT database_name, table_name, partition_id, document FROM glue_partitions WHERE database_name = :databaseName AND table_name = :tableName AND partition_id IN (<partitionIds>)")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bindList("partitionIds", keys.stream().map(PartitionKey::id).distinct().collect(toImmutableList()))
                .map(ROW_MAPPER)
                .stream()
                .map(this::toDocument)
                .collect(toImmutableList());
    }

    public void insert(String databaseName, String tableName, PartitionKey key, ObjectNode document)
    {
        handle.createUpdate("INSERT INTO glue_partitions (database_name, table_name, partition_id, segment_hash, document) VALUES (:databaseName, :tableName, :partitionId, :segmentHash, :document)")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("partitionId", key.id())
                .bind("segmentHash", key.segmentHash())
                .bind("document", codec.encode(document))
                .execute();
    }

    /**
     * Replaces the partition document; a different new key moves the partition and its statistics.
     */
    public void update(String databaseName, String tableName, PartitionKey key, PartitionKey newKey, ObjectNode document)
    {
        handle.createUpdate("""
                        UPDATE glue_partitions
                        SET partition_id = :newPartitionId, segment_hash = :segmentHash, document = :document
                        WHERE database_name = :databaseName AND table_name = :tableName AND partition_id = :partitionId""")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("partitionId", key.id())
                .bind("newPartitionId", newKey.id())
                .bind("segmentHash", newKey.segmentHash())
                .bind("document", codec.encode(document))
                .execute();
    }

    /**
     * Deletes the partition with its column statistics.
     */
    public boolean delete(String databaseName, String tableName, PartitionKey key)
    {
        return handle.createUpdate("DELETE FROM glue_partitions WHERE database_name = :databaseName AND table_name = :tableName AND partition_id = :partitionId")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("partitionId", key.id())
                .execute() > 0;
    }

    /**
     * Lists partitions in key order; with a segment, only the partitions of that segment; with a
     * filter, only the partitions whose document it accepts.
     */
    public ResultPage<ObjectNode> list(String databaseName, String tableName, Optional<String> afterPartitionId, Optional<Segment> segment, Optional<Predicate<ObjectNode>> filter, int limit)
    {
        if (filter.isEmpty()) {
            List<Row> rows = listRows(databaseName, tableName, afterPartitionId, segment, limit + 1);
            return ResultPage.fromRows(rows, limit, Row::partitionId, this::toDocument);
        }
        return ResultPage.scan(
                (afterKey, batchSize) -> listRows(databaseName, tableName, afterKey, segment, batchSize).stream()
                        .map(row -> new ListedPartition(row.partitionId(), toDocument(row)))
                        .toList(),
                afterPartitionId,
                partition -> filter.get().test(partition.document()),
                limit,
                ListedPartition::partitionId,
                ListedPartition::document);
    }

    private List<Row> listRows(String databaseName, String tableName, Optional<String> afterPartitionId, Optional<Segment> segment, int limit)
    {
        Query query = handle.createQuery("""
                        SELECT database_name, table_name, partition_id, document
                        FROM glue_partitions
                        WHERE database_name = :databaseName AND table_name = :tableName AND partition_id > :after
                        %s
                        ORDER BY partition_id
                        FETCH FIRST :limit ROWS ONLY""".formatted(segment.isPresent() ? "AND MOD(segment_hash, :totalSegments) = :segmentNumber" : ""))
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("after", afterPartitionId.orElse(""))
                .bind("limit", limit);
        segment.ifPresent(value -> query
                .bind("totalSegments", value.total())
                .bind("segmentNumber", value.number()));
        return query.map(ROW_MAPPER).list();
    }

    private Optional<ObjectNode> select(String sql, String databaseName, String tableName, PartitionKey key)
    {
        return handle.createQuery(sql)
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("partitionId", key.id())
                .map(ROW_MAPPER)
                .findOne()
                .map(this::toDocument);
    }

    private ObjectNode toDocument(Row row)
    {
        ObjectNode document = codec.decode(row.document());
        document.put("DatabaseName", row.databaseName());
        document.put("TableName", row.tableName());
        return document;
    }

    private record Row(String databaseName, String tableName, String partitionId, String document) {}

    private record ListedPartition(String partitionId, ObjectNode document) {}
}
