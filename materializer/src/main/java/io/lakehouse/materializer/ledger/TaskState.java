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
}
