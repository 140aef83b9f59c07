package io.lakehouse.trino;

import io.trino.hive.formats.compression.CompressionKind;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static com.google.common.collect.Iterables.getOnlyElement;
import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The landing connector through SQL on an in-process Trino over S3Proxy. Splits are 1 kB so that every uncompressed
 * line-oriented file here is also read in several byte ranges.
 */
final class TestLandingConnector
        extends AbstractTestQueryFramework
{
    private Path dataDirectory;
    private S3ProxyServer s3;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        dataDirectory = Files.createTempDirectory("lakehouse-landing-test");
        s3 = closeAfterClass(S3ProxyServer.start(dataDirectory.resolve("s3"), "landing"));
        return LakehouseQueryRunner.builder(s3.getEndpoint())
                .withLakehouseProperty("lakehouse.max-split-size", "1kB")
                .build();
    }

    @AfterAll
    void deleteData()
            throws IOException
    {
        deleteRecursively(dataDirectory, ALLOW_INSECURE);
    }

    @Test
    void tsvColumnsGetTheTypesAPersonWouldChoose()
    {
        put("typed/part-0.tsv", """
                id\tprice\tratio\tflag\tday\tseen_at\tzip\tgenres\tnote
                1\t2.55\t1e-3\t true\t2024-01-31\t2024-01-31 08:26:00\t007\tDrama,Comedy\t\\N
                2\t10\t0.5\tfalse\t2024-02-29\t2024-02-29T23:59:59.123\t010\tDrama\t
                3\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\tplain
                """.replace("\t true", "\ttrue"));
        assertThat(query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'landing' AND table_name = 'typed'"))
                .matches("""
                        VALUES (VARCHAR 'id', VARCHAR 'bigint'), ('price', 'decimal(18,2)'), ('ratio', 'double'), ('flag', 'boolean'),
                          ('day', 'date'), ('seen_at', 'timestamp(3)'), ('zip', 'varchar'), ('genres', 'varchar'), ('note', 'varchar')
                        """);
        assertThat(query("SELECT id, price, flag, day, seen_at, zip, genres, note FROM typed"))
                .matches("""
                        VALUES
                          (BIGINT '1', CAST(2.55 AS decimal(18, 2)), true, DATE '2024-01-31', TIMESTAMP '2024-01-31 08:26:00.000', VARCHAR '007', VARCHAR 'Drama,Comedy', CAST(NULL AS varchar)),
                          (2, 10.00, false, DATE '2024-02-29', TIMESTAMP '2024-02-29 23:59:59.123', '010', 'Drama', NULL),
                          (3, NULL, NULL, NULL, NULL, NULL, NULL, 'plain')
                        """);
    }

    @Test
    void csvQuotedFieldsKeepDelimitersLineBreaksAndDoubledQuotes()
    {
        put("quoted/data.csv", "id,comment,amount\r\n1,\"hello, \"\"world\"\"\nsecond line\",3.5\r\n2,plain,4\r\n3,\"\",5\r\n");
        assertThat(query("SELECT id, comment, amount, \"$line\" FROM quoted"))
                .matches("""
                        VALUES (BIGINT '1', VARCHAR 'hello, "world"' || chr(10) || 'second line', CAST(3.5 AS decimal(18, 1)), BIGINT '2'),
                          (2, 'plain', 4.0, 4), (3, '', 5.0, 5)
                        """);
    }

    @Test
    void otherDelimitersAndNoHeaderAreInferred()
    {
        put("semicolons/a.txt", "10;alpha;1.5\n20;beta;2.5\n30;gamma;3.5\n");
        assertThat(query("SELECT column_1, column_2, column_3 FROM semicolons"))
                .matches("VALUES (BIGINT '10', VARCHAR 'alpha', CAST(1.5 AS decimal(18, 1))), (20, 'beta', 2.5), (30, 'gamma', 3.5)");
    }

    @Test
    void latin1AndByteOrderMarkAreDecoded()
    {
        s3.putObject("landing", "retail/online_retail.csv", "InvoiceNo,Description,InvoiceDate\n536365,CAFÉ CRÈME MUG,12/1/2010 8:26\nC536379,Discount,12/13/2010 9:41\n".getBytes(ISO_8859_1));
        assertThat(query("SELECT invoiceno, description, invoicedate FROM retail"))
                .matches("""
                        VALUES (VARCHAR '536365', VARCHAR 'CAFÉ CRÈME MUG', TIMESTAMP '2010-12-01 08:26:00.000'),
                          ('C536379', 'Discount', TIMESTAMP '2010-12-13 09:41:00.000')
                        """);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        s3.putObject("landing", "bom/a.csv", concat(bom, "name,n\nÄpfel,1\n".getBytes(UTF_8)));
        assertThat(query("SELECT name, n FROM bom")).matches("VALUES (VARCHAR 'Äpfel', BIGINT '1')");
    }

    @Test
    void declaredLatin1IsDecodedPastAnAsciiSample()
    {
        // the first MB is ASCII, so without the declaration the file is read as UTF-8 and the last line fails
        put("latin1_late/_lakehouse.json", "{\"encoding\": \"ISO-8859-1\"}");
        s3.putObject("landing", "latin1_late/a.tsv", ("id\tname\n" + "1\tplain ascii\n".repeat(100_000) + "2\tZoë\n").getBytes(ISO_8859_1));
        assertThat(query("SELECT name FROM latin1_late WHERE id = 2")).matches("VALUES VARCHAR 'Zoë'");
    }

    @Test
    void compressedFilesAreReadByExtensionAndUnionedByName()
            throws IOException
    {
        s3.putObject("landing", "mixed/a.tsv.gz", gzip("id\tname\n1\tone\n2\ttwo\n"));
        s3.putObject("landing", "mixed/b.tsv.zst", compress(CompressionKind.ZSTD, "name\tid\textra\nthree\t3\tx\n"));
        s3.putObject("landing", "mixed/c.tsv.bz2", compress(CompressionKind.BZIP2, "id\tname\n4\tfour\n"));
        assertThat(query("SELECT id, name, extra FROM mixed"))
                .matches("VALUES (BIGINT '1', VARCHAR 'one', CAST(NULL AS varchar)), (2, 'two', NULL), (3, 'three', 'x'), (4, 'four', NULL)");
    }

    @Test
    void jsonLinesNestedObjectsAndArraysBecomeRowsAndArrays()
    {
        put("customers/day=1/feed.jsonl", """
                {"id": 1, "customer": {"name": "Ada", "address": {"city": "London"}}, "tags": ["vip", "new"], "since": "2024-01-02"}
                {"id": 2, "customer": {"name": "Bob", "address": {"city": "Paris"}}, "tags": [], "since": null}
                """);
        assertThat(query("SELECT id, customer.name, customer.address.city, cardinality(tags), since FROM customers"))
                .matches("VALUES (BIGINT '1', VARCHAR 'Ada', VARCHAR 'London', BIGINT '2', DATE '2024-01-02'), (2, 'Bob', 'Paris', 0, NULL)");
    }

    @Test
    void jsonKeyFirstSeenAfterTheInferenceSampleIsReadOnceDeclared()
            throws IOException
    {
        // 1.4 MB of lines without "coupon", so the first MB that inference reads has no such key
        String lines = "{\"id\": 1, \"kind\": \"view\"}\n".repeat(50_000) + "{\"id\": 2, \"kind\": \"buy\", \"Coupon\": \"SAVE5\"}\n";
        s3.putObject("landing", "late_key/a.jsonl.gz", gzip(lines));
        assertThat(query("SELECT count(*) FROM late_key")).failure()
                .hasMessageContaining("s3://landing/late_key/a.jsonl.gz line 50001, column Coupon, value 'SAVE5': key 'Coupon' is not a column of the table");

        put("late_key/_lakehouse.json", "{\"columns\": {\"coupon\": \"varchar\"}}");
        assertThat(query("SELECT id, kind, coupon FROM late_key WHERE coupon IS NOT NULL"))
                .matches("VALUES (BIGINT '2', VARCHAR 'buy', VARCHAR 'SAVE5')");
        // keys of columns that a query does not read are skipped
        assertThat(query("SELECT count(*), max(id) FROM late_key")).matches("VALUES (BIGINT '50001', BIGINT '2')");
        assertThat(query("SELECT kind, count(*) FROM late_key GROUP BY kind")).matches("VALUES (VARCHAR 'view', BIGINT '50000'), ('buy', 1)");
    }

    @Test
    void partitionPredicatePrunesFilesBeforeReadingThem()
    {
        put("events/ds=2024-01-01/a.tsv", "id\tkind\n1\tclick\n2\tview\n");
        put("events/ds=2024-01-02/a.tsv", "id\tkind\n3\tclick\n");
        put("events/ds=2024-01-03/a.tsv", "id\tkind\n4\tclick\n5\n");
        assertThat(query("SELECT id, kind, ds FROM events WHERE ds < DATE '2024-01-03'"))
                .matches("VALUES (BIGINT '1', VARCHAR 'click', DATE '2024-01-01'), (2, 'view', DATE '2024-01-01'), (3, 'click', DATE '2024-01-02')");
        assertThat(query("SELECT count(*) FROM events"))
                .failure().hasMessageContaining("s3://landing/events/ds=2024-01-03/a.tsv line 3: expected 2 fields as in the header, found 1");

        put("plain_dates/2024/01/05/a.tsv", "id\n5\n");
        put("plain_dates/2024/01/06/a.tsv", "id\n6\n");
        assertThat(query("SELECT id, landing_date FROM plain_dates WHERE landing_date = DATE '2024-01-06'"))
                .matches("VALUES (BIGINT '6', DATE '2024-01-06')");
    }

    @Test
    void fileWithOnlyAHeaderDoesNotChangeTheTypesOfTheOthers()
    {
        put("orders/ds=2024-01-01/data.csv", "id,name,qty\n1,apple,3\n2,pear,5\n");
        put("orders/ds=2024-01-02/data.csv", "id,name,qty\n");
        assertThat(query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'landing' AND table_name = 'orders'"))
                .matches("VALUES (VARCHAR 'id', VARCHAR 'bigint'), ('name', 'varchar'), ('qty', 'bigint'), ('ds', 'date')");
        assertThat(query("SELECT id, name, qty, ds FROM orders"))
                .matches("VALUES (BIGINT '1', VARCHAR 'apple', BIGINT '3', DATE '2024-01-01'), (2, 'pear', 5, DATE '2024-01-01')");
    }

    @Test
    void tableOfOnlyHeadersIsVarchar()
    {
        put("headers/ds=2024-01-01/data.csv", "id,qty\n");
        put("headers/ds=2024-01-02/data.csv", "id,qty\n");
        assertThat(query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'landing' AND table_name = 'headers'"))
                .matches("VALUES (VARCHAR 'id', VARCHAR 'varchar'), ('qty', 'varchar'), ('ds', 'date')");
        assertThat(query("SELECT id, qty FROM headers")).returnsEmptyResult();
    }

    @Test
    void dayWithoutValuesForAColumnIsReadWithTheTypeAndPatternOfTheOtherDays()
    {
        put("titles/ds=2024-01-01/a.tsv", "tconst\tendyear\tpremiered\ntt1\t1998\t9/22/1994\ntt2\t\\N\t1/5/2001\n");
        // nulls for more rows than inference samples, then values in the same form as the other day's
        put("titles/ds=2024-01-02/a.tsv", "tconst\tendyear\tpremiered\n" + "tt\t\\N\t\\N\n".repeat(1100) + "tt3\t2025\t2/3/2024\n");
        assertThat(query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'landing' AND table_name = 'titles'"))
                .matches("VALUES (VARCHAR 'tconst', VARCHAR 'varchar'), ('endyear', 'bigint'), ('premiered', 'date'), ('ds', 'date')");
        assertThat(query("SELECT tconst, endyear, premiered, ds FROM titles WHERE tconst <> 'tt'"))
                .matches("""
                        VALUES (VARCHAR 'tt1', BIGINT '1998', DATE '1994-09-22', DATE '2024-01-01'),
                          ('tt2', NULL, DATE '2001-01-05', DATE '2024-01-01'),
                          ('tt3', 2025, DATE '2024-02-03', DATE '2024-01-02')
                        """);
        assertThat(query("SELECT count(*), count(endyear), count(premiered) FROM titles WHERE ds = DATE '2024-01-02'"))
                .matches("VALUES (BIGINT '1101', BIGINT '1', BIGINT '1')");

        put("titles/ds=2024-01-03/a.tsv", "tconst\tendyear\tpremiered\n" + "tt\t\\N\t\\N\n".repeat(1100) + "tt4\tsoon\t\\N\n");
        assertThat(query("SELECT count(endyear) FROM titles"))
                .failure()
                .hasMessageContaining("s3://landing/titles/ds=2024-01-03/a.tsv line 1102, column endyear, value 'soon': expected a value of type bigint.");
    }

    @Test
    void jsonKeyThatIsOnlyNullInOneFileKeepsTheOtherFilesType()
    {
        put("payments/day=1/a.jsonl", "{\"id\": 1, \"amount\": 2.5}\n");
        put("payments/day=2/a.jsonl", "{\"id\": 2, \"amount\": null}\n");
        assertThat(query("SELECT id, amount FROM payments"))
                .matches("VALUES (BIGINT '1', DOUBLE '2.5'), (2, NULL)");
    }

    @Test
    void connectorCountsAreExportedOverJmx()
            throws Exception
    {
        put("counted/_lakehouse.json", "{\"on_error\": \"skip\"}");
        put("counted/a.tsv", "n\n1\n2\n3\tx\n");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName stats = getOnlyElement(server.queryNames(new ObjectName("lakehouse.landing:type=LandingStats,name=lakehouse"), null));
        long recordsBefore = (long) server.getAttribute(stats, "RecordsRead.TotalCount");
        long rejectedBefore = (long) server.getAttribute(stats, "RecordsRejected.TotalCount");
        assertThat(query("SELECT n FROM counted")).matches("VALUES BIGINT '1', 2");
        assertThat((long) server.getAttribute(stats, "RecordsRead.TotalCount") - recordsBefore).isEqualTo(2);
        assertThat((long) server.getAttribute(stats, "RecordsRejected.TotalCount") - rejectedBefore).isEqualTo(1);
    }

    @Test
    void hiddenColumnsTellWhereEachRowComesFrom()
    {
        put("hidden/f.tsv", "a\nx\ny\n");
        assertThat(query("SELECT a, \"$path\", \"$file_size\", \"$line\", \"$file_modified_time\" IS NOT NULL FROM hidden"))
                .matches("VALUES (VARCHAR 'x', VARCHAR 's3://landing/hidden/f.tsv', BIGINT '6', BIGINT '2', true), ('y', 's3://landing/hidden/f.tsv', 6, 3, true)");
        assertThat(computeActual("SELECT * FROM hidden").getColumnNames()).containsExactly("a");
    }

    @Test
    void largeFileInByteRangesReadsEveryLineOnceWithItsLineNumber()
    {
        StringBuilder text = new StringBuilder("n\tpadding\n");
        for (int n = 1; n <= 2000; n++) {
            text.append(n).append('\t').append("x".repeat(n % 7)).append('\n');
        }
        put("ranges/big.tsv", text.toString());
        assertThat(query("SELECT count(*), count(DISTINCT n), sum(n), min(n), max(n) FROM ranges"))
                .matches("VALUES (BIGINT '2000', BIGINT '2000', BIGINT '2001000', BIGINT '1', BIGINT '2000')");
        assertThat(query("SELECT count(*) FROM ranges WHERE \"$line\" <> n + 1")).matches("VALUES BIGINT '0'");
    }

    @Test
    void badValueFailsNamingFileLineColumnValueAndWhatToDo()
    {
        put("strict/_lakehouse.json", "{\"columns\": {\"amount\": \"bigint\"}}");
        put("strict/a.csv", "id,amount\n1,10\n2,ten\n");
        assertThat(query("SELECT * FROM strict"))
                .failure()
                .hasMessage("s3://landing/strict/a.csv line 3, column amount, value 'ten': expected a value of type bigint. Fix the file, declare the column's type in _lakehouse.json of the dataset folder, or set \"on_error\": \"skip\" there to skip and count such records (they are listed in \"strict$rejects\")");
    }

    @Test
    void skippedRecordsAreCountedAndListedInRejectsTable()
    {
        put("lenient/_lakehouse.json", "{\"on_error\": \"skip\", \"columns\": {\"amount\": \"bigint\"}}");
        put("lenient/a.csv", "id,amount\n1,10\n2,ten\n3,30\n4\n");
        assertThat(query("SELECT id, amount FROM lenient")).matches("VALUES (BIGINT '1', BIGINT '10'), (3, 30)");
        // the skipped records are not in the table whichever columns a query reads
        assertThat(query("SELECT count(*) FROM lenient")).matches("VALUES BIGINT '2'");
        assertThat(query("SELECT id FROM lenient")).matches("VALUES BIGINT '1', 3");
        assertThat(query("SELECT path, line, column_name, value, reason FROM \"lenient$rejects\""))
                .matches("""
                        VALUES (VARCHAR 's3://landing/lenient/a.csv', BIGINT '3', VARCHAR 'amount', VARCHAR 'ten', VARCHAR 'expected a value of type bigint'),
                          ('s3://landing/lenient/a.csv', 5, NULL, NULL, 'expected 2 fields as in the header, found 1; check the delimiter and quote character')
                        """);
    }

    @Test
    void sidecarOptionsOverrideInferenceAndShowCreateTableShowsWhatWasInferred()
    {
        put("declared/_lakehouse.json", """
                {"delimiter": "|", "header": false, "null_strings": ["NA"], "columns": {"column_2": {"type": "date", "pattern": "dd.MM.yyyy"}}}
                """);
        put("declared/a.txt", "1|31.12.2023|NA\n2|01.01.2024|x\n");
        assertThat(query("SELECT column_1, column_2, column_3 FROM declared"))
                .matches("VALUES (BIGINT '1', DATE '2023-12-31', CAST(NULL AS varchar)), (2, DATE '2024-01-01', 'x')");
        String createTable = (String) computeScalar("SHOW CREATE TABLE declared");
        assertThat(createTable)
                .contains("column_1 bigint")
                .contains("column_2 date COMMENT 'read with pattern dd.MM.yyyy'")
                .contains("delimiter = '|'")
                .contains("header = false")
                .contains("null_strings = ARRAY['NA']")
                .contains("location = 's3://landing/declared/'");
        put("misnamed/_lakehouse.json", "{\"columns\": {\"prcie\": \"decimal(10,2)\"}}");
        put("misnamed/a.csv", "id,price\n1,2.50\n");
        assertThat(query("SELECT * FROM misnamed")).failure()
                .hasMessage("s3://landing/misnamed/_lakehouse.json declares column prcie, which no file of the dataset has; its columns are id, price. Correct the name in \"columns\"");
        put("typo/_lakehouse.json", "{\"delimeter\": \";\"}");
        put("typo/a.csv", "a\n1\n");
        assertThat(query("SELECT * FROM typo")).failure()
                .hasMessageContaining("s3://landing/typo/_lakehouse.json has unknown option 'delimeter'");
    }

    @Test
    void readFilesReadsOneFileOrAFolderOutsideTheDatasetsWithAGivenFormat()
    {
        put("adhoc_area/one/export.csv", "k,v\na,1\nb,2\n");
        assertThat(query("SELECT k, v FROM TABLE(lakehouse.system.read_files(path => 's3://landing/adhoc_area/one/export.csv'))"))
                .matches("VALUES (VARCHAR 'a', BIGINT '1'), ('b', 2)");
        put("adhoc_area/events/part-1.log", "{\"id\": 7, \"kind\": \"open\"}\n");
        assertThat(query("SELECT id, kind FROM TABLE(lakehouse.system.read_files(path => 's3://landing/adhoc_area/events/', format => 'json'))"))
                .matches("VALUES (BIGINT '7', VARCHAR 'open')");
        assertThat(query("SELECT * FROM TABLE(lakehouse.system.read_files(path => 's3://landing/adhoc_area/nothing/'))"))
                .failure().hasMessageContaining("read_files found no data file at s3://landing/adhoc_area/nothing/");
    }

    @Test
    void datasetNamesCannotLeaveTheLandingZone()
    {
        s3.putObject("landing", "inside/a.csv", "a\n1\n".getBytes(UTF_8));
        for (String name : new String[] {"../landing/inside", "inside/..", "..", "inside/../inside", "./inside", "%2e%2e/inside"}) {
            assertThat(query("SELECT * FROM \"%s\"".formatted(name))).failure().hasMessageContaining("does not exist");
        }
    }

    @Test
    void changedFileIsInferredAgain()
    {
        put("evolving/a.csv", "id\n1\n");
        assertThat(query("SELECT * FROM evolving")).matches("VALUES BIGINT '1'");
        put("evolving/a.csv", "id,name\n1,one\n2,two\n");
        assertThat(query("SELECT id, name FROM evolving")).matches("VALUES (BIGINT '1', VARCHAR 'one'), (2, 'two')");
    }

    @Test
    void badInputCorpusEndsInClearErrorsOrCountedRejects()
            throws IOException
    {
        put("ragged/a.tsv", "a\tb\n1\t2\n3\n");
        assertThat(query("SELECT * FROM ragged")).failure().hasMessageContaining("s3://landing/ragged/a.tsv line 3: expected 2 fields as in the header, found 1");
        // fields after the last one selected are only counted, and the count is checked all the same
        put("ragged_tail/a.tsv", "a\tb\tc\n1\t2\t3\n4\t5\t6\t7\n");
        assertThat(query("SELECT a FROM ragged_tail")).failure().hasMessageContaining("s3://landing/ragged_tail/a.tsv line 3: expected 3 fields as in the header, found 4");
        assertThat(query("SELECT count(*) FROM ragged_tail")).failure().hasMessageContaining("s3://landing/ragged_tail/a.tsv line 3: expected 3 fields as in the header, found 4");

        put("unbalanced/_lakehouse.json", "{\"quote\": \"\\\"\", \"delimiter\": \",\"}");
        put("unbalanced/a.csv", "a,b\n1,\"open\n2,3\n");
        assertThat(query("SELECT * FROM unbalanced")).failure().hasMessageContaining("s3://landing/unbalanced/a.csv line 2: a quoted field opened on line 2 is not closed before the end of the file");

        byte[] gzip = gzip("a\tb\n" + "1\t2\n".repeat(10_000));
        s3.putObject("landing", "truncated/a.tsv.gz", Arrays.copyOf(gzip, gzip.length / 2));
        assertThat(query("SELECT count(*) FROM truncated")).failure().hasMessageMatching("s3://landing/truncated/a.tsv.gz cannot be read after line \\d+: .*; the file may be truncated or corrupt: replace it, move it out of the dataset folder or name it with a leading _ to hide it");

        put("empty/a.tsv", "");
        assertThat(query("SELECT * FROM empty")).failure().hasMessageContaining("s3://landing/empty/: every data file is empty");

        put("header_only/a.csv", "x,y\n");
        assertThat(query("SELECT x, y FROM header_only")).returnsEmptyResult();

        put("long_line/_lakehouse.json", "{\"delimiter\": \",\"}");
        put("long_line/a.csv", "a,b\n1," + "z".repeat(20 << 20) + "\n");
        assertThat(query("SELECT count(*) FROM long_line")).failure().hasMessageContaining("s3://landing/long_line/a.csv line 2: the record starting on line 2 is longer than 16777216 bytes");
    }

    private void put(String key, String content)
    {
        s3.putObject("landing", key, content.getBytes(UTF_8));
    }

    private static byte[] gzip(String text)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream output = new GZIPOutputStream(bytes)) {
            output.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] compress(CompressionKind kind, String text)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream output = kind.createCodec().createStreamCompressor(bytes)) {
            output.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second)
    {
        byte[] result = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }
}
