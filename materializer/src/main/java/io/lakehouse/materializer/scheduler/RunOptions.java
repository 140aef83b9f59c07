package io.lakehouse.materializer.scheduler;

import java.time.Duration;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * How a run executes its tasks.
 *
 * @param concurrency how many tasks run at the same time
 * @param continueOnFailure whether tasks that do not depend on a failed task still run
 * @param leaseTtl how long a task's lease lasts without renewal; a task of a dead instance is taken over after it
 * @param rerunSucceeded whether intervals the ledger has as succeeded run again (an explicit date, a backfill with rerun)
 */
public record RunOptions(int concurrency, boolean continueOnFailure, Duration leaseTtl, boolean rerunSucceeded)
{
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(2);

    public RunOptions
    {
        checkArgument(concurrency >= 1, "concurrency must be at least 1");
        requireNonNull(leaseTtl, "leaseTtl is null");
        checkArgument(!leaseTtl.isNegative() && !leaseTtl.isZero(), "leaseTtl must be positive");
    }

    public static RunOptions sequential()
    {
        return new RunOptions(1, false, DEFAULT_LEASE_TTL, true);
    }
}
