package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import io.lakehouse.catalog.store.CatalogStore;
import io.lakehouse.catalog.store.StoredTable;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static io.lakehouse.catalog.glue.GlueErrorType.ALREADY_EXISTS;
import static io.lakehouse.catalog.glue.GlueErrorType.CONCURRENT_MODIFICATION;
import static io.lakehouse.catalog.glue.GlueErrorType.ENTITY_NOT_FOUND;
import static io.lakehouse.catalog.glue.GlueErrorType.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

/**
 * Glue table calls. A table is its {@code TableInput} plus {@code DatabaseName}, {@code CreateTime},
 * {@code UpdateTime}, {@code VersionId} and {@code CatalogId}. Every update creates a new version;
 * the previous one stays readable through GetTableVersions unless the update asked to skip the archive.
 */
public final class TableOperations
{
    // Glue's limits for GetTables and GetTableVersions MaxResults
    private static final int MAX_TABLES_PER_PAGE = 100;
    private static final int MAX_VERSIONS_PER_PAGE = 100;

    // Glue numbers the version a table is created with 0
    private static final long FIRST_VERSION = 0;

    private final CatalogStore store;
    private final CatalogId catalogId;
    private final Clock clock;

    @Inject
    public TableOperations(CatalogStore store, CatalogId catalogId, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.catalogId = requireNonNull(catalogId, "catalogId is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public ObjectNode createTable(GlueRequest request)
    {
        // PartitionIndexes only speed up partition filtering in Glue; there is nothing to build here
        request.rejectUnsupported("TransactionId", "OpenTableFormatInput");
        String databaseName = request.requiredName("DatabaseName");
        ObjectNode input = request.requiredObject("TableInput");
        String tableName = request.requiredName(input, "TableInput", "Name");
        validatePartitionKeys(request, input);
        JsonNode now = GlueTimestamps.now(clock);
        ObjectNode table = tableDocument(databaseName, tableName, input, now, now);

        return store.inTransaction(transaction -> {
            RequiredEntities.database(transaction, databaseName);
            if (transaction.tables().get(databaseName, tableName).isPresent()) {
                throw new GlueException(ALREADY_EXISTS, "Table %s.%s already exists; choose another name, delete the table first, or change it with UpdateTable".formatted(databaseName, tableName));
            }
            transaction.tables().insert(databaseName, tableName, FIRST_VERSION, table);
            return emptyResponse();
        });
    }

    public ObjectNode getTable(GlueRequest request)
    {
        request.rejectUnsupported("TransactionId", "QueryAsOfTime");
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("Name");
        StoredTable table = store.inTransaction(transaction -> RequiredEntities.table(transaction, databaseName, tableName));
        ObjectNode response = emptyResponse();
        response.set("Table", table.document());
        return response;
    }

    /**
     * Lists the tables of a database; {@code Expression} is a regular expression the whole
     * table name must match, ignoring case.
     */
    public ObjectNode getTables(GlueRequest request)
    {
        request.rejectUnsupported("TransactionId", "QueryAsOfTime");
        String databaseName = request.requiredName("DatabaseName");
        Predicate<String> nameFilter = request.optionalNamePattern("Expression");
        int maxResults = request.maxResults(MAX_TABLES_PER_PAGE);
        Optional<String> afterName = PageToken.readKey(request);

        var page = store.inTransaction(transaction -> {
            RequiredEntities.database(transaction, databaseName);
            return transaction.tables().list(databaseName, afterName, maxResults, nameFilter);
        });
        return PageToken.listResponse(request.operation(), "TableList", page);
    }

    /**
     * Replaces the table named by {@code TableInput.Name} with a new version. A {@code VersionId}
     * in the request must name the current version, so that concurrent writers do not overwrite
     * each other's changes.
     */
    public ObjectNode updateTable(GlueRequest request)
    {
        request.rejectUnsupported("TransactionId", "ViewUpdateAction");
        String databaseName = request.requiredName("DatabaseName");
        ObjectNode input = request.requiredObject("TableInput");
        String tableName = request.requiredName(input, "TableInput", "Name");
        validatePartitionKeys(request, input);
        Optional<Long> expectedVersion = request.optionalString("VersionId").map(version -> parseVersion(request, version));
        boolean skipArchive = request.optionalBoolean("SkipArchive", false);

        return store.inTransaction(transaction -> {
            StoredTable existing = RequiredEntities.tableForUpdate(transaction, databaseName, tableName);
            if (expectedVersion.isPresent() && expectedVersion.get() != existing.versionId()) {
                throw new GlueException(CONCURRENT_MODIFICATION, "Table %s.%s is at version %s, but UpdateTable expected version %s; read the table again and reapply the change".formatted(
                        databaseName, tableName, existing.versionId(), expectedVersion.get()));
            }
            long newVersion = existing.versionId() + 1;
            ObjectNode table = tableDocument(databaseName, tableName, input, existing.document().get("CreateTime"), GlueTimestamps.now(clock));
            transaction.tables().update(databaseName, tableName, newVersion, table);
            if (skipArchive) {
                transaction.tables().deleteVersion(databaseName, tableName, existing.versionId());
            }
            return emptyResponse();
        });
    }

    /**
     * Deletes the table with its partitions, statistics and versions.
     */
    public ObjectNode deleteTable(GlueRequest request)
    {
        request.rejectUnsupported("TransactionId");
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("Name");
        return store.inTransaction(transaction -> {
            if (!transaction.tables().delete(databaseName, tableName)) {
                throw RequiredEntities.tableNotFound(transaction, databaseName, tableName);
            }
            return emptyResponse();
        });
    }

    /**
     * Lists the stored versions of a table, newest first.
     */
    public ObjectNode getTableVersions(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        int maxResults = request.maxResults(MAX_VERSIONS_PER_PAGE);
        Optional<Long> beforeVersion = PageToken.readKey(request).map(key -> parseToken(request, key));

        var page = store.inTransaction(transaction -> {
            RequiredEntities.table(transaction, databaseName, tableName);
            return transaction.tables().listVersions(databaseName, tableName, beforeVersion, maxResults);
        });
        ObjectNode response = emptyResponse();
        ArrayNode versions = response.putArray("TableVersions");
        page.items().forEach(version -> versions.add(tableVersion(version.document())));
        PageToken.toToken(request.operation(), page.nextKey()).ifPresent(token -> response.put("NextToken", token));
        return response;
    }

    /**
     * Returns one stored version of a table, the current one when no {@code VersionId} is given.
     */
    public ObjectNode getTableVersion(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        Optional<Long> versionId = request.optionalString("VersionId").map(version -> parseVersion(request, version));

        ObjectNode table = store.inTransaction(transaction -> {
            StoredTable current = RequiredEntities.table(transaction, databaseName, tableName);
            if (versionId.isEmpty()) {
                return current.document();
            }
            return transaction.tables().getVersion(databaseName, tableName, versionId.get())
                    .orElseThrow(() -> new GlueException(ENTITY_NOT_FOUND, "Version %s of table %s.%s not found; the current version is %s, and versions updated with SkipArchive are not kept".formatted(
                            versionId.get(), databaseName, tableName, current.versionId())));
        });
        ObjectNode response = emptyResponse();
        response.set("TableVersion", tableVersion(table));
        return response;
    }

    private ObjectNode tableDocument(String databaseName, String tableName, ObjectNode input, JsonNode createTime, JsonNode updateTime)
    {
        ObjectNode table = input.deepCopy();
        table.put("Name", tableName);
        table.put("DatabaseName", databaseName);
        table.set("CreateTime", createTime);
        table.set("UpdateTime", updateTime);
        table.put("CatalogId", catalogId.value());
        table.put("IsRegisteredWithLakeFormation", false);
        return table;
    }

    private static ObjectNode tableVersion(ObjectNode table)
    {
        ObjectNode version = emptyResponse();
        version.set("Table", table);
        version.set("VersionId", table.get("VersionId"));
        return version;
    }

    private static void validatePartitionKeys(GlueRequest request, ObjectNode input)
    {
        List<ObjectNode> partitionKeys = GlueRequest.objectList(request.operation(), input, "PartitionKeys").orElse(List.of());
        for (ObjectNode partitionKey : partitionKeys) {
            request.requiredName(partitionKey, "TableInput.PartitionKeys", "Name");
        }
    }

    private static long parseVersion(GlueRequest request, String version)
    {
        try {
            return Long.parseLong(version);
        }
        catch (NumberFormatException e) {
            throw new GlueException(INVALID_INPUT, "%s VersionId must be a version number returned by GetTable or GetTableVersions, but was '%s'".formatted(request.operation(), version));
        }
    }

    private static long parseToken(GlueRequest request, String key)
    {
        try {
            return Long.parseLong(key);
        }
        catch (NumberFormatException e) {
            throw PageToken.invalidToken(request.operation());
        }
    }

    private static ObjectNode emptyResponse()
    {
        return JsonNodeFactory.instance.objectNode();
    }
}
