package io.lakehouse.materializer.metrics;

import io.airlift.stats.CounterStat;
import io.airlift.stats.DistributionStat;
import io.airlift.stats.TimeStat;
import io.airlift.units.Duration;
import io.lakehouse.materializer.ledger.RunState;
import org.weakref.jmx.Managed;
import org.weakref.jmx.Nested;

import static java.util.Objects.requireNonNull;

/**
 * What the service's runs did since it started: runs started and how they ended, tasks and their durations, rows
 * published. Exported over JMX and, with the same figures, as Prometheus text on {@code /metrics}.
 */
public final class MaterializerStats
{
    private final CounterStat runsStarted = new CounterStat();
    private final CounterStat runsSucceeded = new CounterStat();
    private final CounterStat runsFailed = new CounterStat();
    private final CounterStat runsCancelled = new CounterStat();
    private final CounterStat tasksSucceeded = new CounterStat();
    private final CounterStat tasksFailed = new CounterStat();
    private final CounterStat tasksSkipped = new CounterStat();
    private final CounterStat rowsPublished = new CounterStat();
    private final TimeStat taskDuration = new TimeStat();
    private final DistributionStat rowsPerTask = new DistributionStat();

    public void runStarted()
    {
        runsStarted.update(1);
    }

    public void runFinished(RunState state)
    {
        requireNonNull(state, "state is null");
        switch (state) {
            case SUCCEEDED -> runsSucceeded.update(1);
            case FAILED -> runsFailed.update(1);
            case CANCELLED -> runsCancelled.update(1);
            case RUNNING -> throw new IllegalArgumentException("a finished run is not RUNNING");
        }
    }

    public void taskSucceeded(Duration elapsed, long rows)
    {
        tasksSucceeded.update(1);
        taskDuration.add(elapsed);
        rowsPublished.update(rows);
        rowsPerTask.add(rows);
    }

    /**
     * A task that failed for good, after its last attempt.
     */
    public void taskFailed()
    {
        tasksFailed.update(1);
    }

    public void taskSkipped()
    {
        tasksSkipped.update(1);
    }

    @Managed
    @Nested
    public CounterStat getRunsStarted()
    {
        return runsStarted;
    }

    @Managed
    @Nested
    public CounterStat getRunsSucceeded()
    {
        return runsSucceeded;
    }

    @Managed
    @Nested
    public CounterStat getRunsFailed()
    {
        return runsFailed;
    }

    @Managed
    @Nested
    public CounterStat getRunsCancelled()
    {
        return runsCancelled;
    }

    @Managed
    @Nested
    public CounterStat getTasksSucceeded()
    {
        return tasksSucceeded;
    }

    @Managed
    @Nested
    public CounterStat getTasksFailed()
    {
        return tasksFailed;
    }

    @Managed
    @Nested
    public CounterStat getTasksSkipped()
    {
        return tasksSkipped;
    }

    @Managed
    @Nested
    public CounterStat getRowsPublished()
    {
        return rowsPublished;
    }

    /**
     * Wall time of the tasks that published, from start to publish (without sensor waits and retries).
     */
    @Managed
    @Nested
    public TimeStat getTaskDuration()
    {
        return taskDuration;
    }

    @Managed
    @Nested
    public DistributionStat getRowsPerTask()
    {
        return rowsPerTask;
    }
}
