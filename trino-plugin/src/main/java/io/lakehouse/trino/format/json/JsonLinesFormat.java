package io.lakehouse.trino.format.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.time.DateTimeException;
import java.time.LocalDate;

import static com.fasterxml.jackson.core.JsonFactory.Feature.INTERN_FIELD_NAMES;
import static io.trino.spi.type.Timestamps.PICOSECONDS_PER_SECOND;
import static java.lang.Math.toIntExact;

/**
 * The rules of the JSON-lines format that decoding and inference must agree on: how a line is parsed, which lines
 * are blank, and which strings are ISO-8601 dates and timestamps (whatever inference calls a date, decoding reads
 * as one).
 */
final class JsonLinesFormat
{
    // Python's json.dumps writes NaN and Infinity by default, so real-world JSON-lines files contain them
    static final JsonFactory JSON_FACTORY = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // the line length is already bounded by the line reader; nesting and number length keep Jackson's limits
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .disable(INTERN_FIELD_NAMES)
            .build();

    static final int MAX_FRACTION_DIGITS = 12;

    private static final long[] PICOS_PER_FRACTION_DIGIT = {
            PICOSECONDS_PER_SECOND,
            100_000_000_000L,
            10_000_000_000L,
            1_000_000_000L,
            100_000_000L,
            10_000_000L,
            1_000_000L,
            100_000L,
            10_000L,
            1_000L,
            100L,
            10L,
            1L};

    private JsonLinesFormat() {}

    /**
     * Where the content of a line starts: after a UTF-8 byte order mark, if the line has one (a file's first line may,
     * and so may the first line of each file of a concatenation).
     */
    static int contentStart(byte[] line, int length)
    {
        if (length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
            return 3;
        }
        return 0;
    }

    static String withoutByteOrderMark(String line)
    {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    static boolean isBlank(byte[] line, int start, int end)
    {
        for (int i = start; i < end; i++) {
            byte value = line[i];
            if (value != ' ' && value != '\t' && value != '\r' && value != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * The word for what a JSON token holds, as used in messages ("expected bigint, found string").
     */
    static String kind(JsonToken token)
    {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }

    /**
     * Parses {@code yyyy-MM-dd}.
     *
     * @return the date, or null when {@code text} is not such a date
     */
    static LocalDate parseIsoDate(String text)
    {
        if (text.length() != 10) {
            return null;
        }
        return parseDatePart(text);
    }

    /**
     * Parses {@code yyyy-MM-dd[T| ]HH:mm[:ss[.fraction]]} (at most 12 fraction digits, no time zone), and when
     * {@code allowDateOnly} also {@code yyyy-MM-dd} (midnight).
     *
     * @return the timestamp, or null when {@code text} does not have that form
     */
    static LocalTimestamp parseIsoTimestamp(String text, boolean allowDateOnly)
    {
        int length = text.length();
        if (length < 10) {
            return null;
        }
        LocalDate date = parseDatePart(text);
        if (date == null) {
            return null;
        }
        long epochSecond = date.toEpochDay() * 86_400;
        if (length == 10) {
            return allowDateOnly ? new LocalTimestamp(epochSecond, 0, 0) : null;
        }

        // [T| ]HH:mm
        char separator = text.charAt(10);
        if ((separator != 'T' && separator != ' ') || length < 16 || text.charAt(13) != ':') {
            return null;
        }
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return null;
        }
        int second = 0;
        long picos = 0;
        int fractionDigits = 0;
        if (length > 16) {
            // :ss
            if (length < 19 || text.charAt(16) != ':') {
                return null;
            }
            second = digits(text, 17, 19);
            if (second < 0 || second > 59) {
                return null;
            }
            if (length > 19) {
                // .fraction
                fractionDigits = length - 20;
                if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > MAX_FRACTION_DIGITS) {
                    return null;
                }
                long fraction = digitsAsLong(text, 20, length);
                if (fraction < 0) {
                    return null;
                }
                picos = fraction * PICOS_PER_FRACTION_DIGIT[fractionDigits];
            }
        }
        return new LocalTimestamp(epochSecond + hour * 3_600L + minute * 60L + second, picos, fractionDigits);
    }

    private static LocalDate parseDatePart(String text)
    {
        if (text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        }
        catch (DateTimeException _) {
            return null;
        }
    }

    /**
     * The decimal number written with the characters {@code [start, end)}, or -1 when one is not a digit.
     */
    private static int digits(String text, int start, int end)
    {
        return toIntExact(digitsAsLong(text, start, end));
    }

    private static long digitsAsLong(String text, int start, int end)
    {
        long value = 0;
        for (int i = start; i < end; i++) {
            char character = text.charAt(i);
            if (character < '0' || character > '9') {
                return -1;
            }
            value = value * 10 + (character - '0');
        }
        return value;
    }

    /**
     * A timestamp without time zone: seconds since the epoch and picoseconds within the second, and how many fraction
     * digits the text had (which is the precision it needs).
     */
    record LocalTimestamp(long epochSecond, long picosOfSecond, int fractionDigits) {}
}
