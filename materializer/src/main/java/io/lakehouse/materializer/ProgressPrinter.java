package io.lakehouse.materializer;

import io.lakehouse.materializer.execution.TaskResult;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.Task;
import io.lakehouse.materializer.scheduler.TaskListener;
import io.trino.jdbc.QueryStats;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Prints a run's progress: tasks done of total, each task's outcome, the running query's progress as Trino reports
 * it (at most every few seconds), and the summary.
 */
final class ProgressPrinter
        implements TaskListener
{
    private static final long QUERY_PROGRESS_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final Map<Task, Long> lastProgress = new ConcurrentHashMap<>();

    ProgressPrinter(PrintWriter out)
    {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public synchronized void runStarted(int tasks)
    {
        out.printf("%s task%s to run%n", tasks, tasks == 1 ? "" : "s");
        out.flush();
    }

    @Override
    public synchronized void taskStarted(Task task, int attempt, int done, int total)
    {
        out.printf("[%s/%s] %s ...%s%n", done, total, task, attempt > 1 ? " (attempt %s)".formatted(attempt) : "");
        out.flush();
    }

    @Override
    public void queryProgress(Task task, QueryStats stats)
    {
        long now = System.nanoTime();
        Long last = lastProgress.get(task);
        if (last != null && now - last < QUERY_PROGRESS_NANOS) {
            return;
        }
        lastProgress.put(task, now);
        if (last == null) {
            return;
        }
        synchronized (this) {
            out.printf("      %s: query %s %s, %s%% done, %,d rows read%n", task, stats.getQueryId(), stats.getState(),
                    stats.getProgressPercentage().isPresent() ? Math.round(stats.getProgressPercentage().getAsDouble()) : "?", stats.getProcessedRows());
            out.flush();
        }
    }

    @Override
    public synchronized void taskSucceeded(Task task, TaskResult result, int done, int total)
    {
        lastProgress.remove(task);
        out.printf("[%s/%s] %s: %,d rows published in %s (query %s)%s%n", done, total, task, result.rows(), result.elapsed().convertToMostSuccinctTimeUnit(), result.queryId(),
                result.checks().isEmpty() ? "" : ", checks: " + result.checks());
        result.warnings().forEach(warning -> out.printf("      warning: %s%n", warning));
        out.flush();
    }

    @Override
    public synchronized void taskFailed(Task task, String error, boolean retrying, int done, int total)
    {
        lastProgress.remove(task);
        out.printf("[%s/%s] %s FAILED%s: %s%n", done, total, task, retrying ? ", retrying" : "", error);
        out.flush();
    }

    @Override
    public synchronized void taskSkipped(Task task, String reason, int done, int total)
    {
        out.printf("[%s/%s] %s skipped: %s%n", done, total, task, reason);
        out.flush();
    }

    synchronized void summary(RunSummary summary)
    {
        out.printf("Run %s: %s published, %s failed, %s skipped in %s%n", summary.runId(), summary.succeeded().size(), summary.failed().size(), summary.skipped().size(),
                summary.elapsed().convertToMostSuccinctTimeUnit());
        summary.failed().forEach((task, error) -> out.printf("  failed: %s: %s%n", task, error.lines().findFirst().orElse("")));
        out.flush();
    }
}
