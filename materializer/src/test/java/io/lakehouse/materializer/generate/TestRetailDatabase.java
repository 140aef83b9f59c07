package io.lakehouse.materializer.generate;

import io.lakehouse.materializer.TestingPostgreSqlServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestRetailDatabase
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);

    private final OnlineRetailGenerator generator = new LandingDataGenerator(TitleBasicsGenerator.DEFAULT_SEED, new ScaleFactor(0.01)).retail();
    private TestingPostgreSqlServer postgres;
    private RetailDatabase database;

    @BeforeAll
    void startPostgres()
            throws Exception
    {
        postgres = TestingPostgreSqlServer.start();
        database = new RetailDatabase(postgres.getJdbcUrl(), TestingPostgreSqlServer.USER, "");
    }

    @AfterAll
    void stopPostgres()
            throws Exception
    {
        postgres.close();
    }

    @Test
    void testDayIsLoadedIntoTheSeedsTableAsExported()
            throws SQLException
    {
        List<Purchase> purchases = generator.purchases(DS);

        assertThat(database.load(DS, purchases)).isEqualTo(purchases.size());

        assertThat(read("WHERE invoice_date >= '2024-01-01' AND invoice_date < '2024-01-02'")).containsExactlyInAnyOrderElementsOf(purchases);
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet columns = statement.executeQuery("""
                        SELECT column_name, data_type FROM information_schema.columns
                        WHERE table_schema = 'retail' AND table_name = 'user_purchase' ORDER BY ordinal_position""")) {
            List<String> types = new ArrayList<>();
            while (columns.next()) {
                types.add(columns.getString(1) + " " + columns.getString(2));
            }
            assertThat(types).containsExactly(
                    "invoice_number character varying", "stock_code character varying", "detail character varying", "quantity integer",
                    "invoice_date timestamp without time zone", "unit_price numeric", "customer_id integer", "country character varying");
        }
    }

    @Test
    void testReloadingADayReplacesItAndKeepsOtherDays()
            throws SQLException
    {
        LocalDate day = DS.plusDays(10);
        LocalDate next = day.plusDays(1);
        database.load(day, generator.purchases(day));
        database.load(next, generator.purchases(next));
        database.load(day, generator.purchases(day));

        assertThat(read("WHERE invoice_date >= '2024-01-11' AND invoice_date < '2024-01-12'")).hasSameSizeAs(generator.purchases(day));
        assertThat(read("WHERE invoice_date >= '2024-01-12' AND invoice_date < '2024-01-13'")).hasSameSizeAs(generator.purchases(next));
    }

    private List<Purchase> read(String where)
            throws SQLException
    {
        List<Purchase> purchases = new ArrayList<>();
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM retail.user_purchase " + where)) {
            while (rows.next()) {
                int customerId = rows.getInt("customer_id");
                OptionalInt customer = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(customerId);
                purchases.add(new Purchase(
                        rows.getString("invoice_number"),
                        rows.getString("stock_code"),
                        rows.getString("detail"),
                        rows.getInt("quantity"),
                        rows.getObject("invoice_date", LocalDateTime.class),
                        rows.getBigDecimal("unit_price").setScale(2, RoundingMode.UNNECESSARY),
                        customer,
                        rows.getString("country")));
            }
        }
        return purchases;
    }
}
