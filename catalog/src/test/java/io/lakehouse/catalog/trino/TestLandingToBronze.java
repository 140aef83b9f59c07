package io.lakehouse.catalog.trino;

import com.google.common.collect.ImmutableMap;
import io.lakehouse.catalog.refresh.CatalogRefresh;
import io.lakehouse.catalog.refresh.ColumnStatistic;
import io.lakehouse.catalog.refresh.Publication;
import io.lakehouse.catalog.refresh.TableRefresh;
import io.lakehouse.trino.LakehouseQueryRunner;
import io.lakehouse.trino.S3ProxyServer;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The walking skeleton through real parts, on an in-process Trino: a landing TSV in S3 (S3Proxy) read by the lakehouse connector, written as
 * Parquet by the Hive connector into a table of the local Glue endpoint, read back, and read again after the endpoint
 * restarts on its on-disk database.
 */
final class TestLandingToBronze
        extends AbstractTestQueryFramework
{
    private static final String TITLE_BASICS = """
            tconst	titleType	primaryTitle	originalTitle	isAdult	startYear	endYear	runtimeMinutes	genres
            tt0000001	short	Carmencita	Carmencita	0	1894	\\N	1	Documentary,Short
            tt0000002	short	Le clown et ses chiens	Le clown et ses chiens	0	1892	\\N	5	Animation,Short
            tt0000003	movie	"Pauvre Pierrot	Pauvre Pierrot	0	1892	\\N	\\N	\\N
            """;

    private Path dataDirectory;
    private S3ProxyServer s3;
    private TestingGlueCatalog glue;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        dataDirectory = Files.createTempDirectory("lakehouse-test");
        s3 = closeAfterClass(S3ProxyServer.start(dataDirectory.resolve("s3"), "landing", "lake"));
        glue = closeAfterClass(TestingGlueCatalog.start(dataDirectory.resolve("catalog")));
        s3.putObject("landing", "title_basics/ds=2024-01-01/title.basics.tsv.gz", gzip(TITLE_BASICS));
        return LakehouseQueryRunner.builder(s3.getEndpoint()).withGlue(glue.getEndpoint()).build();
    }

    @AfterAll
    void deleteData()
            throws IOException
    {
        deleteRecursively(dataDirectory, ALLOW_INSECURE);
    }

    @Test
    void landingFolderIsTableWithInferredColumnsAndDatePartition()
    {
        assertThat(computeActual("SHOW TABLES FROM lakehouse.landing").getOnlyColumnAsSet()).contains("title_basics");
        assertThat(query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'landing' AND table_name = 'title_basics'"))
                .matches("""
                        VALUES
                          (VARCHAR 'tconst', VARCHAR 'varchar'), ('titletype', 'varchar'), ('primarytitle', 'varchar'),
                          ('originaltitle', 'varchar'), ('isadult', 'bigint'), ('startyear', 'bigint'), ('endyear', 'varchar'),
                          ('runtimeminutes', 'bigint'), ('genres', 'varchar'), ('ds', 'date')
                        """);
        assertThat(query("SELECT tconst, primarytitle, endyear, runtimeminutes, genres, ds FROM lakehouse.landing.title_basics"))
                .matches("""
                        VALUES
                          (VARCHAR 'tt0000001', VARCHAR 'Carmencita', CAST(NULL AS varchar), BIGINT '1', VARCHAR 'Documentary,Short', DATE '2024-01-01'),
                          ('tt0000002', 'Le clown et ses chiens', NULL, 5, 'Animation,Short', DATE '2024-01-01'),
                          ('tt0000003', '"Pauvre Pierrot', NULL, NULL, NULL, DATE '2024-01-01')
                        """);
    }

    @Test
    void landingTableBecomesParquetTableInGlueCatalogAndSurvivesCatalogRestart()
            throws IOException
    {
        assertUpdate("CREATE SCHEMA lake.bronze WITH (location = 's3://lake/bronze/')");
        assertUpdate("""
                CREATE TABLE lake.bronze.title_basics WITH (format = 'PARQUET') AS
                SELECT tconst, titletype, primarytitle, CAST(isadult AS boolean) AS isadult,
                       CAST(startyear AS integer) AS startyear, CAST(runtimeminutes AS integer) AS runtimeminutes, genres, ds
                FROM lakehouse.landing.title_basics
                """, 3);
        String expected = """
                VALUES
                  (VARCHAR 'tt0000001', false, 1894, 1),
                  ('tt0000002', false, 1892, 5),
                  ('tt0000003', false, 1892, CAST(NULL AS integer))
                """;
        assertThat(query("SELECT tconst, isadult, startyear, runtimeminutes FROM lake.bronze.title_basics")).matches(expected);
        assertThat(s3.listObjects("lake", "bronze/title_basics/")).isNotEmpty();
        assertThat(query("SELECT count(*) FROM lake.bronze.title_basics WHERE \"$path\" LIKE 's3://lake/bronze/title_basics/%'")).matches("VALUES BIGINT '3'");

        glue.restart();

        assertThat(query("SHOW TABLES FROM lake.bronze")).matches("VALUES VARCHAR 'title_basics'");
        assertThat(query("SELECT tconst, isadult, startyear, runtimeminutes FROM lake.bronze.title_basics")).matches(expected);

        assertUpdate("DROP TABLE lake.bronze.title_basics");
        assertThat(query("SHOW TABLES FROM lake.bronze")).returnsEmptyResult();
        assertUpdate("DROP SCHEMA lake.bronze");
    }

    @Test
    void partitionedTableKeepsPartitionsInCatalog()
    {
        assertUpdate("CREATE SCHEMA lake.partitioned WITH (location = 's3://lake/partitioned/')");
        assertUpdate("""
                CREATE TABLE lake.partitioned.titles WITH (format = 'PARQUET', partitioned_by = ARRAY['titletype']) AS
                SELECT tconst, primarytitle, titletype FROM lakehouse.landing.title_basics
                """, 3);
        assertUpdate("INSERT INTO lake.partitioned.titles VALUES ('tt9', 'Added later', 'tvSeries')", 1);
        assertThat(query("SELECT titletype, count(*) FROM lake.partitioned.titles GROUP BY titletype"))
                .matches("VALUES (VARCHAR 'short', BIGINT '2'), ('movie', 1), ('tvSeries', 1)");
        assertThat(query("SELECT tconst FROM lake.partitioned.titles WHERE titletype = 'movie'")).matches("VALUES VARCHAR 'tt0000003'");
        assertThat(query("SELECT titletype FROM lake.partitioned.\"titles$partitions\""))
                .matches("VALUES VARCHAR 'short', 'movie', 'tvSeries'");
        assertUpdate("DROP TABLE lake.partitioned.titles");
        assertUpdate("DROP SCHEMA lake.partitioned");
    }

    /**
     * What analysts do to curated tables through the Hive connector, each a different sequence of Glue calls: ANALYZE
     * (column statistics of a table and of its partitions), column and comment changes (UpdateTable), deleting a whole
     * partition (DeletePartition) and dropping.
     */
    @Test
    void hiveDdlAndAnalyzeKeepTheCatalogConsistent()
    {
        assertUpdate("CREATE SCHEMA lake.analyst WITH (location = 's3://lake/analyst/')");
        assertUpdate("""
                CREATE TABLE lake.analyst.titles WITH (format = 'PARQUET', partitioned_by = ARRAY['titletype']) AS
                SELECT tconst, startyear, titletype FROM lakehouse.landing.title_basics
                """, 3);

        assertUpdate("ANALYZE lake.analyst.titles", 3);
        // the Hive connector merges the partitions' statistics: distinct values are the largest partition's
        String analyzed = """
                VALUES
                  ('tconst', 27e0, 2e0, 0e0, NULL, NULL, NULL),
                  ('startyear', NULL, 2e0, 0e0, NULL, '1892', '1894'),
                  ('titletype', 15e0, 2e0, 0e0, NULL, NULL, NULL),
                  (NULL, NULL, NULL, NULL, 3e0, NULL, NULL)
                """;
        assertThat(query("SHOW STATS FOR lake.analyst.titles")).skippingTypesCheck().matches(analyzed);
        assertThat(query("SHOW STATS FOR (SELECT * FROM lake.analyst.titles WHERE titletype = 'movie')"))
                .skippingTypesCheck()
                .matches("""
                        VALUES
                          ('tconst', 9e0, 1e0, 0e0, NULL, NULL, NULL),
                          ('startyear', NULL, 1e0, 0e0, NULL, '1892', '1892'),
                          ('titletype', 5e0, 1e0, 0e0, NULL, NULL, NULL),
                          (NULL, NULL, NULL, NULL, 1e0, NULL, NULL)
                        """);

        // Trino 476's Hive connector never renames a table on Glue (as on AWS Glue, which has no rename); the endpoint's own rename is tested in TestGlueEndpointTables
        assertQueryFails("ALTER TABLE lake.analyst.titles RENAME TO lake.analyst.film_titles", "Table rename is not supported with current metastore configuration");
        assertUpdate("ALTER TABLE lake.analyst.titles ADD COLUMN rating double");
        assertUpdate("COMMENT ON TABLE lake.analyst.titles IS 'Titles with ratings'");
        assertUpdate("COMMENT ON COLUMN lake.analyst.titles.rating IS 'Average rating'");
        assertUpdate("INSERT INTO lake.analyst.titles VALUES ('tt9', 2024, 7.5, 'tvSeries')", 1);
        assertThat(query("SELECT tconst, rating, titletype FROM lake.analyst.titles WHERE startyear > 1892"))
                .matches("VALUES (VARCHAR 'tt0000001', CAST(NULL AS double), VARCHAR 'short'), ('tt9', 7.5, 'tvSeries')");
        assertThat(query("SELECT column_name, comment FROM lake.information_schema.columns WHERE table_schema = 'analyst' AND table_name = 'titles' AND column_name = 'rating'"))
                .matches("VALUES (VARCHAR 'rating', VARCHAR 'Average rating')");
        assertThat(query("SELECT comment FROM system.metadata.table_comments WHERE catalog_name = 'lake' AND schema_name = 'analyst'"))
                .matches("VALUES VARCHAR 'Titles with ratings'");

        assertUpdate("DELETE FROM lake.analyst.titles WHERE titletype = 'short'");
        assertThat(query("SELECT titletype FROM lake.analyst.\"titles$partitions\"")).matches("VALUES VARCHAR 'movie', 'tvSeries'");
        assertThat(query("SELECT count(*) FROM lake.analyst.titles")).matches("VALUES BIGINT '2'");

        assertUpdate("DROP TABLE lake.analyst.titles");
        assertUpdate("DROP SCHEMA lake.analyst");
        assertThat(computeActual("SHOW SCHEMAS FROM lake").getOnlyColumnAsSet()).doesNotContain("analyst");
    }

    @Test
    void refreshedStatisticsAndCommentsShowInTrino()
    {
        assertUpdate("CREATE SCHEMA lake.gold WITH (location = 's3://lake/gold/')");
        assertUpdate("CREATE TABLE lake.gold.titles WITH (format = 'PARQUET') AS SELECT tconst, primarytitle FROM lakehouse.landing.title_basics", 3);
        try (GlueClient glueClient = GlueClient.builder()
                .endpointOverride(glue.getEndpoint())
                .region(Region.of(S3ProxyServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            new CatalogRefresh(glueClient).refresh(TableRefresh.builder("gold", "titles", new Publication(
                            List.of("lakehouse.landing.title_basics"),
                            "run-42",
                            Instant.parse("2024-01-01T00:00:00Z"),
                            Instant.parse("2024-01-02T00:00:00Z"),
                            OptionalLong.of(3),
                            Instant.now()))
                    .tableComment("Titles of one landing day")
                    .columnComment("tconst", "IMDb title id")
                    .tableStatistics(List.of(ColumnStatistic.strings("tconst", 9, 9.0, 1, 2)))
                    .build());
        }

        // Trino caches statistics; the refresh happened behind its back
        assertUpdate("CALL lake.system.flush_metadata_cache()");
        MaterializedResult statistics = computeActual("SHOW STATS FOR lake.gold.titles");
        MaterializedRow tconst = statistics.getMaterializedRows().stream().filter(row -> "tconst".equals(row.getField(0))).findFirst().orElseThrow();
        assertThat(tconst.getField(2)).isEqualTo(2.0);
        assertThat((double) tconst.getField(3)).isCloseTo(1.0 / 3, within(1e-9));
        MaterializedRow summary = statistics.getMaterializedRows().stream().filter(row -> row.getField(0) == null).findFirst().orElseThrow();
        assertThat(summary.getField(4)).isEqualTo(3.0);
        assertThat(query("SELECT comment FROM system.metadata.table_comments WHERE catalog_name = 'lake' AND schema_name = 'gold' AND table_name = 'titles'"))
                .matches("VALUES VARCHAR 'Titles of one landing day'");
        assertThat(query("SELECT comment FROM lake.information_schema.columns WHERE table_schema = 'gold' AND table_name = 'titles' AND column_name = 'tconst'"))
                .matches("VALUES VARCHAR 'IMDb title id'");
        assertUpdate("DROP TABLE lake.gold.titles");
        assertUpdate("DROP SCHEMA lake.gold");
    }

    @Test
    void hiveConnectorSigningWithWrongSecretIsRefusedByCatalog()
    {
        getQueryRunner().createCatalog("lake_wrong_secret", "hive", ImmutableMap.<String, String>builder()
                .put("hive.metastore", "glue")
                .put("hive.metastore.glue.region", S3ProxyServer.REGION)
                .put("hive.metastore.glue.endpoint-url", glue.getEndpoint().toString())
                .put("hive.metastore.glue.aws-access-key", S3ProxyServer.ACCESS_KEY)
                .put("hive.metastore.glue.aws-secret-key", "not-the-secret")
                .put("hive.metastore.glue.max-error-retries", "1")
                .putAll(LakehouseQueryRunner.s3Properties(s3.getEndpoint()))
                .buildOrThrow());

        assertThat(query("SHOW SCHEMAS FROM lake_wrong_secret"))
                .failure()
                .hasMessageContaining("The request signature we calculated does not match the signature you provided");
        assertThat(computeActual("SHOW SCHEMAS FROM lake").getOnlyColumnAsSet()).contains("information_schema");
    }

    private static byte[] gzip(String text)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream output = new GZIPOutputStream(bytes)) {
            output.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }
}
