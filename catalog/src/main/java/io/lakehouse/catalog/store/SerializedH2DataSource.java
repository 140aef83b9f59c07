package io.lakehouse.catalog.store;

import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

import static java.nio.file.Files.createDirectories;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

/**
 * Connections to an embedded H2 database, lent to one thread at a time on this machine.
 * <p>
 * With {@code WRITE_DELAY=0}, the setting that puts every commit on disk before it returns, H2 (2.3.232, and
 * still 2.5.252) loses committed updates when transactions that change the same row run at once: an
 * {@code UPDATE ... WHERE version = ?} or {@code SELECT ... FOR UPDATE} that waited for another transaction's
 * commit can act on the row as it was before that commit, so both writers succeed and one change is gone.
 * Eight threads incrementing one row that way lost an update within seconds in every run; with this data
 * source, none did. While a connection is open, its thread holds the database's lock in this JVM and, for a
 * database in a file, an exclusive lock on the file {@code <database>.lakehouse.lock} beside it, which other
 * processes that reach the database through H2's {@code AUTO_SERVER} take as well. Nested use on the same
 * thread is allowed (the lock is reentrant); a connection must be closed by the thread that opened it, as
 * Jdbi's handles are.
 */
public final class SerializedH2DataSource
        implements DataSource, Closeable
{
    // the databases of all instances in this JVM: two instances on one database share its lock
    private static final ConcurrentMap<String, DatabaseLock> DATABASE_LOCKS = new ConcurrentHashMap<>();

    private final JdbcConnectionPool pool;
    private final DatabaseLock databaseLock;

    public SerializedH2DataSource(String url, String user, String password, int maxConnections)
    {
        requireNonNull(url, "url is null");
        Optional<Path> lockFile = lockFile(url);
        this.databaseLock = DATABASE_LOCKS.computeIfAbsent(lockFile.map(Path::toString).orElse(url), _ -> new DatabaseLock(lockFile));
        this.pool = JdbcConnectionPool.create(url, requireNonNull(user, "user is null"), requireNonNull(password, "password is null"));
        pool.setMaxConnections(maxConnections);
    }

    /**
     * The file whose lock stands for a database in a file ({@code jdbc:h2:file:data/catalog;WRITE_DELAY=0} is
     * {@code <working directory>/data/catalog.lakehouse.lock}); an in-memory database has none. A database that an
     * H2 server keeps ({@code tcp:}, {@code ssl:}) is refused: its other clients are out of this lock's reach, so
     * their transactions and ours would run at once and lose updates.
     */
    static Optional<Path> lockFile(String url)
    {
        String database = url.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (database.startsWith("tcp:") || database.startsWith("ssl:")) {
            throw new IllegalArgumentException(("Unsupported H2 database '%s': H2 loses updates when transactions of several clients of one H2 server run at once. "
                    + "Use jdbc:h2:file:<path>;AUTO_SERVER=TRUE to share a database between the processes of one machine, or jdbc:postgresql://host:port/database").formatted(url));
        }
        if (database.startsWith("mem:")) {
            return Optional.empty();
        }
        database = database.replaceFirst("^(file:|split:|nio:)", "");
        if (database.startsWith("~")) {
            database = System.getProperty("user.home") + database.substring(1);
        }
        return Optional.of(Path.of(database + ".lakehouse.lock").toAbsolutePath().normalize());
    }

    @Override
    public Connection getConnection()
            throws SQLException
    {
        databaseLock.lock();
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

    /**
     * A database's lock: a thread of this JVM, and for a database in a file, the lock on its lock file,
     * taken when the thread's first connection opens and released when its last one closes.
     */
    private static final class DatabaseLock
    {
        private final ReentrantLock threads = new ReentrantLock(true);
        private final Optional<Path> lockFile;
        // guarded by threads
        private FileChannel lockedFile;

        DatabaseLock(Optional<Path> lockFile)
        {
            this.lockFile = requireNonNull(lockFile, "lockFile is null");
            // once, not at every lock: H2 makes the database's folder only when it first opens it
            lockFile.ifPresent(file -> {
                try {
                    createDirectories(file.getParent());
                }
                catch (IOException e) {
                    throw new UncheckedIOException("Cannot create the folder of %s, the embedded database's lock file".formatted(file), e);
                }
            });
        }

        void lock()
                throws SQLException
        {
            try {
                threads.lockInterruptibly();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for the embedded database", e);
            }
            if (threads.getHoldCount() > 1 || lockFile.isEmpty()) {
                return;
            }
            try {
                FileChannel channel = FileChannel.open(lockFile.get(), CREATE, WRITE);
                try {
                    channel.lock();
                }
                catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                lockedFile = channel;
            }
            catch (IOException | RuntimeException e) {
                threads.unlock();
                throw new SQLException("Cannot lock %s, which other processes on this database lock too: %s".formatted(lockFile.get(), e), e);
            }
        }

        void unlock()
        {
            try {
                if (threads.getHoldCount() == 1 && lockedFile != null) {
                    // closing the channel releases its lock
                    lockedFile.close();
                    lockedFile = null;
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            finally {
                threads.unlock();
            }
        }
    }
}
