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
 * endpoint and a Trino 476 server process with the plugin, lands sample data, runs the bronze model and prints rows;
 * the server then answers {@code trino-jdbc} and the Trino CLI, and {@code bin/lakehouse down} stops every process.
 * Runs after {@code package} (failsafe), since the launcher starts the packaged jars.
 */
@TestInstance(PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
final class TestLauncherEndToEnd
{
    private Launcher launcher;
    private String demoOutput;

    @BeforeAll
    void runDemo()
            throws Exception
    {
        launcher = Launcher.create(Map.of());
        demoOutput = launcher.run(900, "demo", "2024-01-01");
    }

    @AfterAll
    void stop()
            throws Exception
    {
        launcher.run(120, "down");
    }

    @Test
    void demoPrintsRowsOfParquetTableWrittenToObjectStore()
            throws IOException
    {
        assertThat(demoOutput).contains("\"tt0000001\"");
        try (Stream<Path> files = Files.walk(launcher.home().resolve("data/s3/lake/bronze"))) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString).filter(name -> !name.contains("/."))).isNotEmpty();
        }
    }

    @Test
    void serverAnswersTrinoJdbc()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(launcher.jdbcUrl("lake", "bronze"), "e2e", null);
                Statement statement = connection.createStatement();
                ResultSet landing = statement.executeQuery("SELECT count(*) FROM lakehouse.landing.title_basics WHERE ds = DATE '2024-01-01'")) {
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
        assertThat(pids).hasSize(3);
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
