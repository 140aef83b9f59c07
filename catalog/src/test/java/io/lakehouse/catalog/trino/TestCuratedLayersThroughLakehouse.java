package io.lakehouse.catalog.trino;

import io.lakehouse.trino.LakehouseQueryRunner;
import io.lakehouse.trino.S3ProxyServer;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogued layers reachable through catalog {@code lakehouse}: schemas come from the Glue catalog, tables are
 * redirected to the Hive catalog {@code lake}, and the metadata DBeaver lists (information_schema, system.jdbc) covers
 * them as well as the landing zone.
 */
final class TestCuratedLayersThroughLakehouse
        extends AbstractTestQueryFramework
{
    private Path dataDirectory;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        dataDirectory = Files.createTempDirectory("lakehouse-curated-test");
        S3ProxyServer s3 = closeAfterClass(S3ProxyServer.start(dataDirectory.resolve("s3"), "landing", "lake"));
        TestingGlueCatalog glue = closeAfterClass(TestingGlueCatalog.start(dataDirectory.resolve("catalog")));
        s3.putObject("landing", "orders/part-0.csv", "order_id,amount\n1,9.99\n2,20.00\n".getBytes(UTF_8));
        QueryRunner queryRunner = LakehouseQueryRunner.builder(s3.getEndpoint()).withGlue(glue.getEndpoint()).build();
        queryRunner.execute("CREATE SCHEMA lake.silver WITH (location = 's3://lake/silver/')");
        queryRunner.execute("CREATE TABLE lake.silver.orders WITH (format = 'PARQUET') AS SELECT * FROM lakehouse.landing.orders");
        queryRunner.execute("COMMENT ON TABLE lake.silver.orders IS 'Orders, typed'");
        queryRunner.execute("COMMENT ON COLUMN lake.silver.orders.amount IS 'Order total in EUR'");
        return queryRunner;
    }

    private static List<String> strings(ResultSet rows, String column)
            throws SQLException
    {
        try (rows) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(column));
            }
            return values;
        }
    }

    @AfterAll
    void deleteData()
            throws IOException
    {
        deleteRecursively(dataDirectory, ALLOW_INSECURE);
    }

    @Test
    void curatedSchemasAndTablesAreListedBesideLanding()
    {
        assertThat(computeActual("SHOW SCHEMAS FROM lakehouse").getOnlyColumnAsSet()).contains("landing", "silver");
        assertThat(computeActual("SHOW TABLES FROM lakehouse.silver").getOnlyColumnAsSet()).containsExactly("orders");
    }

    @Test
    void curatedTablesAreReadWrittenAndDescribedThroughTheHiveCatalog()
    {
        assertThat(query("SELECT order_id, amount FROM lakehouse.silver.orders")).matches("SELECT order_id, amount FROM lakehouse.landing.orders");
        assertUpdate("INSERT INTO lakehouse.silver.orders VALUES (3, 5.00)", 1);
        assertThat(query("SELECT count(*) FROM lake.silver.orders")).matches("VALUES BIGINT '3'");
        assertThat(query("DESCRIBE lakehouse.silver.orders")).result().rowCount().isEqualTo(2);
        assertThat((String) computeScalar("SHOW CREATE TABLE lakehouse.silver.orders")).startsWith("CREATE TABLE lake.silver.orders");
    }

    /**
     * What DBeaver asks through {@link DatabaseMetaData} to draw its navigator and column lists.
     */
    @Test
    void jdbcMetadataCoversLandingCuratedAndSystemTablesAsDbeaverReadsIt()
            throws SQLException
    {
        String url = "jdbc:trino://%s:%s".formatted(getDistributedQueryRunner().getCoordinator().getBaseUrl().getHost(), getDistributedQueryRunner().getCoordinator().getBaseUrl().getPort());
        try (Connection connection = DriverManager.getConnection(url, "dbeaver", null)) {
            DatabaseMetaData metadata = connection.getMetaData();
            assertThat(strings(metadata.getCatalogs(), "TABLE_CAT")).contains("lakehouse", "lake", "system", "tpch");
            assertThat(strings(metadata.getSchemas("lakehouse", null), "TABLE_SCHEM")).contains("information_schema", "landing", "silver");
            assertThat(strings(metadata.getTableTypes(), "TABLE_TYPE")).contains("TABLE", "VIEW");
            assertThat(strings(metadata.getTables("lakehouse", "landing", "%", null), "TABLE_NAME")).contains("orders");
            assertThat(strings(metadata.getTables("lakehouse", "silver", "%", new String[] {"TABLE"}), "TABLE_NAME")).containsExactly("orders");
            assertThat(strings(metadata.getTables("system", "runtime", "%", null), "TABLE_NAME")).contains("nodes", "queries");

            try (ResultSet columns = metadata.getColumns("lakehouse", "silver", "orders", "%")) {
                assertThat(columns.next()).isTrue();
                assertThat(columns.getString("COLUMN_NAME")).isEqualTo("order_id");
                assertThat(columns.getString("TYPE_NAME")).isEqualTo("bigint");
                assertThat(columns.next()).isTrue();
                assertThat(columns.getString("COLUMN_NAME")).isEqualTo("amount");
                assertThat(columns.getString("TYPE_NAME")).isEqualTo("decimal(18,2)");
                assertThat(columns.getString("REMARKS")).isEqualTo("Order total in EUR");
                assertThat(columns.next()).isFalse();
            }
            assertThat(strings(metadata.getColumns("lakehouse", "landing", "orders", "%"), "COLUMN_NAME")).containsExactly("order_id", "amount");
            assertThat(strings(metadata.getPrimaryKeys("lakehouse", "silver", "orders"), "COLUMN_NAME")).isEmpty();
        }
    }

    @Test
    void metadataClientsSeeColumnsOfLandingAndCuratedTables()
    {
        assertThat(query("SELECT table_schema, table_name, column_name, data_type FROM lakehouse.information_schema.columns WHERE table_name = 'orders'"))
                .matches("""
                        VALUES (VARCHAR 'landing', VARCHAR 'orders', VARCHAR 'order_id', VARCHAR 'bigint'), ('landing', 'orders', 'amount', 'decimal(18,2)'),
                          ('silver', 'orders', 'order_id', 'bigint'), ('silver', 'orders', 'amount', 'decimal(18,2)')
                        """);
        assertThat(query("SELECT table_schem, table_name, column_name FROM system.jdbc.columns WHERE table_cat = 'lakehouse' AND table_schem = 'silver'"))
                .matches("VALUES (VARCHAR 'silver', VARCHAR 'orders', VARCHAR 'order_id'), ('silver', 'orders', 'amount')");
        assertThat(query("SELECT schema_name, table_name, comment FROM system.metadata.table_comments WHERE catalog_name = 'lakehouse' AND table_name = 'orders'"))
                .matches("VALUES (VARCHAR 'landing', VARCHAR 'orders', VARCHAR 'Landing files of dataset orders'), ('silver', 'orders', 'Orders, typed')");
    }
}
