package io.lakehouse.materializer.ledger;

import io.lakehouse.materializer.execution.RunId;

import java.time.LocalDateTime;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Data published for a table ({@code partitionValue} empty) or one of its partitions by a run.
 *
 * @param columnsJson the columns the data was written with, as Glue columns in JSON
 */
public record VersionRecord(String model, String partitionValue, RunId runId, String location, String columnsJson, OptionalLong rows, VersionState state, LocalDateTime publishedAt)
{
    public VersionRecord
    {
        requireNonNull(model, "model is null");
        requireNonNull(partitionValue, "partitionValue is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(location, "location is null");
        requireNonNull(columnsJson, "columnsJson is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(state, "state is null");
        requireNonNull(publishedAt, "publishedAt is null");
    }
}
