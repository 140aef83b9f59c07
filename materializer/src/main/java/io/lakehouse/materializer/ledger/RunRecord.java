package io.lakehouse.materializer.ledger;

import io.lakehouse.materializer.execution.RunId;

import java.time.LocalDateTime;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

public record RunRecord(RunId runId, String command, String instance, RunState state, LocalDateTime startedAt, Optional<LocalDateTime> finishedAt, Optional<String> message)
{
    public RunRecord
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(command, "command is null");
        requireNonNull(instance, "instance is null");
        requireNonNull(state, "state is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(message, "message is null");
    }
}
