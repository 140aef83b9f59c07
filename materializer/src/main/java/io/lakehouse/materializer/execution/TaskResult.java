package io.lakehouse.materializer.execution;

import com.google.common.collect.ImmutableList;
import io.airlift.units.Duration;
import io.lakehouse.materializer.audit.CheckResult;
import io.lakehouse.materializer.ledger.ExpiredVersions;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.schedule.Interval;

import java.util.List;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A task that published: a model's interval materialized by a run.
 *
 * @param rows the number of rows written (0 for a view)
 * @param queryId the Trino query id of the statement that wrote them
 * @param location where the published data lives, if the model has data
 * @param expired the replaced versions beyond {@code retain_versions} whose data the task deleted
 * @param warnings what went wrong after the publish (failed warn-only checks, cleanup left for later)
 */
public record TaskResult(Model model, Interval interval, RunId runId, long rows, String queryId, List<CheckResult> checks, Optional<String> location, ExpiredVersions expired, List<String> warnings, Duration elapsed)
{
    public TaskResult
    {
        requireNonNull(model, "model is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(runId, "runId is null");
        checkArgument(rows >= 0, "rows is negative");
        requireNonNull(queryId, "queryId is null");
        checks = ImmutableList.copyOf(requireNonNull(checks, "checks is null"));
        requireNonNull(location, "location is null");
        requireNonNull(expired, "expired is null");
        warnings = ImmutableList.copyOf(requireNonNull(warnings, "warnings is null"));
        requireNonNull(elapsed, "elapsed is null");
    }
}
