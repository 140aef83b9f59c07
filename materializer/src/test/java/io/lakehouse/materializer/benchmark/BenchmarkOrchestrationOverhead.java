package io.lakehouse.materializer.benchmark;

import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.Warehouse;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.publish.GlueCatalog;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;
import io.lakehouse.trino.S3ProxyServer;
import io.lakehouse.trino.benchmark.BenchmarkMachine;
import io.lakehouse.trino.benchmark.BenchmarkResult;
import io.lakehouse.trino.benchmark.BenchmarkResult.Comparison;
import io.lakehouse.trino.benchmark.BenchmarkResult.Figure;
import io.lakehouse.trino.benchmark.BenchmarkResult.Target;
import io.trino.testing.MaterializedRow;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

import static java.util.stream.Collectors.joining;

/**
 * The materializer's own cost per task, beyond the time spent in Trino statements: 200 trivial FULL models (chains of
 * ten, so the graph has dependencies) run sequentially; the overhead is the run's wall time minus the time the JDBC
 * client waited for the run's statements, divided by the tasks, in each of several daily runs after the first (the
 * last one is reported: the steady state of a long-running service, not its JIT warm-up). It
 * covers planning, the ledger (leases, attempts, intervals, versions), Glue calls (publish, drop staged metadata,
 * leftover scan), JDBC round trips and scheduling. Target: at most 20 ms per task.
 * <p>
 * Run: {@code bin/lakehouse bench overhead [--models 200]}, or {@code java -cp <materializer test classpath>
 * io.lakehouse.materializer.benchmark.BenchmarkOrchestrationOverhead [models [measured runs]]}; with the system property
 * {@code bench.results} set to a folder it also writes its figures there for the combined report
 * ({@link BenchmarkResult}).
 */
public final class BenchmarkOrchestrationOverhead
{
    private BenchmarkOrchestrationOverhead() {}

    public static void main(String[] args)
            throws Exception
    {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int measuredRuns = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // keep every query of the run in system.runtime.queries
        LongAdder statementNanos = new LongAdder();
        GlueCallTimes glueCalls = new GlueCallTimes();
        try (TestingLakehouse lakehouse = new TestingLakehouse(Map.of("query.max-history", "10000"));
                Materializer materializer = new Materializer(
                        Materializer.sessions(lakehouse.trinoServer(), statementNanos),
                        new GlueCatalog(GlueClient.builder()
                                .endpointOverride(lakehouse.glueEndpoint())
                                .region(Region.of(S3ProxyServer.REGION))
                                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                                .httpClient(UrlConnectionHttpClient.create())
                                .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(glueCalls))
                                .build()),
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

            // the first run creates the schema and tables; the measured ones replace them, as daily runs do. The
            // JVM (Trino, the Glue endpoint, S3Proxy and the materializer in one) is still compiling its hot code
            // during the first measured runs; the last one is the steady state a long-running service reaches
            run(materializer, graph, LocalDate.of(2024, 1, 1));
            String loadBefore = BenchmarkMachine.loadAverage();
            List<MeasuredRun> runs = new ArrayList<>();
            for (int run = 1; run <= measuredRuns; run++) {
                runs.add(measure(lakehouse, materializer, graph, LocalDate.of(2024, 1, 1).plusDays(run), statementNanos, glueCalls));
                System.out.println("run %s of %s: %s".formatted(run, measuredRuns, runs.getLast().describe()));
            }
            MeasuredRun steady = runs.getLast();
            System.out.println("orchestration overhead beyond the Trino statements, run %s of %s: %.1f ms per task (target <= 20 ms): %s".formatted(
                    measuredRuns, measuredRuns, steady.overheadMillis(), steady.overheadMillis() <= 20 ? "MET" : "MISSED"));
            new BenchmarkResult(
                    "orchestration-overhead",
                    "Orchestration overhead",
                    "%s trivial FULL models in chains of ten, run sequentially by the materializer, %s daily runs after the one that creates the tables; overhead = a run's wall time minus the time the JDBC client waited for Trino's statements, per task (planning, ledger, Glue calls, scheduling); the figure is the last run's.".formatted(steady.tasks(), measuredRuns),
                    "%s before, %s after".formatted(loadBefore, BenchmarkMachine.loadAverage()),
                    List.of(Comparison.againstTarget("per task, beyond Trino's statements", new Figure("materializer", steady.overheadMillis(), "ms"), Target.figureAtMost(20))),
                    runs.stream().map(MeasuredRun::describe).toList(),
                    Optional.empty())
                    .writeToResultsFolder()
                    .ifPresent(file -> System.out.println("Result written to " + file));
        }
    }

    private record MeasuredRun(int tasks, double wallMillis, double clientMillis, long statements, double trinoMillis, String glueCalls)
    {
        double overheadMillis()
        {
            return (wallMillis - clientMillis) / tasks;
        }

        String describe()
        {
            return "overhead %.1f ms per task; wall %.0f ms, %.1f ms per task; waiting for Trino's %s statements %.0f ms as the client sees it (Trino's own elapsed time %.0f ms); Glue calls: %s".formatted(
                    overheadMillis(), wallMillis, wallMillis / tasks, statements, clientMillis, trinoMillis, glueCalls);
        }
    }

    private static MeasuredRun measure(TestingLakehouse lakehouse, Materializer materializer, ModelGraph graph, LocalDate ds, LongAdder statementNanos, GlueCallTimes glueCalls)
            throws Exception
    {
        String since = lakehouse.query("SELECT CAST(current_timestamp AS varchar)").getOnlyValue().toString();
        statementNanos.reset();
        glueCalls.reset();
        long start = System.nanoTime();
        RunSummary summary = run(materializer, graph, ds);
        double wallMillis = (System.nanoTime() - start) / 1e6;
        double clientMillis = statementNanos.sum() / 1e6;
        MaterializedRow statementCountAndMillis = lakehouse.query("""
                SELECT count(*), coalesce(sum(to_milliseconds("end" - created)), 0) FROM system.runtime.queries
                WHERE source = 'lakehouse-materializer' AND created >= CAST('%s' AS timestamp(3) with time zone)
                """.formatted(since)).getMaterializedRows().getFirst();
        int tasks = summary.succeeded().size();
        return new MeasuredRun(tasks, wallMillis, clientMillis, ((Number) statementCountAndMillis.getField(0)).longValue(), ((Number) statementCountAndMillis.getField(1)).doubleValue(),
                "%.1f per task, %.1f ms per task (%s)".formatted((double) glueCalls.calls() / tasks, glueCalls.millis() / tasks, glueCalls.describe(tasks)));
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

    /**
     * Counts the materializer's Glue calls by operation and the time each takes, as the client sees it.
     */
    private static final class GlueCallTimes
            implements ExecutionInterceptor
    {
        private static final ExecutionAttribute<Long> START = new ExecutionAttribute<>("benchmark-start");

        private final Map<String, LongAdder> counts = new ConcurrentSkipListMap<>();
        private final Map<String, LongAdder> nanos = new ConcurrentSkipListMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes)
        {
            attributes.putAttribute(START, System.nanoTime());
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes)
        {
            record(context.request(), attributes);
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes)
        {
            record(context.request(), attributes);
        }

        private void record(SdkRequest request, ExecutionAttributes attributes)
        {
            String operation = request.getClass().getSimpleName().replace("Request", "");
            counts.computeIfAbsent(operation, _ -> new LongAdder()).increment();
            nanos.computeIfAbsent(operation, _ -> new LongAdder()).add(System.nanoTime() - attributes.getAttribute(START));
        }

        void reset()
        {
            counts.clear();
            nanos.clear();
        }

        long calls()
        {
            return counts.values().stream().mapToLong(LongAdder::sum).sum();
        }

        double millis()
        {
            return nanos.values().stream().mapToLong(LongAdder::sum).sum() / 1e6;
        }

        String describe(int tasks)
        {
            return counts.entrySet().stream()
                    .map(entry -> "%s %.2f x %.1f ms".formatted(entry.getKey(), entry.getValue().sum() / (double) tasks, nanos.get(entry.getKey()).sum() / 1e6 / entry.getValue().sum()))
                    .collect(joining(", "));
        }
    }
}
