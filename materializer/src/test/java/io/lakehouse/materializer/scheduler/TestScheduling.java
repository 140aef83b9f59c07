package io.lakehouse.materializer.scheduler;

import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.TaskResult;
import io.lakehouse.materializer.ledger.AttemptRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.TaskState;
import io.lakehouse.materializer.model.TableName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * Scheduling through the real parts: catch-up of missing intervals after downtime, backfill options, retries with
 * backoff, depends_on_past, sensors, and two instances racing over one ledger.
 */
@TestInstance(PER_CLASS)
final class TestScheduling
{
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    private TestingLakehouse lakehouse;

    @BeforeAll
    void start()
            throws Exception
    {
        lakehouse = new TestingLakehouse();
    }

    @AfterAll
    void stop()
            throws IOException
    {
        lakehouse.close();
    }

    @Test
    void catchUpRunsEveryDueIntervalNotYetPublishedAndAfterDowntimeOnlyTheNewOnes(@TempDir Path models)
            throws Exception
    {
        write(models, "daily.sql", """
                MODEL (name lake.catch_up.daily, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01', grace '2h');
                SELECT regionkey, {{ ds }} AS ds FROM tpch.tiny.region
                """);
        write(models, "latest.sql", """
                MODEL (name lake.catch_up.latest, kind FULL, start '2024-01-01', grace '2h');
                SELECT count(*) AS days, max(ds) AS ds FROM (SELECT DISTINCT ds FROM lake.catch_up.daily)
                """);
        ModelGraph graph = TestingLakehouse.models(models);
        try (Materializer materializer = lakehouse.materializer("catch_up", "instance-a")) {
            // at 01:00 on Jan 4 the interval of Jan 3 is inside its grace period
            List<Task> first = materializer.planner().catchUp(graph.models(), LocalDateTime.of(2024, 1, 4, 1, 0));
            assertThat(first).extracting(Task::toString).containsExactly(
                    "lake.catch_up.daily 2024-01-01",
                    "lake.catch_up.daily 2024-01-02",
                    "lake.catch_up.latest 2024-01-02");
            assertThat(run(materializer, graph, first, new RunOptions(2, false, RunOptions.DEFAULT_LEASE_TTL, false)).isSuccess()).isTrue();
            assertThat(materializer.planner().catchUp(graph.models(), LocalDateTime.of(2024, 1, 4, 1, 0))).isEmpty();

            // down for three days
            List<Task> afterDowntime = materializer.planner().catchUp(graph.models(), LocalDateTime.of(2024, 1, 7, 3, 0));
            assertThat(afterDowntime).extracting(Task::toString).containsExactly(
                    "lake.catch_up.daily 2024-01-03",
                    "lake.catch_up.daily 2024-01-04",
                    "lake.catch_up.daily 2024-01-05",
                    "lake.catch_up.daily 2024-01-06",
                    "lake.catch_up.latest 2024-01-06");
            RunSummary summary = run(materializer, graph, afterDowntime, new RunOptions(2, false, RunOptions.DEFAULT_LEASE_TTL, false));
            assertThat(summary.isSuccess()).isTrue();
        }
        assertThat(lakehouse.query("SELECT days, ds FROM lake.catch_up.latest").getMaterializedRows().getFirst().getFields())
                .containsExactly(6L, LocalDate.of(2024, 1, 6));
    }

    @Test
    void backfillRunsNewestFirstWithinTheConcurrencyCapContinuesOnFailureAndSkipsDownstreamOfFailures(@TempDir Path models)
            throws Exception
    {
        write(models, "fragile.sql", """
                MODEL (name lake.backfill.fragile, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT CAST(CASE WHEN day({{ ds }}) = 2 THEN 'broken' ELSE '1' END AS integer) AS value, {{ ds }} AS ds
                """);
        write(models, "downstream.sql", """
                MODEL (name lake.backfill.downstream, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT value, ds FROM lake.backfill.fragile WHERE ds = {{ ds }}
                """);
        write(models, "independent.sql", """
                MODEL (name lake.backfill.independent, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT 1 AS value, {{ ds }} AS ds
                """);
        ModelGraph graph = TestingLakehouse.models(models);
        try (Materializer materializer = lakehouse.materializer("backfill", "instance-a")) {
            List<Task> tasks = materializer.planner().backfill(graph.models(), START, START.plusDays(2), false, true);
            assertThat(tasks).extracting(Task::toString).startsWith("lake.backfill.fragile 2024-01-03");
            RecordingListener listener = new RecordingListener();

            RunSummary summary = materializer.run(TestingLakehouse.nextRunId(), "backfill", tasks, graph, new RunOptions(1, true, RunOptions.DEFAULT_LEASE_TTL, false), listener);

            assertThat(summary.failed().keySet()).as("failures: %s", summary.failed()).extracting(Task::toString).containsExactly("lake.backfill.fragile 2024-01-02");
            assertThat(summary.skipped()).hasSize(1).allSatisfy((task, reason) -> {
                assertThat(task.toString()).isEqualTo("lake.backfill.downstream 2024-01-02");
                assertThat(reason).isEqualTo("upstream lake.backfill.fragile 2024-01-02 did not publish");
            });
            assertThat(summary.succeeded()).hasSize(7);
            assertThat(listener.maxRunning.get()).isEqualTo(1);
            assertThat(listener.started.stream().filter(task -> task.model().name().table().equals("independent")).map(task -> task.interval().ds()))
                    .containsExactly(START.plusDays(2), START.plusDays(1), START);

            // without rerun only the failed and skipped intervals are left; with rerun, every interval again
            assertThat(materializer.planner().backfill(graph.models(), START, START.plusDays(2), false, false)).extracting(Task::toString)
                    .containsExactly("lake.backfill.fragile 2024-01-02", "lake.backfill.downstream 2024-01-02");
            assertThat(materializer.planner().backfill(graph.withDownstream(List.of(TableName.parse("lake.backfill.fragile"))), START, START.plusDays(2), true, false)).hasSize(6);
        }
    }

    @Test
    void failedAttemptIsRetriedWithBackoffAndDependsOnPastWaitsForThePreviousInterval(@TempDir Path models)
            throws Exception
    {
        lakehouse.query("CREATE SCHEMA IF NOT EXISTS lake.retry_source WITH (location = 's3://lake/retry_source/')");
        write(models, "flaky.sql", """
                MODEL (name lake.retry.flaky, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01', retries 2, retry_delay '1s', depends_on_past true);
                SELECT count(*) AS arrived, {{ ds }} AS ds FROM lake.retry_source.arrivals
                """);
        ModelGraph graph = TestingLakehouse.models(models);
        try (Materializer materializer = lakehouse.materializer("retry", "instance-a")) {
            // the source appears after the first attempt failed
            RecordingListener listener = new RecordingListener()
            {
                @Override
                public void taskFailed(Task task, String error, boolean retrying, int done, int total)
                {
                    super.taskFailed(task, error, retrying, done, total);
                    lakehouse.query("CREATE TABLE IF NOT EXISTS lake.retry_source.arrivals AS SELECT 1 AS id");
                }
            };
            List<Task> tasks = materializer.planner().backfill(graph.models(), START, START.plusDays(1), false, false);
            RunSummary summary = materializer.run(TestingLakehouse.nextRunId(), "backfill", tasks, graph, RunOptions.sequential(), listener);

            assertThat(summary.isSuccess()).isTrue();
            List<AttemptRecord> attempts = materializer.ledger().attempts(summary.runId());
            assertThat(attempts).extracting(AttemptRecord::attempt, AttemptRecord::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1, TaskState.FAILED),
                    org.assertj.core.groups.Tuple.tuple(2, TaskState.SUCCEEDED),
                    org.assertj.core.groups.Tuple.tuple(1, TaskState.SUCCEEDED));
            assertThat(attempts.getFirst().error()).hasValueSatisfying(error -> assertThat(error).contains("Table 'lake.retry_source.arrivals' does not exist"));
            assertThat(Duration.between(attempts.get(0).startedAt(), attempts.get(1).startedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

            // depends_on_past: the interval after one that never ran does not start
            List<Task> gap = materializer.planner().forDate(graph.models(), START.plusDays(3));
            RunSummary skipped = materializer.run(TestingLakehouse.nextRunId(), "run", gap, graph, RunOptions.sequential(), new TaskListener() {});
            assertThat(skipped.skipped().values()).containsExactly("depends_on_past: the interval before 2024-01-04 has not succeeded");
        }
    }

    @Test
    void sensorWaitsForTheInputAndFailsTheTaskWhenItTimesOut(@TempDir Path models)
            throws Exception
    {
        lakehouse.query("CREATE SCHEMA IF NOT EXISTS lake.sensor_source WITH (location = 's3://lake/sensor_source/')");
        lakehouse.query("CREATE TABLE lake.sensor_source.landed (ds date)");
        String model = """
                MODEL (name lake.sensor.waiting, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01',
                  sensor (sql = 'SELECT count(*) > 0 FROM lake.sensor_source.landed WHERE ds = {{ ds }}', timeout = '%s', poke = '200ms'));
                SELECT count(*) AS files, {{ ds }} AS ds FROM lake.sensor_source.landed WHERE ds = {{ ds }}
                """;
        write(models, "waiting.sql", model.formatted("1s"));
        ModelGraph impatient = TestingLakehouse.models(models);
        write(models, "waiting.sql", model.formatted("2m"));
        ModelGraph patient = TestingLakehouse.models(models);
        try (Materializer materializer = lakehouse.materializer("sensor", "instance-a")) {
            RunSummary timedOut = materializer.run(TestingLakehouse.nextRunId(), "run", materializer.planner().forDate(impatient.models(), START), impatient, RunOptions.sequential(), new TaskListener() {});
            assertThat(timedOut.failed().values()).singleElement().satisfies(error -> assertThat(error)
                    .contains("the sensor of interval 2024-01-01 was not satisfied within 1.00s")
                    .contains("the input has not arrived"));

            CountDownLatch started = new CountDownLatch(1);
            TaskListener listener = new TaskListener()
            {
                @Override
                public void taskStarted(Task task, int attempt, int done, int total)
                {
                    started.countDown();
                }
            };
            try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
                Future<RunSummary> waiting = executor.submit(() -> materializer.run(TestingLakehouse.nextRunId(), "run", materializer.planner().forDate(patient.models(), START), patient, RunOptions.sequential(), listener));
                assertThat(started.await(1, MINUTES)).isTrue();
                lakehouse.query("INSERT INTO lake.sensor_source.landed VALUES DATE '2024-01-01'");
                assertThat(waiting).isNotDone();
                RunSummary arrived = waiting.get();
                assertThat(arrived.isSuccess()).as("run: %s", arrived).isTrue();
            }
            assertThat(lakehouse.query("SELECT files FROM lake.sensor.waiting").getOnlyValue()).isEqualTo(1L);
        }
    }

    @Test
    void twoInstancesRacingOverOneLedgerExecuteEachTaskOnce(@TempDir Path models)
            throws Exception
    {
        write(models, "raced.sql", """
                MODEL (name lake.race.raced, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT nationkey, {{ ds }} AS ds FROM tpch.tiny.nation
                """);
        ModelGraph graph = TestingLakehouse.models(models);
        LocalDateTime now = LocalDateTime.of(2024, 1, 7, 0, 0);
        try (Materializer first = lakehouse.materializer("race", "instance-a");
                Materializer second = lakehouse.materializer("race", "instance-b");
                ExecutorService executor = Executors.newFixedThreadPool(2)) {
            RunOptions options = new RunOptions(2, true, RunOptions.DEFAULT_LEASE_TTL, false);
            Future<RunSummary> a = executor.submit(() -> first.run(TestingLakehouse.nextRunId(), "run", first.planner().catchUp(graph.models(), now), graph, options, new TaskListener() {}));
            Future<RunSummary> b = executor.submit(() -> second.run(TestingLakehouse.nextRunId(), "run", second.planner().catchUp(graph.models(), now), graph, options, new TaskListener() {}));
            RunSummary summaryA = a.get();
            RunSummary summaryB = b.get();

            assertThat(summaryA.failed()).isEmpty();
            assertThat(summaryB.failed()).isEmpty();
            assertThat(summaryA.succeeded().size() + summaryB.succeeded().size()).isEqualTo(6);
            Ledger ledger = first.ledger();
            List<AttemptRecord> attempts = new java.util.ArrayList<>(ledger.attempts(summaryA.runId()));
            attempts.addAll(ledger.attempts(summaryB.runId()));
            assertThat(attempts).hasSize(6);
            assertThat(attempts.stream().map(AttemptRecord::intervalStart).distinct()).hasSize(6);
        }
        assertThat(lakehouse.query("SELECT count(*), count(DISTINCT ds) FROM lake.race.raced").getMaterializedRows().getFirst().getFields()).containsExactly(150L, 6L);
    }

    private static RunSummary run(Materializer materializer, ModelGraph graph, List<Task> tasks, RunOptions options)
            throws Exception
    {
        return materializer.run(TestingLakehouse.nextRunId(), "test", tasks, graph, options, new TaskListener() {});
    }

    private static class RecordingListener
            implements TaskListener
    {
        final List<Task> started = new CopyOnWriteArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final Map<Task, String> failures = new ConcurrentHashMap<>();

        @Override
        public void taskStarted(Task task, int attempt, int done, int total)
        {
            started.add(task);
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        }

        @Override
        public void taskSucceeded(Task task, TaskResult result, int done, int total)
        {
            running.decrementAndGet();
        }

        @Override
        public void taskFailed(Task task, String error, boolean retrying, int done, int total)
        {
            running.decrementAndGet();
            failures.put(task, error);
        }
    }

    private static void write(Path directory, String file, String content)
            throws IOException
    {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(file), content);
    }
}
