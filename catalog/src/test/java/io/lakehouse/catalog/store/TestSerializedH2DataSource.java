package io.lakehouse.catalog.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.lakehouse.catalog.store.SerializedH2DataSource.lockFile;
import static io.lakehouse.catalog.store.SharedCounter.longValue;
import static java.util.concurrent.Executors.newFixedThreadPool;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.MINUTES;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestSerializedH2DataSource
{
    private static final int WRITERS = 8;
    private static final int INCREMENTS_PER_WRITER = 250;
    // writers in two processes meet less often: without the lock file, 1,000 each lost an update in 1 of 2 runs
    private static final int INCREMENTS_PER_WRITER_OF_TWO_PROCESSES = 1000;

    private Path directory;
    private String url;

    @BeforeEach
    void setUp()
            throws IOException
    {
        directory = Files.createTempDirectory("serialized-h2");
        url = "jdbc:h2:file:" + directory.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    @AfterEach
    void tearDown()
            throws IOException
    {
        deleteRecursively(directory, ALLOW_INSECURE);
    }

    /**
     * Through H2's own pool, eight such writers lost an update in 2 of 5 runs.
     */
    @Test
    void concurrentCompareAndSetWritersThroughTwoDataSourcesLoseNoUpdate()
            throws Exception
    {
        try (SerializedH2DataSource first = new SerializedH2DataSource(url, "sa", "", 4);
                SerializedH2DataSource second = new SerializedH2DataSource(url, "sa", "", 4)) {
            SharedCounter.create(first);
            SharedCounter.increment(List.of(first, second), WRITERS, INCREMENTS_PER_WRITER);

            assertThat(SharedCounter.total(second)).isEqualTo(WRITERS * INCREMENTS_PER_WRITER);
            assertThat(SharedCounter.historySize(second)).isEqualTo(WRITERS * INCREMENTS_PER_WRITER + 1);
        }
    }

    /**
     * A second process reaches the database through H2's {@code AUTO_SERVER}: its transactions run in this JVM's
     * H2, so they must wait for the same lock.
     */
    @Test
    void writersInTwoProcessesLoseNoUpdate()
            throws Exception
    {
        String sharedUrl = url + ";AUTO_SERVER=TRUE";
        try (SerializedH2DataSource dataSource = new SerializedH2DataSource(sharedUrl, "sa", "", 4)) {
            SharedCounter.create(dataSource);
            Path output = directory.resolve("second-process.log");
            Process secondProcess = new ProcessBuilder(
                    ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"),
                    SharedCounter.class.getName(), sharedUrl, Integer.toString(WRITERS / 2), Integer.toString(INCREMENTS_PER_WRITER_OF_TWO_PROCESSES))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                SharedCounter.increment(List.of(dataSource), WRITERS / 2, INCREMENTS_PER_WRITER_OF_TWO_PROCESSES);
                assertThat(secondProcess.waitFor(2, MINUTES)).as("the second process finished").isTrue();
                assertThat(secondProcess.exitValue()).as("exit code of the second process, which printed: %s", Files.readString(output)).isZero();
            }
            finally {
                secondProcess.destroyForcibly();
            }

            assertThat(SharedCounter.total(dataSource)).isEqualTo(WRITERS * INCREMENTS_PER_WRITER_OF_TWO_PROCESSES);
            assertThat(SharedCounter.historySize(dataSource)).isEqualTo(WRITERS * INCREMENTS_PER_WRITER_OF_TWO_PROCESSES + 1);
        }
    }

    @Test
    void secondDataSourceOnTheSameDatabaseWaitsUntilTheOpenConnectionIsClosed()
            throws Exception
    {
        try (SerializedH2DataSource first = new SerializedH2DataSource(url, "sa", "", 4);
                SerializedH2DataSource second = new SerializedH2DataSource(url.replace(";WRITE_DELAY=0", ""), "sa", "", 4)) {
            ExecutorService executor = newFixedThreadPool(1);
            try {
                Future<Long> waiting;
                try (Connection open = first.getConnection()) {
                    waiting = executor.submit(() -> {
                        try (Connection other = second.getConnection()) {
                            return longValue(other, "SELECT 4");
                        }
                    });
                    assertThatThrownBy(() -> waiting.get(500, MILLISECONDS)).isInstanceOf(TimeoutException.class);
                    assertThat(longValue(open, "SELECT 5")).isEqualTo(5);
                }
                assertThat(waiting.get(10, SECONDS)).isEqualTo(4);
            }
            finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void connectionOpenedInsideAnotherOnTheSameThreadDoesNotWait()
            throws SQLException
    {
        try (SerializedH2DataSource dataSource = new SerializedH2DataSource(url, "sa", "", 4);
                Connection outer = dataSource.getConnection();
                Connection inner = dataSource.getConnection()) {
            assertThat(longValue(outer, "SELECT 1")).isEqualTo(1);
            assertThat(longValue(inner, "SELECT 2")).isEqualTo(2);
        }
    }

    @Test
    void closingTwiceReleasesTheDatabaseOnce()
            throws Exception
    {
        try (SerializedH2DataSource dataSource = new SerializedH2DataSource(url, "sa", "", 4)) {
            Connection connection = dataSource.getConnection();
            connection.close();
            connection.close();
            // a second thread gets a connection: the database is free, and closing twice did not fail
            ExecutorService executor = newFixedThreadPool(1);
            try {
                assertThat(executor.submit(() -> {
                    try (Connection other = dataSource.getConnection()) {
                        return longValue(other, "SELECT 3");
                    }
                }).get()).isEqualTo(3);
            }
            finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void databasesInFilesAreLockedThroughAFileBesideThem()
    {
        assertThat(lockFile("jdbc:h2:file:/data/catalog;WRITE_DELAY=0")).contains(Path.of("/data/catalog.lakehouse.lock"));
        assertThat(lockFile("jdbc:h2:/data/catalog")).contains(Path.of("/data/catalog.lakehouse.lock"));
        assertThat(lockFile("jdbc:h2:file:data/ledger;AUTO_SERVER=TRUE")).contains(Path.of("data/ledger.lakehouse.lock").toAbsolutePath());
        assertThat(lockFile("jdbc:h2:~/ledger")).contains(Path.of(System.getProperty("user.home"), "ledger.lakehouse.lock"));
        assertThat(lockFile("jdbc:h2:mem:catalog")).isEmpty();
    }

    @Test
    void databasesOfAnH2ServerAreRefused()
    {
        assertThatThrownBy(() -> new SerializedH2DataSource("jdbc:h2:tcp://localhost/~/catalog", "sa", "", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unsupported H2 database 'jdbc:h2:tcp://localhost/~/catalog': H2 loses updates")
                .hasMessageContaining("jdbc:h2:file:<path>;AUTO_SERVER=TRUE")
                .hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> lockFile("jdbc:h2:ssl://db.example.com/catalog"))
                .hasMessageStartingWith("Unsupported H2 database 'jdbc:h2:ssl://db.example.com/catalog'");
    }
}
