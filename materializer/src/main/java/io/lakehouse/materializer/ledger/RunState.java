package io.lakehouse.materializer.ledger;

public enum RunState
{
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
}
