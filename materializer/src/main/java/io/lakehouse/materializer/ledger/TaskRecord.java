package io.lakehouse.materializer.ledger;

import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.schedule.Interval;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

public record TaskRecord(RunId runId, String model, Interval interval, TaskState state, int attempts, OptionalLong rows, Optional<String> queryId, Optional<String> error,
        LocalDateTime startedAt, Optional<LocalDateTime> finishedAt)
{
    public TaskRecord
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(model, "model is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(state, "state is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(queryId, "queryId is null");
        requireNonNull(error, "error is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
    }
}
