package io.lakehouse.trino.landing;

import io.trino.spi.PageBuilder;
import io.trino.spi.TrinoException;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.SourcePage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_BAD_DATA;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_FILESYSTEM_ERROR;
import static io.airlift.slice.Slices.utf8Slice;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.TypeUtils.writeNativeValue;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * Rows of one tab-separated landing file. The file's own header decides which field feeds which column, so files of
 * one dataset may order their columns differently; a column missing from a file reads as null.
 */
final class LandingPageSource
        implements ConnectorPageSource
{
    private static final int MISSING = -1;

    private final TsvReader reader;
    private final List<LandingColumnHandle> columns;
    private final Object[] partitionValues;
    private final PageBuilder pageBuilder;
    private int[] fieldOfColumn;
    private int headerFieldCount;
    private boolean finished;

    LandingPageSource(TsvReader reader, List<LandingColumnHandle> columns, Map<String, String> partitionValues)
    {
        this.reader = requireNonNull(reader, "reader is null");
        this.columns = requireNonNull(columns, "columns is null");
        requireNonNull(partitionValues, "partitionValues is null");
        this.partitionValues = columns.stream()
                .map(column -> column.partitionKey() ? partitionValue(column, partitionValues.get(column.name())) : null)
                .toArray();
        this.pageBuilder = new PageBuilder(columns.stream().map(LandingColumnHandle::type).collect(toImmutableList()));
    }

    @Override
    public SourcePage getNextSourcePage()
    {
        if (finished) {
            return null;
        }
        try {
            if (fieldOfColumn == null && !readHeader()) {
                finished = true;
                return null;
            }
            while (!pageBuilder.isFull()) {
                if (!reader.advance()) {
                    finished = true;
                    break;
                }
                appendRow();
            }
        }
        catch (IOException e) {
            throw new TrinoException(LANDING_FILESYSTEM_ERROR, "Cannot read %s: %s".formatted(reader.path(), e.getMessage()), e);
        }
        SourcePage page = SourcePage.create(pageBuilder.build());
        pageBuilder.reset();
        return page;
    }

    private boolean readHeader()
            throws IOException
    {
        if (!reader.advance()) {
            return false;
        }
        headerFieldCount = reader.fieldCount();
        Map<String, Integer> fieldByName = new HashMap<>();
        for (int field = 0; field < headerFieldCount; field++) {
            fieldByName.put(reader.fieldAsString(field).trim().toLowerCase(Locale.ENGLISH), field);
        }
        fieldOfColumn = new int[columns.size()];
        for (int column = 0; column < columns.size(); column++) {
            LandingColumnHandle handle = columns.get(column);
            fieldOfColumn[column] = handle.partitionKey() ? MISSING : fieldByName.getOrDefault(handle.name(), MISSING);
        }
        return true;
    }

    private void appendRow()
    {
        if (reader.fieldCount() != headerFieldCount) {
            throw new TrinoException(LANDING_BAD_DATA, "%s line %s: expected %s tab-separated fields as in the header, found %s"
                    .formatted(reader.path(), reader.lineNumber(), headerFieldCount, reader.fieldCount()));
        }
        pageBuilder.declarePosition();
        for (int column = 0; column < columns.size(); column++) {
            LandingColumnHandle handle = columns.get(column);
            BlockBuilder output = pageBuilder.getBlockBuilder(column);
            if (handle.partitionKey()) {
                writeNativeValue(handle.type(), output, partitionValues[column]);
                continue;
            }
            int field = fieldOfColumn[column];
            if (field == MISSING || reader.isNull(field)) {
                output.appendNull();
            }
            else {
                VARCHAR.writeSlice(output, reader.field(field));
            }
        }
    }

    private static Object partitionValue(LandingColumnHandle column, String value)
    {
        if (value == null) {
            return null;
        }
        return column.type().equals(DATE) ? LocalDate.parse(value).toEpochDay() : utf8Slice(value);
    }

    @Override
    public long getCompletedBytes()
    {
        return reader.bytesRead();
    }

    @Override
    public long getReadTimeNanos()
    {
        return reader.readTimeNanos();
    }

    @Override
    public boolean isFinished()
    {
        return finished;
    }

    @Override
    public long getMemoryUsage()
    {
        return reader.retainedSize() + pageBuilder.getRetainedSizeInBytes();
    }

    @Override
    public void close()
    {
        try {
            reader.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
