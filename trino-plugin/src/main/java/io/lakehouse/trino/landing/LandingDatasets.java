package io.lakehouse.trino.landing;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.util.concurrent.UncheckedExecutionException;
import com.google.inject.Inject;
import io.lakehouse.trino.LakehouseConfig;
import io.lakehouse.trino.format.LandingColumn;
import io.trino.filesystem.FileEntry;
import io.trino.filesystem.FileIterator;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoFileSystemFactory;
import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.TrinoInputStream;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.TypeManager;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_EMPTY_DATASET;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_FILESYSTEM_ERROR;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_INVALID_OPTIONS;
import static java.util.Objects.requireNonNull;

/**
 * The landing zone as tables: each folder directly below the landing location is a dataset; its files, at any depth,
 * are its rows. Folders named {@code key=value} between the dataset folder and a file are partition columns, and so
 * are plain date folders {@code yyyy/MM/dd}, as the date column {@value PartitionFolders#DATE_FOLDER_COLUMN}.
 * Files and folders whose names start with {@code _} or {@code .} are not data ({@code _SUCCESS}, the options
 * sidecar {@value DatasetOptions#FILE_NAME}).
 */
public final class LandingDatasets
{
    public static final String SCHEMA = "landing";

    private final TrinoFileSystemFactory fileSystemFactory;
    private final Location landingLocation;
    private final TypeManager typeManager;
    private final FileSchemaInference inference;
    private final LandingStats stats;
    // what inference found per file version; a changed file (size or modification time) is a new key
    private final Cache<FileKey, FileSchema> fileSchemas = CacheBuilder.newBuilder().maximumSize(100_000).build();

    @Inject
    public LandingDatasets(TrinoFileSystemFactory fileSystemFactory, LakehouseConfig config, TypeManager typeManager, LandingStats stats)
    {
        this.stats = requireNonNull(stats, "stats is null");
        this.fileSystemFactory = requireNonNull(fileSystemFactory, "fileSystemFactory is null");
        this.landingLocation = Location.of(withTrailingSlash(config.getLandingLocation()));
        this.typeManager = requireNonNull(typeManager, "typeManager is null");
        this.inference = new FileSchemaInference(config);
    }

    public List<String> listDatasets(ConnectorSession session)
    {
        try {
            return fileSystemFactory.create(session).listDirectories(landingLocation).stream()
                    .map(LandingDatasets::folderName)
                    .filter(name -> !PartitionFolders.isHidden(name))
                    .map(name -> name.toLowerCase(Locale.ENGLISH))
                    .sorted()
                    .collect(toImmutableList());
        }
        catch (IOException e) {
            throw new TrinoException(LANDING_FILESYSTEM_ERROR, "Cannot list the landing zone at %s: %s".formatted(landingLocation, e.getMessage()), e);
        }
    }

    /**
     * The dataset folder named like {@code table}, or empty when there is none or it holds no data file yet.
     */
    public Optional<LandingTableHandle> getTable(ConnectorSession session, SchemaTableName table)
    {
        TrinoFileSystem fileSystem = fileSystemFactory.create(session);
        Optional<Location> folder = findFolder(fileSystem, table.getTableName());
        return folder.flatMap(location -> describe(session, table, location.toString(), Optional.empty()));
    }

    /**
     * A folder or single file anywhere the connector's file systems reach, as {@code read_files} shows it.
     */
    public Optional<LandingTableHandle> describe(ConnectorSession session, SchemaTableName name, String location, Optional<LandingFormat> format)
    {
        Dataset dataset = listDataset(fileSystemFactory.create(session), location, format);
        if (dataset.files().isEmpty()) {
            return Optional.empty();
        }
        FileSchema firstFileSchema = schemaOf(session, dataset, dataset.files().getFirst());
        List<LandingColumn> data = FileSchema.unionByName(dataset.files().stream().map(file -> schemaOf(session, dataset, file)).toList());
        if (data.isEmpty()) {
            throw new TrinoException(LANDING_EMPTY_DATASET, "%s: every data file is empty; there is nothing to read yet".formatted(dataset.location()));
        }
        ImmutableList.Builder<LandingColumnHandle> handles = ImmutableList.builder();
        data.forEach(column -> handles.add(LandingColumnHandle.data(column.name(), column.type(), column.pattern())));
        Set<String> dataNames = data.stream().map(LandingColumn::name).collect(toImmutableSet());
        checkDeclaredColumnsExist(dataset, dataNames);
        PartitionFolders.columns(dataset.files()).stream()
                .filter(partition -> !dataNames.contains(partition.name()))
                .forEach(handles::add);
        return Optional.of(new LandingTableHandle(
                name,
                dataset.location(),
                format,
                firstFileSchema,
                handles.build(),
                dataset.options().onError().orElse(OnError.FAIL),
                false,
                TupleDomain.all()));
    }

    /**
     * A column declared in the sidecar file that no file has (a misspelt name, most often) would otherwise be ignored
     * without a word, and the column it meant read with the inferred type.
     */
    private static void checkDeclaredColumnsExist(Dataset dataset, Set<String> names)
    {
        List<String> unknown = dataset.options().columns().keySet().stream()
                .filter(name -> !names.contains(name))
                .sorted()
                .collect(toImmutableList());
        if (!unknown.isEmpty()) {
            throw new TrinoException(LANDING_INVALID_OPTIONS, "%s declares column%s %s, which no file of the dataset has; its columns are %s. Correct the name%2$s in \"columns\"".formatted(
                    Location.of(dataset.location()).appendPath(DatasetOptions.FILE_NAME),
                    unknown.size() == 1 ? "" : "s",
                    String.join(", ", unknown),
                    String.join(", ", names)));
        }
    }

    /**
     * The data files of a table with what inference found in each, pruned by the table's partition predicate.
     */
    public List<SchemaFile> listFiles(ConnectorSession session, LandingTableHandle table)
    {
        Dataset dataset = listDataset(fileSystemFactory.create(session), table.location(), table.format());
        TupleDomain<ColumnHandle> constraint = table.partitionConstraint();
        ImmutableList.Builder<SchemaFile> files = ImmutableList.builder();
        for (LandingFile file : dataset.files()) {
            if (PartitionFolders.matches(table.columns(), file.partitionValues(), constraint)) {
                files.add(new SchemaFile(file, schemaOf(session, dataset, file)));
            }
        }
        return files.build();
    }

    public record SchemaFile(LandingFile file, FileSchema schema)
    {
        public SchemaFile
        {
            requireNonNull(file, "file is null");
            requireNonNull(schema, "schema is null");
        }
    }

    private FileSchema schemaOf(ConnectorSession session, Dataset dataset, LandingFile file)
    {
        try {
            return fileSchemas.get(new FileKey(file.location().toString(), file.length(), file.modifiedMillis(), dataset.options()),
                    () -> {
                        stats.getFilesInferred().update(1);
                        return inference.infer(fileSystemFactory.create(session).newInputFile(file.location(), file.length()), dataset.options());
                    });
        }
        catch (ExecutionException | UncheckedExecutionException e) {
            if (e.getCause() instanceof TrinoException trinoException) {
                throw trinoException;
            }
            String remedy = LandingFileInput.compression(file.location().fileName())
                    .map(compression -> ". If the file is corrupt or not %s data as its name says, replace it, %s".formatted(compression.name().toLowerCase(Locale.ENGLISH), PartitionFolders.SET_ASIDE))
                    .orElse("");
            throw new TrinoException(LANDING_FILESYSTEM_ERROR, "Cannot read %s: %s%s".formatted(file.location(), e.getCause().getMessage(), remedy), e.getCause());
        }
    }

    private Dataset listDataset(TrinoFileSystem fileSystem, String location, Optional<LandingFormat> format)
    {
        Dataset dataset = listDataset(fileSystem, location);
        return format.map(value -> new Dataset(dataset.location(), dataset.options().withFormat(value), dataset.files())).orElse(dataset);
    }

    private Dataset listDataset(TrinoFileSystem fileSystem, String location)
    {
        Location root = Location.of(location);
        List<LandingFile> files = new ArrayList<>();
        DatasetOptions options = DatasetOptions.NONE;
        try {
            if (!location.endsWith("/")) {
                TrinoInputFile single = fileSystem.newInputFile(root);
                if (single.exists()) {
                    files.add(new LandingFile(root, single.length(), single.lastModified().toEpochMilli(), ImmutableMap.of()));
                    return new Dataset(location, options, files);
                }
            }
            Location folder = Location.of(withTrailingSlash(location));
            FileIterator iterator = fileSystem.listFiles(folder);
            while (iterator.hasNext()) {
                FileEntry entry = iterator.next();
                String relativePath = entry.location().toString().substring(folder.toString().length());
                if (relativePath.equals(DatasetOptions.FILE_NAME)) {
                    options = DatasetOptions.parse(entry.location().toString(), readAll(fileSystem.newInputFile(entry.location(), entry.length())), typeManager);
                    continue;
                }
                if (PartitionFolders.isHiddenPath(relativePath) || entry.length() == 0 && relativePath.endsWith("/")) {
                    continue;
                }
                files.add(new LandingFile(entry.location(), entry.length(), entry.lastModified().toEpochMilli(), PartitionFolders.values(relativePath)));
            }
            files.sort(Comparator.comparing(file -> file.location().toString()));
            return new Dataset(folder.toString(), options, files);
        }
        catch (IOException e) {
            throw new TrinoException(LANDING_FILESYSTEM_ERROR, "Cannot list files of %s: %s".formatted(location, e.getMessage()), e);
        }
    }

    private Optional<Location> findFolder(TrinoFileSystem fileSystem, String table)
    {
        try {
            return fileSystem.listDirectories(landingLocation).stream()
                    .filter(folder -> folderName(folder).equalsIgnoreCase(table))
                    .findFirst();
        }
        catch (IOException e) {
            throw new TrinoException(LANDING_FILESYSTEM_ERROR, "Cannot list the landing zone at %s: %s".formatted(landingLocation, e.getMessage()), e);
        }
    }

    private static byte[] readAll(TrinoInputFile file)
            throws IOException
    {
        try (TrinoInputStream input = file.newStream()) {
            return input.readAllBytes();
        }
    }

    private static String folderName(Location folder)
    {
        String path = folder.path();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String withTrailingSlash(String location)
    {
        return location.endsWith("/") ? location : location + "/";
    }

    private record Dataset(String location, DatasetOptions options, List<LandingFile> files) {}

    private record FileKey(String path, long length, long modifiedMillis, DatasetOptions options) {}
}
