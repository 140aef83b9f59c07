package io.lakehouse.materializer.reliability;

import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.TrinoServer;
import io.lakehouse.materializer.execution.Warehouse;
import io.lakehouse.materializer.ledger.AttemptRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.TaskState;
import io.lakehouse.materializer.publish.GlueCatalog;
import io.lakehouse.materializer.publish.GlueOptions;
import io.lakehouse.materializer.reliability.FaultInjectingProxy.Fault;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;
import io.lakehouse.trino.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.google.common.collect.ImmutableMap.toImmutableMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The materializer behind proxies that fail a share of its Glue and Trino requests (503, throttling, connections
 * dropped before or after the server took the request) and replace one Trino statement in ten by one that fails:
 * retries finish the pipeline, and every interval holds its data once.
 */
@TestInstance(PER_CLASS)
final class TestInjectedFaults
{
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 10;

    private TestingLakehouse lakehouse;

    @BeforeAll
    void start()
            throws Exception
    {
        // queries whose client lost the connection are abandoned soon, so that the test can wait for them
        lakehouse = new TestingLakehouse(Map.of("query.client.timeout", "10s"));
    }

    @AfterAll
    void stop()
            throws IOException
    {
        lakehouse.close();
    }

    @Test
    void retriesFinishThePipelineThroughFailingGlueAndTrinoRequestsAndFailingStatements(@TempDir Path models)
            throws Exception
    {
        Files.writeString(models.resolve("orders.sql"), """
                MODEL (name lake.faults.orders, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01', retries 8, retry_delay '200ms', checks (unique(orderkey)));
                SELECT orderkey, custkey, totalprice, ds
                FROM (SELECT orderkey, custkey, CAST(totalprice AS decimal(12, 2)) AS totalprice, date_add('day', orderkey % 10, DATE '2024-01-01') AS ds FROM tpch.tiny.orders)
                WHERE ds = {{ ds }}
                """);
        Files.writeString(models.resolve("totals.sql"), """
                MODEL (name lake.faults.totals, kind FULL, start '2024-01-01', retries 8, retry_delay '200ms');
                SELECT count(*) AS orders, sum(totalprice) AS revenue FROM lake.faults.orders
                """);
        ModelGraph graph = TestingLakehouse.models(models);
        String throttling = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded (injected)\"}";
        RunSummary summary;
        try (FaultInjectingProxy glueProxy = new FaultInjectingProxy(lakehouse.glueEndpoint(), 0.1, 6, throttling);
                FaultInjectingProxy trinoProxy = new FaultInjectingProxy(lakehouse.trinoServer().uri(), 0.05, 0.1, 7, throttling);
                Materializer materializer = new Materializer(
                        Materializer.sessions(new TrinoServer(trinoProxy.uri(), "lakehouse")),
                        new GlueCatalog(new GlueOptions(Optional.of(glueProxy.uri()), S3ProxyServer.REGION, Optional.of(S3ProxyServer.ACCESS_KEY), Optional.of(S3ProxyServer.SECRET_KEY)).createClient()),
                        Ledger.open(lakehouse.ledgerUrl("faults"), "sa", "", Clock.systemUTC()),
                        Optional.of(new Warehouse("s3://lake/")),
                        "instance-a")) {
            summary = materializer.run(TestingLakehouse.nextRunId(), "backfill", materializer.planner().backfill(graph.models(), FROM, FROM.plusDays(DAYS - 1), false, false),
                    graph, new RunOptions(2, true, RunOptions.DEFAULT_LEASE_TTL, false), new TaskListener() {});
            List<AttemptRecord> attempts = materializer.ledger().attempts(summary.runId());
            long failedAttempts = attempts.stream().filter(attempt -> attempt.state() == TaskState.FAILED).count();
            long failedStatements = attempts.stream().filter(attempt -> attempt.error().orElse("").contains("injected failure")).count();

            // what the failures left: abandoned queries end, then a run of the models removes their staging tables
            glueProxy.enabled(false);
            trinoProxy.enabled(false);
            awaitNoRunningQueries();
            materializer.cleanLeftovers(graph.models());

            System.out.println(("injected faults: Glue %s of %s requests (503 %s, throttled %s, dropped before %s, after %s), Trino %s of %s requests (503 %s, 400 %s, dropped before %s, after %s, " +
                    "statements replaced by a failing one %s); attempts failed %s of %s, %s of them by a failing statement; tasks published %s/%s").formatted(
                    glueProxy.faults(), glueProxy.requests(), glueProxy.faults(Fault.UNAVAILABLE), glueProxy.faults(Fault.THROTTLED), glueProxy.faults(Fault.DROPPED_BEFORE), glueProxy.faults(Fault.DROPPED_AFTER),
                    trinoProxy.faults(), trinoProxy.requests(), trinoProxy.faults(Fault.UNAVAILABLE), trinoProxy.faults(Fault.THROTTLED), trinoProxy.faults(Fault.DROPPED_BEFORE), trinoProxy.faults(Fault.DROPPED_AFTER),
                    trinoProxy.faults(Fault.FAILING_STATEMENT), failedAttempts, attempts.size(), failedStatements, summary.succeeded().size(), DAYS + 1));
            assertThat(summary.failed()).as("failed tasks").isEmpty();
            assertThat(summary.succeeded()).hasSize(DAYS + 1);
            assertThat(glueProxy.faults()).isPositive();
            assertThat(trinoProxy.faults()).isPositive();
            assertThat(failedAttempts).isPositive();
            assertThat(failedStatements).isPositive();
        }

        String data = "SELECT ds, count(*), to_hex(checksum(row(orderkey, custkey, totalprice))) FROM %s GROUP BY ds";
        Map<Object, List<Object>> expected = rows(data.formatted("(SELECT orderkey, custkey, CAST(totalprice AS decimal(12, 2)) AS totalprice, date_add('day', orderkey % 10, DATE '2024-01-01') AS ds FROM tpch.tiny.orders)"));
        assertThat(rows(data.formatted("lake.faults.orders"))).isEqualTo(expected);
        assertThat(lakehouse.query("SELECT orders FROM lake.faults.totals").getOnlyValue()).isEqualTo(15000L);
        try (GlueCatalog glue = lakehouse.glueCatalog()) {
            assertThat(glue.getPartitions("faults", "orders")).hasSize(DAYS);
            assertThat(glue.listTables("faults", ".*__(stg|del)_.*")).isEmpty();
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
}
