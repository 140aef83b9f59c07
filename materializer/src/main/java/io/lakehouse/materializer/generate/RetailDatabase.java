package io.lakehouse.materializer.generate;

import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.util.Objects.requireNonNull;

/**
 * The shop's OLTP database in PostgreSQL, with the seed's {@code retail.user_purchase} table. A day is loaded as the
 * seed loads its file: the shop's Latin-1 CSV export through {@code COPY ... FROM STDIN}, replacing what that day
 * had, in one transaction.
 */
public final class RetailDatabase
{
    public static final String TABLE = "retail.user_purchase";

    // the seed's DDL (setup/postgres/create_user_purchase.sql), and an index for the daily extract
    private static final List<String> SCHEMA = List.of(
            "CREATE SCHEMA IF NOT EXISTS retail",
            """
            CREATE TABLE IF NOT EXISTS retail.user_purchase (
                invoice_number varchar(10),
                stock_code varchar(20),
                detail varchar(1000),
                quantity int,
                invoice_date timestamp,
                unit_price numeric(8,3),
                customer_id int,
                country varchar(20)
            )""",
            "CREATE INDEX IF NOT EXISTS user_purchase_invoice_date ON retail.user_purchase (invoice_date)");

    private final String url;
    private final String user;
    private final String password;

    public RetailDatabase(String url, String user, String password)
    {
        this.url = requireNonNull(url, "url is null");
        this.user = requireNonNull(user, "user is null");
        this.password = requireNonNull(password, "password is null");
    }

    public String url()
    {
        return url;
    }

    /**
     * Replaces the purchases of {@code ds} with {@code purchases}.
     *
     * @return the number of rows loaded
     */
    public long load(LocalDate ds, List<Purchase> purchases)
    {
        requireNonNull(ds, "ds is null");
        requireNonNull(purchases, "purchases is null");
        ByteArrayOutputStream export = new ByteArrayOutputStream();
        try {
            TextFiles.plain(export, ISO_8859_1, writer -> OnlineRetailGenerator.write(purchases, writer));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : SCHEMA) {
                    statement.execute(sql);
                }
                // the export's dates are month first, as in the UCI file: 12/1/2010 8:26
                statement.execute("SET datestyle = 'ISO, MDY'");
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM retail.user_purchase WHERE invoice_date >= ? AND invoice_date < ?")) {
                delete.setTimestamp(1, Timestamp.valueOf(ds.atStartOfDay()));
                delete.setTimestamp(2, Timestamp.valueOf(ds.plusDays(1).atStartOfDay()));
                delete.executeUpdate();
            }
            long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY retail.user_purchase FROM STDIN WITH (FORMAT csv, HEADER true, ENCODING 'LATIN1')",
                    new ByteArrayInputStream(export.toByteArray()));
            connection.commit();
            return rows;
        }
        catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot load the purchases of %s into %s at %s as %s: %s. Start the database (bin/lakehouse up starts PostgreSQL), or point --postgres-url (env LAKEHOUSE_POSTGRES_URL) at it."
                    .formatted(ds, TABLE, url, user, e.getMessage()), e);
        }
    }

    private Connection connect()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "lakehouse-generate");
        return DriverManager.getConnection(url, properties);
    }
}
