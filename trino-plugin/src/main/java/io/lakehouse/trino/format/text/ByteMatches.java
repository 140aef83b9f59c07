package io.lakehouse.trino.format.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Finds the bytes equal to a given value in eight bytes at once (SWAR: the eight bytes read as one little-endian
 * {@code long}). The result of {@link #in} has the high bit of each matching byte set and no other bit, so the
 * first match is at byte {@code Long.numberOfTrailingZeros(matches) >>> 3} and the number of matches is
 * {@code Long.bitCount(matches)}. The test is exact for every byte value: no carry crosses from one byte to the next.
 */
final class ByteMatches
{
    public static final int WORD_BYTES = Long.BYTES;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long LOW_SEVEN_BITS = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private ByteMatches() {}

    /**
     * The value to look for, repeated in every byte of a word.
     */
    public static long pattern(byte value)
    {
        return (value & 0xFFL) * LOW_BITS;
    }

    /**
     * The eight bytes at {@code offset} as one word, the first byte lowest.
     */
    public static long word(byte[] bytes, int offset)
    {
        return (long) LONGS.get(bytes, offset);
    }

    /**
     * The high bit of each byte of {@code word} that equals the byte of {@code pattern}.
     */
    public static long in(long word, long pattern)
    {
        long difference = word ^ pattern;
        // a byte's low seven bits plus 0x7F reach its high bit unless they are all zero; the high bit itself is or-ed in
        long nonZero = ((difference & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | difference;
        return ~(nonZero | LOW_SEVEN_BITS);
    }

    /**
     * The high bit of each byte of {@code word} that is not ASCII (has its high bit set).
     */
    public static long nonAscii(long word)
    {
        return word & HIGH_BITS;
    }

    /**
     * The matches in bytes before the first match of {@code stop} (all of them when {@code stop} is zero).
     */
    public static long before(long matches, long stop)
    {
        return matches & ((stop & -stop) - 1);
    }

    /**
     * Index within the word of the first match; {@code matches} must not be zero.
     */
    public static int firstIndex(long matches)
    {
        return Long.numberOfTrailingZeros(matches) >>> 3;
    }
}
