package io.lakehouse.materializer.lineage;

import com.google.common.collect.ImmutableList;

import java.util.List;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A column of a model's table and the columns it is computed from, as Trino's analyzer reported them for the
 * query that wrote it (no sources for a literal).
 *
 * @param position the column's position in the table, from 1
 */
public record ColumnLineage(int position, String column, String type, List<SourceColumn> sources)
{
    public ColumnLineage
    {
        checkArgument(position >= 1, "position must be at least 1");
        requireNonNull(column, "column is null");
        requireNonNull(type, "type is null");
        sources = ImmutableList.copyOf(requireNonNull(sources, "sources is null"));
    }
}
