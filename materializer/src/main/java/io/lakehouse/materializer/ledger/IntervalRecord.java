package io.lakehouse.materializer.ledger;

import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.schedule.Interval;

import java.time.LocalDateTime;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The latest outcome of a model's interval.
 */
public record IntervalRecord(String model, Interval interval, TaskState state, RunId runId, OptionalLong rows, LocalDateTime updatedAt)
{
    public IntervalRecord
    {
        requireNonNull(model, "model is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(state, "state is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
