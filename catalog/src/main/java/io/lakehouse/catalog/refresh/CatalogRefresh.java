package io.lakehouse.catalog.refresh;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Lists;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsError;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.airlift.concurrent.MoreFutures.getFutureValue;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.CompletableFuture.supplyAsync;

/**
 * Refreshes the catalog entry of a table that a materializer run publishes, through the Glue API, so that the
 * same code serves the local endpoint and AWS Glue. It is the one place that builds the Glue change of a publish.
 * One call writes, in this order:
 * <ol>
 * <li>the run's partitions, created or, when they exist, replaced (100 per call, Glue's limit), each with its
 * publication parameters and Hive row count in the same partition change;</li>
 * <li>the table, as one new table version guarded by its {@code VersionId}: the publication parameters
 * ({@value #SOURCE_MODELS}, {@value #RUN_ID}, {@value #DATA_INTERVAL_START}, {@value #DATA_INTERVAL_END},
 * {@value #ROW_COUNT}, {@value #PUBLISHED_AT}), the comments, and, for a refresh that carries {@link TableData},
 * the switch of its location and columns (or view) to that data, so that data, publication and comments change
 * together. A table that does not exist yet is created so;</li>
 * <li>the column statistics of the partitions and of the table (25 columns per call), which Glue keeps beside the
 * partition and table versions: at the same time as the table version when they are of columns the table has
 * already (with the same type), otherwise after it, because they must describe columns the table has. A reader may
 * so see the new statistics a moment before the new data; statistics are estimates for the planner, never query
 * results.</li>
 * </ol>
 * The table version is the commit point: a reader that sees a run id in the table parameters also sees that
 * run's data and partitions, and the version history keeps every earlier publication. Each step can be repeated
 * without harm, so a refresh that failed is simply run again.
 */
public final class CatalogRefresh
{
    public static final String SOURCE_MODELS = "lakehouse.source-models";
    public static final String RUN_ID = "lakehouse.run-id";
    public static final String DATA_INTERVAL_START = "lakehouse.data-interval-start";
    public static final String DATA_INTERVAL_END = "lakehouse.data-interval-end";
    public static final String ROW_COUNT = "lakehouse.row-count";
    public static final String PUBLISHED_AT = "lakehouse.published-at";
    // Hive's basic statistic, which Trino's Hive connector reads as the row count of a table or partition
    private static final String HIVE_ROW_COUNT = "numRows";

    // Glue's limits per call
    private static final int PARTITIONS_PER_CALL = 100;
    private static final int STATISTICS_PER_CALL = 25;
    private static final int MAX_TABLE_UPDATE_ATTEMPTS = 5;
    // Glue calls a refresh makes at the same time wait for the network, not for a processor
    private static final Executor CONCURRENT_CALLS = task -> Thread.ofVirtual().name("glue-refresh").start(task);

    private final GlueClient glue;

    public CatalogRefresh(GlueClient glue)
    {
        this.glue = requireNonNull(glue, "glue is null");
    }

    /**
     * Reads the table, then writes the refresh.
     *
     * @throws IllegalArgumentException when the refresh does not fit the table (unknown columns, wrong number of
     * partition values), or the table does not exist and the refresh carries no data to create it from; nothing
     * is written then
     * @throws CatalogRefreshException when Glue refuses a step, naming the step
     */
    public RefreshResult refresh(TableRefresh refresh)
    {
        requireNonNull(refresh, "refresh is null");
        return refresh(refresh, step(name(refresh), "reading the table", () -> findTable(refresh)));
    }

    /**
     * Writes the refresh on top of the table as the caller just read it, saving that call.
     *
     * @param current the table, or empty when it does not exist
     */
    public RefreshResult refresh(TableRefresh refresh, Optional<Table> current)
    {
        requireNonNull(refresh, "refresh is null");
        requireNonNull(current, "current is null");
        String name = name(refresh);
        if (current.isEmpty() && refresh.data().isEmpty()) {
            throw new IllegalArgumentException("Table %s does not exist; publish it (CREATE TABLE AS) before refreshing its catalog entry".formatted(name));
        }
        validate(name, resultingColumns(refresh, current), resultingPartitionKeys(refresh, current), refresh);

        Optional<Table> existing = current;
        if (existing.isEmpty()) {
            // partitions and statistics need the table; created with the publication, it is the commit point of a first publish
            existing = step(name, "creating the table", () -> createTable(refresh));
            if (existing.isEmpty()) {
                Map<String, String> types = resultingColumns(refresh, Optional.empty());
                PartitionCounts partitions = step(name, "writing partitions", () -> writePartitions(refresh, tableInput(refresh, Optional.empty())));
                int statistics = step(name, "writing column statistics", () -> writePartitionStatistics(refresh, types) + writeTableStatistics(refresh, types));
                return new RefreshResult(refresh.database(), refresh.table(), Optional.empty(), partitions.created(), partitions.replaced(), statistics);
            }
        }
        Table table = existing.get();
        Map<String, String> types = resultingColumns(refresh, Optional.of(table));
        PartitionCounts partitions = step(name, "writing partitions", () -> writePartitions(refresh, tableInput(refresh, Optional.of(table))));
        Supplier<Integer> statistics = () -> step(name, "writing column statistics of partitions", () -> writePartitionStatistics(refresh, types))
                + step(name, "writing column statistics", () -> writeTableStatistics(refresh, types));
        if (!hasStatisticsOfCurrentColumnsOnly(refresh, table, types)) {
            String replaced = step(name, "updating the table", () -> updateTable(refresh, table));
            return new RefreshResult(refresh.database(), refresh.table(), Optional.ofNullable(replaced), partitions.created(), partitions.replaced(), statistics.get());
        }
        // statistics of columns the table has already are written while the table changes: one round trip instead of two
        CompletableFuture<Integer> writingStatistics = supplyAsync(statistics, CONCURRENT_CALLS);
        String replaced;
        try {
            replaced = step(name, "updating the table", () -> updateTable(refresh, table));
        }
        finally {
            // a failed refresh returns only when none of its calls is still under way
            writingStatistics.exceptionally(_ -> 0).join();
        }
        return new RefreshResult(refresh.database(), refresh.table(), Optional.ofNullable(replaced), partitions.created(), partitions.replaced(), getFutureValue(writingStatistics));
    }

    /**
     * Whether every column the refresh has statistics of is a column of the table already, with the same type.
     *
     * @param resulting the columns and types the table has after the refresh
     */
    private static boolean hasStatisticsOfCurrentColumnsOnly(TableRefresh refresh, Table table, Map<String, String> resulting)
    {
        Map<String, String> current = new HashMap<>();
        table.storageDescriptor().columns().forEach(column -> current.put(column.name(), column.type()));
        table.partitionKeys().forEach(column -> current.put(column.name(), column.type()));
        return Stream.concat(refresh.tableStatistics().stream(), refresh.partitions().stream().flatMap(partition -> partition.statistics().stream()))
                .map(statistic -> statistic.column().toLowerCase(Locale.ROOT))
                .allMatch(column -> resulting.get(column) != null && resulting.get(column).equals(current.get(column)));
    }

    private Optional<Table> findTable(TableRefresh refresh)
    {
        try {
            return Optional.of(glue.getTable(request -> request.databaseName(refresh.database()).name(refresh.table())).table());
        }
        catch (EntityNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * @return empty when this call created the table; the table when another writer created it first
     */
    private Optional<Table> createTable(TableRefresh refresh)
    {
        try {
            glue.createTable(request -> request.databaseName(refresh.database()).tableInput(tableInput(refresh, Optional.empty())));
            return Optional.empty();
        }
        catch (AlreadyExistsException | ConcurrentModificationException e) {
            // a concurrent first publish (another interval of the model) created it: refresh on top of that
            return Optional.of(findTable(refresh).orElseThrow(() -> e));
        }
    }

    private static void validate(String name, Map<String, String> types, List<Column> partitionKeys, TableRefresh refresh)
    {
        for (String column : refresh.columnComments().keySet()) {
            checkColumn(name, types, column, "a comment");
        }
        refresh.tableStatistics().forEach(statistic -> checkColumn(name, types, statistic.column(), "statistics"));
        int keys = partitionKeys.size();
        for (PartitionRefresh partition : refresh.partitions()) {
            if (partition.values().size() != keys) {
                throw new IllegalArgumentException("Partition %s of %s has %s values, but the table has %s partition keys %s".formatted(
                        partition.values(), name, partition.values().size(), keys, partitionKeys.stream().map(Column::name).toList()));
            }
            partition.statistics().forEach(statistic -> checkColumn(name, types, statistic.column(), "statistics"));
        }
    }

    private static void checkColumn(String table, Map<String, String> types, String column, String what)
    {
        if (!types.containsKey(column.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Column %s has %s in the refresh of %s, but is not a column of that table; its columns are %s".formatted(column, what, table, types.keySet()));
        }
    }

    private PartitionCounts writePartitions(TableRefresh refresh, TableInput table)
    {
        if (refresh.partitions().isEmpty()) {
            return new PartitionCounts(0, 0);
        }
        List<PartitionInput> inputs = refresh.partitions().stream()
                .map(partition -> partitionInput(refresh, table, partition))
                .collect(toImmutableList());
        Map<List<String>, PartitionInput> existing = new LinkedHashMap<>();
        int created = 0;
        for (List<PartitionInput> batch : Lists.partition(inputs, PARTITIONS_PER_CALL)) {
            List<PartitionError> errors = glue.batchCreatePartition(request -> request.databaseName(refresh.database()).tableName(refresh.table()).partitionInputList(batch)).errors();
            Map<List<String>, PartitionInput> byValues = new HashMap<>();
            batch.forEach(input -> byValues.put(input.values(), input));
            for (PartitionError error : errors) {
                if (!error.errorDetail().errorCode().equals("AlreadyExistsException")) {
                    throw new CatalogRefreshException("Partition %s: %s".formatted(error.partitionValues(), error.errorDetail().errorMessage()), null);
                }
                existing.put(error.partitionValues(), byValues.get(error.partitionValues()));
            }
            created += batch.size() - errors.size();
        }
        List<BatchUpdatePartitionRequestEntry> replacements = existing.entrySet().stream()
                .map(entry -> BatchUpdatePartitionRequestEntry.builder().partitionValueList(entry.getKey()).partitionInput(entry.getValue()).build())
                .collect(toImmutableList());
        for (List<BatchUpdatePartitionRequestEntry> batch : Lists.partition(replacements, PARTITIONS_PER_CALL)) {
            glue.batchUpdatePartition(request -> request.databaseName(refresh.database()).tableName(refresh.table()).entries(batch)).errors()
                    .forEach(error -> {
                        throw new CatalogRefreshException("Partition %s: %s".formatted(error.partitionValueList(), error.errorDetail().errorMessage()), null);
                    });
        }
        return new PartitionCounts(created, replacements.size());
    }

    private static PartitionInput partitionInput(TableRefresh refresh, TableInput table, PartitionRefresh partition)
    {
        Map<String, String> parameters = new LinkedHashMap<>(partition.parameters());
        parameters.put(RUN_ID, refresh.publication().runId());
        parameters.put(DATA_INTERVAL_START, refresh.publication().dataIntervalStart().toString());
        parameters.put(DATA_INTERVAL_END, refresh.publication().dataIntervalEnd().toString());
        parameters.put(PUBLISHED_AT, refresh.publication().publishedAt().toString());
        partition.rowCount().ifPresent(rowCount -> {
            parameters.put(ROW_COUNT, Long.toString(rowCount));
            parameters.put(HIVE_ROW_COUNT, Long.toString(rowCount));
        });
        return PartitionInput.builder()
                .values(partition.values())
                .storageDescriptor(table.storageDescriptor().toBuilder().location(partition.location()).build())
                .parameters(parameters)
                .build();
    }

    private int writeTableStatistics(TableRefresh refresh, Map<String, String> types)
    {
        int written = 0;
        for (List<ColumnStatistic> batch : Lists.partition(refresh.tableStatistics(), STATISTICS_PER_CALL)) {
            List<ColumnStatistics> statistics = glueStatistics(refresh, types, batch);
            checkStatisticsErrors(glue.updateColumnStatisticsForTable(request -> request
                    .databaseName(refresh.database())
                    .tableName(refresh.table())
                    .columnStatisticsList(statistics)).errors());
            written += batch.size();
        }
        return written;
    }

    private int writePartitionStatistics(TableRefresh refresh, Map<String, String> types)
    {
        int written = 0;
        for (PartitionRefresh partition : refresh.partitions()) {
            for (List<ColumnStatistic> batch : Lists.partition(partition.statistics(), STATISTICS_PER_CALL)) {
                List<ColumnStatistics> statistics = glueStatistics(refresh, types, batch);
                checkStatisticsErrors(glue.updateColumnStatisticsForPartition(request -> request
                        .databaseName(refresh.database())
                        .tableName(refresh.table())
                        .partitionValues(partition.values())
                        .columnStatisticsList(statistics)).errors());
                written += batch.size();
            }
        }
        return written;
    }

    private static List<ColumnStatistics> glueStatistics(TableRefresh refresh, Map<String, String> types, List<ColumnStatistic> statistics)
    {
        return statistics.stream()
                .map(statistic -> ColumnStatistics.builder()
                        .columnName(statistic.column())
                        .columnType(types.get(statistic.column().toLowerCase(Locale.ROOT)))
                        .analyzedTime(refresh.publication().publishedAt())
                        .statisticsData(statistic.data())
                        .build())
                .collect(toImmutableList());
    }

    private static void checkStatisticsErrors(List<ColumnStatisticsError> errors)
    {
        if (!errors.isEmpty()) {
            ColumnStatisticsError error = errors.getFirst();
            throw new CatalogRefreshException("Statistics of column %s: %s".formatted(error.columnStatistics().columnName(), error.error().errorMessage()), null);
        }
    }

    /**
     * Writes the publication, the comments and the switch to the refresh's data as a new table version; when
     * another writer changed the table meanwhile, reads it again and reapplies them on top of that change.
     *
     * @return the version replaced
     */
    private String updateTable(TableRefresh refresh, Table read)
    {
        Table table = read;
        for (int attempt = 1; ; attempt++) {
            Table base = table;
            TableInput input = tableInput(refresh, Optional.of(base));
            try {
                glue.updateTable(request -> request.databaseName(refresh.database()).tableInput(input).versionId(base.versionId()));
                return base.versionId();
            }
            catch (ConcurrentModificationException e) {
                if (attempt == MAX_TABLE_UPDATE_ATTEMPTS) {
                    throw e;
                }
                table = findTable(refresh).orElseThrow(() -> e);
            }
        }
    }

    /**
     * The table as the refresh leaves it: the current table (or, when it is missing, the refresh's data) with
     * the data switched, the publication parameters and the comments applied.
     */
    private static TableInput tableInput(TableRefresh refresh, Optional<Table> current)
    {
        Publication publication = refresh.publication();
        Optional<TableData> data = refresh.data();
        Map<String, String> parameters = new LinkedHashMap<>();
        current.ifPresent(table -> parameters.putAll(table.parameters()));
        data.ifPresent(switched -> parameters.putAll(switched.parameters()));
        parameters.put(SOURCE_MODELS, String.join(",", publication.sourceModels()));
        parameters.put(RUN_ID, publication.runId());
        parameters.put(DATA_INTERVAL_START, publication.dataIntervalStart().toString());
        parameters.put(DATA_INTERVAL_END, publication.dataIntervalEnd().toString());
        parameters.put(PUBLISHED_AT, publication.publishedAt().toString());
        List<Column> partitionKeys = resultingPartitionKeys(refresh, current);
        publication.rowCount().ifPresent(rowCount -> {
            parameters.put(ROW_COUNT, Long.toString(rowCount));
            // a partitioned table's row count is the sum of its partitions' in Hive
            if (partitionKeys.isEmpty()) {
                parameters.put(HIVE_ROW_COUNT, Long.toString(rowCount));
            }
        });
        StorageDescriptor storage = data.map(TableData::storage).orElseGet(() -> current.orElseThrow().storageDescriptor());
        return TableInput.builder()
                .name(refresh.table())
                .description(refresh.tableComment().orElse(current.map(Table::description).orElse(null)))
                .owner(current.map(Table::owner).orElse(null))
                .retention(current.map(Table::retention).orElse(null))
                .tableType(data.map(TableData::tableType).orElseGet(() -> current.orElseThrow().tableType()))
                .parameters(ImmutableMap.copyOf(parameters))
                .storageDescriptor(storage.toBuilder().columns(commented(storage.columns(), refresh.columnComments())).build())
                .partitionKeys(commented(partitionKeys, refresh.columnComments()))
                .viewOriginalText(data.isPresent() ? data.get().viewOriginalText().orElse(null) : current.orElseThrow().viewOriginalText())
                .viewExpandedText(data.isPresent() ? data.get().viewExpandedText().orElse(null) : current.orElseThrow().viewExpandedText())
                .build();
    }

    private static List<Column> resultingPartitionKeys(TableRefresh refresh, Optional<Table> current)
    {
        return refresh.data().map(TableData::partitionKeys).orElseGet(() -> current.orElseThrow().partitionKeys());
    }

    private static Map<String, String> resultingColumns(TableRefresh refresh, Optional<Table> current)
    {
        Map<String, String> types = new LinkedHashMap<>();
        List<Column> columns = refresh.data().map(data -> data.storage().columns()).orElseGet(() -> current.orElseThrow().storageDescriptor().columns());
        columns.forEach(column -> types.put(column.name(), column.type()));
        resultingPartitionKeys(refresh, current).forEach(column -> types.put(column.name(), column.type()));
        return types;
    }

    private static List<Column> commented(List<Column> columns, Map<String, String> comments)
    {
        Map<String, String> byName = new HashMap<>();
        comments.forEach((column, comment) -> byName.put(column.toLowerCase(Locale.ROOT), comment));
        List<Column> result = new ArrayList<>();
        for (Column column : columns) {
            String comment = byName.get(column.name());
            result.add(comment == null ? column : column.toBuilder().comment(comment).build());
        }
        return result;
    }

    private static String name(TableRefresh refresh)
    {
        return "%s.%s".formatted(refresh.database(), refresh.table());
    }

    private static <T> T step(String table, String step, Supplier<T> action)
    {
        try {
            return action.get();
        }
        catch (SdkException | CatalogRefreshException e) {
            throw new CatalogRefreshException("Refreshing the catalog entry of %s failed while %s: %s. The steps before are written; run the refresh again to complete it"
                    .formatted(table, step, e.getMessage()), e);
        }
    }

    private record PartitionCounts(int created, int replaced) {}
}
