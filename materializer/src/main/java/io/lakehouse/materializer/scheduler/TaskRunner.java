package io.lakehouse.materializer.scheduler;

import io.airlift.log.Logger;
import io.airlift.units.Duration;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.LeaseLostException;
import io.lakehouse.materializer.execution.ModelExecutionException;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.execution.TaskExecutor;
import io.lakehouse.materializer.execution.TaskPlan;
import io.lakehouse.materializer.execution.TaskResult;
import io.lakehouse.materializer.execution.TrinoSession;
import io.lakehouse.materializer.execution.Warehouse;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.RunState;
import io.lakehouse.materializer.ledger.TaskState;
import io.lakehouse.materializer.logging.TaskLogContext;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.Sensor;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.schedule.Interval;
import io.lakehouse.materializer.template.TemplateVariables;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.google.common.base.Throwables.getStackTraceAsString;
import static io.airlift.concurrent.MoreFutures.getFutureValue;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

/**
 * Executes the tasks of one run: each after the tasks of upstream models it reads (and, with
 * {@code depends_on_past}, after its model's previous interval), at most {@code concurrency} at a time and at most
 * {@code max_active_runs} per model, each under a lease in the ledger so that no other instance executes it at the
 * same time. A failed task is retried with exponential backoff; tasks that depend on a task that did not publish
 * are skipped. Every start, attempt and outcome is in the ledger before the listener hears of it.
 */
public final class TaskRunner
{
    private static final Logger log = Logger.get(TaskRunner.class);

    private final TrinoSessions sessions;
    private final TaskExecutor executor;
    private final Ledger ledger;
    private final String instance;
    private final Optional<Warehouse> warehouse;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final Set<TrinoSession> running = ConcurrentHashMap.newKeySet();

    private enum Outcome
    {
        SUCCEEDED, FAILED, SKIPPED
    }

    public TaskRunner(TrinoSessions sessions, TaskExecutor executor, Ledger ledger, String instance, Optional<Warehouse> warehouse)
    {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.instance = requireNonNull(instance, "instance is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
    }

    /**
     * Stops the run: running queries are cancelled (their staged data dropped), no further task starts.
     */
    public void cancel()
    {
        cancelled.countDown();
        running.forEach(TrinoSession::cancel);
    }

    public boolean isCancelled()
    {
        return cancelled.getCount() == 0;
    }

    /**
     * @param tasks the run's tasks in the order to start them when they are ready
     */
    public RunSummary run(RunId runId, String command, List<Task> tasks, ModelGraph graph, RunOptions options, TaskListener listener)
    {
        requireNonNull(command, "command is null");
        ledger.runStarted(runId, command, instance);
        return runRecorded(runId, tasks, graph, options, listener);
    }

    /**
     * Like {@link #run}, for a run the caller recorded as started in the ledger already.
     */
    public RunSummary runRecorded(RunId runId, List<Task> tasks, ModelGraph graph, RunOptions options, TaskListener listener)
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(tasks, "tasks is null");
        requireNonNull(graph, "graph is null");
        requireNonNull(options, "options is null");
        requireNonNull(listener, "listener is null");
        long start = System.nanoTime();
        listener.runStarted(tasks.size());

        List<Task> pending = new ArrayList<>(tasks);
        Map<Task, Outcome> outcomes = new HashMap<>();
        Map<TableName, Integer> activePerModel = new HashMap<>();
        List<TaskResult> succeeded = new ArrayList<>();
        Map<Task, String> failed = new LinkedHashMap<>();
        Map<Task, String> skipped = new LinkedHashMap<>();
        AtomicInteger done = new AtomicInteger();
        int total = tasks.size();

        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), Thread.ofPlatform().name("task-", 0).daemon().factory());
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lease-heartbeat").daemon().factory());
        ExecutorCompletionService<TaskOutcome> completions = new ExecutorCompletionService<>(pool);
        int inFlight = 0;
        boolean stopped = false;
        try {
            while (!pending.isEmpty() || inFlight > 0) {
                boolean dispatched = false;
                if (!stopped && !isCancelled()) {
                    for (int i = 0; i < pending.size() && inFlight < options.concurrency(); i++) {
                        Task task = pending.get(i);
                        Readiness readiness = readiness(task, tasks, outcomes, graph, activePerModel);
                        if (readiness instanceof Readiness.Blocked blocked) {
                            pending.remove(i--);
                            outcomes.put(task, Outcome.SKIPPED);
                            skip(runId, task, blocked.reason(), skipped, done, total, listener);
                            dispatched = true;
                            continue;
                        }
                        if (readiness instanceof Readiness.Ready) {
                            pending.remove(i--);
                            activePerModel.merge(task.model().name(), 1, Integer::sum);
                            completions.submit(() -> execute(runId, task, options, listener, heartbeats, done, total));
                            inFlight++;
                            dispatched = true;
                        }
                    }
                }
                else {
                    String reason = isCancelled() ? "the run was cancelled" : "the run stopped after a failure (use --continue-on-failure to run independent tasks)";
                    for (Task task : pending) {
                        outcomes.put(task, Outcome.SKIPPED);
                        skip(runId, task, reason, skipped, done, total, listener);
                    }
                    pending.clear();
                }
                if (inFlight == 0) {
                    if (!dispatched && !pending.isEmpty()) {
                        throw new IllegalStateException("no task of the run can start: " + pending);
                    }
                    continue;
                }
                if (dispatched && !pending.isEmpty() && inFlight < options.concurrency()) {
                    continue;
                }
                TaskOutcome outcome = take(completions);
                inFlight--;
                activePerModel.merge(outcome.task().model().name(), -1, Integer::sum);
                outcomes.put(outcome.task(), outcome.outcome());
                switch (outcome.outcome()) {
                    case SUCCEEDED -> succeeded.add(outcome.result().orElseThrow());
                    case FAILED -> {
                        failed.put(outcome.task(), outcome.message());
                        stopped |= !options.continueOnFailure();
                    }
                    case SKIPPED -> skipped.put(outcome.task(), outcome.message());
                }
            }
        }
        finally {
            pool.shutdownNow();
            heartbeats.shutdownNow();
        }
        RunState state = isCancelled() ? RunState.CANCELLED : (failed.isEmpty() && skipped.isEmpty() ? RunState.SUCCEEDED : RunState.FAILED);
        ledger.runFinished(runId, state, Optional.of("%s succeeded, %s failed, %s skipped".formatted(succeeded.size(), failed.size(), skipped.size())));
        return new RunSummary(runId, succeeded, failed, skipped, Duration.nanosSince(start));
    }

    private void skip(RunId runId, Task task, String reason, Map<Task, String> skipped, AtomicInteger done, int total, TaskListener listener)
    {
        skipped.put(task, reason);
        listener.taskSkipped(task, reason, done.incrementAndGet(), total);
    }

    private sealed interface Readiness
    {
        record Ready()
                implements Readiness {}

        record Waiting()
                implements Readiness {}

        record Blocked(String reason)
                implements Readiness {}
    }

    private Readiness readiness(Task task, List<Task> tasks, Map<Task, Outcome> outcomes, ModelGraph graph, Map<TableName, Integer> activePerModel)
    {
        Model model = task.model();
        Set<TableName> upstream = graph.upstream(model.name());
        boolean waiting = false;
        for (Task other : tasks) {
            // an interval-partitioned model reads its upstream models' overlapping intervals; a FULL or VIEW model everything up to its end
            boolean upstreamTask = upstream.contains(other.model().name()) && other.interval().start().isBefore(task.interval().end())
                    && (!model.kind().isPartitionedByInterval() || other.interval().end().isAfter(task.interval().start()));
            boolean pastTask = model.header().dependsOnPast() && other.model().name().equals(model.name()) && other.interval().end().equals(task.interval().start());
            if (!upstreamTask && !pastTask) {
                continue;
            }
            Outcome outcome = outcomes.get(other);
            if (outcome == null) {
                waiting = true;
            }
            else if (outcome != Outcome.SUCCEEDED) {
                return new Readiness.Blocked("%s %s did not publish".formatted(pastTask ? "the previous interval" : "upstream", other));
            }
        }
        if (waiting) {
            return new Readiness.Waiting();
        }
        if (model.header().dependsOnPast()) {
            Optional<String> past = pastMissing(task, tasks);
            if (past.isPresent()) {
                return new Readiness.Blocked(past.get());
            }
        }
        if (activePerModel.getOrDefault(model.name(), 0) >= model.header().maxActiveRuns()) {
            return new Readiness.Waiting();
        }
        return new Readiness.Ready();
    }

    private Optional<String> pastMissing(Task task, List<Task> tasks)
    {
        Model model = task.model();
        boolean inRun = tasks.stream().anyMatch(other -> other.model().name().equals(model.name()) && other.interval().end().equals(task.interval().start()));
        if (inRun || model.header().start().isEmpty() || !task.interval().start().isAfter(model.header().start().get().atStartOfDay())) {
            return Optional.empty();
        }
        boolean previousSucceeded = ledger.intervals(model.name().toString()).stream()
                .filter(record -> record.interval().end().equals(task.interval().start()))
                .anyMatch(record -> record.state() == TaskState.SUCCEEDED);
        return previousSucceeded ? Optional.empty() : Optional.of("depends_on_past: the interval before %s has not succeeded".formatted(task.interval()));
    }

    private record TaskOutcome(Task task, Outcome outcome, Optional<TaskResult> result, String message) {}

    private TaskOutcome execute(RunId runId, Task task, RunOptions options, TaskListener listener, ScheduledExecutorService heartbeats, AtomicInteger done, int total)
    {
        String model = task.model().name().toString();
        Interval interval = task.interval();
        try (TaskLogContext _ = TaskLogContext.enter(runId, model, interval)) {
            return executeLeased(runId, task, model, interval, options, listener, heartbeats, done, total);
        }
    }

    private TaskOutcome executeLeased(RunId runId, Task task, String model, Interval interval, RunOptions options, TaskListener listener, ScheduledExecutorService heartbeats, AtomicInteger done, int total)
    {
        if (!ledger.acquireLease(model, interval, instance, runId, options.leaseTtl())) {
            String reason = "another instance holds the lease of %s".formatted(task);
            listener.taskSkipped(task, reason, done.incrementAndGet(), total);
            return new TaskOutcome(task, Outcome.SKIPPED, Optional.empty(), reason);
        }
        boolean leaseReleased = false;
        long renewMillis = Math.max(options.leaseTtl().toMillis() / 3, 10);
        Future<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> {
            try (TaskLogContext _ = TaskLogContext.enter(runId, model, interval)) {
                if (!ledger.renewLease(model, interval, instance, options.leaseTtl())) {
                    log.warn("Lost the lease of %s", task);
                }
            }
        }, renewMillis, renewMillis, MILLISECONDS);
        try {
            if (!options.rerunSucceeded()) {
                Optional<RunId> published = ledger.succeededRun(model, interval);
                if (published.isPresent()) {
                    String reason = "already published by run %s".formatted(published.get());
                    listener.taskSkipped(task, reason, done.incrementAndGet(), total);
                    return new TaskOutcome(task, Outcome.SKIPPED, Optional.empty(), reason);
                }
            }
            int attempts = task.model().header().retries() + 1;
            String lastError = "";
            boolean leaseLost = false;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                // the first attempt's start is recorded while it runs; its outcome is recorded after it
                CompletableFuture<Void> started;
                if (attempt == 1) {
                    started = CompletableFuture.runAsync(() -> ledger.taskStarted(runId, model, interval, instance), Ledger.WRITES);
                }
                else {
                    ledger.attemptStarted(runId, model, interval, attempt, instance);
                    started = CompletableFuture.completedFuture(null);
                }
                listener.taskStarted(task, attempt, done.get(), total);
                try (TrinoSession trino = sessions.open()) {
                    running.add(trino);
                    try {
                        if (isCancelled()) {
                            trino.cancel();
                        }
                        awaitSensor(task, trino);
                        TaskResult result = executor.execute(TaskPlan.of(task.model(), interval, runId, attempt, warehouse), trino, stats -> listener.queryProgress(task, stats),
                                () -> ledger.renewLease(model, interval, instance, options.leaseTtl()));
                        // the outcome, the versions whose data the task deleted and the lease's release are one ledger transaction
                        heartbeat.cancel(false);
                        getFutureValue(started);
                        ledger.taskSucceeded(runId, model, interval, attempt, result.rows(), result.queryId(), result.checks().toString(), result.expired(), instance);
                        leaseReleased = true;
                        listener.taskSucceeded(task, result, done.incrementAndGet(), total);
                        return new TaskOutcome(task, Outcome.SUCCEEDED, Optional.of(result), "");
                    }
                    finally {
                        running.remove(trino);
                    }
                }
                catch (SQLException | RuntimeException e) {
                    awaitStart(started);
                    lastError = e instanceof SQLException ? "Cannot connect to Trino: " + e.getMessage() : e.getMessage();
                    if (!(e instanceof ModelExecutionException) && !(e instanceof SensorTimeoutException) && !(e instanceof SQLException)) {
                        log.error(e, "Task %s failed unexpectedly", task);
                        lastError = lastError + "\n" + getStackTraceAsString(e);
                    }
                    Optional<String> queryId = e instanceof ModelExecutionException failure ? failure.getQueryId() : Optional.empty();
                    Optional<String> checks = e instanceof ModelExecutionException failure && !failure.getChecks().isEmpty() ? Optional.of(failure.getChecks().toString()) : Optional.empty();
                    // the instance that took the lease over executes the task: its outcome is the interval's, not ours
                    leaseLost = e instanceof ModelExecutionException && e.getCause() instanceof LeaseLostException;
                    ledger.attemptFinished(runId, model, interval, attempt, leaseLost ? TaskState.ABANDONED : TaskState.FAILED, OptionalLong.empty(), queryId, checks, Optional.of(lastError));
                    boolean retrying = attempt < attempts && !isCancelled() && !(e instanceof SensorTimeoutException) && !leaseLost;
                    listener.taskFailed(task, lastError, retrying, retrying ? done.get() : done.get() + 1, total);
                    if (!retrying) {
                        break;
                    }
                    long delay = task.model().header().retryDelay().toMillis() << Math.min(attempt - 1, 20);
                    if (await(delay)) {
                        break;
                    }
                }
            }
            TaskState state = isCancelled() ? TaskState.CANCELLED : (leaseLost ? TaskState.ABANDONED : TaskState.FAILED);
            ledger.taskFinished(runId, model, interval, state, OptionalLong.empty(), Optional.empty(), Optional.of(lastError));
            done.incrementAndGet();
            return new TaskOutcome(task, Outcome.FAILED, Optional.empty(), lastError);
        }
        finally {
            heartbeat.cancel(false);
            if (!leaseReleased) {
                ledger.releaseLease(model, interval, instance);
            }
        }
    }

    private void awaitSensor(Task task, TrinoSession trino)
            throws SQLException
    {
        Optional<Sensor> sensor = task.model().header().sensor();
        if (sensor.isEmpty()) {
            return;
        }
        String sql = task.model().render(sensor.get().query(), TemplateVariables.forInterval(task.interval()));
        long deadline = System.nanoTime() + sensor.get().timeout().roundTo(TimeUnit.NANOSECONDS);
        while (true) {
            Boolean ready = trino.queryValue(sql, Boolean.class);
            if (Boolean.TRUE.equals(ready)) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new SensorTimeoutException("Model %s: the sensor of interval %s was not satisfied within %s: %s returned %s; the input has not arrived".formatted(
                        task.model(), task.interval(), sensor.get().timeout(), sql, ready));
            }
            if (await(sensor.get().poke().toMillis())) {
                throw new SensorTimeoutException("Model %s: waiting for the sensor of interval %s was cancelled".formatted(task.model(), task.interval()));
            }
        }
    }

    /**
     * @return whether the run was cancelled while waiting
     */
    private boolean await(long millis)
    {
        try {
            return cancelled.await(millis, MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static TaskOutcome take(ExecutorCompletionService<TaskOutcome> completions)
    {
        try {
            return completions.take().get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for tasks", e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("task failed unexpectedly", e.getCause());
        }
    }

    /**
     * Waits for the recording of a failed attempt's start, so that its outcome updates the recorded attempt.
     */
    private static void awaitStart(CompletableFuture<Void> started)
    {
        try {
            getFutureValue(started);
        }
        catch (RuntimeException e) {
            log.warn(e, "Recording the task's start in the ledger failed; its failure is recorded without it");
        }
    }

    private static final class SensorTimeoutException
            extends RuntimeException
    {
        SensorTimeoutException(String message)
        {
            super(message);
        }
    }
}
