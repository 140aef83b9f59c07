package io.lakehouse.materializer.metrics;

import io.airlift.stats.CounterStat;
import io.airlift.stats.Distribution;
import io.airlift.stats.TimeDistribution;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The service's figures in Prometheus' text exposition format 0.0.4: the counters of {@link MaterializerStats} as
 * {@code _total} counters, task durations and rows per task as summaries, and per model the freshness lag.
 */
public final class PrometheusText
{
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder text = new StringBuilder();

    private PrometheusText() {}

    public static String render(MaterializerStats stats, List<ModelFreshness> models)
    {
        requireNonNull(stats, "stats is null");
        requireNonNull(models, "models is null");
        PrometheusText out = new PrometheusText();
        out.counter("materializer_runs_started_total", "Runs started by this instance (scheduled, triggered and backfills)", stats.getRunsStarted());
        out.counter("materializer_runs_succeeded_total", "Runs whose every task published", stats.getRunsSucceeded());
        out.counter("materializer_runs_failed_total", "Runs with a failed or skipped task", stats.getRunsFailed());
        out.counter("materializer_runs_cancelled_total", "Runs cancelled", stats.getRunsCancelled());
        out.counter("materializer_tasks_succeeded_total", "Tasks (a model's interval) that published", stats.getTasksSucceeded());
        out.counter("materializer_tasks_failed_total", "Tasks that failed after their last attempt", stats.getTasksFailed());
        out.counter("materializer_tasks_skipped_total", "Tasks skipped (upstream did not publish, already published, lease held elsewhere, run cancelled)", stats.getTasksSkipped());
        out.counter("materializer_rows_published_total", "Rows written by the tasks that published", stats.getRowsPublished());

        TimeDistribution durations = stats.getTaskDuration().getAllTime();
        out.header("materializer_task_duration_seconds", "Wall time of the tasks that published", "summary");
        out.sample("materializer_task_duration_seconds", "quantile", "0.5", durations.getP50());
        out.sample("materializer_task_duration_seconds", "quantile", "0.9", durations.getP90());
        out.sample("materializer_task_duration_seconds", "quantile", "0.99", durations.getP99());
        out.sample("materializer_task_duration_seconds_sum", durations.getCount() == 0 ? 0 : durations.getAvg() * durations.getCount());
        out.sample("materializer_task_duration_seconds_count", durations.getCount());

        Distribution rows = stats.getRowsPerTask().getAllTime();
        out.header("materializer_task_rows", "Rows written per task that published", "summary");
        out.sample("materializer_task_rows", "quantile", "0.5", rows.getP50());
        out.sample("materializer_task_rows", "quantile", "0.9", rows.getP90());
        out.sample("materializer_task_rows", "quantile", "0.99", rows.getP99());
        out.sample("materializer_task_rows_sum", rows.getTotal());
        out.sample("materializer_task_rows_count", rows.getCount());

        out.header("materializer_model_freshness_lag_seconds", "Seconds since the end of the model's newest published interval (models that published)", "gauge");
        for (ModelFreshness model : models) {
            if (model.lag().isPresent()) {
                out.sample("materializer_model_freshness_lag_seconds", "model", model.model(), model.getLagSeconds());
            }
        }
        out.header("materializer_model_stale", "1 when the model's lag is beyond its freshness", "gauge");
        for (ModelFreshness model : models) {
            out.sample("materializer_model_stale", "model", model.model(), model.isStale() ? 1 : 0);
        }
        return out.text.toString();
    }

    private void counter(String name, String help, CounterStat counter)
    {
        header(name, help, "counter");
        sample(name, counter.getTotalCount());
    }

    private void header(String name, String help, String type)
    {
        text.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, double value)
    {
        text.append(name).append(' ').append(number(value)).append('\n');
    }

    private void sample(String name, String label, String labelValue, double value)
    {
        text.append(name).append('{').append(label).append("=\"")
                .append(labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                .append("\"} ").append(number(value)).append('\n');
    }

    private static String number(double value)
    {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.valueOf(value);
    }
}
