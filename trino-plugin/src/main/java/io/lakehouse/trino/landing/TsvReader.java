package io.lakehouse.trino.landing;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.filesystem.TrinoInputFile;
import io.trino.hive.formats.line.LineBuffer;
import io.trino.hive.formats.line.LineReader;
import io.trino.hive.formats.line.text.TextLineReaderFactory;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Reads a tab-separated file line by line (decompressing by file extension) and splits each line into fields
 * without copying; {@code \N} is the null marker, as in IMDb's and Hive's text files.
 */
final class TsvReader
        implements Closeable
{
    private static final TextLineReaderFactory LINE_READER_FACTORY = new TextLineReaderFactory(1 << 20, 1 << 10, 64 << 20);
    private static final byte TAB = '\t';

    private final String path;
    private final LineReader lineReader;
    private final LineBuffer line = LINE_READER_FACTORY.createLineBuffer();
    private int[] fieldStarts = new int[32];
    private int[] fieldEnds = new int[32];
    private int fieldCount;
    private long lineNumber;

    private TsvReader(String path, LineReader lineReader)
    {
        this.path = path;
        this.lineReader = lineReader;
    }

    public static TsvReader open(TrinoInputFile file)
            throws IOException
    {
        return new TsvReader(file.location().toString(), LINE_READER_FACTORY.createLineReader(file, 0, file.length(), 0, 0));
    }

    public String path()
    {
        return path;
    }

    /**
     * Moves to the next line; false at the end of the file.
     */
    public boolean advance()
            throws IOException
    {
        if (!lineReader.readLine(line)) {
            return false;
        }
        lineNumber++;
        split();
        return true;
    }

    /**
     * 1-based number of the current line in the file, the header being line 1.
     */
    public long lineNumber()
    {
        return lineNumber;
    }

    public int fieldCount()
    {
        return fieldCount;
    }

    public boolean isNull(int field)
    {
        return fieldEnds[field] - fieldStarts[field] == 2
                && line.getBuffer()[fieldStarts[field]] == '\\'
                && line.getBuffer()[fieldStarts[field] + 1] == 'N';
    }

    /**
     * The field's bytes; only valid until the next {@link #advance()}.
     */
    public Slice field(int field)
    {
        return Slices.wrappedBuffer(line.getBuffer(), fieldStarts[field], fieldEnds[field] - fieldStarts[field]);
    }

    public String fieldAsString(int field)
    {
        return new String(line.getBuffer(), fieldStarts[field], fieldEnds[field] - fieldStarts[field], UTF_8);
    }

    public long bytesRead()
    {
        return lineReader.getBytesRead();
    }

    public long readTimeNanos()
    {
        return lineReader.getReadTimeNanos();
    }

    public long retainedSize()
    {
        return lineReader.getRetainedSize() + line.getRetainedSize();
    }

    @Override
    public void close()
            throws IOException
    {
        lineReader.close();
    }

    private void split()
    {
        byte[] buffer = line.getBuffer();
        int end = line.getLength();
        if (end > 0 && buffer[end - 1] == '\r') {
            end--;
        }
        fieldCount = 0;
        int start = 0;
        for (int position = 0; position < end; position++) {
            if (buffer[position] == TAB) {
                addField(start, position);
                start = position + 1;
            }
        }
        addField(start, end);
    }

    private void addField(int start, int end)
    {
        if (fieldCount == fieldStarts.length) {
            fieldStarts = Arrays.copyOf(fieldStarts, fieldCount * 2);
            fieldEnds = Arrays.copyOf(fieldEnds, fieldCount * 2);
        }
        fieldStarts[fieldCount] = start;
        fieldEnds[fieldCount] = end;
        fieldCount++;
    }
}
