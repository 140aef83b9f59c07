package io.lakehouse.trino;

import io.trino.hive.formats.compression.CompressionKind;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed landing files, one dataset each: every one ends in an error naming the file (and the line, where there is
 * one) or, for a bad record, in a reject that is counted and listed; nothing is dropped silently.
 */
final class TestLandingBadInputCorpus
        extends AbstractTestQueryFramework
{
    private Path dataDirectory;
    private S3ProxyServer s3;

    /**
     * @param file name of the malformed file inside the dataset folder
     * @param options the dataset's {@code _lakehouse.json}, if any
     * @param error what the failed query says (after the file's location)
     * @param rejectedLine for a bad record: the line that {@code on_error = skip} skips and lists in {@code $rejects}
     */
    record Case(String name, String file, byte[] content, Optional<String> options, String error, Optional<Long> rejectedLine, boolean namesFile)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    static List<Case> corpus()
    {
        return List.of(
                record("ragged_short_row", "a.tsv", "a\tb\n1\t2\n3\n", null, " line 3: expected 2 fields as in the header, found 1", 3),
                record("ragged_long_row", "a.tsv", "a\tb\n1\t2\n3\t4\t5\n", null, " line 3: expected 2 fields as in the header, found 3", 3),
                record("csv_row_with_extra_comma", "a.csv", "id,name\n1,ann\n2,bob,\n", null, " line 3: expected 2 fields as in the header, found 3", 3),
                record("mixed_delimiters", "a.tsv", "a\tb\n1\t2\n3,4\n", null, " line 3: expected 2 fields as in the header, found 1", 3),
                record("unbalanced_quote_at_end", "a.csv", "a,b\n1,2\n3,\"open\n4,5\n", "{\"quote\": \"\\\"\"}", " line 3: a quoted field opened on line 3 is not closed before the end of the file", 3),
                record("quoted_newline_then_ragged", "a.csv", "a,b\n\"x\ny\",1\n2\n", "{\"quote\": \"\\\"\"}", " line 4: expected 2 fields as in the header, found 1", 4),
                record("text_after_closing_quote", "a.csv", "a,b\n1,\"x\"y\n2,z\n", "{\"quote\": \"\\\"\"}", " line 2: a quoted field is followed by 'y' on line 2 where a delimiter or the end of the line was expected. Double each quote character inside a quoted field (\"\"), or, " +
                        "if the file's quote characters are text, declare \"quote\": \"none\" in _lakehouse.json of the dataset folder. Or set \"on_error\": \"skip\"", 2),
                record("unescaped_quote_joins_lines", "a.csv", "a,b\n1,\"bad\n2,ok\n3,\"q\"\n", "{\"quote\": \"\\\"\"}", " line 2: a quoted field is followed by 'q' on line 4", 2),
                record("bigint_overflow", "a.csv", "n\n1\n99999999999999999999\n", "{\"columns\": {\"n\": \"bigint\"}}", " line 3, column n, value '99999999999999999999': expected a value of type bigint", 3),
                record("integer_out_of_range", "a.csv", "n\n1\n3000000000\n", "{\"columns\": {\"n\": \"integer\"}}", " line 3, column n, value '3000000000': expected a value of type integer", 3),
                record("not_a_number", "a.csv", "n\n1\nten\n", "{\"columns\": {\"n\": \"bigint\"}}", " line 3, column n, value 'ten': expected a value of type bigint", 3),
                record("decimal_comma", "a.tsv", "price\n3.14\n3,14\n", "{\"columns\": {\"price\": \"decimal(10,2)\"}}", " line 3, column price, value '3,14': expected a value of type decimal(10,2)", 3),
                record("decimal_too_wide", "a.tsv", "price\n3.14\n123456.78\n", "{\"columns\": {\"price\": \"decimal(5,2)\"}}", " line 3, column price, value '123456.78': expected a value of type decimal(5,2)", 3),
                record("decimal_with_more_places_than_the_type", "a.tsv", "price\n3.14\n3.14159\n", "{\"columns\": {\"price\": \"decimal(10,2)\"}}", " line 3, column price, value '3.14159': expected a value of type decimal(10,2)", 3),
                record("impossible_date", "a.tsv", "day\n2024-02-28\n2024-02-30\n", "{\"columns\": {\"day\": \"date\"}}", " line 3, column day, value '2024-02-30': expected a value of type date", 3),
                record("date_in_other_order", "a.tsv", "day\n31.12.2023\n12/31/2023\n", "{\"columns\": {\"day\": {\"type\": \"date\", \"pattern\": \"dd.MM.yyyy\"}}}", " line 3, column day, value '12/31/2023': expected a value of type date in the form dd.MM.yyyy", 3),
                record("bad_timestamp", "a.tsv", "at\n2024-01-01 10:00:00\n2024-01-01 25:00:00\n", "{\"columns\": {\"at\": \"timestamp(3)\"}}", " line 3, column at, value '2024-01-01 25:00:00': expected a value of type timestamp(3)", 3),
                record("bad_boolean", "a.tsv", "flag\ntrue\nmaybe\n", "{\"columns\": {\"flag\": \"boolean\"}}", " line 3, column flag, value 'maybe': expected a value of type boolean", 3),
                record("value_past_the_inference_sample", "a.tsv", "n\n" + "1\n".repeat(600_000) + "x\n", null, " line 600002, column n, value 'x': expected a value of type bigint", 600_002),
                // ISO-8859-1 text below a first MB of ASCII (the same bytes in both), read as UTF-8: 'Zoë' as 5A 6F EB
                record("latin1_byte_past_the_inference_sample", "a.tsv", ("id\tname\n" + "1\tplain ascii\n".repeat(100_000) + "2\tZo\u00EB\n").getBytes(ISO_8859_1), null,
                        " line 100002, column name, value 'Zo\\xEB': the value is not valid UTF-8 (invalid bytes are shown as \\xNN), although the part of the file read to infer the schema is "
                                + "(or UTF-8 is declared). Convert the file to UTF-8, or declare its encoding in _lakehouse.json of the dataset folder, e.g. \"encoding\": \"ISO-8859-1\". "
                                + "Or set \"on_error\": \"skip\" in _lakehouse.json of the dataset folder to skip and count such records",
                        100_002),
                // a field ending inside a character: the first two of the three bytes of '€' (E2 82 AC)
                record("truncated_character_past_the_inference_sample", "a.tsv", ("id\tprice\tnote\n" + "1\t5 EUR\tok\n".repeat(100_000) + "2\t5 \u00E2\u0082\tok\n").getBytes(ISO_8859_1), null,
                        " line 100002, column price, value '5 \\xE2\\x82': the value is not valid UTF-8", 100_002),
                record("json_invalid_line", "a.jsonl", "{\"id\": 1}\n{\"id\": 2,,}\n", null, " line 2, value '{\"id\": 2,,}': invalid JSON", 2),
                record("json_not_an_object", "a.jsonl", "{\"id\": 1}\n[1, 2]\n", null, " line 2", 2),
                record("json_wrong_type", "a.jsonl", "{\"id\": 1}\n{\"id\": \"one\"}\n", "{\"columns\": {\"id\": \"bigint\"}}", " line 2, column id", 2),
                record("json_overflow", "a.jsonl", "{\"id\": 1}\n{\"id\": 99999999999999999999}\n", "{\"columns\": {\"id\": \"bigint\"}}", " line 2, column id", 2),
                record("json_object_where_array_expected", "a.jsonl", "{\"tags\": [\"a\"]}\n{\"tags\": {\"b\": 1}}\n", "{\"columns\": {\"tags\": \"array(varchar)\"}}", " line 2, column tags", 2),
                record("json_truncated_last_line", "a.jsonl", "{\"id\": 1}\n{\"id\": 2, \"na", null, " line 2, value '{\"id\": 2, \"na': invalid JSON", 2),
                record("json_key_past_the_inference_sample", "a.jsonl", "{\"id\": 1}\n".repeat(600_000) + "{\"id\": 2, \"late\": \"x\"}\n", null,
                        " line 600001, column late, value 'x': key 'late' is not a column of the table: it does not occur in the part of the files read to infer the schema. " +
                                "Declare it under \"columns\" in _lakehouse.json of the dataset folder, e.g. \"columns\": {\"late\": \"varchar\"}. Or set \"on_error\": \"skip\"", 600_001),
                record("json_nested_key_not_a_field", "a.jsonl", "{\"address\": {\"city\": \"Oslo\"}}\n{\"address\": {\"city\": \"Bergen\", \"zip\": \"5003\"}}\n",
                        "{\"columns\": {\"address\": \"row(city varchar)\"}}", " line 2, column address.zip, value '5003': key 'zip' is not a field of column address", 2),
                record("json_decimal_with_more_places_than_the_scale", "a.jsonl", "{\"price\": 1.250}\n{\"price\": 1.255}\n", "{\"columns\": {\"price\": \"decimal(10,2)\"}}",
                        " line 2, column price, value '1.255': value has more decimal places than decimal(10,2) allows, and rounding would lose them. " +
                                "Declare a wider type in _lakehouse.json of the dataset folder, e.g. decimal(11,3). Or set \"on_error\": \"skip\"", 2),
                record("long_line", "a.tsv", "a\tb\n1\t" + "z".repeat(17 << 20) + "\n", null, " line 2: the record starting on line 2 is longer than 16777216 bytes", 2),
                fileError("truncated_gzip", "a.tsv.gz", half(compress(CompressionKind.GZIP, "a\tb\n" + "1\t2\n".repeat(20_000))), "cannot be read after line"),
                fileError("not_gzip_at_all", "a.tsv.gz", "a\tb\n1\t2\n".getBytes(UTF_8), "Not in GZIP format. If the file is corrupt or not gzip data as its name says, replace it, move it out of the dataset folder or name it with a leading _ to hide it"),
                fileError("truncated_zstd", "a.tsv.zst", half(compress(CompressionKind.ZSTD, "a\tb\n" + "1\t2\n".repeat(20_000))), ""),
                fileError("corrupt_bzip2", "a.tsv.bz2", "BZh9 this is not bzip2 data".getBytes(UTF_8), ""),
                fileError("binary_file", "a.tsv", new byte[] {'a', '\t', 'b', '\n', 0, 1, 2, 3, '\n'}, " holds binary data (a NUL byte at offset 4)"),
                fileError("utf16_file", "a.csv", "\uFEFFa,b\n1,2\n".getBytes(UTF_16LE), " is UTF-16 text; convert it to UTF-8"),
                fileError("parquet_in_landing", "part-0.parquet", "PAR1\0\0\0\0garbagePAR1".getBytes(UTF_8), " is a Parquet file"),
                new Case("empty_file", "a.tsv", new byte[0], Optional.empty(), ": every data file is empty", Optional.empty(), false),
                fileError("invalid_options_file", "a.csv", "a\n1\n".getBytes(UTF_8), "_lakehouse.json is not valid JSON", "{\"delimiter\": "));
    }

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        dataDirectory = Files.createTempDirectory("lakehouse-corpus-test");
        s3 = closeAfterClass(S3ProxyServer.start(dataDirectory.resolve("s3"), "landing"));
        for (Case testCase : corpus()) {
            s3.putObject("landing", testCase.name() + "/" + testCase.file(), testCase.content());
            testCase.options().ifPresent(options -> s3.putObject("landing", testCase.name() + "/_lakehouse.json", options.getBytes(UTF_8)));
        }
        return LakehouseQueryRunner.builder(s3.getEndpoint()).build();
    }

    @AfterAll
    void deleteData()
            throws IOException
    {
        deleteRecursively(dataDirectory, ALLOW_INSECURE);
    }

    @Test
    void corpusHasAtLeastThirtyFiles()
    {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void malformedFileFailsNamingFileAndLine(Case testCase)
    {
        String folder = "s3://landing/%s/".formatted(testCase.name());
        String location = folder + testCase.file();
        assertThat(query("SELECT * FROM \"%s\"".formatted(testCase.name())))
                .failure()
                .hasMessageContaining(testCase.rejectedLine().isPresent() ? location + testCase.error() : testCase.error())
                .hasMessageContaining(testCase.namesFile() ? location : folder);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void badRecordIsSkippedCountedAndListedWhenAsked(Case testCase)
    {
        if (testCase.rejectedLine().isEmpty()) {
            return;
        }
        String rejects = "\"%s$rejects\"".formatted(testCase.name());
        assertThat(query("SELECT path, line FROM " + rejects))
                .matches("VALUES (VARCHAR 's3://landing/%s/%s', BIGINT '%s')".formatted(testCase.name(), testCase.file(), testCase.rejectedLine().get()));
    }

    private static Case record(String name, String file, String content, String options, String error, long rejectedLine)
    {
        return record(name, file, content.getBytes(UTF_8), options, error, rejectedLine);
    }

    private static Case record(String name, String file, byte[] content, String options, String error, long rejectedLine)
    {
        return new Case(name, file, content, Optional.ofNullable(options), error, Optional.of(rejectedLine), true);
    }

    private static Case fileError(String name, String file, byte[] content, String error)
    {
        return new Case(name, file, content, Optional.empty(), error, Optional.empty(), true);
    }

    private static Case fileError(String name, String file, byte[] content, String error, String options)
    {
        return new Case(name, file, content, Optional.of(options), error, Optional.empty(), false);
    }

    private static byte[] half(byte[] bytes)
    {
        return Arrays.copyOf(bytes, bytes.length / 2);
    }

    private static byte[] compress(CompressionKind kind, String text)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream output = kind == CompressionKind.GZIP ? new GZIPOutputStream(bytes) : kind.createCodec().createStreamCompressor(bytes)) {
            output.write(text.getBytes(UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
