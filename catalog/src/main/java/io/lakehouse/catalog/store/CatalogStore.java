package io.lakehouse.catalog.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import com.google.common.io.Resources;
import io.airlift.log.Logger;
import jakarta.annotation.PreDestroy;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Function;

import static com.google.common.base.Throwables.getCausalChain;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The catalog's database: opens it, creates the schema, and runs every Glue call as one transaction.
 * The database is an embedded H2 ({@code jdbc:h2:}), whose transactions run one at a time (see
 * {@link SerializedH2DataSource}), or a PostgreSQL server ({@code jdbc:postgresql:}) that several catalog
 * servers may share; the same SQL runs on both.
 */
public final class CatalogStore
        implements Closeable
{
    private static final Logger log = Logger.get(CatalogStore.class);

    // SQL states meaning another transaction touched the same rows first; a retry sees its result
    private static final Set<String> CONCURRENT_UPDATE_SQL_STATES = ImmutableSet.of(
            "40001", // serialization failure or deadlock
            "40P01", // PostgreSQL deadlock detected
            "55P03", // PostgreSQL lock not available
            "HYT00", // H2 lock timeout
            "90131", // H2 concurrent update of the same row
            "23505", // a concurrent transaction inserted the same key after this one checked for it
            "23503"); // a concurrent transaction deleted the parent (database, table, partition) of a new row

    private static final String POSTGRESQL_URL_PREFIX = "jdbc:postgresql:";

    private final String databaseUrl;
    private final Closeable connectionPool;
    private final Jdbi jdbi;
    private final DocumentCodec codec;

    public CatalogStore(String databaseUrl, String user, String password, int maxConnections, ObjectMapper objectMapper)
    {
        this.databaseUrl = requireNonNull(databaseUrl, "databaseUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        this.codec = new DocumentCodec(requireNonNull(objectMapper, "objectMapper is null"));
        if (isPostgreSql(databaseUrl)) {
            // one direct connection first, so that a wrong URL, user or password fails at once with the driver's message
            try (Connection _ = DriverManager.getConnection(databaseUrl, user, password)) {
                // connected
            }
            catch (SQLException e) {
                throw cannotOpen(databaseUrl, e);
            }
            HikariDataSource dataSource = postgreSqlPool(databaseUrl, user, password, maxConnections);
            this.connectionPool = dataSource;
            this.jdbi = Jdbi.create(dataSource);
        }
        else {
            SerializedH2DataSource dataSource = new SerializedH2DataSource(databaseUrl, user, password, maxConnections);
            this.connectionPool = dataSource;
            this.jdbi = Jdbi.create(dataSource);
        }
        try {
            prepareDatabase();
        }
        catch (RuntimeException e) {
            closePool();
            throw e;
        }
        log.info("Catalog database opened: %s", databaseUrl);
    }

    private static boolean isPostgreSql(String databaseUrl)
    {
        return databaseUrl.startsWith(POSTGRESQL_URL_PREFIX);
    }

    /**
     * A server's connections can break (restarts, failovers, idle timeouts), so they are checked and
     * replaced by a real pool; an embedded H2 database needs none of that.
     */
    private static HikariDataSource postgreSqlPool(String databaseUrl, String user, String password, int maxConnections)
    {
        HikariConfig config = new HikariConfig();
        config.setPoolName("lakehouse-catalog");
        config.setJdbcUrl(databaseUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private void prepareDatabase()
    {
        String script;
        try {
            script = Resources.toString(Resources.getResource(CatalogStore.class, "schema.sql"), UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            jdbi.useTransaction(handle -> handle.createScript(script).execute());
            if (!isPostgreSql(databaseUrl)) {
                // H2 flushes commits up to 500 ms late by default; a catalog acknowledges only what is on disk
                jdbi.useHandle(handle -> handle.execute("SET WRITE_DELAY 0"));
            }
        }
        catch (JdbiException e) {
            throw cannotOpen(databaseUrl, e);
        }
    }

    /**
     * Runs the work in one database transaction, committed when it returns and rolled back when it throws.
     */
    public <T> T inTransaction(Function<CatalogTransaction, T> work)
    {
        requireNonNull(work, "work is null");
        try {
            return jdbi.inTransaction(handle -> work.apply(new CatalogTransaction(handle, codec)));
        }
        catch (JdbiException e) {
            if (isConcurrentUpdate(e)) {
                throw new ConcurrentCatalogUpdateException("The catalog entry was changed by a concurrent request (%s); retry the request".formatted(rootMessage(e)), e);
            }
            throw new CatalogStoreException("Catalog database %s failed: %s".formatted(databaseUrl, rootMessage(e)), e);
        }
    }

    @PreDestroy
    @Override
    public void close()
    {
        // closing the last connection closes an embedded database, so the files can be opened again
        closePool();
        log.info("Catalog database closed: %s", databaseUrl);
    }

    private void closePool()
    {
        try {
            connectionPool.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CatalogStoreException cannotOpen(String databaseUrl, Exception e)
    {
        String advice = isPostgreSql(databaseUrl)
                ? "Check catalog.database-url, catalog.database-user and catalog.database-password, that the PostgreSQL server is running and accepts connections from this host, and that the database exists"
                : "Check catalog.database-url, catalog.database-user and catalog.database-password, and that no other process has the database open";
        return new CatalogStoreException("Cannot open the catalog database %s: %s. %s".formatted(databaseUrl, rootMessage(e), advice), e);
    }

    private static boolean isConcurrentUpdate(JdbiException e)
    {
        return getCausalChain(e).stream()
                .filter(SQLException.class::isInstance)
                .map(SQLException.class::cast)
                .anyMatch(sqlException -> CONCURRENT_UPDATE_SQL_STATES.contains(sqlException.getSQLState()));
    }

    private static String rootMessage(Throwable e)
    {
        return getCausalChain(e).stream()
                .filter(SQLException.class::isInstance)
                .findFirst()
                .orElse(e)
                .getMessage();
    }
}
