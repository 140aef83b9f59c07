package io.lakehouse.trino.format.json;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.MalformedRecordException;
import io.lakehouse.trino.format.RecordDecoder;
import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.local.LocalInputFile;
import io.trino.hive.formats.line.text.TextLineReaderFactory;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.TrinoException;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.RowType.field;
import static io.trino.spi.type.TimestampType.createTimestampType;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.spi.type.VarcharType.createVarcharType;
import static io.trino.testing.TestingConnectorSession.SESSION;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Arrays.asList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestJsonLinesDecoder
{
    // a small file buffer, so that lines cross buffer refills
    private static final TextLineReaderFactory LINE_READER_FACTORY = new TextLineReaderFactory(1 << 12, 1 << 10, 1 << 20);
    private static final TypeOperators TYPE_OPERATORS = new TypeOperators();

    @TempDir
    private Path directory;

    @Test
    void keysMatchColumnsIgnoringCaseAndMissingKeysAreNull()
            throws IOException
    {
        List<LandingColumn> columns = List.of(
                new LandingColumn("id", BIGINT),
                new LandingColumn("name", VARCHAR),
                new LandingColumn("active", BOOLEAN),
                new LandingColumn("score", DOUBLE),
                new LandingColumn("qty", INTEGER),
                new LandingColumn("ratio", REAL));

        Decoded decoded = decode(
                write("scalars.json",
                        "{\"ID\": 1, \"Name\": \"Zoë\", \"active\": true, \"score\": 1.5, \"qty\": 3, \"ratio\": 0.25, \"Unread\": {\"x\": [1]}}",
                        "{\"id\": 2}",
                        "{}"),
                ImmutableList.<String>builder().addAll(names(columns)).add("unread").build(),
                columns);

        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.rows()).containsExactly(
                asList(1L, "Zoë", true, 1.5, 3, 0.25f),
                asList(2L, null, null, null, null, null),
                asList(null, null, null, null, null, null));
    }

    @Test
    void integralNumbersWrittenAsFloatsWithoutFractionAreAccepted()
            throws IOException
    {
        Decoded decoded = decode(
                write("integers.json", "{\"id\": 3.0, \"qty\": 3e2}", "{\"id\": -0.0, \"qty\": -2147483648}"),
                List.of(new LandingColumn("id", BIGINT), new LandingColumn("qty", INTEGER)));

        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.rows()).containsExactly(asList(3L, 300), asList(0L, Integer.MIN_VALUE));
    }

    @Test
    void varcharTakesStringsAsIsAndOtherValuesAsCompactJsonText()
            throws IOException
    {
        Decoded decoded = decode(
                write("text.json",
                        "{\"v\": \"plain \\\"quoted\\\"\"}",
                        "{\"v\": 1.50}",
                        "{\"v\": false}",
                        "{\"v\": { \"a\" : [1, 2.50, \"x\", null], \"b\": {\"c\": true} }}",
                        "{\"v\": [ ]}",
                        "{\"v\": null}",
                        "{\"v\": \"truncated to the column length\", \"short\": \"abcdef\"}"),
                List.of(new LandingColumn("v", VARCHAR), new LandingColumn("short", createVarcharType(3))));

        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.rows()).containsExactly(
                asList("plain \"quoted\"", null),
                asList("1.50", null),
                asList("false", null),
                asList("{\"a\":[1,2.50,\"x\",null],\"b\":{\"c\":true}}", null),
                asList("[]", null),
                asList(null, null),
                asList("truncated to the column length", "abc"));
    }

    @Test
    void decimalsAreReadExactlyAndTrailingZerosBeyondTheScaleAreNoLoss()
            throws IOException
    {
        Decoded decoded = decode(
                write("decimals.json",
                        "{\"price\": 1.5, \"total\": 12345678901234567890.12}",
                        "{\"price\": -1.500, \"total\": -0.5000000000000000000000000000000000000000000000}",
                        "{\"price\": 2, \"total\": 1e2}",
                        "{\"price\": 0E-999999999, \"total\": -0.0}",
                        "{\"price\": 999.99, \"total\": 12.3e-1}"),
                List.of(new LandingColumn("price", createDecimalType(5, 2)), new LandingColumn("total", createDecimalType(30, 2))));

        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.rows()).map(row -> row.stream().map(String::valueOf).toList()).containsExactly(
                List.of("1.50", "12345678901234567890.12"),
                List.of("-1.50", "-0.50"),
                List.of("2.00", "100.00"),
                List.of("0.00", "0.00"),
                List.of("999.99", "1.23"));
    }

    @Test
    void decimalsWithMoreDecimalPlacesThanTheScaleAreMalformedNotRounded()
            throws IOException
    {
        Decoded decoded = decode(
                write("rounding.json",
                        "{\"price\": 1.005}",
                        "{\"price\": 999.995}",
                        "{\"price\": -0.001}",
                        "{\"price\": 1e-900}",
                        "{\"price\": 1.0000000000000000000000000000000000000001}",
                        "{\"prices\": [1.5, 2.25, 3.125]}",
                        "{\"price\": 1.25}"),
                List.of(new LandingColumn("price", createDecimalType(5, 2)), new LandingColumn("prices", new ArrayType(createDecimalType(38, 2)))));

        String lost = ", and rounding would lose them";
        String remedy = " / Declare a wider type in _lakehouse.json of the dataset folder";
        assertThat(decoded.rows()).map(row -> String.valueOf(row.getFirst())).containsExactly("1.25");
        assertThat(decoded.errors()).map(TestJsonLinesDecoder::describe).containsExactly(
                "1|price|1.005|value has more decimal places than decimal(5,2) allows" + lost + remedy + ", e.g. decimal(6,3)",
                "2|price|999.995|value has more decimal places than decimal(5,2) allows" + lost + remedy + ", e.g. decimal(6,3)",
                "3|price|-0.001|value has more decimal places than decimal(5,2) allows" + lost + remedy + ", e.g. decimal(6,3)",
                "4|price|1e-900|value has more decimal places than decimal(5,2) allows" + lost + remedy,
                "5|price|1.0000000000000000000000000000000000000001|value has more decimal places than decimal(5,2) allows" + lost + remedy,
                "6|prices|3.125|value has more decimal places than decimal(38,2) allows" + lost + " at prices[]" + remedy);
    }

    @Test
    void datesAndTimestampsAreReadAsIsoOrWithTheColumnPattern()
            throws IOException
    {
        List<LandingColumn> columns = List.of(
                new LandingColumn("day", DATE),
                new LandingColumn("at", createTimestampType(3)),
                new LandingColumn("precise_at", createTimestampType(9)),
                new LandingColumn("us_day", DATE, Optional.of("M/d/yyyy")),
                new LandingColumn("us_at", createTimestampType(6), Optional.of("M/d/yyyy h:mm a")));

        Decoded decoded = decode(
                write("temporal.json",
                        "{\"day\": \"2024-02-29\", \"at\": \"2024-01-02 03:04:05.123456\", \"precise_at\": \"2024-01-02T03:04:05.123456789\", \"us_day\": \"2/9/2024\", \"us_at\": \"2/9/2024 3:07 PM\"}",
                        "{\"day\": \"1969-12-31\", \"at\": \"2024-01-02T23:59:59.9996\", \"precise_at\": \"2024-01-02 03:04\", \"us_day\": \"12/31/1999\"}",
                        "{\"at\": \"2024-01-02\", \"precise_at\": \"1960-01-02 03:04:05.5\"}"),
                columns);

        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.rows()).map(row -> row.stream().map(String::valueOf).toList()).containsExactly(
                List.of("2024-02-29", "2024-01-02 03:04:05.123", "2024-01-02 03:04:05.123456789", "2024-02-09", "2024-02-09 15:07:00.000000"),
                List.of("1969-12-31", "2024-01-03 00:00:00.000", "2024-01-02 03:04:00.000000000", "1999-12-31", "null"),
                List.of("null", "2024-01-02 00:00:00.000", "1960-01-02 03:04:05.500000000", "null", "null"));
    }

    @Test
    void objectsArraysAndMapsAreReadIntoRowsArraysAndMaps()
            throws IOException
    {
        RowType address = RowType.from(List.of(field("city", VARCHAR), field("zip", BIGINT)));
        List<LandingColumn> columns = List.of(
                new LandingColumn("user", RowType.from(List.of(field("name", VARCHAR), field("address", address)))),
                new LandingColumn("items", new ArrayType(RowType.from(List.of(field("sku", VARCHAR), field("qty", BIGINT))))),
                new LandingColumn("attributes", new MapType(VARCHAR, BIGINT, TYPE_OPERATORS)),
                new LandingColumn("matrix", new ArrayType(new ArrayType(BIGINT))));

        Decoded decoded = decode(
                write("nested.json",
                        "{\"user\": {\"Name\": \"Ann\", \"address\": {\"city\": \"Oslo\", \"ZIP\": 150}}, " +
                                "\"items\": [{\"sku\": \"a\", \"qty\": 1}, {\"sku\": \"b\"}, null], " +
                                "\"attributes\": {\"x\": 1, \"y\": null, \"x\": 2}, \"matrix\": [[1, 2], [], null]}",
                        "{\"user\": {\"address\": null}, \"items\": [], \"attributes\": {}}"),
                columns);

        Map<String, Long> attributes = new HashMap<>();
        attributes.put("x", 2L);
        attributes.put("y", null);
        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.rows()).containsExactly(
                asList(
                        asList("Ann", asList("Oslo", 150L)),
                        asList(asList("a", 1L), asList("b", null), null),
                        attributes,
                        asList(asList(1L, 2L), List.of(), null)),
                asList(asList(null, null), List.of(), Map.of(), null));
    }

    @Test
    void gzipCompressedFileIsDecompressedAndItsByteOrderMarkSkipped()
            throws IOException
    {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream output = new GZIPOutputStream(compressed)) {
            output.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            output.write(lines(IntStream.rangeClosed(1, 1000)
                    .mapToObj(id -> "{\"id\": %s, \"name\": \"row %s\"}".formatted(id, id))
                    .toArray(String[]::new)));
        }
        Path file = directory.resolve("events.json.gz");
        Files.write(file, compressed.toByteArray());

        Decoded decoded = decode(file, List.of(new LandingColumn("id", BIGINT), new LandingColumn("name", VARCHAR)));

        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.rows()).hasSize(1000);
        assertThat(decoded.rows().getFirst()).containsExactly(1L, "row 1");
        assertThat(decoded.rows().getLast()).containsExactly(1000L, "row 1000");
        assertThat(decoded.lineNumbers().getLast()).isEqualTo(1000);
        assertThat(decoded.bytesRead()).isEqualTo(Files.size(file));
    }

    @Test
    void byteRangeSplitsTogetherReadEveryLineOnce()
            throws IOException
    {
        Path file = write("split.json", IntStream.rangeClosed(1, 500)
                .mapToObj(id -> id % 7 == 0 ? "" : "{\"id\": %s, \"padding\": \"%s\"}".formatted(id, "x".repeat(id % 13)))
                .toArray(String[]::new));
        long length = Files.size(file);
        List<Long> expectedIds = IntStream.rangeClosed(1, 500).filter(id -> id % 7 != 0).mapToObj(id -> (long) id).toList();

        for (long splitSize : List.of(37L, 1000L, length / 2, length)) {
            List<Object> ids = new ArrayList<>();
            for (long start = 0; start < length; start += splitSize) {
                Decoded split = decode(file, start, Math.min(splitSize, length - start), List.of("id", "padding"), List.of(new LandingColumn("id", BIGINT)));
                assertThat(split.errors()).isEmpty();
                split.rows().forEach(row -> ids.add(row.getFirst()));
            }
            assertThat(ids).as("split size %s", splitSize).containsExactlyElementsOf(expectedIds);
        }
    }

    @Test
    void lineNumbersOfASplitCountFromItsFirstLine()
            throws IOException
    {
        Path file = write("numbered.json", "{\"id\": 1}", "{\"id\": 2}", "", "{\"id\": 4}");

        // the split starts inside line 1, so its first line is line 2 of the file
        Decoded decoded = decode(file, 3, Files.size(file) - 3, List.of(new LandingColumn("id", BIGINT)));

        assertThat(decoded.rows()).containsExactly(List.of(2L), List.of(4L));
        assertThat(decoded.lineNumbers()).containsExactly(1L, 3L);
    }

    @Test
    void lineNumbersCountBlankLines()
            throws IOException
    {
        Decoded decoded = decode(
                write("blank.json", "", "   ", "{\"id\": 1}", "\t", "{\"id\": 2}", ""),
                List.of(new LandingColumn("id", BIGINT)));

        assertThat(decoded.rows()).containsExactly(List.of(1L), List.of(2L));
        assertThat(decoded.lineNumbers()).containsExactly(3L, 5L);
    }

    @Test
    void malformedLinesAreReportedWithLineColumnValueAndReasonAndDecodingContinues()
            throws IOException
    {
        List<LandingColumn> columns = List.of(
                new LandingColumn("id", BIGINT),
                new LandingColumn("qty", INTEGER),
                new LandingColumn("tags", new ArrayType(VARCHAR)),
                new LandingColumn("counts", new ArrayType(BIGINT)),
                new LandingColumn("day", DATE),
                new LandingColumn("address", RowType.from(List.of(field("zip", BIGINT)))),
                new LandingColumn("price", createDecimalType(5, 2)),
                new LandingColumn("active", BOOLEAN));

        Decoded decoded = decode(
                write("malformed.json",
                        "{\"id\": 1}",
                        "",
                        "{\"id\": \"x1\"}",
                        "\"just text\"",
                        "[1, 2]",
                        "{\"id\": 9223372036854775808}",
                        "{\"id\": 3.5}",
                        "{\"qty\": 2147483648}",
                        "{\"tags\": {\"a\": 1}}",
                        "{\"tags\": \"a,b\"}",
                        "{\"counts\": [1, \"2\"]}",
                        "{\"day\": \"2024/01/02\"}",
                        "{\"address\": {\"zip\": \"0150\"}}",
                        "{\"price\": 1000}",
                        "{\"active\": \"true\"}",
                        "{\"id\": 3} {\"id\": 4}",
                        "{\"id\": 5}"),
                columns);

        assertThat(decoded.rows()).map(List::getFirst).containsExactly(1L, 5L);
        assertThat(decoded.lineNumbers()).containsExactly(1L, 17L);
        assertThat(decoded.errors()).map(TestJsonLinesDecoder::describe).containsExactly(
                "3|id|x1|expected bigint, found string",
                "4||\"just text\"|expected a JSON object, found string",
                "5||[1, 2]|expected a JSON object, found array",
                "6|id|9223372036854775808|value out of range for bigint",
                "7|id|3.5|expected bigint, found a number with a fraction",
                "8|qty|2147483648|value out of range for integer",
                "9|tags|{\"a\":1}|expected array(varchar), found object",
                "10|tags|a,b|expected array(varchar), found string",
                "11|counts|2|expected bigint, found string at counts[]",
                "12|day|2024/01/02|expected date in ISO-8601 format yyyy-MM-dd",
                "13|address|0150|expected bigint, found string at address.zip",
                "14|price|1000|value out of range for decimal(5,2)",
                "15|active|true|expected boolean, found string",
                "16||{\"id\": 3} {\"id\": 4}|invalid JSON: unexpected content after the object");
    }

    @Test
    void keysOfColumnsNotReadAreSkippedAndKeysOfNoColumnMakeTheRecordMalformed()
            throws IOException
    {
        RowType user = RowType.from(List.of(field("name", VARCHAR)));
        RowType item = RowType.from(List.of(field("sku", VARCHAR)));
        List<LandingColumn> tableColumns = List.of(
                new LandingColumn("id", BIGINT),
                new LandingColumn("note", VARCHAR),
                new LandingColumn("user", user),
                new LandingColumn("items", new ArrayType(item)));
        // the query reads id, user and items, not note
        List<LandingColumn> columns = List.of(tableColumns.get(0), tableColumns.get(2), tableColumns.get(3));

        Decoded decoded = decode(
                write("unknown.json",
                        "{\"id\": 1, \"Note\": {\"not\": \"read\"}, \"user\": {\"name\": \"Ann\"}}",
                        "{\"id\": 2, \"Late\": {\"a\": [1, 2.50]}}",
                        "{\"id\": 3, \"late\": null}",
                        "{\"id\": 4, \"user\": {\"name\": \"Bob\", \"zip\": \"0150\"}}",
                        "{\"id\": 5, \"items\": [{\"sku\": \"a\"}, {\"sku\": \"b\", \"Qty\": 2}]}",
                        "{\"id\": 6, \"items\": []}"),
                names(tableColumns),
                columns);

        String unseen = ": it does not occur in the part of the files read to infer the schema / Declare ";
        assertThat(decoded.rows()).map(List::getFirst).containsExactly(1L, 6L);
        assertThat(decoded.errors()).map(TestJsonLinesDecoder::describe).containsExactly(
                "2|Late|{\"a\":[1,2.50]}|key 'Late' is not a column of the table" + unseen +
                        "it under \"columns\" in _lakehouse.json of the dataset folder, e.g. \"columns\": {\"late\": \"varchar\"}",
                "3|late|null|key 'late' is not a column of the table" + unseen +
                        "it under \"columns\" in _lakehouse.json of the dataset folder, e.g. \"columns\": {\"late\": \"varchar\"}",
                "4|user.zip|0150|key 'zip' is not a field of column user" + unseen +
                        "the column under \"columns\" in _lakehouse.json of the dataset folder as row(name varchar, zip varchar)",
                "5|items[].Qty|2|key 'Qty' is not a field of column items" + unseen +
                        "the column under \"columns\" in _lakehouse.json of the dataset folder with a type in which items[] is row(sku varchar, qty varchar)");
    }

    @Test
    void invalidJsonIsReported()
            throws IOException
    {
        Decoded decoded = decode(
                write("invalid.json", "{\"id\": 1,}", "{id: 1}", "{\"id\": 01}", "{\"id\": \"\\x\"}", "{\"id\": 2, ", "{\"id\": 1}"),
                List.of(new LandingColumn("id", BIGINT)));

        assertThat(decoded.rows()).containsExactly(List.of(1L));
        assertThat(decoded.errors())
                .allSatisfy(error -> {
                    assertThat(error.column()).isEmpty();
                    assertThat(error.reason()).startsWith("invalid JSON: ");
                })
                .map(MalformedRecordException::lineNumber)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        // Jackson's words, but where in the line it stopped
        assertThat(decoded.errors().getLast().reason()).matches("invalid JSON: Unexpected end-of-input.* at byte 11");
        assertThat(decoded.errors().getLast().value()).contains("{\"id\": 2, ");
    }

    @Test
    void reportedValuesAreShortened()
            throws IOException
    {
        String longText = "y".repeat(300);
        Decoded decoded = decode(
                write("long.json", "{\"id\": \"%s\"}".formatted(longText), "[\"%s\"]".formatted(longText)),
                List.of(new LandingColumn("id", BIGINT)));

        assertThat(decoded.errors()).map(error -> error.value().orElseThrow()).containsExactly(
                "y".repeat(100) + "...",
                "[\"" + "y".repeat(98) + "...");
    }

    @Test
    void inferredColumnsDecodeTheSampleTheyWereInferredFrom()
            throws IOException
    {
        String[] lines = {
                "{\"id\": 1, \"amount\": 1, \"mixed\": 1, \"user\": {\"name\": \"Ann\", \"tags\": [\"a\"]}, \"at\": \"2024-01-31 10:15:30.123456\"}",
                "{\"id\": 2, \"amount\": 2.5, \"mixed\": \"two\", \"user\": {\"tags\": []}, \"day\": \"2024-01-31\"}",
                "{\"id\": 3, \"mixed\": {\"n\": [3, 3.50]}, \"user\": null, \"nothing\": null}"};
        List<LandingColumn> columns = JsonSchemaInference.infer(List.of(lines));

        Decoded decoded = decode(write("inferred.json", lines), columns);

        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.rows()).map(row -> row.stream().map(String::valueOf).toList()).containsExactly(
                List.of("1", "1.0", "1", "[Ann, [a]]", "2024-01-31 10:15:30.123456", "null", "null"),
                List.of("2", "2.5", "two", "[null, []]", "null", "2024-01-31", "null"),
                List.of("3", "null", "{\"n\":[3,3.50]}", "null", "null", "null", "null"));
    }

    @Test
    void nonFiniteNumbersAreReadIntoDoubleOnly()
            throws IOException
    {
        Decoded decoded = decode(
                write("nan.json", "{\"score\": NaN}", "{\"score\": -Infinity}", "{\"score\": 1e400}", "{\"id\": NaN}"),
                List.of(new LandingColumn("score", DOUBLE), new LandingColumn("id", BIGINT)));

        assertThat(decoded.rows()).containsExactly(asList(Double.NaN, null), asList(Double.NEGATIVE_INFINITY, null));
        assertThat(decoded.errors()).map(TestJsonLinesDecoder::describe).containsExactly(
                "3|score|1e400|value out of range for double",
                "4|id|NaN|expected bigint, found NaN");
    }

    @Test
    void unsupportedColumnTypeIsRejected()
            throws IOException
    {
        Path file = write("unsupported.json", "{}");
        TrinoInputFile inputFile = new LocalInputFile(file.toFile());

        assertThatThrownBy(() -> new JsonLinesDecoder(
                LINE_READER_FACTORY.createLineReader(inputFile, 0, inputFile.length(), 0, 0),
                List.of("payload"),
                List.of(new LandingColumn("payload", VARBINARY))))
                .isInstanceOf(TrinoException.class)
                .hasMessage("Column 'payload' has type varbinary, which cannot be read from JSON");
    }

    private static String describe(MalformedRecordException error)
    {
        return "%s|%s|%s|%s%s".formatted(error.lineNumber(), error.column().orElse(""), error.value().orElse(""), error.reason(), error.remedy().map(remedy -> " / " + remedy).orElse(""));
    }

    private Path write(String fileName, String... lines)
            throws IOException
    {
        Path file = directory.resolve(fileName);
        Files.write(file, lines(lines));
        return file;
    }

    private static byte[] lines(String... lines)
    {
        return (String.join("\n", lines) + "\n").getBytes(UTF_8);
    }

    private static List<String> names(List<LandingColumn> columns)
    {
        return columns.stream().map(LandingColumn::name).collect(toImmutableList());
    }

    /**
     * Decodes the file as a page source of a table with just these columns would.
     */
    private static Decoded decode(Path file, List<LandingColumn> columns)
            throws IOException
    {
        return decode(file, names(columns), columns);
    }

    private static Decoded decode(Path file, List<String> tableColumns, List<LandingColumn> columns)
            throws IOException
    {
        return decode(file, 0, Files.size(file), tableColumns, columns);
    }

    private static Decoded decode(Path file, long start, long length, List<LandingColumn> columns)
            throws IOException
    {
        return decode(file, start, length, names(columns), columns);
    }

    /**
     * Decodes a byte range of the file as a page source would: every record into one page, malformed ones set aside.
     */
    private static Decoded decode(Path file, long start, long length, List<String> tableColumns, List<LandingColumn> columns)
            throws IOException
    {
        TrinoInputFile inputFile = new LocalInputFile(file.toFile());
        List<Type> types = columns.stream().map(LandingColumn::type).collect(toImmutableList());
        PageBuilder pageBuilder = new PageBuilder(types);
        ImmutableList.Builder<Long> lineNumbers = ImmutableList.builder();
        ImmutableList.Builder<MalformedRecordException> errors = ImmutableList.builder();
        long bytesRead;
        try (RecordDecoder decoder = new JsonLinesDecoder(
                LINE_READER_FACTORY.createLineReader(inputFile, start, length, 0, 0),
                LINE_READER_FACTORY.createLineBuffer(),
                tableColumns,
                columns)) {
            while (true) {
                try {
                    if (!decoder.next()) {
                        break;
                    }
                }
                catch (MalformedRecordException e) {
                    errors.add(e);
                    continue;
                }
                pageBuilder.declarePosition();
                for (int column = 0; column < columns.size(); column++) {
                    decoder.writeValue(column, pageBuilder.getBlockBuilder(column));
                }
                lineNumbers.add(decoder.lineNumber());
            }
            bytesRead = decoder.bytesRead();
        }

        Page page = pageBuilder.build();
        List<List<Object>> rows = new ArrayList<>();
        for (int position = 0; position < page.getPositionCount(); position++) {
            List<Object> row = new ArrayList<>();
            for (int column = 0; column < types.size(); column++) {
                row.add(types.get(column).getObjectValue(SESSION, page.getBlock(column), position));
            }
            rows.add(row);
        }
        return new Decoded(rows, lineNumbers.build(), errors.build(), bytesRead);
    }

    private record Decoded(List<List<Object>> rows, List<Long> lineNumbers, List<MalformedRecordException> errors, long bytesRead) {}
}
