package io.lakehouse.materializer.reliability;

import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.TestingPostgreSqlServer;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.ledger.AttemptRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.RunRecord;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * Two materializer instances with their own connections to one PostgreSQL ledger run the same backfill at the same
 * time: every task executes once, counted both in the ledger's attempts and in Trino's history of the statements
 * that write staging tables.
 */
@TestInstance(PER_CLASS)
final class TestConcurrentInstances
{
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 50;
    private static final Pattern STAGING_WRITE = Pattern.compile("CREATE TABLE \\S*?(\\w+)__stg_\\w+?__(\\d{8})\\b");

    private TestingLakehouse lakehouse;
    private TestingPostgreSqlServer postgres;

    @BeforeAll
    void start()
            throws Exception
    {
        // Trino keeps 100 queries in its history by default; the test counts every statement of the run
        lakehouse = new TestingLakehouse(Map.of("query.max-history", "10000"));
        postgres = TestingPostgreSqlServer.start();
    }

    @AfterAll
    void stop()
            throws IOException
    {
        lakehouse.close();
        postgres.close();
    }

    @Test
    void twoInstancesOnOnePostgresqlLedgerExecuteEveryTaskOnce(@TempDir Path models)
            throws Exception
    {
        Files.writeString(models.resolve("events.sql"), """
                MODEL (name lake.duel.events, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT orderkey, custkey, totalprice, ds
                FROM (SELECT orderkey, custkey, totalprice, date_add('day', orderkey % 50, DATE '2024-01-01') AS ds FROM tpch.tiny.orders)
                WHERE ds = {{ ds }}
                """);
        Files.writeString(models.resolve("daily.sql"), """
                MODEL (name lake.duel.daily, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT count(*) AS orders, sum(totalprice) AS revenue, ds FROM lake.duel.events WHERE ds = {{ ds }} GROUP BY ds
                """);
        ModelGraph graph = TestingLakehouse.models(models);
        int tasks = 2 * DAYS;
        RunOptions options = new RunOptions(2, true, RunOptions.DEFAULT_LEASE_TTL, false);
        try (Materializer first = instance("instance-a");
                Materializer second = instance("instance-b");
                ExecutorService executor = Executors.newFixedThreadPool(2)) {
            Future<RunSummary> a = executor.submit(() -> first.run(TestingLakehouse.nextRunId(), "backfill", first.planner().backfill(graph.models(), FROM, FROM.plusDays(DAYS - 1), false, false), graph, options, new TaskListener() {}));
            Future<RunSummary> b = executor.submit(() -> second.run(TestingLakehouse.nextRunId(), "backfill", second.planner().backfill(graph.models(), FROM, FROM.plusDays(DAYS - 1), false, false), graph, options, new TaskListener() {}));
            RunSummary summaryA = a.get();
            RunSummary summaryB = b.get();
            assertThat(summaryA.failed()).isEmpty();
            assertThat(summaryB.failed()).isEmpty();

            Map<String, Integer> ledgerAttempts = new HashMap<>();
            Ledger ledger = first.ledger();
            for (RunRecord run : ledger.runs(100)) {
                for (AttemptRecord attempt : ledger.attempts(run.runId())) {
                    ledgerAttempts.merge(attempt.model().substring(attempt.model().lastIndexOf('.') + 1) + " " + attempt.intervalStart().toLocalDate(), 1, Integer::sum);
                }
            }
            Map<String, Integer> trinoWrites = new HashMap<>();
            for (MaterializedRow row : lakehouse.query("SELECT query FROM system.runtime.queries WHERE query LIKE 'CREATE TABLE %duel%__stg_%'").getMaterializedRows()) {
                Matcher matcher = STAGING_WRITE.matcher((String) row.getField(0));
                assertThat(matcher.find()).as("statement %s", row.getField(0)).isTrue();
                String day = matcher.group(2);
                trinoWrites.merge(matcher.group(1) + " " + LocalDate.of(Integer.parseInt(day.substring(0, 4)), Integer.parseInt(day.substring(4, 6)), Integer.parseInt(day.substring(6))), 1, Integer::sum);
            }
            long ledgerDuplicates = ledgerAttempts.values().stream().filter(count -> count > 1).count();
            long trinoDuplicates = trinoWrites.values().stream().filter(count -> count > 1).count();
            System.out.println("concurrency: 2 instances, one PostgreSQL ledger, %s tasks (instance a executed %s, b %s; skipped a %s, b %s), duplicate executions: ledger %s, Trino query history %s".formatted(
                    tasks, summaryA.succeeded().size(), summaryB.succeeded().size(), summaryA.skipped().size(), summaryB.skipped().size(), ledgerDuplicates, trinoDuplicates));
            assertThat(ledgerAttempts).hasSize(tasks);
            assertThat(trinoWrites).hasSize(tasks);
            assertThat(ledgerDuplicates).isZero();
            assertThat(trinoDuplicates).isZero();
            assertThat(summaryA.succeeded().size() + summaryB.succeeded().size()).isEqualTo(tasks);
            assertThat(summaryA.succeeded()).isNotEmpty();
            assertThat(summaryB.succeeded()).isNotEmpty();
        }
        assertThat(lakehouse.query("SELECT count(*), sum(orders) FROM lake.duel.daily").getMaterializedRows().getFirst().getFields()).containsExactly((long) DAYS, 15000L);
    }

    private Materializer instance(String name)
    {
        return lakehouse.materializer(Ledger.open(postgres.getJdbcUrl(), TestingPostgreSqlServer.USER, "", Clock.systemUTC()), name);
    }
}
