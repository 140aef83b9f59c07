package io.lakehouse.materializer.logging;

import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.schedule.Interval;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The task a thread is executing, for its log lines: entered when a task starts on a thread, closed when it ends.
 * {@link TaskContextHandler} prints it in every line logged meanwhile, whichever logger logs it.
 */
public final class TaskLogContext
        implements AutoCloseable
{
    private static final ThreadLocal<TaskLogContext> CURRENT = new ThreadLocal<>();

    private final RunId runId;
    private final String model;
    private final Interval interval;
    private final TaskLogContext previous;

    private TaskLogContext(RunId runId, String model, Interval interval, TaskLogContext previous)
    {
        this.runId = requireNonNull(runId, "runId is null");
        this.model = requireNonNull(model, "model is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.previous = previous;
    }

    public static TaskLogContext enter(RunId runId, String model, Interval interval)
    {
        TaskLogContext context = new TaskLogContext(runId, model, interval, CURRENT.get());
        CURRENT.set(context);
        return context;
    }

    public static Optional<TaskLogContext> current()
    {
        return Optional.ofNullable(CURRENT.get());
    }

    public RunId runId()
    {
        return runId;
    }

    public String model()
    {
        return model;
    }

    public Interval interval()
    {
        return interval;
    }

    /**
     * {@code run=<id> model=<name> interval=<start>}: key=value pairs that log search tools split into fields.
     */
    public String fields()
    {
        return "run=%s model=%s interval=%s".formatted(runId.value(), model, interval);
    }

    @Override
    public void close()
    {
        if (previous == null) {
            CURRENT.remove();
        }
        else {
            CURRENT.set(previous);
        }
    }
}
