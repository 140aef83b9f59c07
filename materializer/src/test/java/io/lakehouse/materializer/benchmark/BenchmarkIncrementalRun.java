package io.lakehouse.materializer.benchmark;

import io.airlift.units.Duration;
import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;
import io.lakehouse.trino.benchmark.BenchmarkMachine;
import io.lakehouse.trino.benchmark.BenchmarkResult;
import io.lakehouse.trino.benchmark.BenchmarkResult.Comparison;
import io.lakehouse.trino.benchmark.BenchmarkResult.Figure;
import io.lakehouse.trino.benchmark.BenchmarkResult.Target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

/**
 * The cost of a daily run of an INCREMENTAL_BY_TIME_RANGE model whose table holds 30 days of history, against one
 * that holds 1 day: a run writes, checks and publishes one interval's partition, so history should not make it
 * slower (target: at most 1.2 times). Both models read the same partitioned source (TPC-H sf1 orders spread over
 * 31 days, about 48,000 rows a day) and run with the same checks; each measured run replaces the same interval.
 * <p>
 * Run: {@code bin/lakehouse bench incremental [--repetitions 5]}, or {@code java -cp <materializer test classpath>
 * io.lakehouse.materializer.benchmark.BenchmarkIncrementalRun [repetitions]}; with the system property
 * {@code bench.results} set to a folder it also writes its figures there for the combined report
 * ({@link BenchmarkResult}).
 */
public final class BenchmarkIncrementalRun
{
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final String MODEL = """
            MODEL (name lake.bench_incremental.%s, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01',
              checks (not_null(orderkey), unique(orderkey), row_count(min = 1)), table_properties (format = 'PARQUET'));
            SELECT orderkey, custkey, orderstatus, totalprice, orderpriority, ds FROM lake.bench_source.orders WHERE ds = {{ ds }}
            """;

    private BenchmarkIncrementalRun() {}

    public static void main(String[] args)
            throws Exception
    {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (TestingLakehouse lakehouse = new TestingLakehouse();
                Materializer materializer = lakehouse.materializer("benchmark", "benchmark")) {
            lakehouse.query("CREATE SCHEMA lake.bench_source WITH (location = 's3://lake/bench_source/')");
            lakehouse.query("""
                    CREATE TABLE lake.bench_source.orders WITH (format = 'PARQUET', partitioned_by = ARRAY['ds']) AS
                    SELECT orderkey, custkey, orderstatus, totalprice, orderpriority, date_add('day', orderkey % 31, DATE '2024-01-01') AS ds
                    FROM tpch.sf1.orders
                    """);
            Path models = lakehouse.directory().resolve("benchmark-models");
            Files.createDirectories(models);
            Files.writeString(models.resolve("one_day.sql"), MODEL.formatted("one_day"));
            Files.writeString(models.resolve("thirty_days.sql"), MODEL.formatted("thirty_days"));
            ModelGraph graph = TestingLakehouse.models(models);
            ModelGraph oneDay = select(graph, "lake.bench_incremental.one_day");
            ModelGraph thirtyDays = select(graph, "lake.bench_incremental.thirty_days");

            System.out.println("Preparing history: 1 day for one_day, 30 days for thirty_days");
            check(materializer.run(TestingLakehouse.nextRunId(), "history", materializer.planner().backfill(oneDay.models(), START, START, true, false), graph, new RunOptions(2, false, RunOptions.DEFAULT_LEASE_TTL, true), new TaskListener() {}));
            check(materializer.run(TestingLakehouse.nextRunId(), "history", materializer.planner().backfill(thirtyDays.models(), START, START.plusDays(29), true, false), graph, new RunOptions(2, false, RunOptions.DEFAULT_LEASE_TTL, true), new TaskListener() {}));

            String loadBefore = BenchmarkMachine.loadAverage();
            // warm up both paths once, then alternate so that drift in the machine's load hits both alike
            dailyRun(materializer, oneDay, graph, START.plusDays(1));
            dailyRun(materializer, thirtyDays, graph, START.plusDays(30));
            List<Long> oneDayMillis = new ArrayList<>();
            List<Long> thirtyDaysMillis = new ArrayList<>();
            for (int i = 0; i < repetitions; i++) {
                oneDayMillis.add(dailyRun(materializer, oneDay, graph, START.plusDays(1)));
                thirtyDaysMillis.add(dailyRun(materializer, thirtyDays, graph, START.plusDays(30)));
            }
            long oneDayMedian = median(oneDayMillis);
            long thirtyDaysMedian = median(thirtyDaysMillis);
            double ratio = (double) thirtyDaysMedian / oneDayMedian;
            System.out.println("Daily incremental run, median of %s: 1 day of history %s, 30 days of history %s, ratio %.2f (target <= 1.20): %s".formatted(
                    repetitions, new Duration(oneDayMedian, MILLISECONDS).convertToMostSuccinctTimeUnit(), new Duration(thirtyDaysMedian, MILLISECONDS).convertToMostSuccinctTimeUnit(),
                    ratio, ratio <= 1.2 ? "MET" : "MISSED"));
            System.out.println("  runs 1 day:   %s ms%n  runs 30 days: %s ms".formatted(oneDayMillis, thirtyDaysMillis));
            new BenchmarkResult(
                    "incremental-run",
                    "Incremental cost",
                    "A daily run (write, checks, publish of one interval) of an INCREMENTAL_BY_TIME_RANGE model whose table holds 30 days of history against one that holds 1 day, same source (TPC-H sf1 orders over 31 days, about 48,000 rows a day); median of %s runs each, alternating after a warm-up.".formatted(repetitions),
                    "%s before, %s after".formatted(loadBefore, BenchmarkMachine.loadAverage()),
                    List.of(Comparison.againstPeer("daily run, 30 days vs 1 day of history", Figure.seconds("30 days", thirtyDaysMedian / 1000.0), Figure.seconds("1 day", oneDayMedian / 1000.0), Optional.of(Target.ratioAtMost(1.2)))),
                    List.of("runs with 1 day of history: %s ms".formatted(oneDayMillis), "runs with 30 days of history: %s ms".formatted(thirtyDaysMillis)),
                    Optional.empty())
                    .writeToResultsFolder()
                    .ifPresent(file -> System.out.println("Result written to " + file));
        }
    }

    private static long dailyRun(Materializer materializer, ModelGraph models, ModelGraph graph, LocalDate ds)
            throws Exception
    {
        long start = System.nanoTime();
        check(materializer.run(TestingLakehouse.nextRunId(), "run --ds " + ds, materializer.planner().forDate(models.models(), ds), graph, RunOptions.sequential(), new TaskListener() {}));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static ModelGraph select(ModelGraph graph, String name)
    {
        return ModelGraph.of(graph.models().stream().filter(model -> model.name().toString().equals(name)).toList());
    }

    private static void check(RunSummary summary)
    {
        if (!summary.isSuccess()) {
            throw new IllegalStateException("Benchmark run failed: " + summary.failed() + " " + summary.skipped());
        }
    }

    private static long median(List<Long> values)
    {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
