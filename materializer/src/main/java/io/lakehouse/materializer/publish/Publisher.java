package io.lakehouse.materializer.publish;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.lakehouse.catalog.refresh.CatalogRefresh;
import io.lakehouse.catalog.refresh.ColumnStatistic;
import io.lakehouse.catalog.refresh.PartitionRefresh;
import io.lakehouse.catalog.refresh.Publication;
import io.lakehouse.catalog.refresh.TableData;
import io.lakehouse.catalog.refresh.TableRefresh;
import io.lakehouse.materializer.model.TableName;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

import static com.google.common.base.Preconditions.checkArgument;
import static io.airlift.concurrent.MoreFutures.getFutureValue;
import static java.util.concurrent.CompletableFuture.supplyAsync;
import static java.util.Objects.requireNonNull;

/**
 * Makes staged data visible, and earlier data visible again, each with one Glue metadata change: a table's
 * storage descriptor (location and columns) or view, or one partition's location. Readers see the data before the
 * change or after it, never a mix, an empty table or a missing one. The change of a publish is built by the
 * catalog's refresh API ({@link CatalogRefresh}), so the same table version carries the publication parameters
 * (run, data interval, row count, source models, publish time) and the comments, and the column statistics Trino
 * computed while writing the staged data are copied to the table or partition. Staged tables are then dropped
 * from the catalog with Glue's DeleteTable, which leaves their data where the published table now points.
 */
public final class Publisher
{
    public static final String MODEL_FILE = "lakehouse.model-file";
    // what tables published before the refresh API was used carry
    private static final String LEGACY_RUN_ID = "lakehouse.run_id";
    // Hive's basic statistics of the staged data, which describe one interval, not a partitioned table
    private static final String HIVE_ROW_COUNT = "numRows";
    private static final List<String> BASIC_STATISTICS = ImmutableList.of(HIVE_ROW_COUNT, "numFiles", "totalSize", "rawDataSize", "COLUMN_STATS_ACCURATE");
    // Trino shows this table parameter as the table's comment
    private static final String COMMENT = "comment";

    // Glue calls a task makes in parallel wait for the network, not for a processor
    private static final Executor GLUE_CALLS = task -> Thread.ofVirtual().name("glue-call").start(task);

    private final GlueCatalog glue;
    // the storage (format, serde) this instance last published per table: the template for registering expired data
    private final Map<TableName, StorageDescriptor> publishedStorage = new ConcurrentHashMap<>();

    public Publisher(GlueCatalog glue)
    {
        this.glue = requireNonNull(glue, "glue is null");
    }

    /**
     * What a publish replaced and what it published.
     */
    public record PublishOutcome(Optional<PublishedData> previous, Optional<String> previousRunId, Optional<PublishedData> published, String partitionValue)
    {
        public PublishOutcome
        {
            requireNonNull(previous, "previous is null");
            requireNonNull(previousRunId, "previousRunId is null");
            requireNonNull(published, "published is null");
            requireNonNull(partitionValue, "partitionValue is null");
        }
    }

    public Table stagedTable(TableName staged)
    {
        return glue.getTable(staged.schema(), staged.table())
                .orElseThrow(() -> new IllegalStateException("Staged table %s is not in the Glue catalog; Trino registers tables of catalog %s in another catalog than the materializer's --glue-endpoint".formatted(staged, staged.catalog())));
    }

    public Optional<Table> table(TableName table)
    {
        return glue.getTable(table.schema(), table.table());
    }

    /**
     * The catalog reads a publish needs, under way: the staged table, the target's table (and, for an interval, the
     * staged and the published partition) and the staged column statistics this instance expects, with the reader
     * of the staged statistics for other columns. A task starts them as soon as its staged data is written, so they
     * overlap its checks and the lease's confirmation.
     */
    public record PublishReads(
            TableName staged,
            TableName target,
            Optional<String> partitionValue,
            CompletableFuture<Table> stagedTable,
            CompletableFuture<Optional<Table>> targetTable,
            CompletableFuture<Optional<Partition>> stagedPartition,
            CompletableFuture<Optional<Partition>> targetPartition,
            Function<List<String>, List<ColumnStatistic>> statisticsReader,
            Optional<ExpectedStatistics> expectedStatistics)
    {
        public PublishReads
        {
            requireNonNull(staged, "staged is null");
            requireNonNull(target, "target is null");
            requireNonNull(partitionValue, "partitionValue is null");
            requireNonNull(stagedTable, "stagedTable is null");
            requireNonNull(targetTable, "targetTable is null");
            requireNonNull(stagedPartition, "stagedPartition is null");
            requireNonNull(targetPartition, "targetPartition is null");
            requireNonNull(statisticsReader, "statisticsReader is null");
            requireNonNull(expectedStatistics, "expectedStatistics is null");
        }
    }

    /**
     * Starts the reads of a publish of the whole table {@code target} from {@code staged}.
     */
    public PublishReads readTable(TableName staged, TableName target)
    {
        checkArgument(staged.schema().equals(target.schema()), "staged table %s is not in the schema of %s", staged, target);
        Function<List<String>, List<ColumnStatistic>> statistics = columns -> glue.tableStatistics(staged.schema(), staged.table(), columns);
        return new PublishReads(staged, target, Optional.empty(),
                supplyAsync(() -> stagedTable(staged), GLUE_CALLS),
                supplyAsync(() -> table(target), GLUE_CALLS),
                CompletableFuture.completedFuture(Optional.empty()),
                CompletableFuture.completedFuture(Optional.empty()),
                statistics,
                expectedStatistics(target, statistics));
    }

    /**
     * Starts the reads of a publish of partition {@code value} of {@code target} from {@code staged}.
     */
    public PublishReads readPartition(TableName staged, TableName target, String value)
    {
        List<String> values = ImmutableList.of(value);
        Function<List<String>, List<ColumnStatistic>> statistics = columns -> glue.partitionStatistics(staged.schema(), staged.table(), values, columns);
        return new PublishReads(staged, target, Optional.of(value),
                supplyAsync(() -> stagedTable(staged), GLUE_CALLS),
                supplyAsync(() -> table(target), GLUE_CALLS),
                supplyAsync(() -> glue.getPartition(staged.schema(), staged.table(), values), GLUE_CALLS),
                // a missing table has no partition either
                supplyAsync(() -> glue.getPartition(target.schema(), target.table(), values), GLUE_CALLS),
                statistics,
                expectedStatistics(target, statistics));
    }

    /**
     * Points the target at the staged table's data (or view), with its publication, comments and the staged
     * data's column statistics, in one CreateTable or UpdateTable.
     */
    public PublishOutcome publishTable(PublishReads reads, Publication publication, TableDescription description)
    {
        checkArgument(reads.partitionValue().isEmpty(), "reads of partition %s of %s cannot publish the whole table", reads.partitionValue(), reads.target());
        TableName target = reads.target();
        Table stagedTable = getFutureValue(reads.stagedTable());
        List<ColumnStatistic> statistics = isView(stagedTable) ? ImmutableList.of() : statistics(reads, names(stagedTable.storageDescriptor().columns()));
        Optional<Table> current = getFutureValue(reads.targetTable());
        TableData data = TableData.of(stagedTable).withParameters(merge(stagedTable.parameters(), description.parameters()));
        glue.refresh(refresh(target, publication, description, data).tableStatistics(statistics).build(), current);
        if (!isView(stagedTable)) {
            publishedStorage.put(target, stagedTable.storageDescriptor());
        }
        return new PublishOutcome(
                current.flatMap(Publisher::data),
                current.flatMap(Publisher::runId),
                data(stagedTable),
                "");
    }

    /**
     * Makes the staged table's partition the target's partition, with one CreatePartition or UpdatePartition
     * carrying its publication and the staged data's column statistics; when the staged interval has no rows, the
     * target's partition is deleted. The table (created first when missing) then gets the publication, comments
     * and the staged columns in one table change.
     */
    public PublishOutcome publishPartition(PublishReads reads, boolean append, Publication publication, TableDescription description)
    {
        String value = reads.partitionValue().orElseThrow(() -> new IllegalArgumentException("reads of the whole table %s cannot publish a partition".formatted(reads.target())));
        TableName target = reads.target();
        List<String> values = ImmutableList.of(value);
        Table stagedTable = getFutureValue(reads.stagedTable());
        Optional<Partition> stagedPartition = getFutureValue(reads.stagedPartition());
        Optional<Table> current = getFutureValue(reads.targetTable());
        if (current.isPresent()) {
            checkArgument(current.get().partitionKeys().equals(stagedTable.partitionKeys()), "Table %s is partitioned by %s, but the model's run wrote partitions %s; drop the table or restore the model's time_column",
                    target, names(current.get().partitionKeys()), names(stagedTable.partitionKeys()));
        }
        Optional<Partition> existing = getFutureValue(reads.targetPartition()).filter(_ -> current.isPresent());
        if (append && existing.isPresent()) {
            throw new IllegalStateException("Partition %s of %s was appended before by run %s; an APPEND model adds an interval once".formatted(
                    value, target, runId(existing.get().parameters()).orElse("unknown")));
        }
        Optional<PublishedData> previous = existing.map(partition -> new PublishedData(partition.storageDescriptor().location(), partition.storageDescriptor().columns()));
        Optional<String> previousRunId = existing.flatMap(partition -> runId(partition.parameters()));

        // a schema change goes with the table change: earlier partitions keep their own columns and Trino reads new columns in them as null
        String location = current.map(table -> table.storageDescriptor().location()).orElseGet(() -> siblingLocation(stagedTable.storageDescriptor().location(), target.table()));
        TableData data = TableData.of(stagedTable)
                .withLocation(location)
                .withParameters(merge(withoutStatistics(stagedTable.parameters()), description.parameters()));
        TableRefresh.Builder refresh = refresh(target, publication, description, data);
        if (stagedPartition.isEmpty()) {
            // the interval has no rows now
            if (existing.isPresent()) {
                glue.deletePartition(target.schema(), target.table(), values);
            }
            glue.refresh(refresh.build(), current);
            return new PublishOutcome(previous, previousRunId, Optional.empty(), value);
        }
        StorageDescriptor storage = stagedPartition.get().storageDescriptor();
        List<ColumnStatistic> statistics = statistics(reads, names(storage.columns()));
        refresh.partition(new PartitionRefresh(values, storage.location(), publication.rowCount(), stagedPartition.get().parameters(), statistics));
        glue.refresh(refresh.build(), current);
        publishedStorage.put(target, data.storage());
        return new PublishOutcome(previous, previousRunId, Optional.of(new PublishedData(storage.location(), storage.columns())), value);
    }

    /**
     * The column statistics of staged data, read while its table is read: staged data usually has the columns this
     * instance last published to the target.
     */
    public record ExpectedStatistics(List<String> columns, CompletableFuture<List<ColumnStatistic>> reading)
    {
        public ExpectedStatistics
        {
            columns = ImmutableList.copyOf(requireNonNull(columns, "columns is null"));
            requireNonNull(reading, "reading is null");
        }
    }

    private Optional<ExpectedStatistics> expectedStatistics(TableName target, Function<List<String>, List<ColumnStatistic>> read)
    {
        return Optional.ofNullable(publishedStorage.get(target))
                .map(storage -> names(storage.columns()))
                .map(columns -> new ExpectedStatistics(columns, supplyAsync(() -> read.apply(columns), GLUE_CALLS)));
    }

    /**
     * The statistics of the staged columns: those read meanwhile when the columns are the expected ones (and the
     * read succeeded), otherwise read now.
     */
    private static List<ColumnStatistic> statistics(PublishReads reads, List<String> columns)
    {
        Optional<ExpectedStatistics> expected = reads.expectedStatistics();
        if (expected.isPresent() && expected.get().columns().equals(columns)) {
            try {
                return getFutureValue(expected.get().reading());
            }
            catch (RuntimeException _) {
                // read again below, where a failure is the publish's
            }
        }
        return reads.statisticsReader().apply(columns);
    }

    private static TableRefresh.Builder refresh(TableName target, Publication publication, TableDescription description, TableData data)
    {
        TableRefresh.Builder refresh = TableRefresh.builder(target.schema(), target.table(), publication)
                .data(data)
                .columnComments(description.columnComments());
        description.comment().ifPresent(refresh::tableComment);
        return refresh;
    }

    /**
     * Points the table back at earlier data, with one UpdateTable that also restores the parameters (publication,
     * comments, Hive's basic statistics) of the table version the restored run published, when Glue still keeps
     * it. The column statistics, which Glue does not version, described the replaced data and are removed.
     */
    public void restoreTable(TableName target, PublishedData data, String runId)
    {
        Table current = table(target).orElseThrow(() -> new IllegalStateException("Table %s is not in the Glue catalog; there is nothing to roll back".formatted(target)));
        Optional<Table> published = glue.tableVersions(target.schema(), target.table()).stream()
                .filter(version -> runId(version).filter(runId::equals).isPresent())
                .findFirst();
        Map<String, String> parameters = published.map(Table::parameters)
                .orElseGet(() -> merge(withoutStatistics(current.parameters()), ImmutableMap.of(CatalogRefresh.RUN_ID, runId)));
        glue.updateTable(target.schema(), tableInput(current).toBuilder()
                .description(published.map(Table::description).orElse(current.description()))
                .storageDescriptor(current.storageDescriptor().toBuilder().location(data.location()).columns(data.columns()).build())
                .parameters(parameters)
                .build(), Optional.ofNullable(current.versionId()));
        glue.deleteStatistics(target.schema(), target.table(), Optional.empty(), names(current.storageDescriptor().columns()));
    }

    /**
     * Points one partition back at earlier data, with one UpdatePartition (or CreatePartition if it was removed)
     * whose parameters name the restored run, its row count and publish time; the partition's column statistics,
     * which described the replaced data, are removed.
     */
    public void restorePartition(TableName target, String value, PublishedData data, String runId, OptionalLong rowCount, Instant publishedAt)
    {
        Table table = table(target).orElseThrow(() -> new IllegalStateException("Table %s is not in the Glue catalog; there is nothing to roll back".formatted(target)));
        List<String> values = ImmutableList.of(value);
        Optional<Partition> existing = glue.getPartition(target.schema(), target.table(), values);
        StorageDescriptor base = existing.map(Partition::storageDescriptor).orElse(table.storageDescriptor());
        Map<String, String> parameters = new HashMap<>(existing.map(Partition::parameters).map(Publisher::withoutStatistics).orElse(ImmutableMap.of()));
        parameters.keySet().removeAll(List.of(CatalogRefresh.ROW_COUNT, LEGACY_RUN_ID));
        parameters.put(CatalogRefresh.RUN_ID, runId);
        parameters.put(CatalogRefresh.PUBLISHED_AT, publishedAt.toString());
        rowCount.ifPresent(rows -> {
            parameters.put(CatalogRefresh.ROW_COUNT, Long.toString(rows));
            parameters.put(HIVE_ROW_COUNT, Long.toString(rows));
        });
        PartitionInput input = PartitionInput.builder()
                .values(values)
                .storageDescriptor(base.toBuilder().location(data.location()).columns(data.columns()).build())
                .parameters(parameters)
                .build();
        if (existing.isPresent()) {
            glue.updatePartition(target.schema(), target.table(), input);
            glue.deleteStatistics(target.schema(), target.table(), Optional.of(values), names(base.columns()));
        }
        else {
            glue.createPartition(target.schema(), target.table(), input);
        }
    }

    /**
     * Removes a staged table from the catalog, keeping its data, which a published table or partition points at.
     */
    public void forgetStagedTable(TableName staged)
    {
        glue.deleteTable(staged.schema(), staged.table());
    }

    /**
     * Registers data no table points at any more as a managed table named {@code name}, so that Trino's
     * {@code DROP TABLE} deletes it with Trino's own file system access.
     */
    public void registerForDeletion(TableName name, TableName model, String location)
    {
        StorageDescriptor template = publishedStorage.get(model);
        if (template == null) {
            template = table(model).orElseThrow(() -> new IllegalStateException("Table %s is not in the Glue catalog".formatted(model))).storageDescriptor();
        }
        TableInput input = TableInput.builder()
                .name(name.table())
                .tableType("MANAGED_TABLE")
                .storageDescriptor(template.toBuilder().location(location).build())
                .parameters(ImmutableMap.of(COMMENT, "expired data of %s, being deleted by the materializer".formatted(model)))
                .build();
        try {
            glue.createTable(name.schema(), input);
        }
        catch (GlueCatalog.GlueCallException e) {
            if (!(e.getCause() instanceof AlreadyExistsException)) {
                throw e;
            }
            // an earlier attempt registered it and did not get to drop it
            glue.deleteTable(name.schema(), name.table());
            glue.createTable(name.schema(), input);
        }
    }

    /**
     * Where the table points now, and where the partition points when one is given.
     */
    public List<String> locations(TableName target, Optional<String> partitionValue)
    {
        ImmutableList.Builder<String> locations = ImmutableList.builder();
        table(target).flatMap(Publisher::data).ifPresent(data -> locations.add(data.location()));
        partitionValue.flatMap(value -> glue.getPartition(target.schema(), target.table(), ImmutableList.of(value)))
                .ifPresent(partition -> locations.add(partition.storageDescriptor().location()));
        return locations.build();
    }

    /**
     * Whether the target, or any of its partitions, points at data of the staged table.
     */
    public boolean referencesStagedData(TableName target, Table staged)
    {
        String location = staged.storageDescriptor().location();
        List<String> referenced = new ArrayList<>(locations(target, Optional.empty()));
        for (Partition partition : glue.getPartitions(staged.databaseName(), staged.name())) {
            glue.getPartition(target.schema(), target.table(), partition.values())
                    .ifPresent(published -> referenced.add(published.storageDescriptor().location()));
        }
        return referenced.stream().anyMatch(published -> published.equals(location) || published.startsWith(location + "/"));
    }

    public List<String> listTables(String schema, String pattern)
    {
        return glue.listTables(schema, pattern);
    }

    private static Optional<PublishedData> data(Table table)
    {
        if (table.storageDescriptor() == null || table.storageDescriptor().location() == null || table.storageDescriptor().location().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PublishedData(table.storageDescriptor().location(), table.storageDescriptor().columns()));
    }

    private static String siblingLocation(String location, String table)
    {
        String parent = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return parent.substring(0, parent.lastIndexOf('/') + 1) + table;
    }

    private static List<String> names(List<Column> columns)
    {
        return columns.stream().map(Column::name).toList();
    }

    /**
     * Runs a Glue call without waiting for it.
     */
    public static CompletableFuture<Void> inParallel(Runnable call)
    {
        return CompletableFuture.runAsync(call, GLUE_CALLS);
    }

    private static Optional<String> runId(Table table)
    {
        return runId(table.parameters());
    }

    private static Optional<String> runId(Map<String, String> parameters)
    {
        return Optional.ofNullable(parameters.getOrDefault(CatalogRefresh.RUN_ID, parameters.get(LEGACY_RUN_ID)));
    }

    private static boolean isView(Table table)
    {
        return "VIRTUAL_VIEW".equals(table.tableType());
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> parameters)
    {
        Map<String, String> merged = new HashMap<>(base);
        merged.putAll(parameters);
        return ImmutableMap.copyOf(merged);
    }

    private static Map<String, String> withoutStatistics(Map<String, String> parameters)
    {
        Map<String, String> copy = new HashMap<>(parameters);
        copy.keySet().removeAll(BASIC_STATISTICS);
        return ImmutableMap.copyOf(copy);
    }

    private static TableInput tableInput(Table table)
    {
        return TableInput.builder()
                .name(table.name())
                .description(table.description())
                .owner(table.owner())
                .retention(table.retention())
                .storageDescriptor(table.storageDescriptor())
                .partitionKeys(table.partitionKeys())
                .viewOriginalText(table.viewOriginalText())
                .viewExpandedText(table.viewExpandedText())
                .tableType(table.tableType())
                .parameters(table.parameters())
                .build();
    }
}
