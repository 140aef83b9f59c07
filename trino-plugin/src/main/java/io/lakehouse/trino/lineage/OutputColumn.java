package io.lakehouse.trino.lineage;

import com.google.common.collect.ImmutableList;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A column a query wrote, with the columns it was computed from (none for a literal).
 */
public record OutputColumn(String name, String type, List<SourceColumn> sources)
{
    public OutputColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        sources = ImmutableList.copyOf(requireNonNull(sources, "sources is null"));
    }
}
