package io.lakehouse.materializer.ledger;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.execution.RunId;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The retained versions of a table ({@code partitionValue} empty) or partition whose data a task deleted, by the
 * run that published each: the ledger marks them expired with the task's outcome.
 */
public record ExpiredVersions(String partitionValue, List<RunId> runIds)
{
    public static final ExpiredVersions NONE = new ExpiredVersions("", List.of());

    public ExpiredVersions
    {
        requireNonNull(partitionValue, "partitionValue is null");
        runIds = ImmutableList.copyOf(requireNonNull(runIds, "runIds is null"));
    }
}
