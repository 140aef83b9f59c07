package io.lakehouse.materializer.server;

import com.google.inject.Inject;
import io.airlift.log.Logger;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * The service's scheduler: at every tick, catches up the intervals that are due (each model's cron, start and
 * grace) and not yet published.
 */
public final class SchedulerLoop
{
    private static final Logger log = Logger.get(SchedulerLoop.class);

    private final RunService runs;
    private final MaterializerConfig config;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("scheduler").daemon().factory());

    @Inject
    public SchedulerLoop(RunService runs, MaterializerConfig config)
    {
        this.runs = requireNonNull(runs, "runs is null");
        this.config = requireNonNull(config, "config is null");
    }

    @PostConstruct
    public void start()
    {
        // the per-model freshness beans age while nothing runs
        executor.scheduleWithFixedDelay(this::refreshFreshness, 0, 30, SECONDS);
        if (!config.isSchedulerEnabled()) {
            log.info("Scheduler disabled; runs start only through the API");
            return;
        }
        long interval = config.getSchedulerInterval().toMillis();
        executor.scheduleWithFixedDelay(this::tick, 0, interval, MILLISECONDS);
    }

    private void tick()
    {
        try {
            runs.catchUp().ifPresent(summary -> log.info("Scheduled run %s: %s published, %s failed, %s skipped",
                    summary.runId(), summary.succeeded().size(), summary.failed().size(), summary.skipped().size()));
        }
        catch (Throwable e) {
            // the next tick tries again; a broken model file or an unreachable Trino must not stop the scheduler
            log.error(e, "Scheduled catch-up failed: %s", e.getMessage());
        }
    }

    private void refreshFreshness()
    {
        try {
            runs.refreshFreshness();
        }
        catch (Throwable e) {
            log.warn("Refreshing the models' freshness failed: %s", e.getMessage());
        }
    }

    @PreDestroy
    public void stop()
    {
        executor.shutdownNow();
    }
}
