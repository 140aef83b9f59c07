package io.lakehouse.materializer.ledger;

import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.lineage.ColumnLineage;
import io.lakehouse.materializer.lineage.LineageRecord;
import io.lakehouse.materializer.lineage.SourceColumn;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.schedule.Interval;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's behaviour, for each database it runs on.
 */
abstract class AbstractTestLedger
{
    private static final AtomicInteger MODELS = new AtomicInteger();
    private static final Interval DAY = new Interval(LocalDate.of(2024, 1, 1).atStartOfDay(), LocalDate.of(2024, 1, 2).atStartOfDay());

    protected final MutableClock clock = new MutableClock(Instant.parse("2024-01-02T06:00:00Z"));

    protected abstract Ledger ledger();

    /**
     * Another connection to the same database, as a second materializer instance has.
     */
    protected abstract Ledger secondInstance();

    @Test
    void leaseIsExclusiveUntilItExpiresAndThenTakenOver()
    {
        String model = newModel();
        try (Ledger other = secondInstance()) {
            assertThat(ledger().acquireLease(model, DAY, "instance-a", new RunId("run_a"), Duration.ofMinutes(2))).isTrue();
            assertThat(other.acquireLease(model, DAY, "instance-b", new RunId("run_b"), Duration.ofMinutes(2))).isFalse();
            assertThat(ledger().activeLeaseRuns()).contains(new RunId("run_a"));

            clock.advance(Duration.ofMinutes(1));
            assertThat(ledger().renewLease(model, DAY, "instance-a", Duration.ofMinutes(2))).isTrue();
            clock.advance(Duration.ofMinutes(1).plusSeconds(30));
            assertThat(other.acquireLease(model, DAY, "instance-b", new RunId("run_b"), Duration.ofMinutes(2))).isFalse();

            // instance-a dies: nobody renews its lease
            clock.advance(Duration.ofMinutes(1));
            assertThat(other.acquireLease(model, DAY, "instance-b", new RunId("run_b"), Duration.ofMinutes(2))).isTrue();
            assertThat(ledger().renewLease(model, DAY, "instance-a", Duration.ofMinutes(2))).isFalse();
            assertThat(ledger().activeLeaseRuns()).doesNotContain(new RunId("run_a")).contains(new RunId("run_b"));

            other.releaseLease(model, DAY, "instance-b");
            assertThat(ledger().acquireLease(model, DAY, "instance-a", new RunId("run_c"), Duration.ofMinutes(2))).isTrue();
        }
    }

    @Test
    void instancesRacingForTheSameLeaseGetItOnce()
            throws Exception
    {
        String model = newModel();
        int contenders = 8;
        try (ExecutorService executor = Executors.newFixedThreadPool(contenders)) {
            List<Callable<Boolean>> attempts = java.util.stream.IntStream.range(0, contenders)
                    .<Callable<Boolean>>mapToObj(i -> () -> ledger().acquireLease(model, DAY, "instance-" + i, new RunId("run_" + i), Duration.ofMinutes(2)))
                    .toList();
            long granted = 0;
            for (Future<Boolean> result : executor.invokeAll(attempts)) {
                granted += result.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(1);
        }
    }

    @Test
    void runsTasksAttemptsAndIntervalsAreRecorded()
    {
        String model = newModel();
        RunId runId = new RunId("run_" + model.replaceAll("\\W", "_"));
        ledger().runStarted(runId, "run --ds 2024-01-01", "instance-a");
        ledger().taskStarted(runId, model, DAY);
        ledger().attemptStarted(runId, model, DAY, 1, "instance-a");
        ledger().attemptFinished(runId, model, DAY, 1, TaskState.FAILED, OptionalLong.empty(), Optional.of("20240102_060000_00001_abcde"), Optional.empty(), Optional.of("Query exceeded limit"));
        ledger().taskFinished(runId, model, DAY, TaskState.FAILED, OptionalLong.empty(), Optional.empty(), Optional.of("Query exceeded limit"));
        assertThat(ledger().succeededRun(model, DAY)).isEmpty();
        ledger().attemptStarted(runId, model, DAY, 2, "instance-a");
        ledger().attemptFinished(runId, model, DAY, 2, TaskState.SUCCEEDED, OptionalLong.of(42), Optional.of("20240102_060100_00002_abcde"), Optional.of("[unique(id) passed]"), Optional.empty());
        ledger().taskFinished(runId, model, DAY, TaskState.SUCCEEDED, OptionalLong.of(42), Optional.of("20240102_060100_00002_abcde"), Optional.empty());
        ledger().runFinished(runId, RunState.SUCCEEDED, Optional.of("1 succeeded"));

        assertThat(ledger().run(runId)).hasValueSatisfying(run -> {
            assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(run.startedAt()).isEqualTo(clock.now());
            assertThat(run.message()).contains("1 succeeded");
        });
        assertThat(ledger().tasks(runId)).singleElement().satisfies(task -> {
            assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(task.attempts()).isEqualTo(2);
            assertThat(task.rows()).hasValue(42);
        });
        assertThat(ledger().attempts(runId)).extracting(AttemptRecord::state, AttemptRecord::error)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TaskState.FAILED, Optional.of("Query exceeded limit")),
                        org.assertj.core.groups.Tuple.tuple(TaskState.SUCCEEDED, Optional.empty()));
        assertThat(ledger().intervals(model)).singleElement().satisfies(interval -> {
            assertThat(interval.interval()).isEqualTo(DAY);
            assertThat(interval.state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(interval.runId()).isEqualTo(runId);
        });
        assertThat(ledger().succeededRun(model, DAY)).hasValue(runId);
        assertThat(ledger().succeededRun(model, new Interval(DAY.start(), DAY.end().plusDays(1)))).isEmpty();
    }

    @Test
    void publishedVersionsAreRetainedAndRestored()
    {
        String model = newModel();
        ledger().versionPublished(model, "", new RunId("run_1"), "s3://lake/t__stg_run_1", "[]", OptionalLong.of(1));
        clock.advance(Duration.ofSeconds(1));
        ledger().versionPublished(model, "", new RunId("run_2"), "s3://lake/t__stg_run_2", "[]", OptionalLong.of(2));

        assertThat(ledger().versions(model, "")).extracting(VersionRecord::runId, VersionRecord::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new RunId("run_2"), VersionState.CURRENT),
                org.assertj.core.groups.Tuple.tuple(new RunId("run_1"), VersionState.RETAINED));

        clock.advance(Duration.ofSeconds(1));
        ledger().versionRestored(model, "", new RunId("run_1"));

        assertThat(ledger().versions(model, "")).extracting(VersionRecord::runId, VersionRecord::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new RunId("run_1"), VersionState.CURRENT),
                org.assertj.core.groups.Tuple.tuple(new RunId("run_2"), VersionState.RETAINED));
        assertThat(ledger().liveLocations(model)).containsExactlyInAnyOrder("s3://lake/t__stg_run_1", "s3://lake/t__stg_run_2");
    }

    @Test
    void taskSuccessExpiresTheVersionsWhoseDataTheTaskDeletedAndReleasesTheLease()
    {
        String model = newModel();
        RunId runId = new RunId("run_3");
        ledger().versionPublished(model, "2024-01-01", new RunId("run_1"), "s3://lake/t/run_1", "[]", OptionalLong.of(1));
        clock.advance(Duration.ofSeconds(1));
        ledger().versionPublished(model, "2024-01-01", new RunId("run_2"), "s3://lake/t/run_2", "[]", OptionalLong.of(2));
        clock.advance(Duration.ofSeconds(1));
        ledger().versionPublished(model, "2024-01-01", runId, "s3://lake/t/run_3", "[]", OptionalLong.of(3));
        ledger().versionPublished(model, "2024-01-02", new RunId("run_1"), "s3://lake/t/run_1_02", "[]", OptionalLong.of(1));
        assertThat(ledger().acquireLease(model, DAY, "instance-a", runId, Duration.ofMinutes(2))).isTrue();
        ledger().runStarted(runId, "run --ds 2024-01-01", "instance-a");
        ledger().taskStarted(runId, model, DAY, "instance-a");

        ledger().taskSucceeded(runId, model, DAY, 1, 3, "20240102_060000_00003_abcde", "[]", new ExpiredVersions("2024-01-01", List.of(new RunId("run_1"))), "instance-a");

        assertThat(ledger().versions(model, "2024-01-01")).extracting(VersionRecord::runId, VersionRecord::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(runId, VersionState.CURRENT),
                org.assertj.core.groups.Tuple.tuple(new RunId("run_2"), VersionState.RETAINED),
                org.assertj.core.groups.Tuple.tuple(new RunId("run_1"), VersionState.EXPIRED));
        // the same run's version of another partition stays
        assertThat(ledger().versions(model, "2024-01-02")).extracting(VersionRecord::state).containsExactly(VersionState.CURRENT);
        assertThat(ledger().succeededRun(model, DAY)).hasValue(runId);
        assertThat(ledger().activeLeaseRuns()).doesNotContain(runId);
    }

    @Test
    void columnLineageIsReplacedByEachPublishAlsoWhenTwoInstancesRecordAtOnce()
            throws Exception
    {
        String model = newModel();
        TableName titles = TableName.parse("lake.bronze.titles");
        TableName ratings = TableName.parse("lake.bronze.ratings");
        List<ColumnLineage> first = List.of(
                new ColumnLineage(1, "tconst", "varchar", List.of(new SourceColumn(titles, "tconst"))),
                new ColumnLineage(2, "score", "double", List.of(new SourceColumn(ratings, "averagerating"), new SourceColumn(ratings, "numvotes"))),
                new ColumnLineage(3, "origin", "varchar(4)", List.of()));
        ledger().lineageRecorded(model, new RunId("run_1"), first);
        ledger().lineageRecorded(newModel(), new RunId("run_1"), first);

        assertThat(ledger().lineage(Optional.of(model))).extracting(LineageRecord::column).containsExactlyElementsOf(first);
        assertThat(ledger().lineage(Optional.of(model))).allSatisfy(record -> {
            assertThat(record.runId()).isEqualTo(new RunId("run_1"));
            assertThat(record.recordedAt()).isEqualTo(clock.now());
        });
        assertThat(ledger().lineage(Optional.empty())).extracting(LineageRecord::model).contains(model).hasSizeGreaterThanOrEqualTo(6);

        List<ColumnLineage> second = List.of(new ColumnLineage(1, "tconst", "varchar", List.of(new SourceColumn(titles, "tconst"))));
        try (Ledger other = secondInstance(); ExecutorService executor = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 5; round++) {
                Future<?> mine = executor.submit(() -> ledger().lineageRecorded(model, new RunId("run_2"), first));
                Future<?> theirs = executor.submit(() -> other.lineageRecorded(model, new RunId("run_3"), second));
                mine.get();
                theirs.get();
                // one publish's lineage, never a mix of both
                List<ColumnLineage> recorded = ledger().lineage(Optional.of(model)).stream().map(LineageRecord::column).toList();
                assertThat(recorded).isIn(first, second);
            }
        }
    }

    @Test
    void latestTaskDurationIsThatOfTheModelsLatestSucceededTask()
    {
        String model = newModel();
        String other = newModel();
        String neverRun = newModel();
        Interval nextDay = new Interval(DAY.end(), DAY.end().plusDays(1));
        ledger().taskStarted(new RunId("run_duration_1"), model, DAY, "instance-a");
        clock.advance(Duration.ofSeconds(30));
        ledger().taskSucceeded(new RunId("run_duration_1"), model, DAY, 1, 10, "query_1", "[]", ExpiredVersions.NONE, "instance-a");
        ledger().taskStarted(new RunId("run_duration_2"), model, nextDay, "instance-a");
        ledger().taskStarted(new RunId("run_duration_2"), other, nextDay, "instance-a");
        clock.advance(Duration.ofSeconds(5));
        ledger().taskSucceeded(new RunId("run_duration_2"), model, nextDay, 1, 10, "query_2", "[]", ExpiredVersions.NONE, "instance-a");
        clock.advance(Duration.ofSeconds(7));
        ledger().taskSucceeded(new RunId("run_duration_2"), other, nextDay, 1, 10, "query_3", "[]", ExpiredVersions.NONE, "instance-a");
        // a failed task does not count
        ledger().taskStarted(new RunId("run_duration_3"), model, DAY, "instance-a");
        clock.advance(Duration.ofMinutes(5));
        ledger().taskFinished(new RunId("run_duration_3"), model, DAY, TaskState.FAILED, OptionalLong.empty(), Optional.empty(), Optional.of("failed"));

        assertThat(ledger().latestTaskDurations(List.of(model, other, neverRun)))
                .containsOnly(Map.entry(model, Duration.ofSeconds(5)), Map.entry(other, Duration.ofSeconds(12)));
        assertThat(ledger().latestTaskDurations(List.of())).isEmpty();
    }

    private static String newModel()
    {
        return "lake.ledger.model_" + MODELS.incrementAndGet() + "_" + System.nanoTime();
    }
}
