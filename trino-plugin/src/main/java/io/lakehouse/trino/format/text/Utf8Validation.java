package io.lakehouse.trino.format.text;

import java.util.HexFormat;

import static io.lakehouse.trino.format.text.ByteMatches.WORD_BYTES;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Checks that bytes are well-formed UTF-8 as the Unicode standard defines it (table 3-7: no overlong forms, no
 * surrogates, nothing above U+10FFFF), as the JDK's decoder does. ASCII text, the common case, is passed eight bytes
 * at a time.
 */
final class Utf8Validation
{
    private static final int VALID = -1;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Utf8Validation() {}

    public static boolean isValid(byte[] bytes, int offset, int length)
    {
        return firstInvalid(bytes, offset, length) == VALID;
    }

    /**
     * Position of the first byte that does not start a well-formed sequence, or -1 when all bytes are well-formed.
     */
    public static int firstInvalid(byte[] bytes, int offset, int length)
    {
        int end = offset + length;
        int position = offset;
        while (position < end) {
            long nonAscii = nonAsciiInWordAt(bytes, position, end);
            if (nonAscii == 0) {
                position += WORD_BYTES;
                continue;
            }
            position += ByteMatches.firstIndex(nonAscii);
            int sequence = isTwoByteSequence(bytes, position, end) ? 2 : longerSequenceLength(bytes, position, end);
            if (sequence == 0) {
                return position;
            }
            position += sequence;
        }
        return VALID;
    }

    /**
     * The bytes as text, each byte that is not part of a well-formed sequence written as {@code \xNN}, so that a
     * message can show them.
     */
    public static String escapeInvalid(byte[] bytes, int offset, int length)
    {
        StringBuilder text = new StringBuilder(length + 8);
        int end = offset + length;
        int position = offset;
        while (position < end) {
            int invalid = firstInvalid(bytes, position, end - position);
            int validEnd = invalid == VALID ? end : invalid;
            text.append(new String(bytes, position, validEnd - position, UTF_8));
            if (invalid == VALID) {
                break;
            }
            text.append("\\x").append(HEX.toHexDigits(bytes[invalid]));
            position = invalid + 1;
        }
        return text.toString();
    }

    /**
     * The non-ASCII bytes among the eight starting at {@code position}, as {@link ByteMatches#nonAscii}, leaving out
     * those at or after {@code end}. A value's last bytes are read as one word too when the array goes on after them.
     */
    private static long nonAsciiInWordAt(byte[] bytes, int position, int end)
    {
        int remaining = end - position;
        if (remaining >= WORD_BYTES) {
            return ByteMatches.nonAscii(ByteMatches.word(bytes, position));
        }
        if (position <= bytes.length - WORD_BYTES) {
            return ByteMatches.nonAscii(ByteMatches.word(bytes, position)) & ((1L << (remaining * Byte.SIZE)) - 1);
        }
        long nonAscii = 0;
        for (int index = 0; index < remaining; index++) {
            nonAscii |= (bytes[position + index] & 0x80L) << (index * Byte.SIZE);
        }
        return nonAscii;
    }

    /**
     * Whether a well-formed two-byte sequence, the most common kind (Latin, Greek, Cyrillic letters), starts at
     * {@code position}: C2..DF (C0 and C1 would start overlong forms), then a continuation byte 80..BF.
     */
    private static boolean isTwoByteSequence(byte[] bytes, int position, int end)
    {
        return position + 1 < end && bytes[position] >= (byte) 0xC2 && bytes[position] <= (byte) 0xDF && bytes[position + 1] <= (byte) 0xBF;
    }

    /**
     * Length of the well-formed three- or four-byte sequence starting at the non-ASCII byte at {@code position}, or 0
     * when there is none.
     */
    private static int longerSequenceLength(byte[] bytes, int position, int end)
    {
        int first = bytes[position] & 0xFF;
        if (first >= 0xE0 && first < 0xF0) {
            // E0 would start overlong forms below A0, ED surrogates above 9F
            int secondMin = first == 0xE0 ? 0xA0 : 0x80;
            int secondMax = first == 0xED ? 0x9F : 0xBF;
            return hasByteIn(bytes, position + 1, end, secondMin, secondMax)
                    && hasByteIn(bytes, position + 2, end, 0x80, 0xBF) ? 3 : 0;
        }
        if (first >= 0xF0 && first < 0xF5) {
            // F0 would start overlong forms below 90, F4 code points above U+10FFFF after 8F
            int secondMin = first == 0xF0 ? 0x90 : 0x80;
            int secondMax = first == 0xF4 ? 0x8F : 0xBF;
            return hasByteIn(bytes, position + 1, end, secondMin, secondMax)
                    && hasByteIn(bytes, position + 2, end, 0x80, 0xBF)
                    && hasByteIn(bytes, position + 3, end, 0x80, 0xBF) ? 4 : 0;
        }
        // a continuation byte, a two-byte start not followed by one, or a byte never used
        return 0;
    }

    private static boolean hasByteIn(byte[] bytes, int position, int end, int min, int max)
    {
        if (position >= end) {
            return false;
        }
        int value = bytes[position] & 0xFF;
        return value >= min && value <= max;
    }
}
