package io.lakehouse.catalog.crawler;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Lists;
import com.google.common.collect.Maps;
import io.airlift.log.Logger;
import io.lakehouse.catalog.crawler.CrawlReport.DatasetResult;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.inference.ScalarTypeManager;
import io.lakehouse.trino.landing.DatasetOptions;
import io.lakehouse.trino.landing.FileSchema;
import io.lakehouse.trino.landing.LandingFile;
import io.lakehouse.trino.landing.LandingInspector;
import io.lakehouse.trino.landing.LandingInspector.DatasetFolder;
import io.lakehouse.trino.landing.PartitionFolders;
import io.lakehouse.trino.landing.TypeMerging;
import io.trino.filesystem.Location;
import io.trino.spi.type.Type;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.Executors.newFixedThreadPool;
import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toSet;

/**
 * Registers the datasets of the landing zone as Glue tables, as a Glue crawler would but with the landing
 * connector's own inference ({@link LandingInspector}), so that {@code lake.<database>.<dataset>} in Trino's
 * Hive connector, Athena or Spark reads what {@code lakehouse.landing.<dataset>} reads.
 * <ul>
 * <li>Each folder directly below the landing location becomes a table named like the landing table.</li>
 * <li>Partition folders ({@code key=value}, or {@code yyyy/MM/dd} as {@code landing_date}) become partitions,
 * typed as the landing connector types them (date, bigint or string).</li>
 * <li>A sample of each partition folder's files is inferred ({@link CrawlerOptions#sampleFilesPerFolder()}) and
 * the columns merged as the connector merges them.</li>
 * <li>An incremental crawl lists only folder names, and reads only folders that are not partitions yet.</li>
 * <li>When files need a different schema, the {@link SchemaChangePolicy} decides; each applied change is a new
 * table version whose parameter {@value #CHANGE_PARAMETER} says what changed, so GetTableVersions is the change
 * log. Columns and partitions are never dropped.</li>
 * </ul>
 * Every Glue write is durable when it returns, so a cancelled crawl leaves complete tables and partitions, and the
 * next crawl continues where it stopped.
 */
public final class Crawler
{
    public static final String CHANGE_PARAMETER = "lakehouse.crawler.change";
    public static final String UPDATED_AT_PARAMETER = "lakehouse.crawler.updated-at";
    public static final String LOCATION_PARAMETER = "lakehouse.crawler.landing-location";

    private static final Logger log = Logger.get(Crawler.class);
    // Glue's limit for BatchCreatePartition
    private static final int PARTITIONS_PER_BATCH = 100;
    private static final int MAX_UPDATE_ATTEMPTS = 5;
    private static final int PARTITION_SEGMENTS = 4;
    private static final ScalarTypeManager TYPES = new ScalarTypeManager();

    private final LandingInspector landing;
    private final GlueClient glue;
    private final CrawlerOptions options;
    private final Clock clock;
    private final Consumer<String> progress;

    public Crawler(LandingInspector landing, GlueClient glue, CrawlerOptions options, Clock clock, Consumer<String> progress)
    {
        this.landing = requireNonNull(landing, "landing is null");
        this.glue = requireNonNull(glue, "glue is null");
        this.options = requireNonNull(options, "options is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /**
     * Crawls every dataset of the landing zone. A dataset that fails is reported and the others still crawled.
     */
    public CrawlReport crawl()
    {
        Instant start = clock.instant();
        ensureDatabase();
        List<DatasetFolder> datasets = landing.listDatasets();
        progress.accept("%s crawl of %s: %s datasets into Glue database %s".formatted(options.incremental() ? "Incremental" : "Full", landing.landingLocation(), datasets.size(), options.database()));
        ExecutorService executor = newFixedThreadPool(options.threads());
        try {
            ImmutableList.Builder<DatasetResult> results = ImmutableList.builder();
            for (DatasetFolder dataset : datasets) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("Crawl cancelled before dataset %s; the datasets before it are registered".formatted(dataset.name()));
                }
                results.add(crawlDataset(dataset, executor));
            }
            return new CrawlReport(options.database(), options.incremental(), results.build(), Duration.between(start, clock.instant()));
        }
        finally {
            executor.shutdownNow();
        }
    }

    private DatasetResult crawlDataset(DatasetFolder dataset, ExecutorService executor)
    {
        DatasetCrawl crawl = new DatasetCrawl(dataset);
        try {
            Optional<Table> table = getTable(dataset.name());
            if (options.incremental() && table.isPresent()) {
                crawl.crawlNewFolders(table.get(), executor);
            }
            else {
                crawl.crawlAll(table, executor);
            }
        }
        catch (CancellationException e) {
            throw e;
        }
        catch (RuntimeException e) {
            log.error(e, "Crawling %s failed", dataset.location());
            crawl.failure = Optional.of("%s: %s".formatted(e.getClass().getSimpleName(), e.getMessage()));
        }
        DatasetResult result = crawl.result();
        progress.accept("%s: %s%s partitions added, %s files listed, %s inferred%s".formatted(
                result.table(), result.tableCreated() ? "table created, " : "", result.partitionsAdded(), result.filesListed(), result.filesInferred(),
                result.failure().map(failure -> ", FAILED: " + failure).orElse("")));
        return result;
    }

    /**
     * The state of crawling one dataset.
     */
    private final class DatasetCrawl
    {
        private final DatasetFolder dataset;
        private final List<SchemaChange> changes = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private boolean tableCreated;
        private int partitionsAdded;
        private int filesListed;
        private int filesInferred;
        private Optional<String> failure = Optional.empty();

        DatasetCrawl(DatasetFolder dataset)
        {
            this.dataset = dataset;
        }

        DatasetResult result()
        {
            return new DatasetResult(dataset.name(), dataset.location().toString(), tableCreated, partitionsAdded, filesListed, filesInferred, changes, warnings, failure);
        }

        void crawlAll(Optional<Table> table, ExecutorService executor)
        {
            DatasetOptions datasetOptions = landing.readOptions(dataset.location());
            List<LandingFile> files = landing.listFiles(dataset.location(), dataset.location());
            filesListed = files.size();
            if (files.isEmpty()) {
                warnings.add("no data files yet; the table is registered once files land");
                return;
            }
            List<LandingColumn> partitionColumns = LandingInspector.partitionColumns(files);
            Map<List<String>, PartitionFolder> folders = partitionFolders(files, partitionColumns);
            Set<List<String>> registered = table.map(existing -> registeredPartitions(existing, executor).keySet()).orElse(Set.of());
            if (table.isPresent()) {
                long gone = registered.stream().filter(values -> !folders.containsKey(values)).count();
                if (gone > 0) {
                    warnings.add("%s partitions have no folder any more; they stay in the catalog (delete them with DeletePartition when intended)".formatted(gone));
                }
            }
            register(table, datasetOptions, partitionColumns, folders.values().stream()
                    .filter(folder -> !registered.contains(folder.values()))
                    .collect(toImmutableList()), executor);
        }

        void crawlNewFolders(Table table, ExecutorService executor)
        {
            List<String> keys = table.partitionKeys().stream().map(Column::name).collect(toImmutableList());
            if (keys.isEmpty()) {
                warnings.add("the table has no partitions, so an incremental crawl has no new folders to look at; run a full crawl to pick up new files");
                return;
            }
            Set<String> knownLocations = new HashSet<>();
            registeredPartitions(table, executor).values().forEach(location -> knownLocations.add(withTrailingSlash(location)));
            progress.accept("%s: %s partitions registered".formatted(dataset.name(), knownLocations.size()));
            List<Location> newFolders = new ArrayList<>();
            findNewPartitionFolders(dataset.location(), keys.size(), knownLocations, newFolders, 0);
            if (newFolders.isEmpty()) {
                return;
            }
            progress.accept("%s: %s new partition folders".formatted(dataset.name(), newFolders.size()));
            DatasetOptions datasetOptions = landing.readOptions(dataset.location());
            List<LandingFile> files = newFolders.stream()
                    .flatMap(folder -> landing.listFiles(dataset.location(), folder).stream())
                    .collect(toImmutableList());
            filesListed = files.size();
            List<LandingColumn> partitionColumns = table.partitionKeys().stream()
                    .map(key -> new LandingColumn(key.name(), landingType(key)))
                    .collect(toImmutableList());
            register(Optional.of(table), datasetOptions, partitionColumns, ImmutableList.copyOf(partitionFolders(files, partitionColumns).values()), executor);
        }

        /**
         * Walks folder names down to partition depth, without descending into registered partitions.
         */
        private void findNewPartitionFolders(Location folder, int keyCount, Set<String> knownLocations, List<Location> found, int depth)
        {
            // a date folder yyyy/MM/dd is three levels for one key
            if (depth > keyCount * 3) {
                return;
            }
            String datasetPath = withTrailingSlash(dataset.location().toString());
            for (Location child : landing.listFolders(folder)) {
                String location = withTrailingSlash(child.toString());
                if (knownLocations.contains(location)) {
                    continue;
                }
                int values = PartitionFolders.values(location.substring(datasetPath.length()) + "file").size();
                if (values == keyCount) {
                    found.add(child);
                }
                else if (values < keyCount) {
                    findNewPartitionFolders(child, keyCount, knownLocations, found, depth + 1);
                }
            }
        }

        private Map<List<String>, PartitionFolder> partitionFolders(List<LandingFile> files, List<LandingColumn> partitionColumns)
        {
            List<String> keys = partitionColumns.stream().map(LandingColumn::name).collect(toImmutableList());
            Map<List<String>, PartitionFolder> folders = new LinkedHashMap<>();
            int outside = 0;
            for (LandingFile file : files) {
                if (!file.partitionValues().keySet().equals(Set.copyOf(keys))) {
                    outside++;
                    continue;
                }
                List<String> values = keys.stream().map(file.partitionValues()::get).collect(toImmutableList());
                folders.computeIfAbsent(values, _ -> new PartitionFolder(values, partitionLocation(file, keys.size()), new ArrayList<>()))
                        .files().add(file);
            }
            if (outside > 0) {
                warnings.add("%s files are not in a folder of every partition key %s; Hive readers do not see them".formatted(outside, keys));
            }
            return folders;
        }

        /**
         * The folder of a file's partition: the shortest path below the dataset that holds all partition values.
         */
        private String partitionLocation(LandingFile file, int keyCount)
        {
            String datasetPath = withTrailingSlash(dataset.location().toString());
            String relativePath = file.location().toString().substring(datasetPath.length());
            if (keyCount == 0) {
                return datasetPath;
            }
            int end = relativePath.indexOf('/');
            while (end >= 0) {
                String folder = relativePath.substring(0, end + 1);
                if (PartitionFolders.values(folder + "file").size() == keyCount) {
                    return datasetPath + folder;
                }
                end = relativePath.indexOf('/', end + 1);
            }
            throw new IllegalStateException("No partition folder found for " + file.location());
        }

        private void register(Optional<Table> existing, DatasetOptions datasetOptions, List<LandingColumn> partitionColumns, List<PartitionFolder> newFolders, ExecutorService executor)
        {
            if (existing.isPresent() && newFolders.isEmpty()) {
                return;
            }
            List<LandingFile> sample = new ArrayList<>();
            for (PartitionFolder folder : newFolders) {
                List<LandingFile> files = folder.files();
                sample.addAll(options.sampleFilesPerFolder() == 0 ? files : files.subList(0, Math.min(files.size(), options.sampleFilesPerFolder())));
            }
            progress.accept("%s: %s partition folders, %s files, inferring %s".formatted(dataset.name(), newFolders.size(), filesListed, sample.size()));
            List<FileSchema> schemas = inferAll(sample, datasetOptions, executor);
            filesInferred = schemas.size();

            Set<String> partitionNames = partitionColumns.stream().map(LandingColumn::name).collect(toSet());
            List<LandingColumn> dataColumns = new ArrayList<>();
            for (LandingColumn column : FileSchema.unionByName(schemas)) {
                if (partitionNames.contains(column.name())) {
                    warnings.add("column %s is also a partition folder name; the partition value is used, as in lakehouse.landing".formatted(column.name()));
                    continue;
                }
                dataColumns.add(column);
            }
            checkOneLayout(schemas, sample);
            HiveStorage storage = HiveStorage.forDataset(schemas.getFirst(), dataColumns);

            Table table = existing.isPresent()
                    ? applySchemaChanges(existing.get(), partitionColumns, dataColumns, storage)
                    : createTable(partitionColumns, dataColumns, storage);
            addPartitions(table, newFolders, executor);
        }

        private void checkOneLayout(List<FileSchema> schemas, List<LandingFile> sample)
        {
            FileSchema first = schemas.getFirst();
            for (int i = 1; i < schemas.size(); i++) {
                FileSchema schema = schemas.get(i);
                if (schema.format() != first.format() || !schema.dialect().map(dialect -> dialect.delimiter() == first.dialect().orElseThrow().delimiter() && dialect.quote() == first.dialect().orElseThrow().quote()).orElse(true)) {
                    warnings.add("%s is written differently from %s; the table describes the first, so Hive readers misread the other".formatted(sample.get(i).location(), sample.getFirst().location()));
                    return;
                }
            }
        }

        private Table createTable(List<LandingColumn> partitionColumns, List<LandingColumn> dataColumns, HiveStorage storage)
        {
            List<Column> columns = dataColumns.stream().map(storage::column).collect(toImmutableList());
            TableInput input = TableInput.builder()
                    .name(dataset.name())
                    .description("Landing dataset %s, registered by the lakehouse crawler".formatted(dataset.location()))
                    .tableType("EXTERNAL_TABLE")
                    .parameters(ImmutableMap.<String, String>builder()
                            .putAll(storage.tableParameters())
                            .put(LOCATION_PARAMETER, dataset.location().toString())
                            .put(UPDATED_AT_PARAMETER, clock.instant().toString())
                            .put(CHANGE_PARAMETER, "created with %s columns".formatted(columns.size()))
                            .buildOrThrow())
                    .storageDescriptor(storage.storageDescriptor(withTrailingSlash(dataset.location().toString()), columns))
                    .partitionKeys(partitionColumns.stream().map(HiveStorage::partitionKey).collect(toImmutableList()))
                    .build();
            glue.createTable(request -> request.databaseName(options.database()).tableInput(input));
            tableCreated = true;
            progress.accept("%s: table %s.%s created (%s, %s columns, partitioned by %s)".formatted(
                    dataset.name(), options.database(), dataset.name(), storage.classification(), columns.size(), partitionColumns.stream().map(LandingColumn::name).toList()));
            return getTable(dataset.name()).orElseThrow(() -> new IllegalStateException("Table %s.%s vanished right after it was created".formatted(options.database(), dataset.name())));
        }

        /**
         * Compares the table with what the files need and applies the changes the policy allows, as a new
         * table version that names them; a concurrent change of the table makes it read the table again.
         */
        private Table applySchemaChanges(Table table, List<LandingColumn> partitionColumns, List<LandingColumn> dataColumns, HiveStorage storage)
        {
            List<String> expectedKeys = partitionColumns.stream().map(LandingColumn::name).toList();
            List<String> tableKeys = table.partitionKeys().stream().map(Column::name).toList();
            if (!expectedKeys.equals(tableKeys)) {
                throw new IllegalStateException("the partition folders are %s but the table is partitioned by %s; partition keys cannot change, so drop the table %s.%s and crawl again"
                        .formatted(expectedKeys, tableKeys, options.database(), table.name()));
            }
            if (!storage.serializationLibrary().equals(table.storageDescriptor().serdeInfo().serializationLibrary())) {
                warnings.add("the files read as %s but the table uses %s; the table is kept as it is".formatted(storage.serializationLibrary(), table.storageDescriptor().serdeInfo().serializationLibrary()));
            }
            Table current = table;
            for (int attempt = 1; ; attempt++) {
                List<SchemaChange> found = new ArrayList<>();
                List<Column> columns = changedColumns(current, dataColumns, storage, found);
                boolean apply = options.schemaChangePolicy() == SchemaChangePolicy.ADD_COLUMNS && found.stream().anyMatch(change -> change.kind() != SchemaChange.Kind.MISSING_COLUMN);
                List<SchemaChange> logged = found.stream()
                        .map(change -> new SchemaChange(change.table(), change.kind(), change.column(), change.before(), change.after(), apply && change.kind() != SchemaChange.Kind.MISSING_COLUMN))
                        .toList();
                if (!apply) {
                    record(logged);
                    return current;
                }
                String description = logged.stream().filter(SchemaChange::applied).map(SchemaChange::toString).collect(joining("; "));
                Table base = current;
                TableInput input = tableInput(base).toBuilder()
                        .storageDescriptor(base.storageDescriptor().toBuilder().columns(columns).build())
                        .parameters(ImmutableMap.<String, String>builder()
                                .putAll(Maps.filterKeys(base.parameters(), key -> !key.equals(CHANGE_PARAMETER) && !key.equals(UPDATED_AT_PARAMETER)))
                                .put(UPDATED_AT_PARAMETER, clock.instant().toString())
                                .put(CHANGE_PARAMETER, description)
                                .buildOrThrow())
                        .build();
                try {
                    glue.updateTable(request -> request.databaseName(options.database()).tableInput(input).versionId(base.versionId()));
                    record(logged);
                    return getTable(dataset.name()).orElseThrow();
                }
                catch (ConcurrentModificationException e) {
                    if (attempt == MAX_UPDATE_ATTEMPTS) {
                        throw e;
                    }
                    current = getTable(dataset.name()).orElseThrow(() -> new IllegalStateException("Table %s.%s was dropped during the crawl".formatted(options.database(), dataset.name())));
                }
            }
        }

        private void record(List<SchemaChange> found)
        {
            changes.addAll(found);
            found.forEach(change -> progress.accept("change: " + change));
        }

        private List<Column> changedColumns(Table table, List<LandingColumn> dataColumns, HiveStorage storage, List<SchemaChange> found)
        {
            Map<String, LandingColumn> fileColumns = new LinkedHashMap<>();
            dataColumns.forEach(column -> fileColumns.put(column.name(), column));
            List<Column> columns = new ArrayList<>();
            for (Column column : table.storageDescriptor().columns()) {
                LandingColumn fileColumn = fileColumns.remove(column.name());
                if (fileColumn == null) {
                    found.add(new SchemaChange(table.name(), SchemaChange.Kind.MISSING_COLUMN, column.name(), Optional.of(describe(column)), Optional.empty(), false));
                    columns.add(column);
                    continue;
                }
                if (!fileColumn.hasValues()) {
                    // the sampled files hold only nulls for it: no evidence against the table's type
                    columns.add(column);
                    continue;
                }
                Type tableType = landingType(column);
                Type merged = TypeMerging.merge(tableType, fileColumn.type());
                Optional<String> pattern = merged.equals(tableType) ? fileColumn.pattern() : Optional.empty();
                Column mergedColumn = storage.column(new LandingColumn(column.name(), merged, pattern));
                if (merged.equals(tableType)) {
                    columns.add(column);
                }
                else {
                    found.add(new SchemaChange(table.name(), SchemaChange.Kind.WIDENED_TYPE, column.name(), Optional.of(describe(column)), Optional.of(describe(mergedColumn)), false));
                    columns.add(mergedColumn);
                }
            }
            // Hive reads text by position: new columns can only come after the existing ones
            for (LandingColumn column : fileColumns.values()) {
                Column added = storage.column(column);
                found.add(new SchemaChange(table.name(), SchemaChange.Kind.ADDED_COLUMN, column.name(), Optional.empty(), Optional.of(describe(added)), false));
                columns.add(added);
            }
            return columns;
        }

        private void addPartitions(Table table, List<PartitionFolder> folders, ExecutorService executor)
        {
            StorageDescriptor tableStorage = table.storageDescriptor();
            List<PartitionInput> inputs = folders.stream()
                    .map(folder -> PartitionInput.builder()
                            .values(folder.values())
                            .storageDescriptor(tableStorage.toBuilder().location(folder.location()).build())
                            .parameters(ImmutableMap.of("lakehouse.crawler.files", Integer.toString(folder.files().size())))
                            .build())
                    .collect(toImmutableList());
            List<Future<BatchCreatePartitionResponse>> batches = new ArrayList<>();
            for (List<PartitionInput> batch : Lists.partition(inputs, PARTITIONS_PER_BATCH)) {
                batches.add(executor.submit(() -> glue.batchCreatePartition(request -> request
                        .databaseName(options.database())
                        .tableName(table.name())
                        .partitionInputList(batch))));
            }
            int failed = 0;
            for (Future<BatchCreatePartitionResponse> batch : batches) {
                for (PartitionError error : await(batch).errors()) {
                    // a concurrent crawl registered the partition first
                    if (!error.errorDetail().errorCode().equals("AlreadyExistsException")) {
                        failed++;
                        warnings.add("partition %s not registered: %s".formatted(error.partitionValues(), error.errorDetail().errorMessage()));
                    }
                }
            }
            partitionsAdded = inputs.size() - failed;
        }

        private List<FileSchema> inferAll(List<LandingFile> files, DatasetOptions datasetOptions, ExecutorService executor)
        {
            List<Future<FileSchema>> futures = files.stream()
                    .map(file -> executor.submit(() -> landing.inferSchema(file, datasetOptions)))
                    .collect(toImmutableList());
            return futures.stream().map(Crawler::await).collect(toImmutableList());
        }

        /**
         * The registered partitions' values and locations, read in parallel segments as Trino reads them.
         */
        private Map<List<String>, String> registeredPartitions(Table table, ExecutorService executor)
        {
            List<Future<List<Partition>>> segments = new ArrayList<>();
            for (int segment = 0; segment < PARTITION_SEGMENTS; segment++) {
                int segmentNumber = segment;
                segments.add(executor.submit(() -> glue.getPartitionsPaginator(request -> request
                                .databaseName(options.database())
                                .tableName(table.name())
                                .segment(value -> value.segmentNumber(segmentNumber).totalSegments(PARTITION_SEGMENTS))
                                .excludeColumnSchema(true))
                        .stream()
                        .flatMap(page -> page.partitions().stream())
                        .collect(toImmutableList())));
            }
            Map<List<String>, String> partitions = new HashMap<>();
            for (Future<List<Partition>> segment : segments) {
                await(segment).forEach(partition -> partitions.put(partition.values(), Objects.requireNonNullElse(partition.storageDescriptor().location(), "")));
            }
            return partitions;
        }
    }

    private record PartitionFolder(List<String> values, String location, List<LandingFile> files) {}

    private void ensureDatabase()
    {
        try {
            glue.getDatabase(request -> request.name(options.database()));
        }
        catch (EntityNotFoundException e) {
            glue.createDatabase(request -> request.databaseInput(input -> input
                    .name(options.database())
                    .description("Landing datasets of %s, registered by the lakehouse crawler".formatted(landing.landingLocation()))));
            progress.accept("Glue database %s created".formatted(options.database()));
        }
    }

    private Optional<Table> getTable(String name)
    {
        try {
            return Optional.of(glue.getTable(request -> request.databaseName(options.database()).name(name)).table());
        }
        catch (EntityNotFoundException e) {
            return Optional.empty();
        }
    }

    private static TableInput tableInput(Table table)
    {
        return TableInput.builder()
                .name(table.name())
                .description(table.description())
                .owner(table.owner())
                .retention(table.retention())
                .tableType(table.tableType())
                .parameters(table.parameters())
                .storageDescriptor(table.storageDescriptor())
                .partitionKeys(table.partitionKeys())
                .build();
    }

    /**
     * The Trino type the landing connector gave a column, or the closest one to its Hive type for columns
     * registered by someone else.
     */
    private static Type landingType(Column column)
    {
        Optional<String> trinoType = Optional.ofNullable(column.parameters()).map(parameters -> parameters.get(HiveStorage.TYPE_PARAMETER));
        try {
            return TYPES.fromSqlType(trinoType.orElseGet(() -> trinoTypeName(column.type())));
        }
        catch (IllegalArgumentException e) {
            // a type only the engine knows (row, array): compared as text, so any difference widens to varchar
            return VARCHAR;
        }
    }

    private static String trinoTypeName(String hiveType)
    {
        String type = hiveType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "string" -> "varchar";
            case "int" -> "integer";
            case "float" -> "real";
            case "binary" -> "varbinary";
            case "timestamp" -> "timestamp(3)";
            default -> type;
        };
    }

    private static String describe(Column column)
    {
        return Optional.ofNullable(column.parameters()).map(parameters -> parameters.get(HiveStorage.TYPE_PARAMETER)).orElse(column.type());
    }

    private static String withTrailingSlash(String location)
    {
        return location.endsWith("/") ? location : location + "/";
    }

    private static <T> T await(Future<T> future)
    {
        try {
            return future.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Crawl cancelled");
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw new RuntimeException(e.getCause());
        }
    }
}
