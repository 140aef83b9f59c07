package io.lakehouse.materializer.lineage;

import io.lakehouse.materializer.execution.RunId;

import java.time.LocalDateTime;

import static java.util.Objects.requireNonNull;

/**
 * A model's column lineage as the ledger keeps it: that of the model's latest published task.
 *
 * @param runId the run whose query reported it
 */
public record LineageRecord(String model, ColumnLineage column, RunId runId, LocalDateTime recordedAt)
{
    public LineageRecord
    {
        requireNonNull(model, "model is null");
        requireNonNull(column, "column is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(recordedAt, "recordedAt is null");
    }
}
