package io.lakehouse.catalog.refresh;

import com.google.common.collect.ImmutableList;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * What a materializer run published into a table: which models it was computed from, by which run, for which
 * data interval, how many rows the table holds now, and when the data became visible.
 *
 * @param dataIntervalStart inclusive
 * @param dataIntervalEnd exclusive
 */
public record Publication(List<String> sourceModels, String runId, Instant dataIntervalStart, Instant dataIntervalEnd, OptionalLong rowCount, Instant publishedAt)
{
    public Publication
    {
        sourceModels = ImmutableList.copyOf(requireNonNull(sourceModels, "sourceModels is null"));
        requireNonNull(runId, "runId is null");
        checkArgument(!runId.isBlank(), "runId is blank");
        requireNonNull(dataIntervalStart, "dataIntervalStart is null");
        requireNonNull(dataIntervalEnd, "dataIntervalEnd is null");
        checkArgument(!dataIntervalEnd.isBefore(dataIntervalStart), "data interval ends at %s, before it starts at %s", dataIntervalEnd, dataIntervalStart);
        requireNonNull(rowCount, "rowCount is null");
        rowCount.ifPresent(count -> checkArgument(count >= 0, "rowCount is negative: %s", count));
        requireNonNull(publishedAt, "publishedAt is null");
    }
}
