package io.lakehouse.catalog.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.lakehouse.catalog.store.SerializedH2DataSource.databaseName;
import static java.util.concurrent.Executors.newFixedThreadPool;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestSerializedH2DataSource
{
    private static final int WRITERS = 8;
    private static final int INCREMENTS_PER_WRITER = 250;

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
     * The pattern of the catalog's table versions and the ledger's leases: compare-and-set a row, then record
     * the new version under a unique key. Through H2's own pool, eight such writers lost an update in 2 of 5
     * runs (the row falls behind its history, and the next writer fails on the history's key).
     */
    @Test
    void concurrentCompareAndSetWritersThroughTwoDataSourcesLoseNoUpdate()
            throws Exception
    {
        try (SerializedH2DataSource first = new SerializedH2DataSource(url, "sa", "", 4);
                SerializedH2DataSource second = new SerializedH2DataSource(url, "sa", "", 4)) {
            try (Connection connection = first.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE counter (name VARCHAR PRIMARY KEY, total BIGINT NOT NULL)");
                statement.execute("CREATE TABLE counter_history (name VARCHAR, total BIGINT, PRIMARY KEY (name, total))");
                statement.execute("INSERT INTO counter VALUES ('c', 0)");
                statement.execute("INSERT INTO counter_history VALUES ('c', 0)");
            }

            ExecutorService executor = newFixedThreadPool(WRITERS);
            try {
                List<Callable<Void>> writers = IntStream.range(0, WRITERS)
                        .mapToObj(writer -> (Callable<Void>) () -> {
                            SerializedH2DataSource dataSource = writer % 2 == 0 ? first : second;
                            for (int increment = 0; increment < INCREMENTS_PER_WRITER; increment++) {
                                while (!tryIncrement(dataSource)) {
                                    // another writer came first: read again
                                }
                            }
                            return null;
                        })
                        .toList();
                for (Future<Void> future : executor.invokeAll(writers)) {
                    future.get();
                }
            }
            finally {
                executor.shutdownNow();
            }

            try (Connection connection = second.getConnection()) {
                assertThat(longValue(connection, "SELECT total FROM counter")).isEqualTo(WRITERS * INCREMENTS_PER_WRITER);
                assertThat(longValue(connection, "SELECT count(*) FROM counter_history")).isEqualTo(WRITERS * INCREMENTS_PER_WRITER + 1);
            }
        }
    }

    private static boolean tryIncrement(SerializedH2DataSource dataSource)
            throws SQLException
    {
        long seen;
        try (Connection connection = dataSource.getConnection()) {
            seen = longValue(connection, "SELECT total FROM counter");
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            if (statement.executeUpdate("UPDATE counter SET total = %s WHERE name = 'c' AND total = %s".formatted(seen + 1, seen)) == 0) {
                connection.rollback();
                return false;
            }
            // a lost update shows here: the history already has the value the counter fell back below
            statement.executeUpdate("INSERT INTO counter_history VALUES ('c', %s)".formatted(seen + 1));
            connection.commit();
            return true;
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
    void settingsDoNotNameAnotherDatabase()
    {
        assertThat(databaseName("jdbc:h2:file:/data/catalog;WRITE_DELAY=0")).isEqualTo("jdbc:h2:file:/data/catalog");
        assertThat(databaseName("jdbc:h2:file:/data/catalog")).isEqualTo("jdbc:h2:file:/data/catalog");
    }

    private static long longValue(Connection connection, String query)
            throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(query)) {
            assertThat(resultSet.next()).isTrue();
            return resultSet.getLong(1);
        }
    }
}
