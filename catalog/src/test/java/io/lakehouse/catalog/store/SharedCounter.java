package io.lakehouse.catalog.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static java.util.concurrent.Executors.newFixedThreadPool;

/**
 * The pattern of the catalog's table versions and the ledger's leases, on a counter: compare-and-set the row,
 * then record the new total under a unique key. A lost update shows as the row falling behind its history:
 * the next writer fails on the history's key. Run as a program, it increments a counter that a test made, from
 * a second process: {@code SharedCounter <jdbc-url> <writers> <increments per writer>}.
 */
final class SharedCounter
{
    private SharedCounter() {}

    static void create(SerializedH2DataSource dataSource)
            throws SQLException
    {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE counter (name VARCHAR PRIMARY KEY, total BIGINT NOT NULL)");
            statement.execute("CREATE TABLE counter_history (name VARCHAR, total BIGINT, PRIMARY KEY (name, total))");
            statement.execute("INSERT INTO counter VALUES ('c', 0)");
            statement.execute("INSERT INTO counter_history VALUES ('c', 0)");
        }
    }

    /**
     * Increments the counter {@code increments} times from each of the writers, spread over the data sources.
     */
    static void increment(List<SerializedH2DataSource> dataSources, int writers, int increments)
            throws Exception
    {
        ExecutorService executor = newFixedThreadPool(writers);
        try {
            List<Callable<Void>> tasks = IntStream.range(0, writers)
                    .mapToObj(writer -> (Callable<Void>) () -> {
                        SerializedH2DataSource dataSource = dataSources.get(writer % dataSources.size());
                        for (int increment = 0; increment < increments; increment++) {
                            while (!tryIncrement(dataSource)) {
                                // another writer came first: read again
                            }
                        }
                        return null;
                    })
                    .toList();
            for (Future<Void> future : executor.invokeAll(tasks)) {
                future.get();
            }
        }
        finally {
            executor.shutdownNow();
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
            statement.executeUpdate("INSERT INTO counter_history VALUES ('c', %s)".formatted(seen + 1));
            connection.commit();
            return true;
        }
    }

    static long total(SerializedH2DataSource dataSource)
            throws SQLException
    {
        try (Connection connection = dataSource.getConnection()) {
            return longValue(connection, "SELECT total FROM counter");
        }
    }

    static long historySize(SerializedH2DataSource dataSource)
            throws SQLException
    {
        try (Connection connection = dataSource.getConnection()) {
            return longValue(connection, "SELECT count(*) FROM counter_history");
        }
    }

    static long longValue(Connection connection, String query)
            throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(query)) {
            if (!resultSet.next()) {
                throw new SQLException("No row: " + query);
            }
            return resultSet.getLong(1);
        }
    }

    public static void main(String[] args)
            throws Exception
    {
        try (SerializedH2DataSource dataSource = new SerializedH2DataSource(args[0], "sa", "", 4)) {
            increment(List.of(dataSource), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        }
    }
}
