package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedSet;
import com.google.inject.Inject;
import io.lakehouse.catalog.store.ConcurrentCatalogUpdateException;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.lakehouse.catalog.glue.GlueErrorType.CONCURRENT_MODIFICATION;
import static io.lakehouse.catalog.glue.GlueErrorType.ENTITY_NOT_FOUND;
import static io.lakehouse.catalog.glue.GlueErrorType.UNKNOWN_OPERATION;
import static java.util.Objects.requireNonNull;

/**
 * Executes Glue API calls by operation name, independent of HTTP.
 */
public final class GlueOperations
{
    private final CatalogId catalogId;
    private final Map<String, Function<GlueRequest, ObjectNode>> operations;

    @Inject
    public GlueOperations(
            CatalogId catalogId,
            DatabaseOperations databases,
            TableOperations tables,
            PartitionOperations partitions,
            ColumnStatisticsOperations columnStatistics,
            FunctionOperations functions)
    {
        this.catalogId = requireNonNull(catalogId, "catalogId is null");
        requireNonNull(databases, "databases is null");
        requireNonNull(tables, "tables is null");
        requireNonNull(partitions, "partitions is null");
        requireNonNull(columnStatistics, "columnStatistics is null");
        requireNonNull(functions, "functions is null");
        this.operations = ImmutableMap.<String, Function<GlueRequest, ObjectNode>>builder()
                .put("CreateDatabase", databases::createDatabase)
                .put("GetDatabase", databases::getDatabase)
                .put("GetDatabases", databases::getDatabases)
                .put("UpdateDatabase", databases::updateDatabase)
                .put("DeleteDatabase", databases::deleteDatabase)
                .put("CreateTable", tables::createTable)
                .put("GetTable", tables::getTable)
                .put("GetTables", tables::getTables)
                .put("UpdateTable", tables::updateTable)
                .put("DeleteTable", tables::deleteTable)
                .put("GetTableVersions", tables::getTableVersions)
                .put("GetTableVersion", tables::getTableVersion)
                .put("CreatePartition", partitions::createPartition)
                .put("BatchCreatePartition", partitions::batchCreatePartition)
                .put("GetPartition", partitions::getPartition)
                .put("GetPartitions", partitions::getPartitions)
                .put("BatchGetPartition", partitions::batchGetPartition)
                .put("UpdatePartition", partitions::updatePartition)
                .put("BatchUpdatePartition", partitions::batchUpdatePartition)
                .put("DeletePartition", partitions::deletePartition)
                .put("BatchDeletePartition", partitions::batchDeletePartition)
                .put("GetColumnStatisticsForTable", columnStatistics::getColumnStatisticsForTable)
                .put("UpdateColumnStatisticsForTable", columnStatistics::updateColumnStatisticsForTable)
                .put("DeleteColumnStatisticsForTable", columnStatistics::deleteColumnStatisticsForTable)
                .put("GetColumnStatisticsForPartition", columnStatistics::getColumnStatisticsForPartition)
                .put("UpdateColumnStatisticsForPartition", columnStatistics::updateColumnStatisticsForPartition)
                .put("DeleteColumnStatisticsForPartition", columnStatistics::deleteColumnStatisticsForPartition)
                .put("CreateUserDefinedFunction", functions::createUserDefinedFunction)
                .put("GetUserDefinedFunction", functions::getUserDefinedFunction)
                .put("GetUserDefinedFunctions", functions::getUserDefinedFunctions)
                .put("UpdateUserDefinedFunction", functions::updateUserDefinedFunction)
                .put("DeleteUserDefinedFunction", functions::deleteUserDefinedFunction)
                .buildOrThrow();
    }

    public Set<String> supportedOperations()
    {
        return ImmutableSortedSet.copyOf(operations.keySet());
    }

    /**
     * Executes one call and returns the response body.
     *
     * @throws GlueException with the Glue error to report to the client
     */
    public ObjectNode execute(String operation, ObjectNode body)
    {
        requireNonNull(operation, "operation is null");
        requireNonNull(body, "body is null");
        Function<GlueRequest, ObjectNode> handler = operations.get(operation);
        if (handler == null) {
            throw new GlueException(UNKNOWN_OPERATION, "Operation %s is not supported by this catalog; supported operations are %s".formatted(operation, supportedOperations()));
        }
        GlueRequest request = new GlueRequest(operation, body);
        request.optionalString("CatalogId").ifPresent(this::checkCatalogId);
        try {
            return handler.apply(request);
        }
        catch (ConcurrentCatalogUpdateException e) {
            throw new GlueException(CONCURRENT_MODIFICATION, "%s failed: %s".formatted(operation, e.getMessage()), e);
        }
    }

    private void checkCatalogId(String requested)
    {
        if (!requested.equals(catalogId.value())) {
            throw new GlueException(ENTITY_NOT_FOUND, "Catalog %s not found; this endpoint serves catalog %s. Set the client's catalog id to %s or leave it unset".formatted(requested, catalogId.value(), catalogId.value()));
        }
    }
}
