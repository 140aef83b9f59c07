package io.lakehouse.catalog.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Glue databases. The document is returned with {@code Name} taken from the key column.
 */
public final class DatabaseDao
{
    private static final RowMapper<Row> ROW_MAPPER = (resultSet, _) -> new Row(resultSet.getString("database_name"), resultSet.getString("document"));

    private final Handle handle;
    private final DocumentCodec codec;

    DatabaseDao(Handle handle, DocumentCodec codec)
    {
        this.handle = requireNonNull(handle, "handle is null");
        this.codec = requireNonNull(codec, "codec is null");
    }

    public Optional<ObjectNode> get(String name)
    {
        return select("SELECT database_name, document FROM glue_databases WHERE database_name = :name", name);
    }

    /**
     * Reads the database and locks it until the transaction ends.
     */
    public Optional<ObjectNode> getForUpdate(String name)
    {
        return select("SELECT database_name, document FROM glue_databases WHERE database_name = :name FOR UPDATE", name);
    }

    public boolean exists(String name)
    {
        return get(name).isPresent();
    }

    public void insert(String name, ObjectNode document)
    {
        handle.createUpdate("INSERT INTO glue_databases (database_name, document) VALUES (:name, :document)")
                .bind("name", name)
                .bind("document", codec.encode(document))
                .execute();
    }

    /**
     * Replaces the database document; a different new name renames the database, and the
     * foreign keys carry its tables, partitions, statistics and functions along.
     */
    public void update(String name, String newName, ObjectNode document)
    {
        handle.createUpdate("UPDATE glue_databases SET database_name = :newName, document = :document WHERE database_name = :name")
                .bind("name", name)
                .bind("newName", newName)
                .bind("document", codec.encode(document))
                .execute();
    }

    /**
     * Deletes the database with all its tables, partitions, statistics and functions.
     */
    public boolean delete(String name)
    {
        return handle.createUpdate("DELETE FROM glue_databases WHERE database_name = :name")
                .bind("name", name)
                .execute() > 0;
    }

    public ResultPage<ObjectNode> list(Optional<String> afterName, int limit)
    {
        List<Row> rows = handle.createQuery("""
                        SELECT database_name, document
                        FROM glue_databases
                        WHERE database_name > :after
                        ORDER BY database_name
                        FETCH FIRST :limit ROWS ONLY""")
                .bind("after", afterName.orElse(""))
                .bind("limit", limit + 1)
                .map(ROW_MAPPER)
                .list();
        return ResultPage.fromRows(rows, limit, Row::name, this::toDocument);
    }

    private Optional<ObjectNode> select(String sql, String name)
    {
        return handle.createQuery(sql)
                .bind("name", name)
                .map(ROW_MAPPER)
                .findOne()
                .map(this::toDocument);
    }

    private ObjectNode toDocument(Row row)
    {
        ObjectNode document = codec.decode(row.document());
        document.put("Name", row.name());
        return document;
    }

    private record Row(String name, String document) {}
}
