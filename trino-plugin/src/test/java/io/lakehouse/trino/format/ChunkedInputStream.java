package io.lakehouse.trino.format;

import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/**
 * Hands over the bytes from {@code offset} at most {@code chunkSize} at a time, as a network stream may.
 */
public final class ChunkedInputStream
        extends InputStream
{
    private final byte[] bytes;
    private final int chunkSize;
    private int position;

    public ChunkedInputStream(byte[] bytes, int offset, int chunkSize)
    {
        this.bytes = requireNonNull(bytes, "bytes is null");
        this.position = offset;
        this.chunkSize = chunkSize;
    }

    @Override
    public int read()
    {
        return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length)
    {
        if (position == bytes.length) {
            return -1;
        }
        int count = Math.min(Math.min(length, chunkSize), bytes.length - position);
        System.arraycopy(bytes, position, buffer, offset, count);
        position += count;
        return count;
    }
}
