package io.lakehouse.materializer.execution;

import io.airlift.units.Duration;
import io.lakehouse.materializer.model.Model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A model materialized by a run.
 *
 * @param rows the number of rows written to the model's table
 * @param queryId the Trino query id of the statement that wrote them
 */
public record ModelResult(Model model, long rows, String queryId, Duration elapsed)
{
    public ModelResult
    {
        requireNonNull(model, "model is null");
        checkArgument(rows >= 0, "rows is negative");
        requireNonNull(queryId, "queryId is null");
        requireNonNull(elapsed, "elapsed is null");
    }
}
