package io.lakehouse.catalog.store;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One of {@code total} disjoint slices of a table's partitions, listed in parallel by clients.
 */
public record Segment(int number, int total)
{
    public Segment
    {
        checkArgument(total > 0, "total must be positive");
        checkArgument(number >= 0 && number < total, "number must be between 0 and total - 1");
    }
}
