package io.lakehouse.materializer.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The README's first command on the real parts: {@code bin/lakehouse demo} installs and starts S3Proxy, the Glue
 * endpoint, PostgreSQL and a Trino 476 server process with the plugin, generates days of sample data (the purchases
 * into PostgreSQL), runs the pipelines of {@code sql/} for each day and prints gold results; the server then answers
 * {@code trino-jdbc} and the Trino CLI, and {@code bin/lakehouse down} stops every process. Two days at a small scale
 * keep it short; the demo's default is a week.
 * Runs after {@code package} (failsafe), since the launcher starts the packaged jars.
 */
@TestInstance(PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
final class TestLauncherEndToEnd
{
    private static final String FIRST_DAY = "2024-01-01";
    private static final String LAST_DAY = "2024-01-02";

    private Launcher launcher;
    private String demoOutput;

    @BeforeAll
    void runDemo()
            throws Exception
    {
        launcher = Launcher.create(Map.of());
        demoOutput = launcher.run(1800, "demo", FIRST_DAY, "2", "0.002");
    }

    @AfterAll
    void stop()
            throws Exception
    {
        launcher.run(120, "down");
    }

    @Test
    void demoRunsEveryPipelineForEveryDayAndPrintsGoldResultsOfParquetTablesInObjectStore()
            throws IOException
    {
        assertThat(demoOutput)
                .contains("running the daily pipelines for " + FIRST_DAY)
                .contains("running the daily pipelines for " + LAST_DAY)
                .contains("running the IMDb pipeline (sql/imdb) on the snapshot of " + LAST_DAY)
                .contains("lake.gold.user_behavior_metric " + LAST_DAY + ": ")
                .contains("(lake.gold.user_behavior_metric):")
                .contains("customerid | amount_spent | review_score | review_count | insert_date")
                .contains("(lake.gold.prolific_actors):")
                .contains("(lake.gold.director_careers):")
                .contains("(lake.gold.genre_ratings_by_decade):")
                .contains("(lake.silver.customers, flattened from JSON):")
                .contains("jdbc:trino://127.0.0.1:" + launcher.trinoPort());
        // the metric keeps a partition per day: the demo shows the customers of the day it names
        String metricRows = demoOutput.substring(demoOutput.indexOf("(lake.gold.user_behavior_metric):"), demoOutput.indexOf("(lake.gold.genre_ratings_by_decade):"));
        assertThat(metricRows)
                .contains(LAST_DAY)
                .doesNotContain(FIRST_DAY);
        for (String layer : List.of("bronze", "silver", "gold")) {
            try (Stream<Path> files = Files.walk(launcher.home().resolve("data/s3/lake").resolve(layer))) {
                assertThat(files.filter(Files::isRegularFile).map(Path::toString).filter(name -> !name.contains("/.")))
                        .as("Parquet files of layer %s", layer)
                        .isNotEmpty();
            }
        }
    }

    @Test
    void pipelinesFilledEveryLayerForTheLastDay()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(launcher.jdbcUrl("lake", "gold"), "e2e", null);
                Statement statement = connection.createStatement()) {
            for (String query : List.of(
                    "SELECT count(*) FROM lake.bronze.user_purchase WHERE insert_date = DATE '%s'",
                    "SELECT count(*) FROM lake.silver.movie_review_clean WHERE insert_date = DATE '%s'",
                    "SELECT count(*) FROM lake.gold.user_behavior_metric WHERE insert_date = DATE '%s'",
                    "SELECT count(*) FROM lake.silver.customers WHERE ds = DATE '%s'",
                    "SELECT count(*) FROM lake.silver.title_credits WHERE ds = DATE '%s'",
                    "SELECT count(*) FROM lake.gold.genre_ratings_by_decade WHERE ds = DATE '%s'",
                    "SELECT count(*) FROM lake.gold.director_careers WHERE ds = DATE '%s'",
                    "SELECT count(*) FROM lake.gold.prolific_actors WHERE ds = DATE '%s'")) {
                try (ResultSet result = statement.executeQuery(query.formatted(LAST_DAY))) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getLong(1)).as(query).isPositive();
                }
            }
        }
    }

    @Test
    void runLedgerIsQueryableFromSql()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(launcher.jdbcUrl("lakehouse", "system"), "e2e", null);
                Statement statement = connection.createStatement()) {
            try (ResultSet runs = statement.executeQuery("SELECT count(*), count_if(state = 'SUCCEEDED') FROM lakehouse.system.runs WHERE command LIKE 'run --ds %'")) {
                assertThat(runs.next()).isTrue();
                // two days of two daily pipelines, and the IMDb pipeline once
                assertThat(runs.getLong(1)).isEqualTo(5);
                assertThat(runs.getLong(2)).isEqualTo(5);
            }
            try (ResultSet freshness = statement.executeQuery("SELECT latest_interval, published_at IS NOT NULL FROM lakehouse.system.freshness WHERE model = 'lake.gold.user_behavior_metric'")) {
                assertThat(freshness.next()).isTrue();
                assertThat(freshness.getString(1)).isEqualTo(LAST_DAY);
                assertThat(freshness.getBoolean(2)).isTrue();
            }
        }
    }

    @Test
    void serverAnswersTrinoJdbc()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(launcher.jdbcUrl("lake", "bronze"), "e2e", null);
                Statement statement = connection.createStatement();
                ResultSet landing = statement.executeQuery("SELECT count(*) FROM lakehouse.landing.title_basics WHERE ds = DATE '%s'".formatted(LAST_DAY))) {
            assertThat(landing.next()).isTrue();
            long landingRows = landing.getLong(1);
            assertThat(landingRows).isPositive();
            try (ResultSet bronze = statement.executeQuery("SELECT count(*), count(DISTINCT tconst) FROM lake.bronze.title_basics")) {
                assertThat(bronze.next()).isTrue();
                assertThat(bronze.getLong(1)).isEqualTo(landingRows);
                assertThat(bronze.getLong(2)).isEqualTo(landingRows);
            }
            try (ResultSet format = statement.executeQuery("SELECT count(*) FROM \"lake\".\"bronze\".\"title_basics\" WHERE \"$path\" LIKE 's3://lake/bronze/%'")) {
                assertThat(format.next()).isTrue();
                assertThat(format.getLong(1)).isEqualTo(landingRows);
            }
        }
    }

    @Test
    void serverReadsThePurchasesTheGeneratorLoadedIntoPostgresql()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(launcher.jdbcUrl("retail", "retail"), "e2e", null);
                Statement statement = connection.createStatement();
                ResultSet purchases = statement.executeQuery("""
                        SELECT count(*), count_if(invoice_number LIKE 'C%' AND quantity < 0), count_if(customer_id IS NULL)
                        FROM retail.retail.user_purchase
                        WHERE invoice_date >= TIMESTAMP '2024-01-01 00:00' AND invoice_date < TIMESTAMP '2024-01-02 00:00'""")) {
            assertThat(purchases.next()).isTrue();
            long lines = purchases.getLong(1);
            assertThat(purchases.getLong(2)).as("cancellations").isPositive();
            assertThat(purchases.getLong(3)).as("lines without customer").isPositive();
            // the day's lines are the shop's export that landed, loaded as they are
            try (Statement landing = connection.createStatement();
                    ResultSet exported = landing.executeQuery("SELECT count(*) FROM lakehouse.landing.online_retail WHERE ds = DATE '2024-01-01'")) {
                assertThat(exported.next()).isTrue();
                assertThat(lines).isPositive().isEqualTo(exported.getLong(1));
            }
        }
    }

    @Test
    void tableWritersOfTheSingleNodeServerRunInTheFragmentThatReadsTheRows()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(launcher.jdbcUrl("lake", "bronze"), "e2e", null);
                Statement statement = connection.createStatement();
                ResultSet plan = statement.executeQuery("EXPLAIN (TYPE DISTRIBUTED) CREATE TABLE lake.bronze.plan_check WITH (format = 'PARQUET') AS " +
                        "SELECT * FROM lakehouse.landing.title_principals WHERE ds = DATE '%s'".formatted(LAST_DAY))) {
            assertThat(plan.next()).isTrue();
            // etc/config.properties: scale-writers and redistribute-writes off, no remote exchange in front of the writers
            List<String> writerFragments = Stream.of(plan.getString(1).split("\nFragment "))
                    .filter(fragment -> fragment.contains("TableWriter["))
                    .toList();
            assertThat(writerFragments).singleElement().satisfies(fragment -> assertThat(fragment)
                    .startsWith("1 [SOURCE]")
                    .contains("LocalExchange[partitioning = ROUND_ROBIN", "[table = lakehouse:")
                    .doesNotContain("RemoteSource"));
        }
    }

    @Test
    void trinoCliListsBronzeTable()
            throws Exception
    {
        assertThat(launcher.run(120, "sql", "--execute", "SHOW TABLES FROM lake.bronze")).contains("\"title_basics\"");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void downStopsEveryProcessUpStarted()
            throws Exception
    {
        List<Long> pids = launcher.pids();
        assertThat(pids).as("s3proxy, catalog, postgres, trino and materializer").hasSize(5);
        assertThat(pids).allMatch(TestLauncherEndToEnd::isAlive);

        launcher.run(120, "down");

        assertThat(pids).noneMatch(TestLauncherEndToEnd::isAlive);
        assertThat(launcher.run(60, true, "status")).contains("trino            stopped");
    }

    static boolean isAlive(long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
