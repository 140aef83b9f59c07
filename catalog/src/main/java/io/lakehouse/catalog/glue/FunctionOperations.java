package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import io.lakehouse.catalog.store.CatalogStore;
import io.lakehouse.catalog.store.FunctionDao.FunctionCursor;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;

import static io.lakehouse.catalog.glue.GlueErrorType.ALREADY_EXISTS;
import static io.lakehouse.catalog.glue.GlueErrorType.ENTITY_NOT_FOUND;
import static java.util.Objects.requireNonNull;

/**
 * Glue user-defined function calls; Trino keeps SQL routines this way. A function is its
 * {@code FunctionInput} plus {@code DatabaseName}, {@code CreateTime} and {@code CatalogId}.
 */
public final class FunctionOperations
{
    // Glue's limit for GetUserDefinedFunctions MaxResults
    private static final int MAX_FUNCTIONS_PER_PAGE = 100;

    private final CatalogStore store;
    private final CatalogId catalogId;
    private final Clock clock;

    @Inject
    public FunctionOperations(CatalogStore store, CatalogId catalogId, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.catalogId = requireNonNull(catalogId, "catalogId is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public ObjectNode createUserDefinedFunction(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        ObjectNode input = request.requiredObject("FunctionInput");
        String functionName = request.requiredName(input, "FunctionInput", "FunctionName");
        ObjectNode function = functionDocument(databaseName, functionName, input);
        function.set("CreateTime", GlueTimestamps.now(clock));

        return store.inTransaction(transaction -> {
            RequiredEntities.database(transaction, databaseName);
            if (transaction.functions().exists(databaseName, functionName)) {
                throw new GlueException(ALREADY_EXISTS, "Function %s.%s already exists; change it with UpdateUserDefinedFunction or delete it first".formatted(databaseName, functionName));
            }
            transaction.functions().insert(databaseName, functionName, function);
            return emptyResponse();
        });
    }

    public ObjectNode getUserDefinedFunction(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String functionName = request.requiredName("FunctionName");

        ObjectNode function = store.inTransaction(transaction -> {
            RequiredEntities.database(transaction, databaseName);
            return transaction.functions().get(databaseName, functionName)
                    .orElseThrow(() -> functionNotFound(databaseName, functionName));
        });
        ObjectNode response = emptyResponse();
        response.set("UserDefinedFunction", function);
        return response;
    }

    /**
     * Lists the functions of one database, or of all databases without {@code DatabaseName};
     * {@code Pattern} is a regular expression the whole function name must match.
     */
    public ObjectNode getUserDefinedFunctions(GlueRequest request)
    {
        Optional<String> databaseName = request.optionalName("DatabaseName");
        Predicate<String> nameFilter = request.optionalNamePattern("Pattern");
        int maxResults = request.maxResults(MAX_FUNCTIONS_PER_PAGE);
        Optional<FunctionCursor> after = PageToken.readKey(request).map(key -> cursor(request, key));

        var page = store.inTransaction(transaction -> {
            databaseName.ifPresent(name -> RequiredEntities.database(transaction, name));
            return transaction.functions().list(databaseName, after, maxResults, nameFilter);
        });
        return PageToken.listResponse(request.operation(), "UserDefinedFunctions", page);
    }

    /**
     * Replaces a function; a different {@code FunctionInput.FunctionName} renames it.
     */
    public ObjectNode updateUserDefinedFunction(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String functionName = request.requiredName("FunctionName");
        ObjectNode input = request.requiredObject("FunctionInput");
        String newFunctionName = request.requiredName(input, "FunctionInput", "FunctionName");

        return store.inTransaction(transaction -> {
            RequiredEntities.database(transaction, databaseName);
            ObjectNode existing = transaction.functions().get(databaseName, functionName)
                    .orElseThrow(() -> functionNotFound(databaseName, functionName));
            if (!newFunctionName.equals(functionName) && transaction.functions().exists(databaseName, newFunctionName)) {
                throw new GlueException(ALREADY_EXISTS, "Cannot rename function %s.%s to %s: that function already exists".formatted(databaseName, functionName, newFunctionName));
            }
            ObjectNode function = functionDocument(databaseName, newFunctionName, input);
            function.set("CreateTime", existing.get("CreateTime"));
            transaction.functions().update(databaseName, functionName, newFunctionName, function);
            return emptyResponse();
        });
    }

    public ObjectNode deleteUserDefinedFunction(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String functionName = request.requiredName("FunctionName");

        return store.inTransaction(transaction -> {
            RequiredEntities.database(transaction, databaseName);
            if (!transaction.functions().delete(databaseName, functionName)) {
                throw functionNotFound(databaseName, functionName);
            }
            return emptyResponse();
        });
    }

    private ObjectNode functionDocument(String databaseName, String functionName, ObjectNode input)
    {
        ObjectNode function = input.deepCopy();
        function.put("FunctionName", functionName);
        function.put("DatabaseName", databaseName);
        function.put("CatalogId", catalogId.value());
        return function;
    }

    private static FunctionCursor cursor(GlueRequest request, String key)
    {
        try {
            return FunctionCursor.decode(key);
        }
        catch (IllegalArgumentException e) {
            throw PageToken.invalidToken(request.operation());
        }
    }

    private static GlueException functionNotFound(String databaseName, String functionName)
    {
        return new GlueException(ENTITY_NOT_FOUND, "Function %s.%s not found; create it with CreateUserDefinedFunction or check the name".formatted(databaseName, functionName));
    }

    private static ObjectNode emptyResponse()
    {
        return JsonNodeFactory.instance.objectNode();
    }
}
