package io.lakehouse.materializer;

import io.lakehouse.materializer.generate.RecordingS3Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestMaterializerCli
{
    private TestingLakehouse lakehouse;

    private record Result(int exitCode, String out, String err) {}

    @BeforeAll
    void start()
            throws Exception
    {
        lakehouse = new TestingLakehouse();
    }

    @AfterAll
    void stop()
            throws IOException
    {
        lakehouse.close();
        lakehouse = null;
    }

    @Test
    void testPlanPrintsTasksInRunOrderAndTheStatementsOfTheRun(@TempDir Path models)
            throws IOException
    {
        writeTwoModels(models, "plan");

        Result result = execute("plan", "--ds", "2024-01-01", "--models", models.toString(), "--warehouse", "s3://lake/");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("-- 1. lake.plan_bronze.regions (%s)  kind FULL, cron @daily; reads models: none; sources: tpch.tiny.region".formatted(models.resolve("b/regions.sql")))
                .contains("-- 2. lake.plan_silver.region_names (%s)  kind INCREMENTAL_BY_TIME_RANGE, cron @daily; reads models: lake.plan_bronze.regions; sources: none".formatted(models.resolve("a/region_names.sql")))
                .contains("CREATE SCHEMA IF NOT EXISTS lake.plan_bronze WITH (location = 's3://lake/plan_bronze/');")
                .containsPattern("CREATE TABLE lake\\.plan_silver\\.region_names__stg_\\w+ WITH \\(partitioned_by = ARRAY\\['ds'\\]\\) AS")
                .contains("-- audit in one statement: interval check, not_null(name)\nSELECT\n  count_if(ds IS NULL OR ds <> DATE '2024-01-01'),\n  count_if(name IS NULL)\nFROM lake.plan_silver.region_names__stg_")
                .contains("-- publish: Glue UpdatePartition (CreatePartition the first time) lake.plan_silver.region_names partition ds=2024-01-01")
                .contains("-- publish: Glue UpdateTable (CreateTable the first time) lake.plan_bronze.regions: point its location and columns at the data of lake.plan_bronze.regions__stg_");
        assertThat(result.out().indexOf("CREATE TABLE lake.plan_bronze.regions__stg_"))
                .isPositive()
                .isLessThan(result.out().indexOf("CREATE TABLE lake.plan_silver.region_names__stg_"));
    }

    @Test
    void testRunPublishesModelsAndRunsStatusAndRollbackWorkOnTheLedger(@TempDir Path models)
            throws IOException
    {
        writeTwoModels(models, "run");

        Result first = execute(withServices(models, "run", "--ds", "2024-01-01"));
        Result second = execute(withServices(models, "run", "--ds", "2024-01-02"));

        assertThat(first.err()).isEmpty();
        assertThat(first.exitCode()).isZero();
        assertThat(first.out())
                .containsPattern("Run \\w+ on Trino \\S+ at http://")
                .contains("2 tasks to run")
                .contains("[0/2] lake.run_bronze.regions 2024-01-01 ...")
                .containsPattern("\\[1/2\\] lake\\.run_bronze\\.regions 2024-01-01: 5 rows published in \\S+ \\(query \\d{8}_\\d{6}_\\d{5}_\\w{5}\\)")
                .containsPattern("\\[2/2\\] lake\\.run_silver\\.region_names 2024-01-01: 5 rows published in .*checks: \\[not_null\\(name\\) passed: no NULLs\\]")
                .containsPattern("Run \\w+: 2 published, 0 failed, 0 skipped in ");
        assertThat(second.exitCode()).isZero();
        assertThat(lakehouse.query("SELECT ds, count(*) FROM lake.run_silver.region_names GROUP BY ds ORDER BY ds").getMaterializedRows())
                .extracting(row -> row.getField(1))
                .containsExactly(5L, 5L);

        Result runs = execute("runs", "--ledger", ledger(models));
        assertThat(runs.out()).containsPattern("\\d{8}_\\d{6}_\\w{5} +SUCCEEDED +\\S+ +run --ds 2024-01-02 +2 succeeded, 0 failed, 0 skipped");
        String runId = runs.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
        assertThat(execute("runs", "--ledger", ledger(models), "--run", runId).out())
                .contains("lake.run_bronze.regions 2024-01-02 attempt 1: SUCCEEDED, 5 rows, query ")
                .contains("checks: [not_null(name) passed: no NULLs]");
        assertThat(execute("status", "--ledger", ledger(models), "--models", models.toString()).out())
                .containsPattern("lake\\.run_silver\\.region_names +INCREMENTAL_BY_TIME_RANGE +2024-01-02 ");

        Result rollback = execute(withServices(models, "rollback", "lake.run_bronze.regions"));
        assertThat(rollback.err()).isEmpty();
        assertThat(rollback.out()).containsPattern("Rolled back lake\\.run_bronze\\.regions to the data of run \\w+ \\(s3://lake/run_bronze/regions__stg_");
        assertThat(lakehouse.query("SELECT DISTINCT ds FROM lake.run_bronze.regions").getOnlyValue()).isEqualTo(LocalDate.of(2024, 1, 1));
    }

    @Test
    void testBackfillDryRunPrintsTheTasksNewestFirstWithoutRunningThem(@TempDir Path models)
            throws IOException
    {
        writeTwoModels(models, "dry");

        Result result = execute(withServices(models, "backfill", "--from", "2024-01-01", "--to", "2024-01-03", "--reverse", "--dry-run", "--select", "lake.dry_silver.region_names"));

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("-- Backfill 2024-01-01 to 2024-01-03 (dry run): 3 tasks, newest first, at most 2 at a time");
        assertThat(result.out().indexOf("-- lake.dry_silver.region_names 2024-01-03")).isLessThan(result.out().indexOf("-- lake.dry_silver.region_names 2024-01-01"));
        assertThat(lakehouse.query("SHOW SCHEMAS FROM lake LIKE 'dry%'").getRowCount()).isZero();
    }

    @Test
    void testPlanOfProjectModels()
    {
        Result result = execute("plan", "--ds", "2024-01-01", "--models", "../sql");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("lake.bronze.title_basics (../sql/imdb/bronze/title_basics.sql)")
                .contains("CREATE SCHEMA IF NOT EXISTS lake.bronze WITH (location = 's3://lake/bronze/');")
                .containsPattern("CREATE TABLE lake\\.bronze\\.title_basics__stg_\\w+ WITH \\(format = 'PARQUET', partitioned_by = ARRAY\\['ds'\\]\\) AS")
                .contains("WHERE ds = DATE '2024-01-01';");
    }

    @Test
    void testSelectLimitsTheModels(@TempDir Path models)
            throws IOException
    {
        writeTwoModels(models, "select");

        Result result = execute("plan", "--ds", "2024-01-01", "--models", models.toString(), "--select", "lake.select_silver.region_names");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("1 model, 1 task in run order")
                .contains("lake.select_silver.region_names")
                .doesNotContain("CREATE TABLE lake.select_bronze");
    }

    @Test
    void testDsThatIsNotADateIsRejectedBeforeAnyModelIsRead(@TempDir Path models)
    {
        Result result = execute("run", "--ds", "2024-01-01'; DROP TABLE x; --", "--models", models.resolve("missing").toString(), "--server", "http://127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--ds': Invalid date '2024-01-01'; DROP TABLE x; --': expected an ISO date such as 2024-01-01");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void testModelErrorFailsWithFileAndLine(@TempDir Path models)
            throws IOException
    {
        Path file = models.resolve("imdb/bronze/broken.sql");
        write(file, "MODEL (\n  name lake.bronze.broken,\n  kind INCREMENTAL\n);\nSELECT 1");

        Result result = execute("plan", "--ds", "2024-01-01", "--models", models.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: %s:3:8: Unknown model kind 'INCREMENTAL'; supported kinds: FULL, VIEW, INCREMENTAL_BY_TIME_RANGE, APPEND%n".formatted(file));
    }

    @Test
    void testLedgerOfAnH2ServerIsRefusedWithWhatToUseInstead()
    {
        Result result = execute("runs", "--ledger", "jdbc:h2:tcp://127.0.0.1:1/ledger");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("Error: Unsupported H2 database 'jdbc:h2:tcp://127.0.0.1:1/ledger")
                .contains("Use jdbc:h2:file:<path>;AUTO_SERVER=TRUE to share a database between the processes of one machine, or jdbc:postgresql://host:port/database");
    }

    @Test
    void testRunAgainstUnreachableTrinoFailsWithWhatToDo(@TempDir Path models)
            throws IOException
    {
        writeTwoModels(models, "unreachable");

        Result result = execute("run", "--ds", "2024-01-01", "--models", models.toString(), "--server", "http://127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("Error: Cannot query Trino at http://127.0.0.1:1 as user lakehouse:")
                .contains("point --server (env LAKEHOUSE_TRINO_URL) at it");
    }

    @Test
    void testGenerateWritesEveryDatasetOfEveryDay()
            throws Exception
    {
        try (RecordingS3Endpoint endpoint = new RecordingS3Endpoint()) {
            Result result = execute("generate", "--ds", "2024-01-01", "--days", "2", "--scale", "0.0001", "--landing", "s3://landing/", "--s3-endpoint", endpoint.uri().toString(), "--postgres-url=");

            assertThat(result.err()).isEmpty();
            assertThat(result.exitCode()).isZero();
            assertThat(result.out())
                    .contains("Wrote s3://landing/title_basics/ds=2024-01-01/title.basics.tsv.gz: 210 rows")
                    .contains("Wrote s3://landing/title_basics/ds=2024-01-02/title.basics.tsv.gz: 211 rows")
                    .contains("Wrote s3://landing/movie_review/ds=2024-01-02/movie_review.csv: 150 rows")
                    .contains("Generated 16 files")
                    .doesNotContain("Loaded");
            assertThat(endpoint.objects().keySet()).filteredOn(key -> key.contains("ds=2024-01-01")).containsExactlyInAnyOrder(
                    "landing/title_basics/ds=2024-01-01/title.basics.tsv.gz",
                    "landing/title_ratings/ds=2024-01-01/title.ratings.tsv.gz",
                    "landing/title_crew/ds=2024-01-01/title.crew.tsv.gz",
                    "landing/title_principals/ds=2024-01-01/title.principals.tsv.gz",
                    "landing/name_basics/ds=2024-01-01/name.basics.tsv.gz",
                    "landing/online_retail/ds=2024-01-01/online_retail.csv",
                    "landing/movie_review/ds=2024-01-01/movie_review.csv",
                    "landing/customer_feed/ds=2024-01-01/customers.jsonl.gz");
            assertThat(gunzip(endpoint.objects().get("landing/title_basics/ds=2024-01-01/title.basics.tsv.gz")))
                    .startsWith("tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\ntt0000001\t");
        }
    }

    @Test
    void testGenerateWritesOnlySelectedDatasets()
            throws Exception
    {
        try (RecordingS3Endpoint endpoint = new RecordingS3Endpoint()) {
            Result result = execute("generate", "--ds", "2024-01-01", "--dataset", "reviews,customers", "--landing", "s3://landing/", "--s3-endpoint", endpoint.uri().toString());

            assertThat(result.exitCode()).isZero();
            assertThat(endpoint.objects()).containsOnlyKeys(
                    "landing/movie_review/ds=2024-01-01/movie_review.csv",
                    "landing/customer_feed/ds=2024-01-01/customers.jsonl.gz");
        }
    }

    @Test
    void testGenerateRejectsInvalidScaleAndDataset()
    {
        Result scale = execute("generate", "--ds", "2024-01-01", "--scale", "0");
        assertThat(scale.exitCode()).isEqualTo(2);
        assertThat(scale.err()).contains("--scale must be greater than 0 and at most 100.0, was 0.0");

        Result dataset = execute("generate", "--ds", "2024-01-01", "--dataset", "weather");
        assertThat(dataset.exitCode()).isEqualTo(2);
        assertThat(dataset.err()).contains("Invalid value for option '--dataset'").contains("IMDB, RETAIL, REVIEWS, CUSTOMERS, ALL");
    }

    @Test
    void testGenerateNamesTheDatabaseWhenPurchasesCannotBeLoaded()
            throws Exception
    {
        try (RecordingS3Endpoint endpoint = new RecordingS3Endpoint()) {
            Result result = execute("generate", "--ds", "2024-01-01", "--dataset", "retail", "--landing", "s3://landing/", "--s3-endpoint", endpoint.uri().toString(),
                    "--postgres-url", "jdbc:postgresql://127.0.0.1:1/retail");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err())
                    .startsWith("Error: Cannot load the purchases of 2024-01-01 into retail.user_purchase at jdbc:postgresql://127.0.0.1:1/retail as lakehouse: ")
                    .contains("point --postgres-url (env LAKEHOUSE_POSTGRES_URL) at it");
            // the shop's export landed before the load was tried
            assertThat(endpoint.objects()).containsOnlyKeys("landing/online_retail/ds=2024-01-01/online_retail.csv");
        }
    }

    private String[] withServices(Path models, String... arguments)
    {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of(
                "--models", models.toString(),
                "--server", lakehouse.trinoServer().uri().toString(),
                "--glue-endpoint", lakehouse.glueEndpoint().toString(),
                "--ledger", ledger(models),
                "--warehouse", "s3://lake/"));
        return all.toArray(String[]::new);
    }

    private static String ledger(Path models)
    {
        return "jdbc:h2:file:" + models.resolve("ledger") + ";AUTO_SERVER=TRUE";
    }

    private static void writeTwoModels(Path models, String prefix)
            throws IOException
    {
        // the downstream model sorts first by path: only its dependency puts it second
        write(models.resolve("a/region_names.sql"), """
                MODEL (name lake.%1$s_silver.region_names, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01', checks (not_null(name)));
                SELECT upper(name) AS name, ds FROM lake.%1$s_bronze.regions WHERE ds = {{ ds }}
                """.formatted(prefix));
        write(models.resolve("b/regions.sql"), """
                MODEL (name lake.%s_bronze.regions, kind FULL);
                SELECT regionkey, name, {{ ds }} AS ds FROM tpch.tiny.region
                """.formatted(prefix));
    }

    private static Result execute(String... arguments)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MaterializerCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(arguments);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static void write(Path file, String content)
            throws IOException
    {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String gunzip(byte[] file)
            throws IOException
    {
        try (InputStream input = new GZIPInputStream(new ByteArrayInputStream(file))) {
            return new String(input.readAllBytes(), UTF_8);
        }
    }
}
