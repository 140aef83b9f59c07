package io.lakehouse.materializer.pipeline;

import com.google.common.collect.ImmutableMap;
import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.TestingPostgreSqlServer;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.generate.LandingDataGenerator;
import io.lakehouse.materializer.generate.LandingDataset;
import io.lakehouse.materializer.generate.LandingFile;
import io.lakehouse.materializer.generate.LandingLocation;
import io.lakehouse.materializer.generate.RetailDatabase;
import io.lakehouse.materializer.generate.S3LandingWriter;
import io.lakehouse.materializer.generate.S3Options;
import io.lakehouse.materializer.generate.ScaleFactor;
import io.lakehouse.materializer.generate.TitleBasicsGenerator;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;
import io.lakehouse.trino.S3ProxyServer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The pipelines of {@code sql/} run by the materializer on Trino with the real parts (the landing connector over
 * S3Proxy, the Hive connector on the Glue endpoint, the PostgreSQL connector on a PostgreSQL server) against
 * generated data, and checked table by table and day by day against the same logic computed independently by DuckDB
 * over the same raw files: row counts and checksums must be equal.
 */
@TestInstance(PER_CLASS)
final class TestProjectPipelines
{
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 2;
    // a few hundred titles and the floors of the daily feeds: every join still matches something
    private static final ScaleFactor SCALE = new ScaleFactor(0.0005);

    private record TableCheck(String table, String trinoQuery, String duckDbQuery) {}

    private static final List<TableCheck> CHECKS = List.of(
            new TableCheck("lake.bronze.title_basics", "SELECT * FROM lake.bronze.title_basics WHERE ds = %s", "SELECT * FROM bronze_title_basics"),
            new TableCheck("lake.bronze.title_ratings", "SELECT * FROM lake.bronze.title_ratings WHERE ds = %s", "SELECT * FROM bronze_title_ratings"),
            new TableCheck("lake.bronze.title_crew", "SELECT * FROM lake.bronze.title_crew WHERE ds = %s", "SELECT * FROM bronze_title_crew"),
            new TableCheck("lake.bronze.title_principals", "SELECT * FROM lake.bronze.title_principals WHERE ds = %s", "SELECT * FROM bronze_title_principals"),
            new TableCheck("lake.bronze.name_basics", "SELECT * FROM lake.bronze.name_basics WHERE ds = %s", "SELECT * FROM bronze_name_basics"),
            new TableCheck("lake.silver.title_credits", "SELECT * FROM lake.silver.title_credits WHERE ds = %s", "SELECT * FROM silver_title_credits"),
            new TableCheck("lake.gold.genre_ratings_by_decade", "SELECT * FROM lake.gold.genre_ratings_by_decade WHERE ds = %s", "SELECT * FROM gold_genre_ratings_by_decade"),
            new TableCheck("lake.gold.director_careers", "SELECT * FROM lake.gold.director_careers WHERE ds = %s", "SELECT * FROM gold_director_careers"),
            new TableCheck("lake.gold.prolific_actors", "SELECT * FROM lake.gold.prolific_actors WHERE ds = %s", "SELECT * FROM gold_prolific_actors"),
            new TableCheck("lake.bronze.user_purchase", "SELECT * FROM lake.bronze.user_purchase WHERE insert_date = %s", "SELECT * FROM bronze_user_purchase"),
            new TableCheck("lake.bronze.movie_review", "SELECT * FROM lake.bronze.movie_review WHERE insert_date = %s", "SELECT * FROM bronze_movie_review"),
            new TableCheck("lake.silver.movie_review_clean", "SELECT * FROM lake.silver.movie_review_clean WHERE insert_date = %s", "SELECT * FROM silver_movie_review_clean"),
            new TableCheck("lake.gold.user_behavior_metric", "SELECT * FROM lake.gold.user_behavior_metric WHERE insert_date = %s", "SELECT * FROM gold_user_behavior_metric"),
            new TableCheck("lake.bronze.customers", """
                    SELECT customer_id, name.first, name.last, contact.email, contact.phone, address.street, address.city, address.postal_code, address.country,
                           loyalty.tier, loyalty.points, loyalty.member_since, preferences.newsletter, preferences.channels, updated_at, ds
                    FROM lake.bronze.customers WHERE ds = %s""", "SELECT * FROM customers"),
            new TableCheck("lake.silver.customers", "SELECT * FROM lake.silver.customers WHERE ds = %s", "SELECT * FROM customers"));

    private TestingLakehouse lakehouse;
    private TestingPostgreSqlServer postgres;
    private Materializer materializer;
    private DuckDbPipelines duckDb;

    @BeforeAll
    void startServicesAndLandData()
            throws Exception
    {
        lakehouse = new TestingLakehouse();
        postgres = TestingPostgreSqlServer.start();
        // the PostgreSQL connector maps PostGIS columns to the geospatial plugin's types
        TrinoServerPlugins.install(lakehouse.trino(), "geospatial", "postgresql");
        lakehouse.trino().createCatalog("retail", "postgresql", ImmutableMap.of(
                "connection-url", postgres.getJdbcUrl(),
                "connection-user", TestingPostgreSqlServer.USER));
        materializer = lakehouse.materializer("pipelines", "test");
        duckDb = new DuckDbPipelines(lakehouse.directory().resolve("s3/landing"));

        LandingDataGenerator generator = new LandingDataGenerator(TitleBasicsGenerator.DEFAULT_SEED, SCALE);
        RetailDatabase database = new RetailDatabase(postgres.getJdbcUrl(), TestingPostgreSqlServer.USER, "");
        LandingLocation landing = LandingLocation.parse("s3://landing/");
        try (S3LandingWriter writer = new S3LandingWriter(new S3Options(lakehouse.s3().getEndpoint(), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, S3ProxyServer.REGION))) {
            for (int day = 0; day < DAYS; day++) {
                LocalDate ds = FIRST_DAY.plusDays(day);
                for (LandingDataset dataset : LandingDataset.values()) {
                    for (LandingFile file : generator.files(dataset, ds)) {
                        writer.write(landing, file);
                    }
                }
                database.load(ds, generator.retail().purchases(ds));
            }
        }
    }

    @AfterAll
    void stopServices()
            throws Exception
    {
        if (duckDb != null) {
            duckDb.close();
        }
        if (materializer != null) {
            materializer.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (lakehouse != null) {
            lakehouse.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01", "2024-01-02"})
    void testEveryTableOfTheDayMatchesDuckDbOverTheSameRawFiles(String day)
            throws SQLException
    {
        LocalDate ds = LocalDate.parse(day);
        assertThat(run(Path.of("../sql"), ds).failed()).isEmpty();
        duckDb.compute(ds);

        SoftAssertions softly = new SoftAssertions();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (TableCheck check : CHECKS) {
                TableDigest expected;
                try (ResultSet rows = duckDb.query(check.duckDbQuery())) {
                    expected = TableDigest.of(rows);
                }
                TableDigest actual;
                try (ResultSet rows = statement.executeQuery(check.trinoQuery().formatted("DATE '%s'".formatted(ds)))) {
                    actual = TableDigest.of(rows);
                }
                softly.assertThat(actual.rows()).as("rows of %s on %s", check.table(), ds).isPositive();
                softly.assertThat(actual.matches(expected))
                        .as("%s on %s:%n%s", check.table(), ds, actual.differenceFrom(expected, "Trino", "DuckDB"))
                        .isTrue();
            }
        }
        softly.assertAll();
    }

    @Test
    void testDayWithoutCustomerActivityFailsTheMetricCheckAndKeepsThePreviousTable()
            throws SQLException
    {
        Path pipeline = Path.of("../sql/user_behavior");
        assertThat(run(pipeline, FIRST_DAY).failed()).isEmpty();
        long rows = count("SELECT count(*) FROM lake.gold.user_behavior_metric WHERE insert_date = DATE '2024-01-01'");
        assertThat(rows).isPositive();

        long published = count("SELECT count(*) FROM lake.gold.user_behavior_metric");

        // nothing landed and nothing was bought on this day
        RunSummary empty = run(pipeline, FIRST_DAY.plusDays(30));
        assertThat(empty.failed()).hasSize(1);
        assertThat(empty.failed().keySet()).extracting(task -> task.model().name().toString()).containsExactly("lake.gold.user_behavior_metric");
        assertThat(empty.failed().values()).singleElement(STRING).contains("row_count(min = 1)").contains("0 rows");
        assertThat(count("SELECT count(*) FROM lake.gold.user_behavior_metric")).isEqualTo(published);
        assertThat(count("SELECT count(*) FROM lake.gold.user_behavior_metric WHERE insert_date = DATE '2024-01-01'")).isEqualTo(rows);
    }

    private RunSummary run(Path models, LocalDate ds)
            throws SQLException
    {
        ModelGraph graph = TestingLakehouse.models(models);
        return materializer.run(TestingLakehouse.nextRunId(), "run --ds " + ds, materializer.planner().forDate(graph.models(), ds), graph, RunOptions.sequential(), new TaskListener() {});
    }

    private long count(String sql)
            throws SQLException
    {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getLong(1);
        }
    }

    private Connection connect()
            throws SQLException
    {
        return DriverManager.getConnection(lakehouse.trinoServer().uri().toString().replaceFirst("^http", "jdbc:trino"), "lakehouse", null);
    }
}
