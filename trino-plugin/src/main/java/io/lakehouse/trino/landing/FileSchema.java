package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.text.TextDialect;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
     * every file's values fit ({@link TypeMerging}), and its date or timestamp pattern when all files agree on it.
     * A file {@link LandingColumn#hasValues without values} for a column votes on neither, so a file with only a
     * header, or a day whose sample of a column is all null, does not make the column varchar; a column no file has
     * values for stays varchar without values.
     */
    public static List<LandingColumn> unionByName(List<FileSchema> schemas)
    {
        Map<String, LandingColumn> columns = new LinkedHashMap<>();
        Set<String> patternsDiffer = new HashSet<>();
        for (FileSchema schema : schemas) {
            for (LandingColumn column : schema.columns()) {
                LandingColumn existing = columns.putIfAbsent(column.name(), column);
                if (existing == null || !column.hasValues()) {
                    continue;
                }
                if (!existing.hasValues()) {
                    columns.put(column.name(), column);
                    continue;
                }
                if (!existing.pattern().equals(column.pattern())) {
                    patternsDiffer.add(column.name());
                }
                Optional<String> pattern = patternsDiffer.contains(column.name()) ? Optional.empty() : existing.pattern();
                columns.put(column.name(), new LandingColumn(column.name(), TypeMerging.merge(existing.type(), column.type()), pattern));
            }
        }
        return ImmutableList.copyOf(columns.values());
    }
}
