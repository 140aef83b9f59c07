package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import io.trino.spi.type.Type;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.text.TextDialect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The columns of files read as one table: united by name in the order they first appear, each with the type
     * every file's values fit ({@link TypeMerging}), and its timestamp pattern when all files agree on it.
     */
    public static List<LandingColumn> unionByName(List<FileSchema> schemas)
    {
        Map<String, LandingColumn> columns = new LinkedHashMap<>();
        Map<String, Boolean> patternAgreed = new LinkedHashMap<>();
        for (FileSchema schema : schemas) {
            for (LandingColumn column : schema.columns()) {
                LandingColumn existing = columns.get(column.name());
                if (existing == null) {
                    columns.put(column.name(), column);
                    patternAgreed.put(column.name(), true);
                    continue;
                }
                Type merged = TypeMerging.merge(existing.type(), column.type());
                patternAgreed.merge(column.name(), existing.pattern().equals(column.pattern()), Boolean::logicalAnd);
                columns.put(column.name(), new LandingColumn(column.name(), merged, patternAgreed.get(column.name()) ? existing.pattern() : Optional.empty()));
            }
        }
        return ImmutableList.copyOf(columns.values());
    }
}
