package io.lakehouse.trino.format;

import io.trino.spi.block.BlockBuilder;

import java.io.Closeable;
import java.io.IOException;

/**
 * Decodes the records of one landing file, or of a byte range of it, into the values of the columns it was created
 * for. A record is decoded completely by {@link #next()} before any value is written, so a malformed record can be
 * skipped or reported without leaving half a row behind.
 */
public interface RecordDecoder
        extends Closeable
{
    /**
     * Moves to the next record and decodes all its values.
     *
     * @return false at the end of the input
     * @throws MalformedRecordException when the record cannot be decoded; the decoder is then positioned after it and
     * {@code next()} may be called again
     */
    boolean next()
            throws IOException, MalformedRecordException;

    /**
     * Line number of the first line of the current record, 1-based, counted from the first byte this decoder read
     * (for a byte range that does not start the file, the caller adds the lines before it).
     */
    long lineNumber();

    /**
     * Writes the current record's value of the {@code column}-th column (in the order given at creation).
     */
    void writeValue(int column, BlockBuilder output);

    /**
     * Bytes read from the underlying file so far (compressed bytes for compressed files).
     */
    long bytesRead();

    long retainedSize();
}
