package io.lakehouse.materializer.benchmark;

import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.Warehouse;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The materializer's own cost per task, beyond the time spent in Trino statements: 200 trivial FULL models (chains of
 * ten, so the graph has dependencies) run sequentially; the overhead is the run's wall time minus the time the JDBC
 * client waited for the run's statements, divided by the tasks. It
 * covers planning, the ledger (leases, attempts, intervals, versions), Glue calls (publish, drop staged metadata,
 * leftover scan), JDBC round trips and scheduling. Target: at most 20 ms per task.
 * <p>
 * Run: {@code java -cp <materializer test classpath> io.lakehouse.materializer.benchmark.BenchmarkOrchestrationOverhead [models]}
 */
public final class BenchmarkOrchestrationOverhead
{
    private BenchmarkOrchestrationOverhead() {}

    public static void main(String[] args)
            throws Exception
    {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        // keep every query of the run in system.runtime.queries
        LongAdder statementNanos = new LongAdder();
        try (TestingLakehouse lakehouse = new TestingLakehouse(Map.of("query.max-history", "10000"));
                Materializer materializer = new Materializer(
                        Materializer.sessions(lakehouse.trinoServer(), statementNanos),
                        lakehouse.glueCatalog(),
                        Ledger.open(lakehouse.ledgerUrl("benchmark"), "sa", "", Clock.systemUTC()),
                        Optional.of(new Warehouse("s3://lake/")),
                        "benchmark")) {
            Path models = lakehouse.directory().resolve("benchmark-models");
            Files.createDirectories(models);
            for (int i = 0; i < count; i++) {
                String source = i % 10 == 0 ? "(VALUES 1) AS t(x)" : "lake.bench_overhead.m%03d".formatted(i - 1);
                Files.writeString(models.resolve("m%03d.sql".formatted(i)), """
                        MODEL (name lake.bench_overhead.m%03d, kind FULL, retain_versions 0);
                        SELECT max(x) AS x FROM %s
                        """.formatted(i, source));
            }
            ModelGraph graph = TestingLakehouse.models(models);

            // the first run creates the schema and tables; the measured one replaces them, as a daily run does
            run(materializer, graph, LocalDate.of(2024, 1, 1));
            String since = lakehouse.query("SELECT CAST(current_timestamp AS varchar)").getOnlyValue().toString();
            statementNanos.reset();
            long start = System.nanoTime();
            RunSummary summary = run(materializer, graph, LocalDate.of(2024, 1, 2));
            double wallMillis = (System.nanoTime() - start) / 1e6;
            double clientMillis = statementNanos.sum() / 1e6;
            Object queries = lakehouse.query("""
                    SELECT count(*) FROM system.runtime.queries
                    WHERE source = 'lakehouse-materializer' AND created >= CAST('%s' AS timestamp(3) with time zone)
                    """.formatted(since)).getOnlyValue();
            double trinoMillis = ((Number) lakehouse.query("""
                    SELECT coalesce(sum(to_milliseconds("end" - created)), 0) FROM system.runtime.queries
                    WHERE source = 'lakehouse-materializer' AND created >= CAST('%s' AS timestamp(3) with time zone)
                    """.formatted(since)).getOnlyValue()).doubleValue();
            int tasks = summary.succeeded().size();
            double overhead = (wallMillis - clientMillis) / tasks;
            System.out.println(("""
                    %s trivial models, run sequentially: wall %.0f ms (%.1f ms per task)
                      waiting for Trino's %s statements, as the JDBC client sees it: %.0f ms (Trino's own elapsed time: %.0f ms)
                      orchestration overhead beyond the Trino statements: %.1f ms per task (target <= 20 ms): %s
                    """).formatted(tasks, wallMillis, wallMillis / tasks, queries, clientMillis, trinoMillis, overhead, overhead <= 20 ? "MET" : "MISSED"));
        }
    }

    private static RunSummary run(Materializer materializer, ModelGraph graph, LocalDate ds)
            throws Exception
    {
        RunSummary summary = materializer.run(TestingLakehouse.nextRunId(), "run --ds " + ds, materializer.planner().forDate(graph.models(), ds), graph, RunOptions.sequential(), new TaskListener() {});
        if (!summary.isSuccess()) {
            throw new IllegalStateException("Benchmark run failed: " + summary.failed() + " " + summary.skipped());
        }
        return summary;
    }
}
