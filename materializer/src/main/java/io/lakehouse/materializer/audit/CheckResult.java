package io.lakehouse.materializer.audit;

import io.lakehouse.materializer.model.Check;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one check on a run's staged data.
 *
 * @param detail what was found, such as "3 rows with NULL" or "12 rows"
 */
public record CheckResult(Check check, boolean passed, String detail)
{
    public CheckResult
    {
        requireNonNull(check, "check is null");
        requireNonNull(detail, "detail is null");
    }

    /**
     * The same result, its detail followed by some of the rows that fail the check.
     */
    public CheckResult withFailingRows(List<String> rows)
    {
        return rows.isEmpty() ? this : new CheckResult(check, passed, "%s, such as %s".formatted(detail, String.join(", ", rows)));
    }

    public boolean blocksPublish()
    {
        return !passed && check.blocking();
    }

    @Override
    public String toString()
    {
        return "%s %s%s: %s".formatted(check.describe(), passed ? "passed" : "FAILED", passed || check.blocking() ? "" : " (warn only)", detail);
    }
}
