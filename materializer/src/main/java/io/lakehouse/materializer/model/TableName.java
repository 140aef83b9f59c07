package io.lakehouse.materializer.model;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.QualifiedName;

import java.util.List;

import static com.google.common.base.Preconditions.checkArgument;
import static io.trino.sql.SqlFormatter.formatName;
import static java.util.Locale.ENGLISH;
import static java.util.Objects.requireNonNull;

/**
 * A fully qualified table name, {@code catalog.schema.table}, in the lower case Trino uses for unquoted identifiers.
 */
public record TableName(String catalog, String schema, String table)
        implements Comparable<TableName>
{
    public TableName
    {
        catalog = normalize(catalog, "catalog");
        schema = normalize(schema, "schema");
        table = normalize(table, "table");
    }

    /**
     * Parses {@code catalog.schema.table} as written on a command line.
     */
    public static TableName parse(String name)
    {
        requireNonNull(name, "name is null");
        List<String> parts = Splitter.on('.').trimResults().splitToList(name);
        if (parts.size() != 3 || parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("Invalid table name '%s': expected catalog.schema.table".formatted(name));
        }
        return new TableName(parts.get(0), parts.get(1), parts.get(2));
    }

    /**
     * Resolves a table reference the way Trino resolves it in a session whose current catalog and schema are
     * those of {@code context}: {@code t} and {@code s.t} are completed from the context.
     */
    public static TableName resolve(QualifiedName reference, TableName context)
    {
        List<String> parts = reference.getParts();
        checkArgument(parts.size() <= 3, "table name has more than three parts: %s", reference);
        return switch (parts.size()) {
            case 1 -> new TableName(context.catalog(), context.schema(), parts.get(0));
            case 2 -> new TableName(context.catalog(), parts.get(0), parts.get(1));
            default -> new TableName(parts.get(0), parts.get(1), parts.get(2));
        };
    }

    public TableName withTable(String table)
    {
        return new TableName(catalog, schema, table);
    }

    /**
     * The catalog-qualified schema name as SQL, quoted where Trino needs quotes.
     */
    public String schemaSql()
    {
        return formatName(QualifiedName.of(ImmutableList.of(new Identifier(catalog), new Identifier(schema))));
    }

    /**
     * The table name as SQL, quoted where Trino needs quotes.
     */
    public String toSql()
    {
        return formatName(QualifiedName.of(ImmutableList.of(new Identifier(catalog), new Identifier(schema), new Identifier(table))));
    }

    @Override
    public int compareTo(TableName other)
    {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString()
    {
        return catalog + "." + schema + "." + table;
    }

    private static String normalize(String part, String name)
    {
        requireNonNull(part, () -> name + " is null");
        checkArgument(!part.isBlank(), "%s is blank", name);
        return part.toLowerCase(ENGLISH);
    }
}
