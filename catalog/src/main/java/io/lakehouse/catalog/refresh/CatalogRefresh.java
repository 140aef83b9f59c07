package io.lakehouse.catalog.refresh;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Lists;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsError;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

/**
 * Refreshes the catalog entry of a table that a materializer run has just published, through the Glue API, so
 * that the same code serves the local endpoint and AWS Glue. One call writes, in this order:
 * <ol>
 * <li>the run's partitions, created or, when they exist, replaced (100 per call, Glue's limit);</li>
 * <li>column statistics of the table and of those partitions (25 columns per call);</li>
 * <li>last the table: the publication parameters ({@value #SOURCE_MODELS}, {@value #RUN_ID},
 * {@value #DATA_INTERVAL_START}, {@value #DATA_INTERVAL_END}, {@value #ROW_COUNT}, {@value #PUBLISHED_AT}) and
 * the comments, as one new table version guarded by its {@code VersionId}.</li>
 * </ol>
 * The table version is the commit point: a reader that sees a run id in the table parameters also sees that
 * run's partitions and statistics, and the version history keeps every earlier publication. Each step can be
 * repeated without harm, so a refresh that failed is simply run again.
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

    private final GlueClient glue;

    public CatalogRefresh(GlueClient glue)
    {
        this.glue = requireNonNull(glue, "glue is null");
    }

    /**
     * Writes the refresh.
     *
     * @throws IllegalArgumentException when the refresh does not fit the table (unknown columns, wrong number of
     * partition values); nothing is written then
     * @throws CatalogRefreshException when Glue refuses a step, naming the step
     */
    public RefreshResult refresh(TableRefresh refresh)
    {
        requireNonNull(refresh, "refresh is null");
        String name = "%s.%s".formatted(refresh.database(), refresh.table());
        Table table = step(name, "reading the table", () -> getTable(refresh));
        validate(name, table, refresh);

        PartitionCounts partitions = step(name, "writing partitions", () -> writePartitions(refresh, table));
        int statistics = step(name, "writing column statistics", () -> writeStatistics(refresh, table));
        String version = step(name, "updating the table", () -> updateTable(refresh, table));
        return new RefreshResult(refresh.database(), refresh.table(), version, partitions.created(), partitions.replaced(), statistics);
    }

    private Table getTable(TableRefresh refresh)
    {
        try {
            return glue.getTable(request -> request.databaseName(refresh.database()).name(refresh.table())).table();
        }
        catch (EntityNotFoundException e) {
            throw new IllegalArgumentException("Table %s.%s does not exist; publish it (CREATE TABLE AS) before refreshing its catalog entry: %s"
                    .formatted(refresh.database(), refresh.table(), e.awsErrorDetails().errorMessage()), e);
        }
    }

    private static void validate(String name, Table table, TableRefresh refresh)
    {
        Map<String, String> types = columnTypes(table);
        for (String column : refresh.columnComments().keySet()) {
            checkColumn(name, types, column, "a comment");
        }
        refresh.tableStatistics().forEach(statistic -> checkColumn(name, types, statistic.column(), "statistics"));
        int keys = table.partitionKeys().size();
        for (PartitionRefresh partition : refresh.partitions()) {
            if (partition.values().size() != keys) {
                throw new IllegalArgumentException("Partition %s of %s has %s values, but the table has %s partition keys %s".formatted(
                        partition.values(), name, partition.values().size(), keys, table.partitionKeys().stream().map(Column::name).toList()));
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

    private PartitionCounts writePartitions(TableRefresh refresh, Table table)
    {
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

    private static PartitionInput partitionInput(TableRefresh refresh, Table table, PartitionRefresh partition)
    {
        Map<String, String> parameters = new LinkedHashMap<>(partition.parameters());
        parameters.put(RUN_ID, refresh.publication().runId());
        parameters.put(PUBLISHED_AT, refresh.publication().publishedAt().toString());
        partition.rowCount().ifPresent(rowCount -> parameters.put(HIVE_ROW_COUNT, Long.toString(rowCount)));
        return PartitionInput.builder()
                .values(partition.values())
                .storageDescriptor(table.storageDescriptor().toBuilder().location(partition.location()).build())
                .parameters(parameters)
                .build();
    }

    private int writeStatistics(TableRefresh refresh, Table table)
    {
        Map<String, String> types = columnTypes(table);
        int written = 0;
        for (List<ColumnStatistic> batch : Lists.partition(refresh.tableStatistics(), STATISTICS_PER_CALL)) {
            List<ColumnStatistics> statistics = glueStatistics(refresh, types, batch);
            checkStatisticsErrors(glue.updateColumnStatisticsForTable(request -> request
                    .databaseName(refresh.database())
                    .tableName(refresh.table())
                    .columnStatisticsList(statistics)).errors());
            written += batch.size();
        }
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
     * Writes the publication and the comments as a new table version; when another writer changed the table
     * meanwhile, reads it again and reapplies them on top of that change.
     */
    private String updateTable(TableRefresh refresh, Table read)
    {
        Table table = read;
        for (int attempt = 1; ; attempt++) {
            Table base = table;
            TableInput input = tableInput(refresh, base);
            try {
                glue.updateTable(request -> request.databaseName(refresh.database()).tableInput(input).versionId(base.versionId()));
                return glue.getTable(request -> request.databaseName(refresh.database()).name(refresh.table())).table().versionId();
            }
            catch (ConcurrentModificationException e) {
                if (attempt == MAX_TABLE_UPDATE_ATTEMPTS) {
                    throw e;
                }
                table = getTable(refresh);
            }
        }
    }

    private static TableInput tableInput(TableRefresh refresh, Table table)
    {
        Publication publication = refresh.publication();
        Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
        parameters.put(SOURCE_MODELS, String.join(",", publication.sourceModels()));
        parameters.put(RUN_ID, publication.runId());
        parameters.put(DATA_INTERVAL_START, publication.dataIntervalStart().toString());
        parameters.put(DATA_INTERVAL_END, publication.dataIntervalEnd().toString());
        parameters.put(PUBLISHED_AT, publication.publishedAt().toString());
        publication.rowCount().ifPresent(rowCount -> {
            parameters.put(ROW_COUNT, Long.toString(rowCount));
            // a partitioned table's row count is the sum of its partitions' in Hive
            if (table.partitionKeys().isEmpty()) {
                parameters.put(HIVE_ROW_COUNT, Long.toString(rowCount));
            }
        });
        return TableInput.builder()
                .name(table.name())
                .description(refresh.tableComment().orElse(table.description()))
                .owner(table.owner())
                .retention(table.retention())
                .tableType(table.tableType())
                .parameters(ImmutableMap.copyOf(parameters))
                .storageDescriptor(table.storageDescriptor().toBuilder().columns(commented(table.storageDescriptor().columns(), refresh.columnComments())).build())
                .partitionKeys(commented(table.partitionKeys(), refresh.columnComments()))
                .viewOriginalText(table.viewOriginalText())
                .viewExpandedText(table.viewExpandedText())
                .build();
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

    private static Map<String, String> columnTypes(Table table)
    {
        Map<String, String> types = new LinkedHashMap<>();
        table.storageDescriptor().columns().forEach(column -> types.put(column.name(), column.type()));
        table.partitionKeys().forEach(column -> types.put(column.name(), column.type()));
        return types;
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
