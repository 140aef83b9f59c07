package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.LakehouseConfig;
import io.lakehouse.trino.format.LandingColumn;
import io.trino.filesystem.FileEntry;
import io.trino.filesystem.FileIterator;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.TrinoInputStream;
import io.trino.spi.type.TypeManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

/**
 * The landing zone as the connector sees it, for tools that run outside Trino such as the Glue crawler: the
 * same folder and file rules as {@link LandingDatasets} (hidden names, partition folders, the options sidecar
 * {@value DatasetOptions#FILE_NAME}), the same per-file {@link FileSchemaInference}, and the same merging of
 * the files' columns, on a file system given directly instead of a query session. Unlike the connector, a caller
 * may list and infer just part of a dataset, such as one new partition folder.
 */
public final class LandingInspector
{
    private final TrinoFileSystem fileSystem;
    private final Location landingLocation;
    private final TypeManager typeManager;
    private final FileSchemaInference inference;

    public LandingInspector(TrinoFileSystem fileSystem, LakehouseConfig config, TypeManager typeManager)
    {
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
        String location = requireNonNull(config.getLandingLocation(), "landing location is null");
        this.landingLocation = Location.of(location.endsWith("/") ? location : location + "/");
        this.typeManager = requireNonNull(typeManager, "typeManager is null");
        this.inference = new FileSchemaInference(config);
    }

    /**
     * A dataset: a folder directly below the landing location, named as its table in schema {@value LandingDatasets#SCHEMA}.
     */
    public record DatasetFolder(String name, Location location)
    {
        public DatasetFolder
        {
            requireNonNull(name, "name is null");
            requireNonNull(location, "location is null");
        }
    }

    public Location landingLocation()
    {
        return landingLocation;
    }

    public List<DatasetFolder> listDatasets()
    {
        return listFolders(landingLocation).stream()
                .map(folder -> new DatasetFolder(folderName(folder).toLowerCase(Locale.ENGLISH), folder))
                .sorted(Comparator.comparing(DatasetFolder::name))
                .collect(toImmutableList());
    }

    /**
     * The folders directly below a folder, without hidden ones, each with a trailing slash.
     */
    public List<Location> listFolders(Location folder)
    {
        try {
            return fileSystem.listDirectories(withTrailingSlash(folder)).stream()
                    .filter(child -> !PartitionFolders.isHidden(folderName(child)))
                    .map(LandingInspector::withTrailingSlash)
                    .sorted(Comparator.comparing(Location::toString))
                    .collect(toImmutableList());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list the folders of %s: %s".formatted(folder, e.getMessage()), e);
        }
    }

    /**
     * The options a dataset declares in its sidecar file, or none.
     */
    public DatasetOptions readOptions(Location dataset)
    {
        Location sidecar = withTrailingSlash(dataset).appendPath(DatasetOptions.FILE_NAME);
        try {
            TrinoInputFile file = fileSystem.newInputFile(sidecar);
            if (!file.exists()) {
                return DatasetOptions.NONE;
            }
            try (TrinoInputStream input = file.newStream()) {
                return DatasetOptions.parse(sidecar.toString(), input.readAllBytes(), typeManager);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read %s: %s".formatted(sidecar, e.getMessage()), e);
        }
    }

    /**
     * The data files below {@code folder} (the dataset folder or one inside it), in path order, with their
     * partition values taken from the folders between the dataset folder and each file.
     */
    public List<LandingFile> listFiles(Location dataset, Location folder)
    {
        String datasetPath = withTrailingSlash(dataset).toString();
        List<LandingFile> files = new ArrayList<>();
        try {
            FileIterator iterator = fileSystem.listFiles(withTrailingSlash(folder));
            while (iterator.hasNext()) {
                FileEntry entry = iterator.next();
                String location = entry.location().toString();
                if (!location.startsWith(datasetPath)) {
                    throw new IllegalArgumentException("%s is not inside dataset %s".formatted(location, datasetPath));
                }
                String relativePath = location.substring(datasetPath.length());
                if (relativePath.equals(DatasetOptions.FILE_NAME) || PartitionFolders.isHiddenPath(relativePath) || entry.length() == 0 && relativePath.endsWith("/")) {
                    continue;
                }
                files.add(new LandingFile(entry.location(), entry.length(), entry.lastModified().toEpochMilli(), PartitionFolders.values(relativePath)));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list files of %s: %s".formatted(folder, e.getMessage()), e);
        }
        files.sort(Comparator.comparing(file -> file.location().toString()));
        return ImmutableList.copyOf(files);
    }

    /**
     * What the connector infers for one file of a dataset with these options.
     */
    public FileSchema inferSchema(LandingFile file, DatasetOptions options)
    {
        try {
            return inference.infer(fileSystem.newInputFile(file.location(), file.length()), options);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read %s: %s".formatted(file.location(), e.getMessage()), e);
        }
    }

    /**
     * The partition columns of these files and their types, as the connector shows them.
     */
    public static List<LandingColumn> partitionColumns(List<LandingFile> files)
    {
        return PartitionFolders.columns(files).stream()
                .map(column -> new LandingColumn(column.name(), column.type()))
                .collect(toImmutableList());
    }

    private static Location withTrailingSlash(Location location)
    {
        String value = location.toString();
        return value.endsWith("/") ? location : Location.of(value + "/");
    }

    private static String folderName(Location folder)
    {
        String path = folder.path();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
