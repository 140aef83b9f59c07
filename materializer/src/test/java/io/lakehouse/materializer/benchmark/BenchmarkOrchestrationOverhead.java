package io.lakehouse.materializer.benchmark;

import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The materializer's own cost per task, beyond the time Trino spends on the task's queries: 200 trivial FULL models
 * (each reading the one before it every tenth model, so the graph has dependencies) run sequentially; the overhead is
 * the run's wall time minus the elapsed time Trino reports for every query of the run, divided by the tasks. It
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
        try (TestingLakehouse lakehouse = new TestingLakehouse();
                Materializer materializer = lakehouse.materializer("benchmark", "benchmark")) {
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
            long start = System.nanoTime();
            RunSummary summary = run(materializer, graph, LocalDate.of(2024, 1, 2));
            double wallMillis = (System.nanoTime() - start) / 1e6;
            Object queries = lakehouse.query("""
                    SELECT count(*) FROM system.runtime.queries
                    WHERE source = 'lakehouse-materializer' AND created >= CAST('%s' AS timestamp(3) with time zone)
                    """.formatted(since)).getOnlyValue();
            double trinoMillis = ((Number) lakehouse.query("""
                    SELECT coalesce(sum(to_milliseconds("end" - created)), 0) FROM system.runtime.queries
                    WHERE source = 'lakehouse-materializer' AND created >= CAST('%s' AS timestamp(3) with time zone)
                    """.formatted(since)).getOnlyValue()).doubleValue();
            double overhead = (wallMillis - trinoMillis) / summary.succeeded().size();
            System.out.printf("%s trivial models, run sequentially: wall %.0f ms, Trino query time %.0f ms over %s queries, orchestration overhead %.1f ms per task (target <= 20 ms): %s%n",
                    summary.succeeded().size(), wallMillis, trinoMillis, queries, overhead, overhead <= 20 ? "MET" : "MISSED");
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
