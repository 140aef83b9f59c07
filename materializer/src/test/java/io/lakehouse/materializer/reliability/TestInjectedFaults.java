package io.lakehouse.materializer.reliability;

import com.google.common.collect.ImmutableMap;
import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.TestingLakehouse.TrinoRoutes;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.TrinoServer;
import io.lakehouse.materializer.execution.Warehouse;
import io.lakehouse.materializer.ledger.AttemptRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.TaskState;
import io.lakehouse.materializer.publish.GlueCatalog;
import io.lakehouse.materializer.reliability.FaultInjectingProxy.Fault;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;
import io.lakehouse.trino.S3ProxyServer;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.google.common.collect.ImmutableMap.toImmutableMap;
import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.joining;
import static io.lakehouse.materializer.reliability.FaultInjectingProxy.Fault.DROPPED_AFTER;
import static io.lakehouse.materializer.reliability.FaultInjectingProxy.Fault.DROPPED_BEFORE;
import static io.lakehouse.materializer.reliability.FaultInjectingProxy.Fault.FAILING_STATEMENT;
import static io.lakehouse.materializer.reliability.FaultInjectingProxy.Fault.INTERNAL_ERROR;
import static io.lakehouse.materializer.reliability.FaultInjectingProxy.Fault.STALLED;
import static io.lakehouse.materializer.reliability.FaultInjectingProxy.Fault.THROTTLED;
import static io.lakehouse.materializer.reliability.FaultInjectingProxy.Fault.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The pipeline behind proxies that fail a share of every request it makes: Trino's S3 requests (both catalogs) and
 * Glue requests (Hive metastore and the curated layers), the materializer's Glue and Trino requests. The faults are
 * errors in each server's own shape (S3's 503 {@code SlowDown} and 500 {@code InternalError}, Glue's throttling and
 * 500), connections dropped before or after the server took the request, requests left unanswered until the client's
 * timeout, and one Trino statement in ten that writes a table replaced by one that fails. Retries finish the pipeline,
 * and every interval holds its data once: the tables equal those of the same pipeline run without faults.
 * <p>
 * Clients retry at two levels: the AWS SDKs retry a failed request (Trino's S3 client 3 attempts, set here since
 * Trino's default of 10 would hide every fault from the materializer; the Hive metastore's Glue client 3), and the
 * materializer retries a task whose statement or publish failed. Stalls cost a client's timeout each, so the test
 * sets S3's read timeout and the materializer's Glue timeout to 3 s; Trino 476 has no setting for its Glue clients'
 * timeout (the SDK's 30 s), so Trino's Glue proxy does not stall, nor does the Trino proxy (the JDBC driver waits minutes).
 */
@TestInstance(PER_CLASS)
final class TestInjectedFaults
{
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 10;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(3);
    private static final String SOURCE = "(SELECT orderkey, custkey, CAST(totalprice AS decimal(12, 2)) AS totalprice, date_add('day', orderkey % 10, DATE '2024-01-01') AS ds FROM tpch.tiny.orders)";

    // S3 sees many more requests than the others, and a stall costs a timeout: lower rates
    private static final Map<Fault, Double> S3_FAULTS = ImmutableMap.of(
            UNAVAILABLE, 0.02, THROTTLED, 0.02, INTERNAL_ERROR, 0.02, DROPPED_BEFORE, 0.02, DROPPED_AFTER, 0.02, STALLED, 0.01);
    private static final Map<Fault, Double> TRINO_GLUE_FAULTS = ImmutableMap.of(
            UNAVAILABLE, 0.02, THROTTLED, 0.02, INTERNAL_ERROR, 0.02, DROPPED_BEFORE, 0.02, DROPPED_AFTER, 0.02);
    private static final Map<Fault, Double> MATERIALIZER_GLUE_FAULTS = ImmutableMap.of(
            UNAVAILABLE, 0.02, THROTTLED, 0.02, INTERNAL_ERROR, 0.02, DROPPED_BEFORE, 0.02, DROPPED_AFTER, 0.02, STALLED, 0.02);
    private static final Map<Fault, Double> TRINO_FAULTS = ImmutableMap.of(
            UNAVAILABLE, 0.01, THROTTLED, 0.01, INTERNAL_ERROR, 0.01, DROPPED_BEFORE, 0.01, DROPPED_AFTER, 0.01, FAILING_STATEMENT, 0.1);

    private FaultInjectingProxy s3Proxy;
    private FaultInjectingProxy trinoGlueProxy;
    private FaultInjectingProxy materializerGlueProxy;
    private FaultInjectingProxy trinoProxy;
    private TestingLakehouse lakehouse;

    @BeforeAll
    void start()
            throws Exception
    {
        Map<String, String> s3Client = ImmutableMap.of(
                "s3.retry-mode", "STANDARD",
                // Trino 476 gives this to the SDK as its number of attempts
                "s3.max-error-retries", "3",
                "s3.socket-connect-timeout", CLIENT_TIMEOUT.toSeconds() + "s",
                "s3.socket-read-timeout", CLIENT_TIMEOUT.toSeconds() + "s");
        lakehouse = new TestingLakehouse(
                // queries whose client lost the connection are abandoned soon, so that the test can wait for them
                Map.of("query.client.timeout", "10s"),
                ImmutableMap.<String, String>builder().putAll(s3Client).put("hive.metastore.glue.max-error-retries", "3").buildOrThrow(),
                s3Client,
                new TrinoRoutes(
                        s3 -> (s3Proxy = proxy(s3, S3_FAULTS, ErrorShape.S3, 5)).uri(),
                        glue -> (trinoGlueProxy = proxy(glue, TRINO_GLUE_FAULTS, ErrorShape.GLUE, 6)).uri()));
        materializerGlueProxy = proxy(lakehouse.glueEndpoint(), MATERIALIZER_GLUE_FAULTS, ErrorShape.GLUE, 7);
        // the pipeline reads landing files through catalog lakehouse: a CSV file a day
        Map<Object, List<MaterializedRow>> days = lakehouse.query("SELECT orderkey, custkey, totalprice, ds FROM " + SOURCE).getMaterializedRows().stream()
                .collect(groupingBy(row -> row.getField(3)));
        days.forEach((ds, rows) -> lakehouse.s3().putObject("landing", "orders/ds=%s/orders.csv".formatted(ds), rows.stream()
                .map(row -> "%s,%s,%s\n".formatted(row.getField(0), row.getField(1), row.getField(2)))
                .collect(joining("", "orderkey,custkey,totalprice\n", ""))
                .getBytes(UTF_8)));
        trinoProxy = proxy(lakehouse.trinoServer().uri(), TRINO_FAULTS, ErrorShape.TRINO, 8);
    }

    @AfterAll
    void stop()
            throws IOException
    {
        lakehouse.close();
        for (FaultInjectingProxy proxy : List.of(s3Proxy, trinoGlueProxy, materializerGlueProxy, trinoProxy)) {
            proxy.close();
        }
    }

    @Test
    void retriesFinishThePipelineThroughFailingS3GlueAndTrinoRequestsAndFailingStatements(@TempDir Path models)
            throws Exception
    {
        long start = System.nanoTime();
        Run clean = run(models.resolve("clean"), "clean", false);
        Duration cleanTime = Duration.ofNanos(System.nanoTime() - start);
        assertThat(clean.summary().failed()).as("failed tasks without faults").isEmpty();

        start = System.nanoTime();
        Run faulty = run(models.resolve("faults"), "faults", true);
        Duration faultyTime = Duration.ofNanos(System.nanoTime() - start);

        List<FaultInjectingProxy> proxies = List.of(s3Proxy, trinoGlueProxy, materializerGlueProxy, trinoProxy);
        List<String> names = List.of("S3", "Trino's Glue", "materializer's Glue", "Trino");
        StringBuilder figures = new StringBuilder("injected faults: ");
        for (int i = 0; i < proxies.size(); i++) {
            figures.append(proxies.get(i).describe(names.get(i))).append("; ");
        }
        System.out.println(figures.append("attempts failed %s of %s (%s by a failing statement, %s by Trino's S3 or Glue requests, %s by the materializer's Trino or Glue requests); tasks published %s/%s; wall time %s s against %s s without faults (%s attempts)".formatted(
                faulty.failedAttempts(), faulty.attempts().size(), faulty.failedByStatement(), faulty.failedInTrino(), faulty.failedAttempts() - faulty.failedByStatement() - faulty.failedInTrino(),
                faulty.summary().succeeded().size(), DAYS + 1, seconds(faultyTime), seconds(cleanTime), clean.attempts().size())));

        assertThat(faulty.summary().failed()).as("failed tasks").isEmpty();
        assertThat(faulty.summary().succeeded()).hasSize(DAYS + 1);
        for (FaultInjectingProxy proxy : proxies) {
            assertThat(proxy.faults()).as("faults injected").isPositive();
        }
        assertThat(s3Proxy.faults(STALLED) + materializerGlueProxy.faults(STALLED)).as("stalls").isPositive();
        assertThat(faulty.failedAttempts()).isPositive();
        assertThat(faulty.failedByStatement()).isPositive();

        // every interval's data once: equal to the run without faults and to the source
        String data = "SELECT ds, count(*), to_hex(checksum(row(orderkey, custkey, totalprice))) FROM %s GROUP BY ds";
        Map<Object, List<Object>> expected = rows(data.formatted("lake.clean.orders"));
        assertThat(expected).hasSize(DAYS);
        assertThat(rows(data.formatted(SOURCE))).isEqualTo(expected);
        assertThat(rows(data.formatted("lake.faults.orders"))).isEqualTo(expected);
        // reads of the column lineage are repeated too
        assertThat(faulty.lineage()).isNotEmpty().isEqualTo(clean.lineage());
        assertThat(lakehouse.query("SELECT * FROM lake.faults.totals").getMaterializedRows())
                .isEqualTo(lakehouse.query("SELECT * FROM lake.clean.totals").getMaterializedRows());
        try (GlueCatalog glue = lakehouse.glueCatalog()) {
            assertThat(glue.getPartitions("faults", "orders")).hasSize(DAYS);
            assertThat(glue.listTables("faults", ".*__(stg|del)_.*")).isEmpty();
        }
    }

    /**
     * @param lineage each column's lineage the run recorded, its schema written {@code <schema>}
     */
    private record Run(RunSummary summary, List<AttemptRecord> attempts, Set<String> lineage)
    {
        long failedAttempts()
        {
            return attempts.stream().filter(attempt -> attempt.state() == TaskState.FAILED).count();
        }

        long failedByStatement()
        {
            return attempts.stream().filter(attempt -> attempt.error().orElse("").contains("injected failure")).count();
        }

        /**
         * Attempts whose query failed in Trino for another reason than a failing statement: Trino's S3 or Glue requests.
         */
        long failedInTrino()
        {
            return attempts.stream()
                    .map(attempt -> attempt.error().orElse(""))
                    .filter(error -> error.contains("Query failed (#") && !error.contains("injected failure"))
                    .count();
        }
    }

    /**
     * Runs the pipeline writing schema {@code schema}, with the proxies failing requests or not, and leaves no
     * leftovers of failed attempts.
     */
    private Run run(Path models, String schema, boolean faults)
            throws Exception
    {
        Files.createDirectories(models);
        Files.writeString(models.resolve("orders.sql"), """
                MODEL (name lake.%s.orders, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01', retries 12, retry_delay '200ms', checks (unique(orderkey)));
                SELECT orderkey, custkey, CAST(totalprice AS decimal(12, 2)) AS totalprice, ds
                FROM lakehouse.landing.orders
                WHERE ds = {{ ds }}
                """.formatted(schema));
        Files.writeString(models.resolve("totals.sql"), """
                MODEL (name lake.%1$s.totals, kind FULL, start '2024-01-01', retries 12, retry_delay '200ms');
                SELECT count(*) AS orders, sum(totalprice) AS revenue FROM lake.%1$s.orders
                """.formatted(schema));
        ModelGraph graph = TestingLakehouse.models(models);
        try (Materializer materializer = new Materializer(
                Materializer.sessions(new TrinoServer(trinoProxy.uri(), "lakehouse")),
                new GlueCatalog(glueClient(materializerGlueProxy.uri())),
                Ledger.open(lakehouse.ledgerUrl(schema), "sa", "", Clock.systemUTC()),
                Optional.of(new Warehouse("s3://lake/")),
                "instance-a")) {
            setFaults(faults);
            RunSummary summary;
            try {
                summary = materializer.run(TestingLakehouse.nextRunId(), "backfill", materializer.planner().backfill(graph.models(), FROM, FROM.plusDays(DAYS - 1), false, false),
                        graph, new RunOptions(2, true, RunOptions.DEFAULT_LEASE_TTL, false), new TaskListener() {});
            }
            finally {
                setFaults(false);
            }
            // what the failures left: abandoned queries end, then a run of the models removes their staging tables
            awaitNoRunningQueries();
            materializer.cleanLeftovers(graph.models());
            Set<String> lineage = materializer.ledger().lineage(Optional.empty()).stream()
                    .map(record -> (record.model() + " " + record.column()).replace(".%s.".formatted(schema), ".<schema>."))
                    .collect(toImmutableSet());
            return new Run(summary, materializer.ledger().attempts(summary.runId()), lineage);
        }
    }

    private void setFaults(boolean enabled)
    {
        for (FaultInjectingProxy proxy : List.of(s3Proxy, trinoGlueProxy, materializerGlueProxy, trinoProxy)) {
            proxy.enabled(enabled);
        }
    }

    /**
     * The materializer's Glue client as {@code GlueOptions} makes it, but timing out a stalled request in seconds.
     */
    private static GlueClient glueClient(URI endpoint)
    {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(S3ProxyServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CLIENT_TIMEOUT)
                        .socketTimeout(CLIENT_TIMEOUT)
                        .build())
                .build();
    }

    private static FaultInjectingProxy proxy(URI upstream, Map<Fault, Double> rates, ErrorShape errors, long seed)
    {
        try {
            FaultInjectingProxy proxy = new FaultInjectingProxy(upstream, rates, errors, seed);
            proxy.enabled(false);
            return proxy;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<Object, List<Object>> rows(String sql)
    {
        return lakehouse.query(sql).getMaterializedRows().stream()
                .collect(toImmutableMap(row -> row.getField(0), row -> row.getFields().subList(1, row.getFieldCount())));
    }

    private void awaitNoRunningQueries()
            throws InterruptedException
    {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while ((long) lakehouse.query("SELECT count(*) FROM system.runtime.queries WHERE state NOT IN ('FINISHED', 'FAILED') AND query NOT LIKE '%system.runtime.queries%'").getOnlyValue() > 0) {
            assertThat(System.nanoTime()).as("queries still running").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static String seconds(Duration duration)
    {
        return "%.1f".formatted(duration.toMillis() / 1000.0);
    }
}
