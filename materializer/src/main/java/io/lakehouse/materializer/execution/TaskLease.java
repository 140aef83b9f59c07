package io.lakehouse.materializer.execution;

/**
 * The lease a task holds on its model's interval, so that no other instance executes it at the same time.
 */
@FunctionalInterface
public interface TaskLease
{
    /**
     * Extends the lease from now on.
     *
     * @return false when it is no longer held: it expired and another instance took it over (and may have released it since)
     */
    boolean renew();
}
