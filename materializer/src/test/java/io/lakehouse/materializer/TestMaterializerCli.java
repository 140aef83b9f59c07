package io.lakehouse.materializer;

import io.lakehouse.materializer.generate.RecordingS3Endpoint;
import io.trino.plugin.memory.MemoryPlugin;
import io.trino.plugin.tpch.TpchPlugin;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.QueryRunner;
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
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static io.trino.testing.TestingSession.testSessionBuilder;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestMaterializerCli
{
    private QueryRunner queryRunner;

    private record Result(int exitCode, String out, String err) {}

    @BeforeAll
    void startTrino()
            throws Exception
    {
        queryRunner = DistributedQueryRunner.builder(testSessionBuilder().setCatalog("memory").setSchema("default").build())
                .setWorkerCount(0)
                .build();
        queryRunner.installPlugin(new MemoryPlugin());
        queryRunner.createCatalog("memory", "memory", Map.of());
        queryRunner.installPlugin(new TpchPlugin());
        queryRunner.createCatalog("tpch", "tpch", Map.of());
    }

    @AfterAll
    void stopTrino()
    {
        queryRunner.close();
        queryRunner = null;
    }

    @Test
    void testPlanPrintsModelsInRunOrderAndTheSqlOfTheRun(@TempDir Path models)
            throws IOException
    {
        writeTwoModels(models, "plan");

        Result result = execute("plan", "--ds", "2024-01-01", "--models", models.toString(), "--warehouse", "s3://lake/");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .contains("-- Plan for ds 2024-01-01: 2 models in run order")
                .contains("-- 1. memory.plan_bronze.regions (%s)  reads models: none; sources: tpch.tiny.region".formatted(models.resolve("b/regions.sql")))
                .contains("-- 2. memory.plan_silver.region_names (%s)  reads models: memory.plan_bronze.regions; sources: none".formatted(models.resolve("a/region_names.sql")))
                .contains("CREATE SCHEMA IF NOT EXISTS memory.plan_bronze WITH (location = 's3://lake/plan_bronze/');")
                .contains("SELECT regionkey, name, DATE '2024-01-01' AS ds FROM tpch.tiny.region;")
                .contains("DROP TABLE IF EXISTS memory.plan_silver.region_names;")
                .containsPattern("CREATE TABLE memory\\.plan_silver\\.region_names AS SELECT \\* FROM memory\\.plan_silver\\.region_names__stg_\\w+;");
        assertThat(result.out().indexOf("CREATE TABLE memory.plan_bronze.regions__stg_"))
                .isPositive()
                .isLessThan(result.out().indexOf("CREATE TABLE memory.plan_silver.region_names__stg_"));
    }

    @Test
    void testPlanOfProjectModels()
    {
        Result result = execute("plan", "--ds", "2024-01-01", "--models", "../sql");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("lake.bronze.title_basics (../sql/imdb/bronze/title_basics.sql)")
                .contains("CREATE SCHEMA IF NOT EXISTS lake.bronze WITH (location = 's3://lake/bronze/');")
                .containsPattern("CREATE TABLE lake\\.bronze\\.title_basics__stg_\\w+ WITH \\(format = 'PARQUET'\\) AS")
                .contains("WHERE ds = DATE '2024-01-01';");
    }

    @Test
    void testSelectLimitsTheModels(@TempDir Path models)
            throws IOException
    {
        writeTwoModels(models, "select");

        Result result = execute("plan", "--ds", "2024-01-01", "--models", models.toString(), "--select", "memory.select_silver.region_names");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("1 model in run order")
                .contains("memory.select_silver.region_names")
                .doesNotContain("CREATE TABLE memory.select_bronze");
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
        assertThat(result.err()).isEqualTo("Error: %s:3:8: Unknown model kind 'INCREMENTAL'; supported kinds: FULL%n".formatted(file));
    }

    @Test
    void testRunMaterializesModelsThroughTrino(@TempDir Path models)
            throws IOException
    {
        writeTwoModels(models, "run");

        Result result = execute("run", "--ds", "2024-01-01", "--models", models.toString(), "--server", queryRunner.getCoordinator().getBaseUrl().toString(), "--warehouse=");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .containsPattern("Run \\w+: 2 models for ds 2024-01-01 on Trino \\S+ at http://")
                .contains("[1/2] memory.run_bronze.regions (%s) ...".formatted(models.resolve("b/regions.sql")))
                .containsPattern("memory\\.run_bronze\\.regions: 5 rows written in \\S+ \\(query \\d{8}_\\d{6}_\\d{5}_\\w{5}\\)")
                .contains("[2/2] memory.run_silver.region_names")
                .containsPattern("memory\\.run_silver\\.region_names: 5 rows written in ")
                .contains("Materialized 2 models in ");
        assertThat(queryRunner.execute("SELECT count(*), max(ds) FROM memory.run_silver.region_names").getMaterializedRows().getFirst().getFields())
                .containsExactly(5L, LocalDate.of(2024, 1, 1));
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

    private static void writeTwoModels(Path models, String prefix)
            throws IOException
    {
        // the downstream model sorts first by path: only its dependency puts it second
        write(models.resolve("a/region_names.sql"), """
                MODEL (name memory.%1$s_silver.region_names, kind FULL);
                SELECT upper(name) AS name, ds FROM memory.%1$s_bronze.regions
                """.formatted(prefix));
        write(models.resolve("b/regions.sql"), """
                MODEL (name memory.%s_bronze.regions, kind FULL);
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
