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
        return queryRunner;
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
