package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.text.TextDialect;

import java.util.List;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * How one landing file is written and the columns found in it, in file order (for text: its fields).
 */
public record FileSchema(LandingFormat format, Optional<TextDialect> dialect, List<LandingColumn> columns)
{
    public FileSchema
    {
        requireNonNull(format, "format is null");
        requireNonNull(dialect, "dialect is null");
        checkArgument(dialect.isPresent() == (format == LandingFormat.TEXT), "a text file needs a dialect, a JSON file has none");
        columns = ImmutableList.copyOf(requireNonNull(columns, "columns is null"));
    }
}
