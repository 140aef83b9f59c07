package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import com.google.inject.Inject;
import io.lakehouse.catalog.store.CatalogStore;
import io.lakehouse.catalog.store.PartitionKey;
import io.lakehouse.catalog.store.StoredTable;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static io.lakehouse.catalog.glue.GlueErrorType.ENTITY_NOT_FOUND;
import static io.lakehouse.catalog.glue.GlueErrorType.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

/**
 * Glue column statistics of tables and partitions, one {@code ColumnStatistics} document per column,
 * stored as sent. Deleting statistics that do not exist succeeds: Trino deletes the statistics of
 * every column it did not analyze and treats EntityNotFoundException as a missing table.
 */
public final class ColumnStatisticsOperations
{
    // Glue's limits for the number of columns read and written per call
    private static final int MAX_COLUMNS_READ = 100;
    private static final int MAX_COLUMNS_WRITTEN = 25;

    private final CatalogStore store;

    @Inject
    public ColumnStatisticsOperations(CatalogStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    public ObjectNode getColumnStatisticsForTable(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        Set<String> columnNames = columnNames(request);

        List<ObjectNode> statistics = store.inTransaction(transaction -> {
            RequiredEntities.table(transaction, databaseName, tableName);
            return transaction.columnStatistics().getForTable(databaseName, tableName, columnNames);
        });
        return statisticsResponse(columnNames, statistics, "table %s.%s".formatted(databaseName, tableName));
    }

    public ObjectNode updateColumnStatisticsForTable(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        List<ObjectNode> statistics = statisticsList(request);

        return store.inTransaction(transaction -> {
            StoredTable table = RequiredEntities.tableForUpdate(transaction, databaseName, tableName);
            return writeStatistics(
                    statistics,
                    TableSchema.of(table.document()),
                    "table %s.%s".formatted(databaseName, tableName),
                    (columnName, document) -> transaction.columnStatistics().putForTable(databaseName, tableName, columnName, document));
        });
    }

    public ObjectNode deleteColumnStatisticsForTable(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        String columnName = request.requiredName("ColumnName");

        return store.inTransaction(transaction -> {
            RequiredEntities.tableForUpdate(transaction, databaseName, tableName);
            transaction.columnStatistics().deleteForTable(databaseName, tableName, columnName);
            return emptyResponse();
        });
    }

    public ObjectNode getColumnStatisticsForPartition(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        PartitionKey partition = new PartitionKey(request.requiredStringList("PartitionValues"));
        Set<String> columnNames = columnNames(request);

        List<ObjectNode> statistics = store.inTransaction(transaction -> {
            RequiredEntities.partition(transaction, databaseName, tableName, partition);
            return transaction.columnStatistics().getForPartition(databaseName, tableName, partition, columnNames);
        });
        return statisticsResponse(columnNames, statistics, "partition %s of table %s.%s".formatted(partition.values(), databaseName, tableName));
    }

    public ObjectNode updateColumnStatisticsForPartition(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        PartitionKey partition = new PartitionKey(request.requiredStringList("PartitionValues"));
        List<ObjectNode> statistics = statisticsList(request);

        return store.inTransaction(transaction -> {
            StoredTable table = RequiredEntities.table(transaction, databaseName, tableName);
            ObjectNode partitionDocument = RequiredEntities.partitionForUpdate(transaction, databaseName, tableName, partition);
            // a partition written before a column was added to the table lacks that column, but
            // analyzing it through the table's current schema is still meaningful
            TableSchema tableSchema = TableSchema.of(table.document());
            TableSchema partitionSchema = TableSchema.of(partitionDocument);
            TableSchema schema = new TableSchema(
                    ImmutableSet.<String>builder().addAll(partitionSchema.dataColumns()).addAll(tableSchema.dataColumns()).build().asList(),
                    tableSchema.partitionKeys());
            return writeStatistics(
                    statistics,
                    schema,
                    "partition %s of table %s.%s".formatted(partition.values(), databaseName, tableName),
                    (columnName, document) -> transaction.columnStatistics().putForPartition(databaseName, tableName, partition, columnName, document));
        });
    }

    public ObjectNode deleteColumnStatisticsForPartition(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        PartitionKey partition = new PartitionKey(request.requiredStringList("PartitionValues"));
        String columnName = request.requiredName("ColumnName");

        return store.inTransaction(transaction -> {
            RequiredEntities.partitionForUpdate(transaction, databaseName, tableName, partition);
            transaction.columnStatistics().deleteForPartition(databaseName, tableName, partition, columnName);
            return emptyResponse();
        });
    }

    private static Set<String> columnNames(GlueRequest request)
    {
        List<String> columnNames = request.requiredStringList("ColumnNames");
        if (columnNames.size() > MAX_COLUMNS_READ) {
            throw request.invalidInput("%s accepts at most %s ColumnNames, but got %s; split the call", request.operation(), MAX_COLUMNS_READ, columnNames.size());
        }
        return columnNames.stream()
                .map(name -> GlueRequest.normalizeName(request.operation(), "ColumnNames", name))
                .collect(toImmutableSet());
    }

    private static List<ObjectNode> statisticsList(GlueRequest request)
    {
        List<ObjectNode> statistics = request.requiredObjectList("ColumnStatisticsList");
        if (statistics.size() > MAX_COLUMNS_WRITTEN) {
            throw request.invalidInput("%s accepts at most %s entries in ColumnStatisticsList, but got %s; split the call", request.operation(), MAX_COLUMNS_WRITTEN, statistics.size());
        }
        return statistics;
    }

    /**
     * Stores each statistics document whose column belongs to the schema; the others are
     * reported in {@code Errors}, as Glue does.
     */
    private static ObjectNode writeStatistics(List<ObjectNode> statistics, TableSchema schema, String owner, BiConsumer<String, ObjectNode> writer)
    {
        ObjectNode response = emptyResponse();
        ArrayNode errors = response.putArray("Errors");
        for (ObjectNode columnStatistics : statistics) {
            JsonNode columnName = columnStatistics.get("ColumnName");
            JsonNode data = columnStatistics.get("StatisticsData");
            String error;
            if (columnName == null || !columnName.isTextual()) {
                error = "ColumnStatistics requires the string field ColumnName";
            }
            else if (data == null || !data.path("Type").isTextual()) {
                error = "ColumnStatistics of column %s requires StatisticsData with a Type".formatted(columnName.textValue());
            }
            else if (!schema.hasColumn(columnName.textValue().toLowerCase(Locale.ROOT))) {
                error = "Column %s is not a column of %s; its columns are %s and its partition keys %s".formatted(columnName.textValue(), owner, schema.dataColumns(), schema.partitionKeys());
            }
            else {
                String normalizedName = columnName.textValue().toLowerCase(Locale.ROOT);
                ObjectNode document = columnStatistics.deepCopy();
                document.put("ColumnName", normalizedName);
                writer.accept(normalizedName, document);
                continue;
            }
            ObjectNode failure = errors.addObject();
            failure.set("ColumnStatistics", columnStatistics);
            failure.set("Error", errorDetail(INVALID_INPUT, error));
        }
        return response;
    }

    private static ObjectNode statisticsResponse(Set<String> requestedColumns, List<ObjectNode> statistics, String owner)
    {
        ObjectNode response = emptyResponse();
        response.putArray("ColumnStatisticsList").addAll(statistics);
        Set<String> found = statistics.stream()
                .map(document -> document.path("ColumnName").asText())
                .collect(toImmutableSet());
        ArrayNode errors = response.putArray("Errors");
        for (String column : requestedColumns) {
            if (!found.contains(column)) {
                ObjectNode error = errors.addObject();
                error.put("ColumnName", column);
                error.set("Error", errorDetail(ENTITY_NOT_FOUND, "No statistics for column %s of %s; compute them with ANALYZE".formatted(column, owner)));
            }
        }
        return response;
    }

    private static ObjectNode errorDetail(GlueErrorType type, String message)
    {
        ObjectNode detail = emptyResponse();
        detail.put("ErrorCode", type.code());
        detail.put("ErrorMessage", message);
        return detail;
    }

    private static ObjectNode emptyResponse()
    {
        return JsonNodeFactory.instance.objectNode();
    }
}
