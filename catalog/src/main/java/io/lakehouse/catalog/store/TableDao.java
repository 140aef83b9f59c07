package io.lakehouse.catalog.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Glue tables and their archived versions. Every stored version, the current one included,
 * is kept in {@code glue_table_versions}.
 */
public final class TableDao
{
    private static final RowMapper<Row> ROW_MAPPER = (resultSet, _) -> new Row(
            resultSet.getString("database_name"),
            resultSet.getString("table_name"),
            resultSet.getLong("version_id"),
            resultSet.getString("document"));

    private final Handle handle;
    private final DocumentCodec codec;

    TableDao(Handle handle, DocumentCodec codec)
    {
        this.handle = requireNonNull(handle, "handle is null");
        this.codec = requireNonNull(codec, "codec is null");
    }

    public Optional<StoredTable> get(String databaseName, String tableName)
    {
        return select("SELECT database_name, table_name, version_id, document FROM glue_tables WHERE database_name = :databaseName AND table_name = :tableName", databaseName, tableName);
    }

    /**
     * Reads the table and locks it until the transaction ends, serializing changes to the table,
     * its statistics and its version history.
     */
    public Optional<StoredTable> getForUpdate(String databaseName, String tableName)
    {
        return select("SELECT database_name, table_name, version_id, document FROM glue_tables WHERE database_name = :databaseName AND table_name = :tableName FOR UPDATE", databaseName, tableName);
    }

    public ResultPage<ObjectNode> list(String databaseName, Optional<String> afterName, int limit, Predicate<String> nameFilter)
    {
        return ResultPage.scan(
                (afterKey, batchSize) -> handle.createQuery("""
                                SELECT database_name, table_name, version_id, document
                                FROM glue_tables
                                WHERE database_name = :databaseName AND table_name > :after
                                ORDER BY table_name
                                FETCH FIRST :limit ROWS ONLY""")
                        .bind("databaseName", databaseName)
                        .bind("after", afterKey.orElse(""))
                        .bind("limit", batchSize)
                        .map(ROW_MAPPER)
                        .list(),
                afterName,
                row -> nameFilter.test(row.tableName()),
                limit,
                Row::tableName,
                row -> toStoredTable(row).document());
    }

    /**
     * Inserts a new table as its first version.
     */
    public void insert(String databaseName, String tableName, long versionId, ObjectNode document)
    {
        String encoded = codec.encode(document);
        handle.createUpdate("INSERT INTO glue_tables (database_name, table_name, version_id, document) VALUES (:databaseName, :tableName, :versionId, :document)")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("versionId", versionId)
                .bind("document", encoded)
                .execute();
        insertVersion(databaseName, tableName, versionId, encoded);
    }

    /**
     * Makes the document the table's current version and records it in the version history.
     */
    public void update(String databaseName, String tableName, long versionId, ObjectNode document)
    {
        String encoded = codec.encode(document);
        handle.createUpdate("UPDATE glue_tables SET version_id = :versionId, document = :document WHERE database_name = :databaseName AND table_name = :tableName")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("versionId", versionId)
                .bind("document", encoded)
                .execute();
        insertVersion(databaseName, tableName, versionId, encoded);
    }

    /**
     * Deletes the table with its partitions, statistics and version history.
     */
    public boolean delete(String databaseName, String tableName)
    {
        return handle.createUpdate("DELETE FROM glue_tables WHERE database_name = :databaseName AND table_name = :tableName")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .execute() > 0;
    }

    public Optional<ObjectNode> getVersion(String databaseName, String tableName, long versionId)
    {
        return handle.createQuery("SELECT database_name, table_name, version_id, document FROM glue_table_versions WHERE database_name = :databaseName AND table_name = :tableName AND version_id = :versionId")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("versionId", versionId)
                .map(ROW_MAPPER)
                .findOne()
                .map(row -> toStoredTable(row).document());
    }

    public void deleteVersion(String databaseName, String tableName, long versionId)
    {
        handle.createUpdate("DELETE FROM glue_table_versions WHERE database_name = :databaseName AND table_name = :tableName AND version_id = :versionId")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("versionId", versionId)
                .execute();
    }

    /**
     * Lists the stored versions, newest first.
     */
    public ResultPage<StoredTable> listVersions(String databaseName, String tableName, Optional<Long> beforeVersion, int limit)
    {
        List<Row> rows = handle.createQuery("""
                        SELECT database_name, table_name, version_id, document
                        FROM glue_table_versions
                        WHERE database_name = :databaseName AND table_name = :tableName AND version_id < :before
                        ORDER BY version_id DESC
                        FETCH FIRST :limit ROWS ONLY""")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("before", beforeVersion.orElse(Long.MAX_VALUE))
                .bind("limit", limit + 1)
                .map(ROW_MAPPER)
                .list();
        return ResultPage.fromRows(rows, limit, row -> Long.toString(row.versionId()), this::toStoredTable);
    }

    private void insertVersion(String databaseName, String tableName, long versionId, String encodedDocument)
    {
        handle.createUpdate("INSERT INTO glue_table_versions (database_name, table_name, version_id, document) VALUES (:databaseName, :tableName, :versionId, :document)")
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .bind("versionId", versionId)
                .bind("document", encodedDocument)
                .execute();
    }

    private Optional<StoredTable> select(String sql, String databaseName, String tableName)
    {
        return handle.createQuery(sql)
                .bind("databaseName", databaseName)
                .bind("tableName", tableName)
                .map(ROW_MAPPER)
                .findOne()
                .map(this::toStoredTable);
    }

    private StoredTable toStoredTable(Row row)
    {
        ObjectNode document = codec.decode(row.document());
        document.put("DatabaseName", row.databaseName());
        document.put("Name", row.tableName());
        document.put("VersionId", Long.toString(row.versionId()));
        return new StoredTable(row.databaseName(), row.tableName(), row.versionId(), document);
    }

    private record Row(String databaseName, String tableName, long versionId, String document) {}
}
