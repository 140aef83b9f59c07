package io.lakehouse.catalog.trino;

import com.google.common.collect.ImmutableMap;
import io.lakehouse.catalog.crawler.CrawlReport;
import io.lakehouse.catalog.crawler.CrawlReport.DatasetResult;
import io.lakehouse.catalog.crawler.Crawler;
import io.lakehouse.catalog.crawler.CrawlerCli;
import io.lakehouse.catalog.crawler.CrawlerOptions;
import io.lakehouse.catalog.crawler.SchemaChange;
import io.lakehouse.catalog.crawler.SchemaChangePolicy;
import io.lakehouse.trino.LakehouseConfig;
import io.lakehouse.trino.LakehouseQueryRunner;
import io.lakehouse.trino.S3ProxyServer;
import io.lakehouse.trino.inference.ScalarTypeManager;
import io.lakehouse.trino.landing.LandingInspector;
import io.opentelemetry.api.OpenTelemetry;
import io.trino.filesystem.s3.S3FileSystemConfig;
import io.trino.filesystem.s3.S3FileSystemFactory;
import io.trino.filesystem.s3.S3FileSystemStats;
import io.trino.spi.security.ConnectorIdentity;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableVersion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The crawler registers landing datasets in the Glue endpoint so that Trino's Hive connector reads through Glue
 * what the lakehouse connector reads from the landing zone: same columns, same types, same rows.
 */
final class TestCrawler
        extends AbstractTestQueryFramework
{
    private static final String TITLE_BASICS_HEADER = "tconst\ttitleType\tprimaryTitle\tisAdult\tstartYear\truntimeMinutes\tgenres\n";

    private Path dataDirectory;
    private S3ProxyServer s3;
    private TestingGlueCatalog catalog;
    private GlueClient glue;
    private S3FileSystemFactory fileSystems;
    private CrawlReport firstCrawl;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        dataDirectory = Files.createTempDirectory("lakehouse-crawler");
        s3 = closeAfterClass(S3ProxyServer.start(dataDirectory.resolve("s3"), "landing", "lake"));
        catalog = closeAfterClass(TestingGlueCatalog.start(dataDirectory.resolve("catalog")));
        glue = closeAfterClass(GlueClient.builder()
                .endpointOverride(catalog.getEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build());
        fileSystems = new S3FileSystemFactory(OpenTelemetry.noop(), new S3FileSystemConfig()
                .setEndpoint(s3.getEndpoint().toString())
                .setRegion(S3ProxyServer.REGION)
                .setPathStyleAccess(true)
                .setAwsAccessKey(S3ProxyServer.ACCESS_KEY)
                .setAwsSecretKey(S3ProxyServer.SECRET_KEY), new S3FileSystemStats());

        s3.putObject("landing", "title_basics/ds=2024-01-01/title.basics.tsv.gz", gzip(TITLE_BASICS_HEADER + """
                tt0000001	short	Carmencita	0	1894	1	Documentary,Short
                tt0000002	short	Le clown et ses chiens	0	1892	\\N	Animation,Short
                """));
        s3.putObject("landing", "title_basics/ds=2024-01-02/title.basics.tsv.gz", gzip(TITLE_BASICS_HEADER + """
                tt0000003	movie	Pauvre Pierrot	0	1892	4	\\N
                """));
        s3.putObject("landing", "ratings/2024/01/01/ratings.csv", """
                tconst,averageRating,numVotes,note
                tt0000001,7,2093,"short, silent"
                tt0000002,6,281,"the ""clown"" one"
                """.getBytes(UTF_8));
        s3.putObject("landing", "events/ds=2024-01-01/events.jsonl", """
                {"id": 1, "kind": "click", "ok": true, "user": "ann"}
                {"id": 2, "kind": "view", "ok": false, "user": null}
                """.getBytes(UTF_8));

        QueryRunner queryRunner = LakehouseQueryRunner.builder(s3.getEndpoint()).withGlue(catalog.getEndpoint()).build();
        firstCrawl = crawl(CrawlerOptions.defaults("landing_raw"));
        return queryRunner;
    }

    @AfterAll
    void cleanUp()
            throws IOException
    {
        fileSystems.destroy();
        deleteRecursively(dataDirectory, ALLOW_INSECURE);
    }

    @Test
    void crawlRegistersEveryDatasetWithItsFormatAndPartitions()
    {
        assertThat(firstCrawl.failed()).isFalse();
        assertThat(firstCrawl.datasets())
                .extracting(DatasetResult::table, DatasetResult::tableCreated, DatasetResult::partitionsAdded)
                .containsExactly(
                        tuple("events", true, 1),
                        tuple("ratings", true, 1),
                        tuple("title_basics", true, 2));

        Table titleBasics = table("landing_raw", "title_basics");
        assertThat(titleBasics.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
        assertThat(titleBasics.storageDescriptor().serdeInfo().parameters()).containsEntry("field.delim", "\t").containsEntry("serialization.null.format", "\\N");
        assertThat(titleBasics.storageDescriptor().location()).isEqualTo("s3://landing/title_basics/");
        assertThat(titleBasics.parameters()).containsEntry("classification", "tsv").containsEntry("skip.header.line.count", "1");
        assertThat(titleBasics.partitionKeys()).extracting(Column::name, Column::type).containsExactly(tuple("ds", "date"));
        assertThat(glue.getPartitions(request -> request.databaseName("landing_raw").tableName("title_basics")).partitions())
                .extracting(partition -> partition.storageDescriptor().location())
                .containsExactlyInAnyOrder("s3://landing/title_basics/ds=2024-01-01/", "s3://landing/title_basics/ds=2024-01-02/");

        Table ratings = table("landing_raw", "ratings");
        assertThat(ratings.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo("org.apache.hadoop.hive.serde2.OpenCSVSerde");
        assertThat(ratings.storageDescriptor().serdeInfo().parameters()).containsEntry("separatorChar", ",").containsEntry("quoteChar", "\"");
        assertThat(ratings.partitionKeys()).extracting(Column::name).containsExactly("landing_date");
        assertThat(table("landing_raw", "events").storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo("org.openx.data.jsonserde.JsonSerDe");
    }

    @Test
    void crawledTsvReadsTheSameColumnsAndRowsThroughHiveAsThroughLanding()
    {
        assertThat(query("SELECT column_name, data_type FROM lake.information_schema.columns WHERE table_schema = 'landing_raw' AND table_name = 'title_basics'"))
                .matches("SELECT column_name, data_type FROM lakehouse.information_schema.columns WHERE table_schema = 'landing' AND table_name = 'title_basics'");
        assertThat(query("SELECT * FROM lake.landing_raw.title_basics"))
                .matches("SELECT * FROM lakehouse.landing.title_basics");
        assertThat(query("SELECT tconst FROM lake.landing_raw.title_basics WHERE ds = DATE '2024-01-02'")).matches("VALUES VARCHAR 'tt0000003'");
    }

    @Test
    void crawledQuotedCsvReadsTheSameValuesAsTextThroughHive()
    {
        // OpenCSVSerde reads every column as a string; the inferred type is in the column comment
        assertThat(query("SELECT tconst, averagerating, numvotes, note, landing_date FROM lake.landing_raw.ratings"))
                .matches("SELECT tconst, CAST(averagerating AS varchar), CAST(numvotes AS varchar), note, landing_date FROM lakehouse.landing.ratings");
        assertThat(query("SELECT note FROM lake.landing_raw.ratings WHERE tconst = 'tt0000002'")).matches("VALUES VARCHAR 'the \"clown\" one'");
    }

    @Test
    void crawledJsonLinesReadTheSameRowsThroughHive()
    {
        assertThat(query("SELECT * FROM lake.landing_raw.events"))
                .matches("SELECT * FROM lakehouse.landing.events");
    }

    @Test
    void incrementalCrawlReadsOnlyNewFolders()
    {
        s3.putObject("landing", "daily/ds=2024-03-01/part-0.tsv", "id\tamount\n1\t10\n".getBytes(UTF_8));
        assertThat(dataset(crawl(CrawlerOptions.defaults("landing_incremental")), "daily").partitionsAdded()).isEqualTo(1);

        s3.putObject("landing", "daily/ds=2024-03-02/part-0.tsv", "id\tamount\n2\t20\n".getBytes(UTF_8));
        s3.putObject("landing", "daily/ds=2024-03-02/part-1.tsv", "id\tamount\n3\t30\n".getBytes(UTF_8));
        CrawlReport incremental = crawl(CrawlerOptions.defaults("landing_incremental").withIncremental(true));

        assertThat(incremental.failed()).isFalse();
        assertThat(dataset(incremental, "daily"))
                .extracting(DatasetResult::tableCreated, DatasetResult::partitionsAdded, DatasetResult::filesListed, DatasetResult::filesInferred)
                .containsExactly(false, 1, 2, 1);
        // the other datasets have no new folders: nothing is listed or inferred
        assertThat(incremental.datasets()).filteredOn(dataset -> !dataset.table().equals("daily"))
                .allSatisfy(dataset -> assertThat(dataset.filesListed()).isZero());
        assertThat(query("SELECT id, amount, ds FROM lake.landing_incremental.daily"))
                .matches("SELECT id, amount, ds FROM lakehouse.landing.daily");
        assertThat(crawl(CrawlerOptions.defaults("landing_incremental").withIncremental(true)).partitionsAdded()).isZero();
    }

    @Test
    void schemaChangesAddColumnsWidenTypesAndNeverDropColumns()
    {
        s3.putObject("landing", "orders/ds=2024-05-01/orders.tsv", "id\tamount\n1\t10\n".getBytes(UTF_8));
        crawl(CrawlerOptions.defaults("landing_changes"));

        s3.putObject("landing", "orders/ds=2024-05-02/orders.tsv", "id\tamount\tcurrency\n2\t12.5x\tEUR\n".getBytes(UTF_8));
        DatasetResult changed = dataset(crawl(CrawlerOptions.defaults("landing_changes").withIncremental(true)), "orders");
        assertThat(changed.changes())
                .extracting(SchemaChange::kind, SchemaChange::column, SchemaChange::before, SchemaChange::after, SchemaChange::applied)
                .containsExactly(
                        tuple(SchemaChange.Kind.WIDENED_TYPE, "amount", Optional.of("bigint"), Optional.of("varchar"), true),
                        tuple(SchemaChange.Kind.ADDED_COLUMN, "currency", Optional.empty(), Optional.of("varchar"), true));
        assertThat(query("SELECT id, amount, currency, ds FROM lake.landing_changes.orders"))
                .matches("SELECT id, amount, currency, ds FROM lakehouse.landing.orders");

        // the change log: one table version per change, naming it
        List<TableVersion> versions = glue.getTableVersions(request -> request.databaseName("landing_changes").tableName("orders")).tableVersions();
        assertThat(versions).extracting(version -> version.table().parameters().get(Crawler.CHANGE_PARAMETER))
                .containsExactly("orders: column amount bigint -> varchar; orders: new column currency varchar", "created with 2 columns");

        // a file without a column: the column stays; with policy LOG, a new column is only reported
        s3.putObject("landing", "orders/ds=2024-05-03/orders.tsv", "id\tcustomer\n3\tbob\n".getBytes(UTF_8));
        DatasetResult logged = dataset(crawl(CrawlerOptions.defaults("landing_changes").withIncremental(true).withSchemaChangePolicy(SchemaChangePolicy.LOG)), "orders");
        assertThat(logged.changes())
                .extracting(SchemaChange::kind, SchemaChange::column, SchemaChange::applied)
                .containsExactly(
                        tuple(SchemaChange.Kind.MISSING_COLUMN, "amount", false),
                        tuple(SchemaChange.Kind.MISSING_COLUMN, "currency", false),
                        tuple(SchemaChange.Kind.ADDED_COLUMN, "customer", false));
        assertThat(logged.partitionsAdded()).isEqualTo(1);
        assertThat(table("landing_changes", "orders").storageDescriptor().columns()).extracting(Column::name).containsExactly("id", "amount", "currency");
        assertThat(glue.getTableVersions(request -> request.databaseName("landing_changes").tableName("orders")).tableVersions()).hasSize(2);
    }

    @Test
    void newFoldersWithoutValuesForAColumnDoNotWidenIt()
    {
        s3.putObject("landing", "shipments/ds=2024-06-01/part-0.tsv", "id\tweight\n1\t10\n".getBytes(UTF_8));
        crawl(CrawlerOptions.defaults("landing_no_values"));

        s3.putObject("landing", "shipments/ds=2024-06-02/part-0.tsv", "id\tweight\n2\t\\N\n".getBytes(UTF_8));
        s3.putObject("landing", "shipments/ds=2024-06-03/part-0.tsv", "id\tweight\n".getBytes(UTF_8));
        DatasetResult crawled = dataset(crawl(CrawlerOptions.defaults("landing_no_values").withIncremental(true)), "shipments");

        assertThat(crawled.changes()).isEmpty();
        assertThat(crawled.partitionsAdded()).isEqualTo(2);
        assertThat(query("SELECT id, weight, ds FROM lake.landing_no_values.shipments"))
                .matches("SELECT id, weight, ds FROM lakehouse.landing.shipments");
    }

    @Test
    void commandLineCrawlsAndPrintsTheChangeLog()
    {
        Map<String, String> environment = ImmutableMap.<String, String>builder()
                .put("LAKEHOUSE_S3_ENDPOINT", s3.getEndpoint().toString())
                .put("LAKEHOUSE_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY)
                .put("LAKEHOUSE_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY)
                .put("LAKEHOUSE_GLUE_ENDPOINT", catalog.getEndpoint().toString())
                .put("LAKEHOUSE_GLUE_ACCESS_KEY", S3ProxyServer.ACCESS_KEY)
                .put("LAKEHOUSE_GLUE_SECRET_KEY", S3ProxyServer.SECRET_KEY)
                .put("LAKEHOUSE_REGION", S3ProxyServer.REGION)
                .buildOrThrow();

        Output crawl = run(List.of("crawl", "--landing", "s3://landing/", "--database", "landing_cli"), environment);
        assertThat(crawl.status()).isZero();
        assertThat(crawl.out()).contains("Full crawl into Glue database landing_cli").contains("title_basics (s3://landing/title_basics/): table created, 2 partitions added");
        assertThat(crawl.err()).contains("title_basics: table landing_cli.title_basics created (tsv, 7 columns, partitioned by [ds])");

        Output changes = run(List.of("changes", "--database", "landing_cli", "--table", "title_basics"), environment);
        assertThat(changes.status()).isZero();
        assertThat(changes.out()).contains("Change log of landing_cli.title_basics").contains("version 0 at ").contains("created with 7 columns");

        Map<String, String> wrongSecret = new HashMap<>(environment);
        wrongSecret.put("LAKEHOUSE_GLUE_SECRET_KEY", "wrong");
        Output wrongKey = run(List.of("crawl", "--landing", "s3://landing/", "--database", "landing_cli"), wrongSecret);
        assertThat(wrongKey.status()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("The request signature we calculated does not match");

        Output usage = run(List.of("crawl", "--database", "landing_cli"), environment);
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("crawl needs --landing with the landing location, for example s3://landing/").contains("usage: CrawlerCli crawl");
    }

    private CrawlReport crawl(CrawlerOptions options)
    {
        LandingInspector landing = new LandingInspector(
                fileSystems.create(ConnectorIdentity.ofUser("test")),
                new LakehouseConfig().setLandingLocation("s3://landing/"),
                new ScalarTypeManager());
        return new Crawler(landing, glue, options, Clock.systemUTC(), _ -> {}).crawl();
    }

    private static DatasetResult dataset(CrawlReport report, String table)
    {
        return report.datasets().stream().filter(dataset -> dataset.table().equals(table)).findFirst().orElseThrow();
    }

    private Table table(String database, String name)
    {
        return glue.getTable(request -> request.databaseName(database).name(name)).table();
    }

    private static Output run(List<String> args, Map<String, String> environment)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CrawlerCli.run(args, environment, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        return new Output(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    private record Output(int status, String out, String err) {}

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
