package io.lakehouse.materializer.ledger;

public enum TaskState
{
    RUNNING,
    SUCCEEDED,
    FAILED,
    /**
     * Not executed: an upstream task failed, another instance holds the lease, or a sensor timed out.
     */
    SKIPPED,
    CANCELLED,
    /**
     * Stopped before publishing because its lease expired and another instance took the task over; the interval's
     * outcome is that instance's.
     */
    ABANDONED,
}
