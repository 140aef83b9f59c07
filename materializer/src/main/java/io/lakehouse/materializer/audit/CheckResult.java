package io.lakehouse.materializer.audit;

import io.lakehouse.materializer.model.Check;

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
