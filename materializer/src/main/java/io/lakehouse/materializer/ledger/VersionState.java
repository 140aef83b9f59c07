package io.lakehouse.materializer.ledger;

public enum VersionState
{
    /**
     * What the catalog points at now.
     */
    CURRENT,
    /**
     * Replaced, with its data kept for a rollback.
     */
    RETAINED,
    /**
     * Replaced longer ago than the model retains versions; its data was deleted.
     */
    EXPIRED,
}
