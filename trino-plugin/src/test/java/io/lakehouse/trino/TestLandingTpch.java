package io.lakehouse.trino;

import com.google.common.collect.ImmutableMap;
import com.google.common.io.Resources;
import io.trino.Session;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static com.google.common.collect.ImmutableMap.toImmutableMap;
import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.function.Function.identity;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correctness against an independent reader: the eight TPC-H tables of scale 0.01, written as landing files in the
 * shapes data arrives in (RFC 4180 CSV, TSV, gzip, many files over date folders), return through
 * {@code lakehouse.landing} exactly what the {@code tpch} connector returns for all 22 TPC-H queries.
 * <p>
 * The reference catalog {@code tpch_standard} is the {@code tpch} connector with TPC-H column names and decimal money
 * columns: inference reads money as {@code decimal(18,2)} and the connector serves {@code decimal(12,2)}, both exact,
 * so values compare exactly and only the declared precision differs.
 */
final class TestLandingTpch
        extends AbstractTestQueryFramework
{
    private static final String REFERENCE_CATALOG = "tpch_standard";
    private static final int QUERY_COUNT = 22;

    // how each table lands: the formats data arrives in, one of them split over date folders and files
    private static final Map<String, Layout> TABLES = ImmutableMap.<String, Layout>builder()
            .put("region", Layout.CSV)
            .put("nation", Layout.TSV)
            .put("supplier", Layout.CSV)
            .put("customer", Layout.CSV_GZIP)
            .put("part", Layout.TSV)
            .put("partsupp", Layout.TSV_TWO_FILES)
            .put("orders", Layout.CSV_BY_YEAR_FOLDERS)
            .put("lineitem", Layout.TSV_BY_DS_FOLDERS)
            .buildOrThrow();

    private enum Layout
    {
        CSV, TSV, CSV_GZIP, TSV_TWO_FILES, CSV_BY_YEAR_FOLDERS, TSV_BY_DS_FOLDERS
    }

    private Path dataDirectory;
    private S3ProxyServer s3;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        dataDirectory = Files.createTempDirectory("lakehouse-tpch-test");
        s3 = closeAfterClass(S3ProxyServer.start(dataDirectory.resolve("s3"), "landing"));
        // small ranges so that every plain TSV file of lineitem is read in several byte-range splits
        DistributedQueryRunner queryRunner = LakehouseQueryRunner.builder(s3.getEndpoint())
                .withLakehouseProperty("lakehouse.max-split-size", "256kB")
                .build();
        try {
            queryRunner.createCatalog(REFERENCE_CATALOG, "tpch", ImmutableMap.of(
                    "tpch.column-naming", "STANDARD",
                    "tpch.double-type-mapping", "DECIMAL"));
            writeLandingFiles(queryRunner);
            return queryRunner;
        }
        catch (Throwable e) {
            queryRunner.close();
            throw e;
        }
    }

    @AfterAll
    void deleteData()
            throws IOException
    {
        deleteRecursively(dataDirectory, ALLOW_INSECURE);
    }

    @Test
    void filesOfEveryShapeAreLaidOutAsIntended()
    {
        assertThat(s3.listObjects("landing", ""))
                .contains("region/region.csv", "nation/nation.tsv", "supplier/supplier.csv", "customer/customer.csv.gz", "part/part.tsv")
                .contains("partsupp/part-0.tsv.gz", "partsupp/part-1.tsv")
                .contains("orders/1992/01/01/orders.csv", "orders/1998/01/01/orders.csv")
                .contains("lineitem/ds=1992-01-01/part-0.tsv", "lineitem/ds=1992-01-01/part-1.tsv.gz", "lineitem/ds=1998-01-01/part-0.tsv");
        // commas inside comments are quoted, so the CSV files really exercise RFC 4180 quoting
        assertThat(computeScalar("SELECT count(*) FROM supplier WHERE strpos(s_comment, ',') > 0")).isNotEqualTo(0L);
        assertThat(computeScalar("SELECT count(DISTINCT \"$path\") FROM lineitem")).isEqualTo(14L);
    }

    @Test
    void inferredTypesAreThoseOfTheTpchSpecification()
    {
        assertThat(query("""
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'landing' AND table_name = 'lineitem' AND column_name IN ('l_orderkey', 'l_quantity', 'l_extendedprice', 'l_shipdate', 'l_returnflag', 'l_comment', 'ds')
                """))
                .matches("""
                        VALUES (VARCHAR 'l_orderkey', VARCHAR 'bigint'), ('l_quantity', 'decimal(18,2)'), ('l_extendedprice', 'decimal(18,2)'),
                          ('l_shipdate', 'date'), ('l_returnflag', 'varchar'), ('l_comment', 'varchar'), ('ds', 'date')
                        """);
        assertThat(query("SELECT data_type FROM information_schema.columns WHERE table_schema = 'landing' AND table_name = 'customer' AND column_name = 'c_acctbal'"))
                .matches("VALUES VARCHAR 'decimal(18,2)'");
        assertThat(query("SELECT data_type FROM information_schema.columns WHERE table_schema = 'landing' AND table_name = 'orders' AND column_name = 'landing_date'"))
                .matches("VALUES VARCHAR 'date'");
    }

    @Test
    void everyTableHasTheRowsOfTheTpchConnector()
    {
        Map<String, Long> rowsOnlyOneSideHas = TABLES.keySet().stream().collect(toImmutableMap(identity(), table -> {
            String landing = "SELECT %s FROM %s".formatted(columnList(table), table);
            String reference = "SELECT %s FROM %s.tiny.%s".formatted(columnList(table), REFERENCE_CATALOG, table);
            // equal as multisets: nothing missing on either side, duplicates counted
            return (Long) computeScalar("SELECT count(*) FROM ((%1$s EXCEPT ALL %2$s) UNION ALL (%2$s EXCEPT ALL %1$s))".formatted(landing, reference));
        }));
        assertThat(rowsOnlyOneSideHas).allSatisfy((table, rows) -> assertThat(rows).as("rows of %s that only one side has", table).isZero());
    }

    @TestFactory
    Stream<DynamicTest> tpchQueriesReturnExactlyWhatTheTpchConnectorReturns()
    {
        return IntStream.rangeClosed(1, QUERY_COUNT).mapToObj(query -> DynamicTest.dynamicTest("q" + query, () -> {
            String sql = tpchQuery(query);
            // the two runs are independent; side by side they keep both cores busy
            CompletableFuture<MaterializedResult> referenceResult = CompletableFuture.supplyAsync(() -> computeActual(reference(), sql));
            List<List<Object>> landing = canonical(computeActual(sql));
            List<List<Object>> reference = canonical(referenceResult.join());
            assertThat(reference).as("reference result of q%s", query).isNotEmpty();
            // every query orders its result (or returns one row), so the order is compared too
            assertThat(landing).as("q%s", query).containsExactlyElementsOf(reference);
        }));
    }

    private Session reference()
    {
        return Session.builder(getSession())
                .setCatalog(REFERENCE_CATALOG)
                .setSchema("tiny")
                .build();
    }

    private String columnList(String table)
    {
        return String.join(", ", computeActual(reference(), "SELECT * FROM " + table + " LIMIT 0").getColumnNames());
    }

    /**
     * Values as the engine-independent facts they stand for: integers of any width as long, decimals by value
     * whatever their declared precision.
     */
    private static List<List<Object>> canonical(MaterializedResult result)
    {
        return result.getMaterializedRows().stream()
                .map(MaterializedRow::getFields)
                .map(fields -> fields.stream()
                        .map(value -> switch (value) {
                            case Integer integer -> (Object) integer.longValue();
                            case BigDecimal decimal -> decimal.stripTrailingZeros();
                            case null -> "<null>";
                            default -> value;
                        })
                        .toList())
                .collect(toImmutableList());
    }

    /**
     * A query of the TPC-H specification as Trino's {@code io.trino.tpch} library ships it; q15's view becomes a
     * {@code WITH} clause, since neither catalog stores views.
     */
    private static String tpchQuery(int number)
            throws IOException
    {
        String text = Resources.toString(Resources.getResource("io/trino/tpch/queries/q%s.sql".formatted(number)), UTF_8);
        List<String> statements = Arrays.stream(text.lines()
                        .filter(line -> !line.stripLeading().startsWith("--"))
                        .reduce("", (left, right) -> left + right + "\n")
                        .split(";"))
                .map(String::strip)
                .filter(Predicate.not(String::isEmpty))
                .toList();
        if (statements.size() == 1) {
            return statements.getFirst();
        }
        assertThat(statements).hasSize(2);
        String view = statements.getFirst();
        String prefix = "CREATE OR REPLACE VIEW revenue AS";
        assertThat(view).startsWith(prefix);
        return "WITH revenue AS (%s)\n%s".formatted(view.substring(prefix.length()), statements.get(1));
    }

    private void writeLandingFiles(QueryRunner queryRunner)
            throws IOException
    {
        Session reference = Session.builder(queryRunner.getDefaultSession())
                .setCatalog(REFERENCE_CATALOG)
                .setSchema("tiny")
                .build();
        for (Map.Entry<String, Layout> entry : TABLES.entrySet()) {
            String table = entry.getKey();
            MaterializedResult rows = queryRunner.execute(reference, "SELECT * FROM " + table);
            List<String> header = rows.getColumnNames();
            List<MaterializedRow> all = rows.getMaterializedRows();
            switch (entry.getValue()) {
                case CSV -> put(table + "/" + table + ".csv", csv(header, all), false);
                case TSV -> put(table + "/" + table + ".tsv", tsv(header, all), false);
                case CSV_GZIP -> put(table + "/" + table + ".csv.gz", csv(header, all), true);
                case TSV_TWO_FILES -> {
                    put(table + "/part-0.tsv.gz", tsv(header, everyOther(all, 0)), true);
                    put(table + "/part-1.tsv", tsv(header, everyOther(all, 1)), false);
                }
                case CSV_BY_YEAR_FOLDERS -> {
                    int dateField = header.indexOf("o_orderdate");
                    for (int year : years(all, dateField)) {
                        put("%s/%s/01/01/%s.csv".formatted(table, year, table), csv(header, inYear(all, dateField, year)), false);
                    }
                }
                case TSV_BY_DS_FOLDERS -> {
                    int dateField = header.indexOf("l_shipdate");
                    for (int year : years(all, dateField)) {
                        List<MaterializedRow> rowsOfYear = inYear(all, dateField, year);
                        put("%s/ds=%s-01-01/part-0.tsv".formatted(table, year), tsv(header, everyOther(rowsOfYear, 0)), false);
                        put("%s/ds=%s-01-01/part-1.tsv.gz".formatted(table, year), tsv(header, everyOther(rowsOfYear, 1)), true);
                    }
                }
            }
        }
    }

    private void put(String key, String text, boolean gzip)
    {
        byte[] bytes = text.getBytes(UTF_8);
        s3.putObject("landing", key, gzip ? gzip(bytes) : bytes);
    }

    private static List<MaterializedRow> everyOther(List<MaterializedRow> rows, int remainder)
    {
        return IntStream.range(0, rows.size())
                .filter(index -> index % 2 == remainder)
                .mapToObj(rows::get)
                .collect(toImmutableList());
    }

    private static List<Integer> years(List<MaterializedRow> rows, int dateField)
    {
        return rows.stream()
                .map(row -> ((LocalDate) row.getField(dateField)).getYear())
                .distinct()
                .sorted()
                .collect(toImmutableList());
    }

    private static List<MaterializedRow> inYear(List<MaterializedRow> rows, int dateField, int year)
    {
        return rows.stream()
                .filter(row -> ((LocalDate) row.getField(dateField)).getYear() == year)
                .collect(toImmutableList());
    }

    private static String tsv(List<String> header, List<MaterializedRow> rows)
    {
        StringBuilder text = new StringBuilder(String.join("\t", header)).append('\n');
        for (MaterializedRow row : rows) {
            List<String> fields = new ArrayList<>();
            for (Object value : row.getFields()) {
                String field = format(value);
                assertThat(field).doesNotContain("\t", "\n");
                fields.add(field);
            }
            text.append(String.join("\t", fields)).append('\n');
        }
        return text.toString();
    }

    /**
     * RFC 4180: a field holding the delimiter, a quote or a line break is quoted, its quotes doubled; lines end in CRLF.
     */
    private static String csv(List<String> header, List<MaterializedRow> rows)
    {
        StringBuilder text = new StringBuilder(String.join(",", header)).append("\r\n");
        for (MaterializedRow row : rows) {
            text.append(row.getFields().stream()
                            .map(TestLandingTpch::format)
                            .map(field -> field.contains(",") || field.contains("\"") || field.contains("\n") ? '"' + field.replace("\"", "\"\"") + '"' : field)
                            .collect(joining(",")))
                    .append("\r\n");
        }
        return text.toString();
    }

    private static String format(Object value)
    {
        return switch (value) {
            case BigDecimal decimal -> decimal.toPlainString();
            case LocalDate date -> date.toString();
            default -> String.valueOf(value);
        };
    }

    private static byte[] gzip(byte[] bytes)
    {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream output = new GZIPOutputStream(compressed)) {
            output.write(bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}
