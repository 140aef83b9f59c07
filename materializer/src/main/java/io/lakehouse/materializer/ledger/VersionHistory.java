package io.lakehouse.materializer.ledger;

import com.google.common.collect.ImmutableList;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The versions of one table or partition right after a publish was recorded, and every location of the model that
 * is still live: what deciding which retained versions to expire needs.
 *
 * @param versions newest first
 * @param liveLocations locations of the model's versions in any state but expired, any partition
 */
public record VersionHistory(List<VersionRecord> versions, List<String> liveLocations)
{
    public VersionHistory
    {
        versions = ImmutableList.copyOf(requireNonNull(versions, "versions is null"));
        liveLocations = ImmutableList.copyOf(requireNonNull(liveLocations, "liveLocations is null"));
    }
}
