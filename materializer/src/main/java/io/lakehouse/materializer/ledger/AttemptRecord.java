package io.lakehouse.materializer.ledger;

import io.lakehouse.materializer.execution.RunId;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

public record AttemptRecord(RunId runId, String model, LocalDateTime intervalStart, int attempt, String instance, TaskState state, OptionalLong rows, Optional<String> queryId,
        Optional<String> checks, Optional<String> error, LocalDateTime startedAt, Optional<LocalDateTime> finishedAt)
{
    public AttemptRecord
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(model, "model is null");
        requireNonNull(intervalStart, "intervalStart is null");
        requireNonNull(instance, "instance is null");
        requireNonNull(state, "state is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(queryId, "queryId is null");
        requireNonNull(checks, "checks is null");
        requireNonNull(error, "error is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
    }
}
