package io.lakehouse.catalog.store;

import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;

import java.io.Closeable;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Connections to an embedded H2 database, lent to one thread at a time in this JVM.
 * <p>
 * With {@code WRITE_DELAY=0}, the setting that puts every commit on disk before it returns, H2 (2.3.232, and
 * still 2.5.252) loses committed updates when transactions that change the same row run at once: an
 * {@code UPDATE ... WHERE version = ?} or {@code SELECT ... FOR UPDATE} that waited for another transaction's
 * commit can act on the row as it was before that commit, so both writers succeed and one change is gone.
 * Eight threads incrementing one row that way lost an update within seconds in every run; with this data
 * source, none did. An embedded database serves only the JVM that opened it, so one lock per database, held
 * while a connection is open, keeps every transaction whole. Nested use on the same thread is allowed (the
 * lock is reentrant); a connection must be closed by the thread that opened it, as Jdbi's handles are.
 */
public final class SerializedH2DataSource
        implements DataSource, Closeable
{
    // the databases of all instances in this JVM: two instances on one file share its lock
    private static final ConcurrentMap<String, ReentrantLock> DATABASE_LOCKS = new ConcurrentHashMap<>();

    private final JdbcConnectionPool pool;
    private final ReentrantLock databaseLock;

    public SerializedH2DataSource(String url, String user, String password, int maxConnections)
    {
        requireNonNull(url, "url is null");
        this.pool = JdbcConnectionPool.create(url, requireNonNull(user, "user is null"), requireNonNull(password, "password is null"));
        pool.setMaxConnections(maxConnections);
        this.databaseLock = DATABASE_LOCKS.computeIfAbsent(databaseName(url), _ -> new ReentrantLock(true));
    }

    /**
     * The URL without its settings ({@code jdbc:h2:file:/data/catalog;WRITE_DELAY=0} names {@code jdbc:h2:file:/data/catalog}).
     */
    static String databaseName(String url)
    {
        int settings = url.indexOf(';');
        return settings < 0 ? url : url.substring(0, settings);
    }

    @Override
    public Connection getConnection()
            throws SQLException
    {
        try {
            databaseLock.lockInterruptibly();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for the embedded database", e);
        }
        try {
            return lockReleasingOnClose(pool.getConnection());
        }
        catch (SQLException | RuntimeException e) {
            databaseLock.unlock();
            throw e;
        }
    }

    @Override
    public Connection getConnection(String user, String password)
            throws SQLException
    {
        throw new SQLFeatureNotSupportedException("The user and password are those the data source was created with");
    }

    private Connection lockReleasingOnClose(Connection connection)
    {
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (_, method, arguments) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                if (closed[0]) {
                    return null;
                }
                closed[0] = true;
                try {
                    connection.close();
                }
                finally {
                    databaseLock.unlock();
                }
                return null;
            }
            return invoke(connection, method, arguments);
        });
    }

    private static Object invoke(Connection connection, Method method, Object[] arguments)
            throws Throwable
    {
        try {
            return method.invoke(connection, arguments);
        }
        catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close()
    {
        pool.dispose();
    }

    @Override
    public PrintWriter getLogWriter()
    {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter writer)
    {
        pool.setLogWriter(writer);
    }

    @Override
    public void setLoginTimeout(int seconds)
    {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout()
    {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger()
            throws SQLFeatureNotSupportedException
    {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type)
            throws SQLException
    {
        throw new SQLException("Not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type)
    {
        return false;
    }
}
