package io.lakehouse.catalog.refresh;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A partition a run wrote: its values (one per partition key), its folder, and optionally its row count and
 * statistics of its columns. An existing partition with these values is replaced.
 */
public record PartitionRefresh(List<String> values, String location, OptionalLong rowCount, Map<String, String> parameters, List<ColumnStatistic> statistics)
{
    public PartitionRefresh
    {
        values = ImmutableList.copyOf(requireNonNull(values, "values is null"));
        checkArgument(!values.isEmpty(), "values is empty");
        requireNonNull(location, "location is null");
        requireNonNull(rowCount, "rowCount is null");
        parameters = ImmutableMap.copyOf(requireNonNull(parameters, "parameters is null"));
        statistics = ImmutableList.copyOf(requireNonNull(statistics, "statistics is null"));
    }

    public static PartitionRefresh of(List<String> values, String location)
    {
        return new PartitionRefresh(values, location, OptionalLong.empty(), ImmutableMap.of(), ImmutableList.of());
    }

    public PartitionRefresh withRowCount(long rowCount)
    {
        return new PartitionRefresh(values, location, OptionalLong.of(rowCount), parameters, statistics);
    }

    public PartitionRefresh withStatistics(List<ColumnStatistic> statistics)
    {
        return new PartitionRefresh(values, location, rowCount, parameters, statistics);
    }
}
