package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableMap;
import io.airlift.log.Logger;
import io.lakehouse.trino.format.MalformedRecordException;
import io.lakehouse.trino.format.RecordDecoder;
import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.TrinoInputStream;
import io.trino.plugin.base.metrics.LongCount;
import io.trino.spi.PageBuilder;
import io.trino.spi.TrinoException;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.SourcePage;
import io.trino.spi.metrics.Metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.airlift.slice.Slices.utf8Slice;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_BAD_DATA;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_FILESYSTEM_ERROR;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateTimeEncoding.packDateTimeWithZone;
import static io.trino.spi.type.TimeZoneKey.UTC_KEY;
import static io.trino.spi.type.TypeUtils.writeNativeValue;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * Rows of one split: decoded values, partition values, and where each row comes from. A record that does not decode
 * fails the query (naming file, line, column and value), or with {@code on_error = skip} is counted and skipped; the
 * table's {@code $rejects} companion reads the same splits and returns only those records.
 */
final class LandingPageSource
        implements ConnectorPageSource
{
    private static final Logger log = Logger.get(LandingPageSource.class);
    private static final int MAX_ROWS_PER_PAGE = 8192;

    private final RecordDecoder decoder;
    private final TrinoInputFile file;
    private final LandingSplit split;
    private final LandingTableHandle table;
    private final List<LandingColumnHandle> columns;
    private final int[] decoderIndex;
    private final Object[] constants;
    private final PageBuilder pageBuilder;
    private final LandingStats stats;
    private long recordsRead;
    private long lineOffset = -1;
    private long rejectedRecords;
    private MalformedRecordException firstRejected;
    private boolean finished;

    LandingPageSource(RecordDecoder decoder, TrinoInputFile file, LandingSplit split, LandingTableHandle table, List<LandingColumnHandle> columns, List<LandingColumnHandle> decodedColumns, LandingStats stats)
    {
        this.stats = requireNonNull(stats, "stats is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.file = requireNonNull(file, "file is null");
        this.split = requireNonNull(split, "split is null");
        this.table = requireNonNull(table, "table is null");
        this.columns = requireNonNull(columns, "columns is null");
        this.decoderIndex = new int[columns.size()];
        this.constants = new Object[columns.size()];
        for (int channel = 0; channel < columns.size(); channel++) {
            LandingColumnHandle column = columns.get(channel);
            decoderIndex[channel] = decodedColumns.indexOf(column);
            constants[channel] = switch (column.kind()) {
                case PARTITION -> PartitionFolders.nativeValue(column, split.partitionValues().get(column.name())).getValue();
                case PATH -> utf8Slice(split.path());
                case FILE_SIZE -> split.fileSize();
                case FILE_MODIFIED_TIME -> packDateTimeWithZone(split.modifiedMillis(), UTC_KEY);
                default -> null;
            };
        }
        this.pageBuilder = new PageBuilder(columns.stream().map(LandingColumnHandle::type).collect(toImmutableList()));
    }

    @Override
    public SourcePage getNextSourcePage()
    {
        if (finished) {
            return null;
        }
        int rows = 0;
        while (rows < MAX_ROWS_PER_PAGE && !pageBuilder.isFull()) {
            try {
                if (!decoder.next()) {
                    finished = true;
                    break;
                }
                recordsRead++;
                if (table.rejects()) {
                    continue;
                }
                appendRow();
            }
            catch (MalformedRecordException e) {
                handle(e);
            }
            catch (TrinoException e) {
                throw e;
            }
            catch (IOException | RuntimeException e) {
                // decompressors report corrupt input as IOException or as their own runtime exceptions
                throw new TrinoException(LANDING_BAD_DATA, "%s cannot be read after line %s: %s; the file may be truncated or corrupt: replace it, %s"
                        .formatted(split.path(), absoluteLine(decoder.lineNumber()), e.getMessage(), PartitionFolders.SET_ASIDE), e);
            }
            rows++;
        }
        if (finished) {
            stats.getRecordsRead().update(recordsRead);
            stats.getRecordsRejected().update(rejectedRecords);
            logRejected();
        }
        SourcePage page = SourcePage.create(pageBuilder.build());
        pageBuilder.reset();
        return page;
    }

    private void appendRow()
    {
        pageBuilder.declarePosition();
        for (int channel = 0; channel < columns.size(); channel++) {
            BlockBuilder output = pageBuilder.getBlockBuilder(channel);
            LandingColumnHandle column = columns.get(channel);
            switch (column.kind()) {
                case DATA -> decoder.writeValue(decoderIndex[channel], output);
                case LINE -> BIGINT.writeLong(output, absoluteLine(decoder.lineNumber()));
                default -> writeNativeValue(column.type(), output, constants[channel]);
            }
        }
    }

    private void handle(MalformedRecordException malformed)
    {
        if (table.rejects()) {
            appendReject(malformed);
            return;
        }
        if (table.onError() == OnError.SKIP) {
            rejectedRecords++;
            if (firstRejected == null) {
                firstRejected = malformed;
            }
            return;
        }
        String remedy = malformed.remedy()
                .map(particular -> particular + ". Or set \"on_error\": \"skip\" in %s of the dataset folder")
                .orElse(malformed.column().isPresent()
                        ? "Fix the file, declare the column's type in %s of the dataset folder, or set \"on_error\": \"skip\" there"
                        : "Fix the file, or set \"on_error\": \"skip\" in %s of the dataset folder");
        throw new TrinoException(LANDING_BAD_DATA, "%s. %s to skip and count such records (they are listed in \"%s$rejects\")"
                .formatted(describe(malformed), remedy.formatted(DatasetOptions.FILE_NAME), table.schemaTableName().getTableName()));
    }

    private void appendReject(MalformedRecordException malformed)
    {
        pageBuilder.declarePosition();
        for (int channel = 0; channel < columns.size(); channel++) {
            BlockBuilder output = pageBuilder.getBlockBuilder(channel);
            switch (columns.get(channel).kind()) {
                case PATH -> VARCHAR.writeSlice(output, utf8Slice(split.path()));
                case LINE -> BIGINT.writeLong(output, absoluteLine(malformed.lineNumber()));
                case REJECT_COLUMN -> writeNativeValue(VARCHAR, output, malformed.column().map(io.airlift.slice.Slices::utf8Slice).orElse(null));
                case REJECT_VALUE -> writeNativeValue(VARCHAR, output, malformed.value().map(io.airlift.slice.Slices::utf8Slice).orElse(null));
                case REJECT_REASON -> VARCHAR.writeSlice(output, utf8Slice(malformed.reason()));
                default -> output.appendNull();
            }
        }
    }

    private String describe(MalformedRecordException malformed)
    {
        StringBuilder message = new StringBuilder()
                .append(split.path()).append(" line ").append(absoluteLine(malformed.lineNumber()));
        malformed.column().ifPresent(column -> message.append(", column ").append(column));
        malformed.value().ifPresent(value -> message.append(", value '").append(value).append("'"));
        return message.append(": ").append(malformed.reason()).toString();
    }

    private void logRejected()
    {
        if (rejectedRecords > 0) {
            log.warn("%s: skipped %s malformed records (on_error = skip); first: %s", split.path(), rejectedRecords, describe(firstRejected));
        }
    }

    /**
     * A line number of the file: a range that does not start the file counts its lines from its first record, so the
     * lines before it are counted once, when first needed (a {@code $line} column or an error).
     */
    private long absoluteLine(long relativeLine)
    {
        if (split.start() == 0) {
            return relativeLine;
        }
        if (lineOffset < 0) {
            lineOffset = linesBeforeFirstRecord();
        }
        return lineOffset + relativeLine;
    }

    private long linesBeforeFirstRecord()
    {
        // the range's first record starts after the first line break at or after start - 1
        long newlines = 0;
        try (TrinoInputStream input = file.newStream()) {
            byte[] buffer = new byte[64 * 1024];
            long remaining = split.start();
            int last = '\n';
            while (remaining > 0) {
                int read = input.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    break;
                }
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        newlines++;
                    }
                }
                last = buffer[read - 1];
                remaining -= read;
            }
            return last == '\n' ? newlines : newlines + 1;
        }
        catch (IOException e) {
            throw new TrinoException(LANDING_FILESYSTEM_ERROR, "Cannot read %s: %s".formatted(split.path(), e.getMessage()), e);
        }
    }

    @Override
    public long getCompletedBytes()
    {
        return decoder.bytesRead();
    }

    @Override
    public long getReadTimeNanos()
    {
        return 0;
    }

    @Override
    public boolean isFinished()
    {
        return finished;
    }

    @Override
    public long getMemoryUsage()
    {
        return decoder.retainedSize() + pageBuilder.getRetainedSizeInBytes();
    }

    @Override
    public Metrics getMetrics()
    {
        return new Metrics(ImmutableMap.of("rejectedRecords", new LongCount(rejectedRecords)));
    }

    @Override
    public void close()
    {
        try {
            decoder.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
