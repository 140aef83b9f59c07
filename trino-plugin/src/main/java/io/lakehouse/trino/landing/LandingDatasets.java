package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.inject.Inject;
import io.lakehouse.trino.LakehouseConfig;
import io.trino.filesystem.FileEntry;
import io.trino.filesystem.FileIterator;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoFileSystemFactory;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.SchemaTableName;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_BAD_DATA;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_FILESYSTEM_ERROR;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * The landing zone as tables: each folder directly below the landing location is a dataset; its files, at any depth,
 * are its rows, and {@code key=value} folders between the dataset folder and a file are partition columns.
 */
public final class LandingDatasets
{
    public static final String SCHEMA = "landing";

    private final TrinoFileSystemFactory fileSystemFactory;
    private final Location landingLocation;

    @Inject
    public LandingDatasets(TrinoFileSystemFactory fileSystemFactory, LakehouseConfig config)
    {
        this.fileSystemFactory = requireNonNull(fileSystemFactory, "fileSystemFactory is null");
        this.landingLocation = Location.of(withTrailingSlash(config.getLandingLocation()));
    }

    public List<String> listDatasets(ConnectorSession session)
    {
        try {
            return fileSystemFactory.create(session).listDirectories(landingLocation).stream()
                    .map(LandingDatasets::folderName)
                    .map(name -> name.toLowerCase(Locale.ENGLISH))
                    .sorted()
                    .collect(toImmutableList());
        }
        catch (IOException e) {
            throw new TrinoException(LANDING_FILESYSTEM_ERROR, "Cannot list the landing zone at %s: %s".formatted(landingLocation, e.getMessage()), e);
        }
    }

    /**
     * The dataset named {@code table}, or empty when no such folder holds any data file.
     */
    public Optional<LandingTableHandle> getTable(ConnectorSession session, String table)
    {
        TrinoFileSystem fileSystem = fileSystemFactory.create(session);
        Optional<Location> folder = findFolder(fileSystem, table);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        List<LandingFile> files = listFiles(fileSystem, folder.get());
        if (files.isEmpty()) {
            return Optional.empty();
        }
        ImmutableList.Builder<LandingColumnHandle> columns = ImmutableList.builder();
        columns.addAll(readHeader(fileSystem, files));
        columns.addAll(partitionColumns(files));
        return Optional.of(new LandingTableHandle(new SchemaTableName(SCHEMA, table), folder.get().toString(), columns.build()));
    }

    public List<LandingFile> listFiles(ConnectorSession session, LandingTableHandle table)
    {
        return listFiles(fileSystemFactory.create(session), Location.of(table.location()));
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

    private static List<LandingFile> listFiles(TrinoFileSystem fileSystem, Location folder)
    {
        List<LandingFile> files = new ArrayList<>();
        try {
            FileIterator iterator = fileSystem.listFiles(folder);
            while (iterator.hasNext()) {
                FileEntry entry = iterator.next();
                String relativePath = entry.location().toString().substring(folder.toString().length());
                if (isHidden(relativePath)) {
                    continue;
                }
                files.add(new LandingFile(entry.location(), entry.length(), partitionValues(relativePath)));
            }
        }
        catch (IOException e) {
            throw new TrinoException(LANDING_FILESYSTEM_ERROR, "Cannot list files of %s: %s".formatted(folder, e.getMessage()), e);
        }
        files.sort(Comparator.comparing(file -> file.location().toString()));
        return ImmutableList.copyOf(files);
    }

    private List<LandingColumnHandle> readHeader(TrinoFileSystem fileSystem, List<LandingFile> files)
    {
        for (LandingFile file : files) {
            try (TsvReader reader = TsvReader.open(fileSystem.newInputFile(file.location(), file.length()))) {
                if (!reader.advance()) {
                    continue;
                }
                Set<String> names = new LinkedHashSet<>();
                for (int field = 0; field < reader.fieldCount(); field++) {
                    String name = reader.fieldAsString(field).trim().toLowerCase(Locale.ENGLISH);
                    if (name.isEmpty() || !names.add(name)) {
                        throw new TrinoException(LANDING_BAD_DATA, "%s line 1: header field %s is %s; every column needs a distinct name"
                                .formatted(file.location(), field + 1, name.isEmpty() ? "empty" : "a duplicate of '" + name + "'"));
                    }
                }
                return names.stream()
                        .map(name -> new LandingColumnHandle(name, VARCHAR, false))
                        .collect(toImmutableList());
            }
            catch (IOException e) {
                throw new TrinoException(LANDING_FILESYSTEM_ERROR, "Cannot read the header of %s: %s".formatted(file.location(), e.getMessage()), e);
            }
        }
        throw new TrinoException(LANDING_BAD_DATA, "Every file of %s is empty: a landing file needs a header row".formatted(files.getFirst().location()));
    }

    private static List<LandingColumnHandle> partitionColumns(List<LandingFile> files)
    {
        Map<String, Boolean> allDates = new LinkedHashMap<>();
        for (LandingFile file : files) {
            file.partitionValues().forEach((key, value) -> allDates.merge(key, isDate(value), Boolean::logicalAnd));
        }
        return allDates.entrySet().stream()
                .map(entry -> new LandingColumnHandle(entry.getKey(), entry.getValue() ? DATE : VARCHAR, true))
                .collect(toImmutableList());
    }

    private static Map<String, String> partitionValues(String relativePath)
    {
        ImmutableMap.Builder<String, String> values = ImmutableMap.builder();
        String[] segments = relativePath.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            int equals = segments[i].indexOf('=');
            if (equals > 0) {
                values.put(segments[i].substring(0, equals).toLowerCase(Locale.ENGLISH), segments[i].substring(equals + 1));
            }
        }
        return values.buildKeepingLast();
    }

    private static boolean isHidden(String relativePath)
    {
        for (String segment : relativePath.split("/")) {
            if (segment.startsWith(".") || segment.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDate(String value)
    {
        try {
            LocalDate.parse(value);
            return true;
        }
        catch (DateTimeParseException e) {
            return false;
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
}
