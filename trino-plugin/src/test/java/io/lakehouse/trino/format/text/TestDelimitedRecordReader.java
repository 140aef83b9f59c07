package io.lakehouse.trino.format.text;

import io.lakehouse.trino.format.ChunkedInputStream;
import io.lakehouse.trino.format.MalformedRecordException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestDelimitedRecordReader
{
    private static final int MAX_RECORD_LENGTH = 1 << 20;
    // input handed over at most this many bytes per read, so that records span refills at every offset
    private static final int[] CHUNK_SIZES = {1, 2, 3, 5, 7, 8, 9, 13, 16, 17, 31, 64, Integer.MAX_VALUE};

    @Test
    void splitsUnquotedRecordsAtDelimitersAndLineBreaks()
            throws Exception
    {
        assertRecords("a\tb\tc\nd\te\tf\n", List.of(List.of("a", "b", "c"), List.of("d", "e", "f")));
        // a delimiter in every position of a word, and fields longer than a word
        assertRecords("\t\t\t\t\t\t\t\t\t\n", List.of(List.of("", "", "", "", "", "", "", "", "", "")));
        assertRecords("0123456789abcdef\t0123456789\tx\n", List.of(List.of("0123456789abcdef", "0123456789", "x")));
        assertRecords("1234567\t\n12345678\t\n", List.of(List.of("1234567", ""), List.of("12345678", "")));
        // empty fields at both ends
        assertRecords("\ta\t\n", List.of(List.of("", "a", "")));
        // non-ASCII bytes, a byte of 0x89 (the delimiter plus 0x80) and of 0x8A, and stray quotes stay as they are
        assertRecords("Zoë\t\"x\tŁódź\u0209\u020A\n", List.of(List.of("Zoë", "\"x", "Łódź\u0209\u020A")));
    }

    @Test
    void treatsCarriageReturnBeforeLineBreakAsPartOfIt()
            throws Exception
    {
        assertRecords("a\tb\r\nc\td\r\n", List.of(List.of("a", "b"), List.of("c", "d")));
        assertRecords("a\t\r\n", List.of(List.of("a", "")));
        // elsewhere a carriage return is data
        assertRecords("a\rb\tc\n", List.of(List.of("a\rb", "c")));
        assertRecords("a\tb\r\r\n", List.of(List.of("a", "b\r")));
    }

    @Test
    void skipsBlankLines()
            throws Exception
    {
        assertRecords("\n\r\na\n\n\nb\n\n", List.of(List.of("a"), List.of("b")));
        assertRecords("", List.of());
        assertRecords("\n", List.of());
        // a line of one delimiter is a record of two empty fields
        assertRecords("\t\n", List.of(List.of("", "")));
    }

    @Test
    void readsLastLineWithoutLineBreak()
            throws Exception
    {
        assertRecords("a\tb\nc\td", List.of(List.of("a", "b"), List.of("c", "d")));
        assertRecords("a\tb\nc\t", List.of(List.of("a", "b"), List.of("c", "")));
        assertRecords("abcdefghijklmnopq", List.of(List.of("abcdefghijklmnopq")));
        // without a line break, a final carriage return is data
        assertRecords("a\tb\r", List.of(List.of("a", "b\r")));
    }

    @Test
    void skipsByteOrderMark()
            throws Exception
    {
        // also when the input hands it over one byte at a time
        assertRecords("\uFEFFa\tb\n", List.of(List.of("a", "b")));
        assertRecords("\uFEFF", List.of());
    }

    @Test
    void countsButDoesNotLocateFieldsAfterThoseToLocate()
            throws Exception
    {
        String text = "a\tb\tc\td\te\tf\tg\th\ti\tj\n\n1\t2\r\nx\n" + "y\t".repeat(40) + "z\n";
        List<List<String>> expected = List.of(
                List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"),
                List.of("1", "2"),
                List.of("x"),
                referenceRecords("y\t".repeat(40) + "z\n", TextDialect.TSV).getFirst());
        for (int toLocate = 0; toLocate <= 42; toLocate++) {
            for (int chunkSize : CHUNK_SIZES) {
                assertThat(read(text, TextDialect.TSV, chunkSize, toLocate))
                        .as("fields to locate %s, chunks of %s bytes", toLocate, chunkSize)
                        .isEqualTo(locatedOnly(expected, toLocate));
            }
        }
    }

    @Test
    void readsLinesEndingAroundTheEndOfTheReadBuffer()
            throws Exception
    {
        // the read buffer holds 64 KiB: the line break, a delimiter or a carriage return falls on each byte around its end
        int bufferSize = 64 * 1024;
        for (int shift = -17; shift <= 17; shift++) {
            String filler = "f\t" + "x".repeat(bufferSize + shift - 3) + "\n";
            for (String tail : List.of("a\tb\tc\n", "\tb\r\n", "abcdefgh\t\t\n", "\n\nlast\tline")) {
                String text = filler + tail;
                List<List<String>> expected = referenceRecords(text, TextDialect.TSV);
                for (int toLocate : new int[] {0, 1, 2, Integer.MAX_VALUE}) {
                    assertThat(read(text, TextDialect.TSV, Integer.MAX_VALUE, toLocate))
                            .as("line break at %s, then %s, fields to locate %s", bufferSize + shift - 1, tail, toLocate)
                            .isEqualTo(locatedOnly(expected, toLocate));
                }
            }
        }
    }

    @Test
    void splitsRandomUnquotedTextLikeTheReference()
            throws Exception
    {
        SplittableRandom random = new SplittableRandom(42);
        byte[] alphabet = "ab\t\t\t\n\r\"é,".getBytes(UTF_8);
        for (int trial = 0; trial < 300; trial++) {
            byte[] text = new byte[random.nextInt(200)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String input = new String(text, UTF_8);
            List<List<String>> expected = referenceRecords(input, TextDialect.TSV);
            int chunkSize = CHUNK_SIZES[random.nextInt(CHUNK_SIZES.length)];
            int toLocate = random.nextInt(6);
            assertThat(read(input, TextDialect.TSV, chunkSize, toLocate))
                    .as("input %s in chunks of %s bytes, fields to locate %s", Arrays.toString(text), chunkSize, toLocate)
                    .isEqualTo(locatedOnly(expected, toLocate));
            assertThat(read(input, TextDialect.TSV, chunkSize, Integer.MAX_VALUE)).isEqualTo(expected);
        }
    }

    @Test
    void readsRecordsLongerThanTheReadBuffer()
            throws Exception
    {
        String longField = "x".repeat(200_000);
        assertRecords("a\t" + longField + "\tb\nc\td\te\n", List.of(List.of("a", longField, "b"), List.of("c", "d", "e")));
    }

    @Test
    void rejectsRecordLongerThanLimitAndGoesOnAfterIt()
            throws Exception
    {
        String text = "a\tb\n" + "y".repeat(300_000) + "\tz\nc\td\n";
        DelimitedRecordReader reader = DelimitedRecordReader.forWholeInput(new ByteArrayInputStream(text.getBytes(UTF_8)), TextDialect.TSV, 128 * 1024);
        assertThat(reader.next()).isTrue();
        assertThat(fields(reader, Integer.MAX_VALUE)).containsExactly("a", "b");
        assertThatThrownBy(reader::next)
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("the record starting on line 2 is longer than 131072 bytes");
        assertThat(reader.next()).isTrue();
        assertThat(fields(reader, Integer.MAX_VALUE)).containsExactly("c", "d");
        assertThat(reader.recordLine()).isEqualTo(3);
        assertThat(reader.next()).isFalse();
    }

    @Test
    void rangesSplitAtAnyByteReadEachRecordOnce()
            throws Exception
    {
        String text = "h1\th2\nab\tcdefghijk\n\n1\t2\r\n" + "w\t".repeat(20) + "\nlast\tline";
        byte[] bytes = text.getBytes(UTF_8);
        List<List<String>> whole = referenceRecords(text, TextDialect.TSV);
        for (int split = 1; split < bytes.length; split++) {
            for (int chunkSize : new int[] {1, 7, Integer.MAX_VALUE}) {
                List<List<String>> records = new ArrayList<>();
                DelimitedRecordReader first = new DelimitedRecordReader(new ChunkedInputStream(bytes, 0, chunkSize), TextDialect.TSV, MAX_RECORD_LENGTH, 0, false, split);
                records.addAll(readAll(first, Integer.MAX_VALUE));
                DelimitedRecordReader second = new DelimitedRecordReader(new ChunkedInputStream(bytes, split - 1, chunkSize), TextDialect.TSV, MAX_RECORD_LENGTH, split - 1, true, bytes.length);
                records.addAll(readAll(second, Integer.MAX_VALUE));
                assertThat(records).as("split at %s, chunks of %s bytes", split, chunkSize).isEqualTo(whole);
            }
        }
    }

    @Test
    void readsQuotedFieldsAcrossRefills()
            throws Exception
    {
        TextDialect csv = TextDialect.CSV;
        // embedded delimiters, line breaks (LF and CRLF) and doubled quotes; CRLF and CR end records
        assertRecords(csv, "a,\"b,c\",\"d\ne\"\r\n\"f\"\"g\",\"\",h\r\"i\r\nj\"\n",
                List.of(List.of("a", "b,c", "d\ne"), List.of("f\"g", "", "h"), List.of("i\r\nj")));
        // a quote inside an unquoted field is data
        assertRecords(csv, "a\"b,c\n", List.of(List.of("a\"b", "c")));
        // the last line without a line break
        assertRecords(csv, "\"a\",b", List.of(List.of("a", "b")));
        for (int chunkSize : CHUNK_SIZES) {
            DelimitedRecordReader reader = DelimitedRecordReader.forWholeInput(new ChunkedInputStream("x,\"y\n".getBytes(UTF_8), 0, chunkSize), csv, MAX_RECORD_LENGTH);
            assertThatThrownBy(reader::next)
                    .isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining("a quoted field opened on line 1 is not closed");
        }
    }

    @Test
    void countsLinesOfRecordsWithEmbeddedLineBreaks()
            throws Exception
    {
        DelimitedRecordReader reader = DelimitedRecordReader.forWholeInput(new ChunkedInputStream("a,\"b\nc\"\n\nd,e\n".getBytes(UTF_8), 0, 3), TextDialect.CSV, MAX_RECORD_LENGTH);
        assertThat(reader.next()).isTrue();
        assertThat(reader.recordLine()).isEqualTo(1);
        assertThat(reader.next()).isTrue();
        assertThat(reader.recordLine()).isEqualTo(4);
        assertThat(fields(reader, Integer.MAX_VALUE)).containsExactly("d", "e");
        assertThat(reader.next()).isFalse();
    }

    private static void assertRecords(String text, List<List<String>> expected)
            throws Exception
    {
        assertThat(referenceRecords(text, TextDialect.TSV)).as("reference splitting of the test input").isEqualTo(expected);
        assertRecords(TextDialect.TSV, text, expected);
    }

    private static void assertRecords(TextDialect dialect, String text, List<List<String>> expected)
            throws Exception
    {
        for (int chunkSize : CHUNK_SIZES) {
            assertThat(read(text, dialect, chunkSize, Integer.MAX_VALUE))
                    .as("chunks of %s bytes", chunkSize)
                    .isEqualTo(expected);
        }
    }

    private static List<List<String>> read(String text, TextDialect dialect, int chunkSize, int fieldsToLocate)
            throws IOException, MalformedRecordException
    {
        DelimitedRecordReader reader = DelimitedRecordReader.forWholeInput(new ChunkedInputStream(text.getBytes(UTF_8), 0, chunkSize), dialect, MAX_RECORD_LENGTH);
        reader.locateOnlyFirstFields(fieldsToLocate);
        return readAll(reader, fieldsToLocate);
    }

    private static List<List<String>> readAll(DelimitedRecordReader reader, int fieldsToLocate)
            throws IOException, MalformedRecordException
    {
        List<List<String>> records = new ArrayList<>();
        while (reader.next()) {
            records.add(fields(reader, fieldsToLocate));
        }
        return records;
    }

    /**
     * The located fields, then one null for each field only counted.
     */
    private static List<String> fields(DelimitedRecordReader reader, int fieldsToLocate)
    {
        List<String> fields = new ArrayList<>();
        for (int field = 0; field < reader.fieldCount(); field++) {
            fields.add(field < fieldsToLocate ? reader.fieldAsString(field) : null);
        }
        return fields;
    }

    private static List<List<String>> locatedOnly(List<List<String>> records, int fieldsToLocate)
    {
        return records.stream()
                .map(record -> {
                    List<String> fields = new ArrayList<>();
                    for (int field = 0; field < record.size(); field++) {
                        fields.add(field < fieldsToLocate ? record.get(field) : null);
                    }
                    return fields;
                })
                .toList();
    }

    /**
     * Unquoted splitting done the plain way: lines end at LF, a CR before it belongs to the line break, blank lines are
     * skipped, and a last line without a line break is a record.
     */
    private static List<List<String>> referenceRecords(String text, TextDialect dialect)
    {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String delimiter = String.valueOf((char) dialect.delimiter());
        List<List<String>> records = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int lineBreak = text.indexOf('\n', start);
            String line = lineBreak < 0 ? text.substring(start) : text.substring(start, lineBreak);
            if (lineBreak >= 0 && line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!line.isEmpty()) {
                records.add(List.of(line.split(delimiter, -1)));
            }
            start = lineBreak < 0 ? text.length() : lineBreak + 1;
        }
        return records;
    }
}
