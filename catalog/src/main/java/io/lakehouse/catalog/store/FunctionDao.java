package io.lakehouse.catalog.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.util.Optional;
import java.util.function.Predicate;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * User-defined functions of Glue databases. The document is returned with {@code DatabaseName}
 * and {@code FunctionName} taken from the key columns.
 */
public final class FunctionDao
{
    private static final RowMapper<Row> ROW_MAPPER = (resultSet, _) -> new Row(
            resultSet.getString("database_name"),
            resultSet.getString("function_name"),
            resultSet.getString("document"));

    private final Handle handle;
    private final DocumentCodec codec;

    FunctionDao(Handle handle, DocumentCodec codec)
    {
        this.handle = requireNonNull(handle, "handle is null");
        this.codec = requireNonNull(codec, "codec is null");
    }

    public Optional<ObjectNode> get(String databaseName, String functionName)
    {
        return handle.createQuery("SELECT database_name, function_name, document FROM glue_functions WHERE database_name = :databaseName AND function_name = :functionName")
                .bind("databaseName", databaseName)
                .bind("functionName", functionName)
                .map(ROW_MAPPER)
                .findOne()
                .map(this::toDocument);
    }

    public boolean exists(String databaseName, String functionName)
    {
        return get(databaseName, functionName).isPresent();
    }

    public void insert(String databaseName, String functionName, ObjectNode document)
    {
        handle.createUpdate("INSERT INTO glue_functions (database_name, function_name, document) VALUES (:databaseName, :functionName, :document)")
                .bind("databaseName", databaseName)
                .bind("functionName", functionName)
                .bind("document", codec.encode(document))
                .execute();
    }

    /**
     * Replaces the function document; a different new name renames the function.
     */
    public void update(String databaseName, String functionName, String newFunctionName, ObjectNode document)
    {
        handle.createUpdate("UPDATE glue_functions SET function_name = :newFunctionName, document = :document WHERE database_name = :databaseName AND function_name = :functionName")
                .bind("databaseName", databaseName)
                .bind("functionName", functionName)
                .bind("newFunctionName", newFunctionName)
                .bind("document", codec.encode(document))
                .execute();
    }

    public boolean delete(String databaseName, String functionName)
    {
        return handle.createUpdate("DELETE FROM glue_functions WHERE database_name = :databaseName AND function_name = :functionName")
                .bind("databaseName", databaseName)
                .bind("functionName", functionName)
                .execute() > 0;
    }

    /**
     * Lists the functions of one database, or of all databases, ordered by database and name.
     */
    public ResultPage<ObjectNode> list(Optional<String> databaseName, Optional<FunctionCursor> after, int limit, Predicate<String> nameFilter)
    {
        return ResultPage.scan(
                (afterKey, batchSize) -> {
                    FunctionCursor cursor = afterKey.map(FunctionCursor::decode).orElse(new FunctionCursor("", ""));
                    Query query = handle.createQuery("""
                                    SELECT database_name, function_name, document
                                    FROM glue_functions
                                    WHERE (database_name > :afterDatabase OR (database_name = :afterDatabase AND function_name > :afterFunction))
                                    %s
                                    ORDER BY database_name, function_name
                                    FETCH FIRST :limit ROWS ONLY""".formatted(databaseName.isPresent() ? "AND database_name = :databaseName" : ""))
                            .bind("afterDatabase", cursor.databaseName())
                            .bind("afterFunction", cursor.functionName())
                            .bind("limit", batchSize);
                    databaseName.ifPresent(name -> query.bind("databaseName", name));
                    return query.map(ROW_MAPPER).list();
                },
                after.map(FunctionCursor::encode),
                row -> nameFilter.test(row.functionName()),
                limit,
                row -> new FunctionCursor(row.databaseName(), row.functionName()).encode(),
                this::toDocument);
    }

    private ObjectNode toDocument(Row row)
    {
        ObjectNode document = codec.decode(row.document());
        document.put("DatabaseName", row.databaseName());
        document.put("FunctionName", row.functionName());
        return document;
    }

    private record Row(String databaseName, String functionName, String document) {}

    /**
     * Position in a function listing that spans databases.
     */
    public record FunctionCursor(String databaseName, String functionName)
    {
        public FunctionCursor
        {
            requireNonNull(databaseName, "databaseName is null");
            requireNonNull(functionName, "functionName is null");
        }

        public String encode()
        {
            // length prefix: names may contain any character
            return databaseName.length() + ":" + databaseName + functionName;
        }

        public static FunctionCursor decode(String encoded)
        {
            int separator = encoded.indexOf(':');
            checkArgument(separator > 0, "Invalid function cursor: %s", encoded);
            int length = Integer.parseInt(encoded.substring(0, separator));
            checkArgument(length >= 0 && separator + 1 + length <= encoded.length(), "Invalid function cursor: %s", encoded);
            return new FunctionCursor(encoded.substring(separator + 1, separator + 1 + length), encoded.substring(separator + 1 + length));
        }
    }
}
