package io.lakehouse.materializer.server;

import com.google.common.collect.ImmutableList;
import com.google.inject.Inject;
import io.airlift.log.Logger;
import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.execution.TaskResult;
import io.lakehouse.materializer.ledger.RunRecord;
import io.lakehouse.materializer.ledger.RunState;
import io.lakehouse.materializer.ledger.VersionRecord;
import io.lakehouse.materializer.metrics.FreshnessMonitor;
import io.lakehouse.materializer.metrics.MaterializerStats;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.ModelLoader;
import io.lakehouse.materializer.model.ModelParser;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.Task;
import io.lakehouse.materializer.scheduler.TaskListener;
import jakarta.annotation.PreDestroy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.time.ZoneOffset.UTC;
import static java.util.Objects.requireNonNull;

/**
 * Starts runs of the service in the background: scheduled catch-up, triggered runs and backfills. The models are
 * read from their directory at every start, so edits take effect without a restart. Everything a run does is in
 * the ledger before the HTTP API reports it.
 */
public final class RunService
{
    private static final Logger log = Logger.get(RunService.class);

    private final Materializer materializer;
    private final MaterializerStats stats;
    private final FreshnessMonitor freshness;
    private final Path modelsDirectory;
    private final int concurrency;
    private final Clock clock;
    private final ExecutorService runs = Executors.newCachedThreadPool(Thread.ofPlatform().name("run-", 0).daemon().factory());
    private final AtomicBoolean catchingUp = new AtomicBoolean();

    @Inject
    public RunService(Materializer materializer, MaterializerStats stats, FreshnessMonitor freshness, MaterializerConfig config)
    {
        this(materializer, stats, freshness, Path.of(config.getModelsDirectory()), config.getConcurrency(), Clock.systemUTC());
    }

    public RunService(Materializer materializer, MaterializerStats stats, FreshnessMonitor freshness, Path modelsDirectory, int concurrency, Clock clock)
    {
        this.materializer = requireNonNull(materializer, "materializer is null");
        this.stats = requireNonNull(stats, "stats is null");
        this.freshness = requireNonNull(freshness, "freshness is null");
        this.modelsDirectory = requireNonNull(modelsDirectory, "modelsDirectory is null");
        this.concurrency = concurrency;
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Materializer materializer()
    {
        return materializer;
    }

    public ModelGraph models()
    {
        return ModelGraph.of(new ModelLoader(new ModelParser()).load(modelsDirectory));
    }

    public Path modelsDirectory()
    {
        return modelsDirectory;
    }

    public MaterializerStats stats()
    {
        return stats;
    }

    /**
     * Recomputes every model's freshness from the ledger.
     *
     * @return the freshness monitor
     */
    public FreshnessMonitor refreshFreshness()
    {
        freshness.refresh(models().models(), materializer.ledger(), now());
        return freshness;
    }

    public LocalDateTime now()
    {
        return LocalDateTime.ofInstant(clock.instant(), UTC);
    }

    /**
     * Runs every due interval not published yet, unless the previous catch-up is still running.
     *
     * @return the run, if one started
     */
    public Optional<RunSummary> catchUp()
            throws SQLException
    {
        if (!catchingUp.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            ModelGraph graph = models();
            List<Task> tasks = materializer.planner().catchUp(graph.models(), now());
            if (tasks.isEmpty()) {
                return Optional.empty();
            }
            RunId runId = RunId.generate(clock);
            stats.runStarted();
            try {
                return Optional.of(materializer.run(runId, "scheduled catch-up", tasks, graph, new RunOptions(concurrency, true, RunOptions.DEFAULT_LEASE_TTL, false), statsListener()));
            }
            finally {
                recordFinished(runId);
            }
        }
        finally {
            catchingUp.set(false);
        }
    }

    /**
     * Starts a run of the selected models (all if none) for the interval of {@code ds}, or their catch-up.
     */
    public RunId trigger(Optional<LocalDate> ds, List<String> select)
    {
        ModelGraph graph = models();
        List<Model> models = select(graph, select, false);
        List<Task> tasks = ds.isPresent()
                ? materializer.planner().forDate(models, ds.get())
                : materializer.planner().catchUp(models, now());
        RunOptions options = new RunOptions(concurrency, true, RunOptions.DEFAULT_LEASE_TTL, ds.isPresent());
        return start(ds.map(date -> "trigger --ds " + date).orElse("trigger"), tasks, graph, options);
    }

    /**
     * Starts a backfill; the tasks it runs are in the ledger under the returned run id.
     */
    public RunId backfill(LocalDate from, LocalDate to, List<String> select, boolean downstream, boolean reverse, boolean rerun, int backfillConcurrency, boolean continueOnFailure)
    {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to %s is before from %s".formatted(to, from));
        }
        ModelGraph graph = models();
        List<Task> tasks = materializer.planner().backfill(select(graph, select, downstream), from, to, rerun, reverse);
        return start("backfill %s %s".formatted(from, to), tasks, graph, new RunOptions(backfillConcurrency, continueOnFailure, RunOptions.DEFAULT_LEASE_TTL, rerun));
    }

    public List<Task> backfillPlan(LocalDate from, LocalDate to, List<String> select, boolean downstream, boolean reverse, boolean rerun)
    {
        ModelGraph graph = models();
        return materializer.planner().backfill(select(graph, select, downstream), from, to, rerun, reverse);
    }

    public boolean cancel(RunId runId)
    {
        return materializer.cancel(runId);
    }

    public VersionRecord rollback(String model, Optional<String> interval, Optional<RunId> to)
    {
        Model target = models().select(List.of(TableName.parse(model))).getFirst();
        return materializer.rollback(target, interval, to);
    }

    private RunId start(String command, List<Task> tasks, ModelGraph graph, RunOptions options)
    {
        RunId runId = RunId.generate(clock);
        // the run is in the ledger before the caller hears its id
        materializer.ledger().runStarted(runId, command, materializer.instance());
        stats.runStarted();
        runs.submit(() -> {
            try {
                RunSummary summary = materializer.runRecorded(runId, tasks, graph, options, statsListener());
                log.info("Run %s (%s): %s published, %s failed, %s skipped", runId, command, summary.succeeded().size(), summary.failed().size(), summary.skipped().size());
            }
            catch (SQLException | RuntimeException e) {
                log.error(e, "Run %s (%s) failed", runId, command);
            }
            finally {
                recordFinished(runId);
            }
        });
        return runId;
    }

    private TaskListener statsListener()
    {
        return new TaskListener()
        {
            @Override
            public void taskSucceeded(Task task, TaskResult result, int done, int total)
            {
                stats.taskSucceeded(result.elapsed(), result.rows());
            }

            @Override
            public void taskFailed(Task task, String error, boolean retrying, int done, int total)
            {
                if (!retrying) {
                    stats.taskFailed();
                }
            }

            @Override
            public void taskSkipped(Task task, String reason, int done, int total)
            {
                stats.taskSkipped();
            }
        };
    }

    private void recordFinished(RunId runId)
    {
        try {
            // the ledger has the run's final state; a run that threw before finishing counts as failed
            RunState state = materializer.ledger().run(runId).map(RunRecord::state).filter(finished -> finished != RunState.RUNNING).orElse(RunState.FAILED);
            stats.runFinished(state);
            refreshFreshness();
        }
        catch (RuntimeException e) {
            log.warn(e, "Recording the end of run %s in the metrics failed", runId);
        }
    }

    private static List<Model> select(ModelGraph graph, List<String> names, boolean downstream)
    {
        if (names.isEmpty()) {
            return graph.models();
        }
        List<TableName> tables = names.stream().map(TableName::parse).collect(toImmutableList());
        return ImmutableList.copyOf(downstream ? graph.withDownstream(tables) : graph.select(tables));
    }

    @PreDestroy
    public void stop()
    {
        materializer.cancelAll();
        runs.shutdownNow();
        materializer.close();
    }
}
