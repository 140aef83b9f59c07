package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import com.google.inject.Inject;
import io.lakehouse.catalog.store.CatalogStore;
import io.lakehouse.catalog.store.CatalogTransaction;
import io.lakehouse.catalog.store.PartitionKey;
import io.lakehouse.catalog.store.ResultPage;
import io.lakehouse.catalog.store.Segment;
import io.lakehouse.catalog.store.StoredTable;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.lakehouse.catalog.glue.GlueErrorType.ALREADY_EXISTS;
import static io.lakehouse.catalog.glue.GlueErrorType.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

/**
 * Glue partition calls. A partition is its {@code PartitionInput} plus {@code DatabaseName},
 * {@code TableName}, {@code CreationTime} and {@code CatalogId}; it is identified by its values,
 * one per partition key of the table. Batch calls report failures of single entries in
 * {@code Errors} and apply the other entries, as Glue does.
 */
public final class PartitionOperations
{
    // Glue's limits for list sizes and page sizes of the partition calls
    private static final int MAX_PARTITIONS_PER_PAGE = 1000;
    private static final int MAX_BATCH_GET = 1000;
    private static final int MAX_BATCH_CREATE = 100;
    private static final int MAX_BATCH_UPDATE = 100;
    private static final int MAX_BATCH_DELETE = 25;
    private static final int MAX_SEGMENTS = 10;

    private final CatalogStore store;
    private final CatalogId catalogId;
    private final Clock clock;

    @Inject
    public PartitionOperations(CatalogStore store, CatalogId catalogId, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.catalogId = requireNonNull(catalogId, "catalogId is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public ObjectNode createPartition(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        ObjectNode input = request.requiredObject("PartitionInput");
        PartitionKey key = partitionKey(request, input, "PartitionInput", "Values");

        return store.inTransaction(transaction -> {
            StoredTable table = RequiredEntities.table(transaction, databaseName, tableName);
            createPartition(transaction, table, key, input);
            return emptyResponse();
        });
    }

    public ObjectNode batchCreatePartition(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        List<ObjectNode> inputs = boundedList(request, "PartitionInputList", MAX_BATCH_CREATE);

        return store.inTransaction(transaction -> {
            StoredTable table = RequiredEntities.table(transaction, databaseName, tableName);
            ObjectNode response = emptyResponse();
            ArrayNode errors = response.putArray("Errors");
            for (ObjectNode input : inputs) {
                try {
                    createPartition(transaction, table, partitionKey(request, input, "PartitionInput", "Values"), input);
                }
                catch (GlueException e) {
                    errors.add(partitionError("PartitionValues", input.get("Values"), e));
                }
            }
            return response;
        });
    }

    public ObjectNode getPartition(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        PartitionKey key = new PartitionKey(request.requiredStringList("PartitionValues"));

        ObjectNode partition = store.inTransaction(transaction -> RequiredEntities.partition(transaction, databaseName, tableName, key));
        ObjectNode response = emptyResponse();
        response.set("Partition", partition);
        return response;
    }

    /**
     * Lists the partitions of a table, or of one segment of it, that satisfy the {@code Expression}
     * on the partition keys (see {@link PartitionExpression}).
     */
    public ObjectNode getPartitions(GlueRequest request)
    {
        request.rejectUnsupported("TransactionId", "QueryAsOfTime");
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        Optional<Segment> segment = request.optionalObject("Segment").map(node -> segment(request, node));
        int maxResults = request.maxResults(MAX_PARTITIONS_PER_PAGE);
        boolean excludeColumnSchema = request.optionalBoolean("ExcludeColumnSchema", false);
        Optional<String> afterPartitionId = PageToken.readKey(request);

        Optional<String> expression = request.optionalString("Expression");

        ResultPage<ObjectNode> page = store.inTransaction(transaction -> {
            StoredTable table = RequiredEntities.table(transaction, databaseName, tableName);
            Optional<Predicate<ObjectNode>> filter = expression.map(text -> {
                PartitionExpression parsed = PartitionExpression.parse(text, partitionKeyTypes(table));
                return partition -> parsed.matches(values(partition));
            });
            return transaction.partitions().list(databaseName, tableName, afterPartitionId, segment, filter, maxResults);
        });
        if (excludeColumnSchema) {
            page.items().forEach(partition -> {
                if (partition.get("StorageDescriptor") instanceof ObjectNode storageDescriptor) {
                    storageDescriptor.remove("Columns");
                }
            });
        }
        return PageToken.listResponse(request.operation(), "Partitions", page);
    }

    /**
     * Returns the partitions that exist among the requested values; missing ones are left out.
     */
    public ObjectNode batchGetPartition(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        List<PartitionKey> keys = boundedList(request, "PartitionsToGet", MAX_BATCH_GET).stream()
                .map(valueList -> partitionKey(request, valueList, "PartitionsToGet", "Values"))
                .collect(toImmutableList());

        List<ObjectNode> partitions = store.inTransaction(transaction -> {
            RequiredEntities.table(transaction, databaseName, tableName);
            return transaction.partitions().getAll(databaseName, tableName, keys);
        });
        ObjectNode response = emptyResponse();
        response.putArray("Partitions").addAll(partitions);
        // every key is processed in one call
        response.putArray("UnprocessedKeys");
        return response;
    }

    /**
     * Replaces a partition; different {@code PartitionInput.Values} move it, with its statistics, to the new values.
     */
    public ObjectNode updatePartition(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        PartitionKey key = new PartitionKey(request.requiredStringList("PartitionValueList"));
        ObjectNode input = request.requiredObject("PartitionInput");

        return store.inTransaction(transaction -> {
            StoredTable table = RequiredEntities.table(transaction, databaseName, tableName);
            updatePartition(request, transaction, table, key, input);
            return emptyResponse();
        });
    }

    public ObjectNode batchUpdatePartition(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        List<ObjectNode> entries = boundedList(request, "Entries", MAX_BATCH_UPDATE);

        return store.inTransaction(transaction -> {
            StoredTable table = RequiredEntities.table(transaction, databaseName, tableName);
            ObjectNode response = emptyResponse();
            ArrayNode errors = response.putArray("Errors");
            for (ObjectNode entry : entries) {
                try {
                    PartitionKey key = partitionKey(request, entry, "Entries", "PartitionValueList");
                    ObjectNode input = GlueRequest.optionalObject(request.operation(), entry, "PartitionInput")
                            .orElseThrow(() -> request.invalidInput("%s requires the object field Entries.PartitionInput", request.operation()));
                    updatePartition(request, transaction, table, key, input);
                }
                catch (GlueException e) {
                    errors.add(partitionError("PartitionValueList", entry.get("PartitionValueList"), e));
                }
            }
            return response;
        });
    }

    public ObjectNode deletePartition(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        PartitionKey key = new PartitionKey(request.requiredStringList("PartitionValues"));

        return store.inTransaction(transaction -> {
            RequiredEntities.table(transaction, databaseName, tableName);
            if (!transaction.partitions().delete(databaseName, tableName, key)) {
                throw RequiredEntities.partitionNotFound(databaseName, tableName, key);
            }
            return emptyResponse();
        });
    }

    public ObjectNode batchDeletePartition(GlueRequest request)
    {
        String databaseName = request.requiredName("DatabaseName");
        String tableName = request.requiredName("TableName");
        List<ObjectNode> valueLists = boundedList(request, "PartitionsToDelete", MAX_BATCH_DELETE);

        return store.inTransaction(transaction -> {
            RequiredEntities.table(transaction, databaseName, tableName);
            ObjectNode response = emptyResponse();
            ArrayNode errors = response.putArray("Errors");
            for (ObjectNode valueList : valueLists) {
                try {
                    PartitionKey key = partitionKey(request, valueList, "PartitionsToDelete", "Values");
                    if (!transaction.partitions().delete(databaseName, tableName, key)) {
                        throw RequiredEntities.partitionNotFound(databaseName, tableName, key);
                    }
                }
                catch (GlueException e) {
                    errors.add(partitionError("PartitionValues", valueList.get("Values"), e));
                }
            }
            return response;
        });
    }

    private void createPartition(CatalogTransaction transaction, StoredTable table, PartitionKey key, ObjectNode input)
    {
        checkValues(table, key);
        if (transaction.partitions().exists(table.databaseName(), table.tableName(), key)) {
            throw new GlueException(ALREADY_EXISTS, "Partition %s of table %s.%s already exists; change it with UpdatePartition or delete it first".formatted(
                    key.values(), table.databaseName(), table.tableName()));
        }
        transaction.partitions().insert(table.databaseName(), table.tableName(), key, partitionDocument(table, input, key, GlueTimestamps.now(clock)));
    }

    private void updatePartition(GlueRequest request, CatalogTransaction transaction, StoredTable table, PartitionKey key, ObjectNode input)
    {
        ObjectNode existing = transaction.partitions().getForUpdate(table.databaseName(), table.tableName(), key)
                .orElseThrow(() -> RequiredEntities.partitionNotFound(table.databaseName(), table.tableName(), key));
        PartitionKey newKey = input.has("Values") ? partitionKey(request, input, "PartitionInput", "Values") : key;
        checkValues(table, newKey);
        if (!newKey.equals(key) && transaction.partitions().exists(table.databaseName(), table.tableName(), newKey)) {
            throw new GlueException(ALREADY_EXISTS, "Cannot change the values of partition %s of table %s.%s to %s: that partition already exists".formatted(
                    key.values(), table.databaseName(), table.tableName(), newKey.values()));
        }
        ObjectNode partition = partitionDocument(table, input, newKey, existing.get("CreationTime"));
        transaction.partitions().update(table.databaseName(), table.tableName(), key, newKey, partition);
    }

    private ObjectNode partitionDocument(StoredTable table, ObjectNode input, PartitionKey key, JsonNode creationTime)
    {
        ObjectNode partition = input.deepCopy();
        ArrayNode values = partition.putArray("Values");
        key.values().forEach(values::add);
        partition.put("DatabaseName", table.databaseName());
        partition.put("TableName", table.tableName());
        partition.set("CreationTime", creationTime);
        partition.put("CatalogId", catalogId.value());
        return partition;
    }

    /**
     * The table's partition keys and their Hive types, in key order; a key without a type is a string.
     */
    private static Map<String, String> partitionKeyTypes(StoredTable table)
    {
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode key : table.document().path("PartitionKeys")) {
            types.put(key.path("Name").asText(), key.path("Type").asText("string"));
        }
        return types;
    }

    private static List<String> values(ObjectNode partition)
    {
        ImmutableList.Builder<String> values = ImmutableList.builder();
        partition.path("Values").forEach(value -> values.add(value.asText()));
        return values.build();
    }

    private static void checkValues(StoredTable table, PartitionKey key)
    {
        List<String> partitionKeys = TableSchema.of(table.document()).partitionKeys();
        if (partitionKeys.isEmpty()) {
            throw new GlueException(INVALID_INPUT, "Table %s.%s has no partition keys, so it cannot have partition %s; recreate the table with PartitionKeys".formatted(
                    table.databaseName(), table.tableName(), key.values()));
        }
        if (key.values().size() != partitionKeys.size()) {
            throw new GlueException(INVALID_INPUT, "Partition %s of table %s.%s has %s values, but the table has %s partition keys %s; give one value per partition key".formatted(
                    key.values(), table.databaseName(), table.tableName(), key.values().size(), partitionKeys.size(), partitionKeys));
        }
    }

    private static PartitionKey partitionKey(GlueRequest request, ObjectNode parent, String parentName, String field)
    {
        List<String> values = GlueRequest.stringList(request.operation(), parent, field)
                .orElseThrow(() -> request.invalidInput("%s requires the list field %s.%s", request.operation(), parentName, field));
        return new PartitionKey(values);
    }

    private static Segment segment(GlueRequest request, ObjectNode node)
    {
        JsonNode number = node.get("SegmentNumber");
        JsonNode total = node.get("TotalSegments");
        if (number == null || !number.isInt() || total == null || !total.isInt()) {
            throw request.invalidInput("%s Segment requires the integer fields SegmentNumber and TotalSegments, but was: %s", request.operation(), node);
        }
        if (total.intValue() < 1 || total.intValue() > MAX_SEGMENTS || number.intValue() < 0 || number.intValue() >= total.intValue()) {
            throw request.invalidInput("%s Segment needs TotalSegments between 1 and %s and SegmentNumber between 0 and TotalSegments - 1, but was: %s", request.operation(), MAX_SEGMENTS, node);
        }
        return new Segment(number.intValue(), total.intValue());
    }

    private static List<ObjectNode> boundedList(GlueRequest request, String field, int maxSize)
    {
        List<ObjectNode> list = request.requiredObjectList(field);
        if (list.size() > maxSize) {
            throw request.invalidInput("%s accepts at most %s entries in %s, but got %s; split the call", request.operation(), maxSize, field, list.size());
        }
        return list;
    }

    private static ObjectNode partitionError(String valuesField, JsonNode values, GlueException e)
    {
        ObjectNode error = emptyResponse();
        if (values != null) {
            error.set(valuesField, values);
        }
        ObjectNode detail = error.putObject("ErrorDetail");
        detail.put("ErrorCode", e.getErrorType().code());
        detail.put("ErrorMessage", e.getMessage());
        return error;
    }

    private static ObjectNode emptyResponse()
    {
        return JsonNodeFactory.instance.objectNode();
    }
}
