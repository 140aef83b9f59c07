package io.lakehouse.materializer.execution;

import io.lakehouse.materializer.model.TableName;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoStatement;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.StringLiteral;

import java.io.Closeable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import static io.trino.sql.ExpressionFormatter.formatExpression;
import static java.util.Objects.requireNonNull;

/**
 * One Trino connection used by one task at a time: statements report their query id and progress, and the
 * running statement can be cancelled from another thread.
 */
public final class TrinoSession
        implements Closeable
{
    private final Connection connection;
    private final LongAdder statementNanos;
    private final Consumer<Connection> release;
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private volatile boolean cancelled;
    // session properties were set and may not have been reset: the connection is not reused
    private volatile boolean resetNeeded;

    public record Execution(long rows, String queryId)
    {
        public Execution
        {
            requireNonNull(queryId, "queryId is null");
        }
    }

    /**
     * Maps the current row of a result set to a value.
     */
    @FunctionalInterface
    public interface RowMapper<T>
    {
        T map(ResultSet row)
                throws SQLException;
    }

    public TrinoSession(Connection connection)
    {
        this(connection, new LongAdder());
    }

    /**
     * @param statementNanos accumulates the time this session spends waiting for Trino, as the client sees it
     */
    public TrinoSession(Connection connection, LongAdder statementNanos)
    {
        this(connection, statementNanos, TrinoSession::closeConnection);
    }

    /**
     * @param release takes the connection when the session closes without having been cancelled, to reuse it
     */
    public TrinoSession(Connection connection, LongAdder statementNanos, Consumer<Connection> release)
    {
        this.connection = requireNonNull(connection, "connection is null");
        this.statementNanos = requireNonNull(statementNanos, "statementNanos is null");
        this.release = requireNonNull(release, "release is null");
    }

    /**
     * Resolves unqualified table names against this catalog and schema, as dependency analysis does.
     */
    public void use(String catalog, String schema)
            throws SQLException
    {
        connection.setCatalog(catalog);
        connection.setSchema(schema);
    }

    public Execution execute(String sql)
            throws SQLException
    {
        return execute(sql, _ -> {});
    }

    /**
     * @param progress receives the query's statistics as they change (the JDBC driver's progress callback)
     */
    public Execution execute(String sql, Consumer<QueryStats> progress)
            throws SQLException
    {
        checkNotCancelled();
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            AtomicReference<QueryStats> stats = new AtomicReference<>();
            statement.unwrap(TrinoStatement.class).setProgressMonitor(update -> {
                stats.set(update);
                progress.accept(update);
            });
            running.set(statement);
            try {
                statement.execute(sql);
                // a query's result must be read for it to finish
                if (statement.getResultSet() != null) {
                    try (ResultSet resultSet = statement.getResultSet()) {
                        while (resultSet.next()) {
                            // discard
                        }
                    }
                }
            }
            finally {
                running.set(null);
            }
            String queryId = Optional.ofNullable(stats.get()).map(QueryStats::getQueryId).orElse("unknown");
            return new Execution(Math.max(statement.getLargeUpdateCount(), 0), queryId);
        }
        finally {
            statementNanos.add(System.nanoTime() - start);
        }
    }

    /**
     * Runs a statement with these session properties ({@code catalog.name} or {@code name} to its value as a SQL
     * literal) set on this connection, and resets them afterwards, so that the next statement of a reused connection
     * has the server's defaults again. A session whose reset failed closes its connection instead of reusing it.
     */
    public Execution execute(String sql, Map<String, String> sessionProperties, Consumer<QueryStats> progress)
            throws SQLException
    {
        if (sessionProperties.isEmpty()) {
            return execute(sql, progress);
        }
        for (Map.Entry<String, String> property : sessionProperties.entrySet()) {
            resetNeeded = true;
            execute("SET SESSION %s = %s".formatted(property.getKey(), property.getValue()));
        }
        try {
            return execute(sql, progress);
        }
        finally {
            try {
                for (String property : sessionProperties.keySet()) {
                    executeCleanup("RESET SESSION " + property);
                }
                resetNeeded = false;
            }
            catch (SQLException _) {
                // close() closes the connection rather than reusing it with these properties
            }
        }
    }

    /**
     * The first column of the single row a query returns.
     */
    public <T> T queryValue(String sql, Class<T> type)
            throws SQLException
    {
        List<T> values = query(sql, row -> row.getObject(1, type));
        if (values.size() != 1) {
            throw new SQLException("Query returned %s rows instead of one: %s".formatted(values.size(), sql));
        }
        return values.getFirst();
    }

    /**
     * Every row a query returns, mapped.
     */
    public <T> List<T> query(String sql, RowMapper<T> mapper)
            throws SQLException
    {
        checkNotCancelled();
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            running.set(statement);
            try (ResultSet resultSet = statement.executeQuery(sql)) {
                // a value may be NULL
                List<T> rows = new ArrayList<>();
                while (resultSet.next()) {
                    rows.add(mapper.map(resultSet));
                }
                return Collections.unmodifiableList(rows);
            }
            finally {
                running.set(null);
            }
        }
        finally {
            statementNanos.add(System.nanoTime() - start);
        }
    }

    public void cancel()
    {
        cancelled = true;
        Statement statement = running.get();
        if (statement != null) {
            try {
                statement.cancel();
            }
            catch (SQLException _) {
                // the query finished or failed in the meantime
            }
        }
    }

    public boolean isCancelled()
    {
        return cancelled;
    }

    /**
     * Runs a cleanup statement even after {@link #cancel()}: cancelling promises cleanup.
     */
    public void executeCleanup(String sql)
            throws SQLException
    {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        finally {
            statementNanos.add(System.nanoTime() - start);
        }
    }

    private void checkNotCancelled()
            throws SQLException
    {
        if (cancelled) {
            throw new SQLException("cancelled");
        }
    }

    /**
     * Trino's Hive connector caches a table's statistics for minutes and cannot see a change made through Glue
     * directly: dropping its entries lets the next query plan with the statistics the catalog has now.
     */
    public void flushMetadataCache(TableName table)
            throws SQLException
    {
        executeCleanup("CALL %s.system.flush_metadata_cache(schema_name => %s, table_name => %s)".formatted(
                formatExpression(new Identifier(table.catalog())), formatExpression(new StringLiteral(table.schema())), formatExpression(new StringLiteral(table.table()))));
    }

    @Override
    public void close()
    {
        if (cancelled || resetNeeded) {
            closeConnection(connection);
        }
        else {
            release.accept(connection);
        }
    }

    private static void closeConnection(Connection connection)
    {
        try {
            connection.close();
        }
        catch (SQLException _) {
            // the session is done either way
        }
    }
}
