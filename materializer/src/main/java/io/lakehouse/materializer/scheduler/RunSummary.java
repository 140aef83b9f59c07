package io.lakehouse.materializer.scheduler;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.airlift.units.Duration;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.execution.TaskResult;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a run did: the tasks that published, failed (with their error) and were skipped (with the reason).
 */
public record RunSummary(RunId runId, List<TaskResult> succeeded, Map<Task, String> failed, Map<Task, String> skipped, Duration elapsed)
{
    public RunSummary
    {
        requireNonNull(runId, "runId is null");
        succeeded = ImmutableList.copyOf(requireNonNull(succeeded, "succeeded is null"));
        failed = ImmutableMap.copyOf(requireNonNull(failed, "failed is null"));
        skipped = ImmutableMap.copyOf(requireNonNull(skipped, "skipped is null"));
        requireNonNull(elapsed, "elapsed is null");
    }

    public boolean isSuccess()
    {
        return failed.isEmpty() && skipped.isEmpty();
    }
}
