package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import io.lakehouse.catalog.store.CatalogStore;

import java.time.Clock;

import static io.lakehouse.catalog.glue.GlueErrorType.ALREADY_EXISTS;
import static io.lakehouse.catalog.glue.RequiredEntities.databaseNotFound;
import static java.util.Objects.requireNonNull;

/**
 * Glue database calls. A database is its {@code DatabaseInput} plus {@code CreateTime} and {@code CatalogId}.
 */
public final class DatabaseOperations
{
    // Glue's limit for GetDatabases MaxResults
    private static final int MAX_DATABASES_PER_PAGE = 100;

    private final CatalogStore store;
    private final CatalogId catalogId;
    private final Clock clock;

    @Inject
    public DatabaseOperations(CatalogStore store, CatalogId catalogId, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.catalogId = requireNonNull(catalogId, "catalogId is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public ObjectNode createDatabase(GlueRequest request)
    {
        ObjectNode input = request.requiredObject("DatabaseInput");
        String name = request.requiredName(input, "DatabaseInput", "Name");
        ObjectNode database = input.deepCopy();
        database.put("Name", name);
        database.set("CreateTime", GlueTimestamps.now(clock));
        database.put("CatalogId", catalogId.value());

        return store.inTransaction(transaction -> {
            if (transaction.databases().exists(name)) {
                throw new GlueException(ALREADY_EXISTS, "Database %s already exists; choose another name or delete the existing database first".formatted(name));
            }
            transaction.databases().insert(name, database);
            return emptyResponse();
        });
    }

    public ObjectNode getDatabase(GlueRequest request)
    {
        String name = request.requiredName("Name");
        ObjectNode database = store.inTransaction(transaction -> RequiredEntities.database(transaction, name));
        ObjectNode response = emptyResponse();
        response.set("Database", database);
        return response;
    }

    public ObjectNode getDatabases(GlueRequest request)
    {
        int maxResults = request.maxResults(MAX_DATABASES_PER_PAGE);
        var page = store.inTransaction(transaction -> transaction.databases().list(PageToken.readKey(request), maxResults));
        return PageToken.listResponse(request.operation(), "DatabaseList", page);
    }

    /**
     * Replaces the database definition. A different {@code DatabaseInput.Name} renames the
     * database, moving its tables, partitions and functions with it.
     */
    public ObjectNode updateDatabase(GlueRequest request)
    {
        String name = request.requiredName("Name");
        ObjectNode input = request.requiredObject("DatabaseInput");
        String newName = request.requiredName(input, "DatabaseInput", "Name");

        return store.inTransaction(transaction -> {
            ObjectNode existing = transaction.databases().getForUpdate(name)
                    .orElseThrow(() -> databaseNotFound(name));
            if (!newName.equals(name) && transaction.databases().exists(newName)) {
                throw new GlueException(ALREADY_EXISTS, "Cannot rename database %s to %s: database %s already exists".formatted(name, newName, newName));
            }
            ObjectNode database = input.deepCopy();
            database.put("Name", newName);
            database.set("CreateTime", existing.get("CreateTime"));
            database.put("CatalogId", catalogId.value());
            transaction.databases().update(name, newName, database);
            return emptyResponse();
        });
    }

    /**
     * Deletes the database with everything in it, as Glue does.
     */
    public ObjectNode deleteDatabase(GlueRequest request)
    {
        String name = request.requiredName("Name");
        return store.inTransaction(transaction -> {
            if (!transaction.databases().delete(name)) {
                throw databaseNotFound(name);
            }
            return emptyResponse();
        });
    }

    private static ObjectNode emptyResponse()
    {
        return JsonNodeFactory.instance.objectNode();
    }
}
