package io.lakehouse.trino.inference;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.text.TextDialect;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What inference found in a delimited file: how it is written and its columns, in file order.
 */
public record TextSchema(TextDialect dialect, List<LandingColumn> columns)
{
    public TextSchema
    {
        requireNonNull(dialect, "dialect is null");
        columns = ImmutableList.copyOf(requireNonNull(columns, "columns is null"));
    }

    public List<String> fieldNames()
    {
        return columns.stream().map(LandingColumn::name).collect(ImmutableList.toImmutableList());
    }
}
