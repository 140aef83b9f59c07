package io.lakehouse.materializer.execution;

import io.lakehouse.materializer.scheduler.TrinoSessions;

import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;

import static java.util.Objects.requireNonNull;

/**
 * Trino sessions on connections that are reused from task to task: opening a JDBC connection for every task costs
 * more than the materializer's own work on a trivial model. A session hands its connection back when it closes,
 * unless it was cancelled; at most {@value #MAX_IDLE} idle connections are kept.
 */
public final class TrinoSessionPool
        implements TrinoSessions, Closeable
{
    private static final int MAX_IDLE = 32;

    private final TrinoServer server;
    private final LongAdder statementNanos;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /**
     * @param statementNanos accumulates the time every session spends waiting for Trino
     */
    public TrinoSessionPool(TrinoServer server, LongAdder statementNanos)
    {
        this.server = requireNonNull(server, "server is null");
        this.statementNanos = requireNonNull(statementNanos, "statementNanos is null");
    }

    @Override
    public TrinoSession open()
            throws SQLException
    {
        Connection connection = idle.pollFirst();
        if (connection == null || connection.isClosed()) {
            connection = server.connect();
        }
        return new TrinoSession(connection, statementNanos, this::release);
    }

    private void release(Connection connection)
    {
        if (!closed && idle.size() < MAX_IDLE) {
            idle.addFirst(connection);
            if (!closed) {
                return;
            }
            idle.remove(connection);
        }
        closeQuietly(connection);
    }

    @Override
    public void close()
    {
        closed = true;
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection)
    {
        try {
            connection.close();
        }
        catch (SQLException _) {
            // the connection is done either way
        }
    }
}
