package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import com.google.inject.Inject;
import io.lakehouse.trino.LakehouseConfig;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.RecordDecoder;
import io.lakehouse.trino.format.json.JsonLinesDecoder;
import io.lakehouse.trino.format.text.DelimitedRecordDecoder;
import io.lakehouse.trino.format.text.DelimitedRecordReader;
import io.lakehouse.trino.format.text.TextDialect;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystemFactory;
import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.TrinoInputStream;
import io.trino.hive.formats.line.text.TextLineReaderFactory;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.DynamicFilter;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_FILESYSTEM_ERROR;
import static java.util.Objects.requireNonNull;

public final class LandingPageSourceProvider
        implements ConnectorPageSourceProvider
{
    private final TrinoFileSystemFactory fileSystemFactory;
    private final int maxRecordLength;
    private final TextLineReaderFactory lineReaderFactory;
    private final LandingStats stats;

    @Inject
    public LandingPageSourceProvider(TrinoFileSystemFactory fileSystemFactory, LakehouseConfig config, LandingStats stats)
    {
        this.stats = requireNonNull(stats, "stats is null");
        this.fileSystemFactory = requireNonNull(fileSystemFactory, "fileSystemFactory is null");
        this.maxRecordLength = Math.toIntExact(config.getMaxRecordLength().toBytes());
        this.lineReaderFactory = new TextLineReaderFactory(1 << 20, 1 << 10, maxRecordLength);
    }

    @Override
    public ConnectorPageSource createPageSource(
            ConnectorTransactionHandle transaction,
            ConnectorSession session,
            ConnectorSplit connectorSplit,
            ConnectorTableHandle connectorTable,
            List<ColumnHandle> columns,
            DynamicFilter dynamicFilter)
    {
        LandingSplit split = (LandingSplit) connectorSplit;
        LandingTableHandle table = (LandingTableHandle) connectorTable;
        List<LandingColumnHandle> outputColumns = columns.stream().map(LandingColumnHandle.class::cast).collect(toImmutableList());
        // the $rejects companion decodes every column, since any of them can be the one that fails; so does a table
        // that skips bad records, so that which records it holds does not depend on the columns a query reads
        List<LandingColumnHandle> decodedColumns = table.rejects() || table.onError() == OnError.SKIP
                ? table.dataColumns()
                : outputColumns.stream().filter(column -> column.kind() == LandingColumnHandle.Kind.DATA).collect(toImmutableList());
        TrinoInputFile file = fileSystemFactory.create(session).newInputFile(Location.of(split.path()), split.fileSize());
        try {
            RecordDecoder decoder = createDecoder(file, split, table, fileColumns(split.schema(), decodedColumns));
            stats.getSplitsRead().update(1);
            return new LandingPageSource(decoder, file, split, table, outputColumns, decodedColumns, stats);
        }
        catch (IOException e) {
            throw new TrinoException(LANDING_FILESYSTEM_ERROR, "Cannot open %s: %s".formatted(split.path(), e.getMessage()), e);
        }
    }

    private RecordDecoder createDecoder(TrinoInputFile file, LandingSplit split, LandingTableHandle table, List<LandingColumn> columns)
            throws IOException
    {
        FileSchema schema = split.schema();
        if (schema.format() == LandingFormat.JSON) {
            // the table's columns, not only this file's: a key another file's sample found is a column, read or not
            List<String> tableColumns = table.dataColumns().stream().map(LandingColumnHandle::name).collect(toImmutableList());
            return new JsonLinesDecoder(lineReaderFactory.createLineReader(file, split.start(), split.length(), 0, 0), lineReaderFactory.createLineBuffer(), tableColumns, columns);
        }
        TextDialect dialect = schema.dialect().orElseThrow();
        InputStream input;
        DelimitedRecordReader reader;
        if (split.start() == 0) {
            input = LandingFileInput.open(file);
            reader = new DelimitedRecordReader(input, dialect, maxRecordLength, 0, false, split.length() == split.fileSize() ? Long.MAX_VALUE : split.length());
        }
        else {
            TrinoInputStream stream = file.newStream();
            stream.seek(split.start() - 1);
            input = stream;
            reader = new DelimitedRecordReader(input, dialect, maxRecordLength, split.start() - 1, true, split.start() + split.length());
        }
        List<String> fileFields = schema.columns().stream().map(LandingColumn::name).collect(toImmutableList());
        return new DelimitedRecordDecoder(reader, input, dialect, fileFields, columns, dialect.header() && split.start() == 0);
    }

    /**
     * The table's columns as this file holds them: the table's type (merged over all files), and the file's own
     * date pattern when the file agrees on the type, or the table's when the file's sample had no value for the
     * column (a value of it that does not fit then fails as any bad value does).
     */
    private static List<LandingColumn> fileColumns(FileSchema schema, List<LandingColumnHandle> columns)
    {
        ImmutableList.Builder<LandingColumn> fileColumns = ImmutableList.builder();
        for (LandingColumnHandle column : columns) {
            Optional<LandingColumn> inFile = schema.columns().stream().filter(candidate -> candidate.name().equals(column.name())).findFirst();
            fileColumns.add(new LandingColumn(column.name(), column.type(), inFile.flatMap(fileColumn -> pattern(fileColumn, column))));
        }
        return fileColumns.build();
    }

    private static Optional<String> pattern(LandingColumn fileColumn, LandingColumnHandle column)
    {
        if (!fileColumn.hasValues()) {
            return column.pattern();
        }
        return fileColumn.type().equals(column.type()) ? fileColumn.pattern() : Optional.empty();
    }
}
