package io.lakehouse.materializer.audit;

import io.lakehouse.materializer.model.Check;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.template.TemplateVariables;
import io.trino.sql.tree.Identifier;

import java.util.List;

import static io.trino.sql.ExpressionFormatter.formatExpression;
import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * The query that evaluates a check on staged data; each returns one number: the offending rows (or, for
 * {@code row_count}, the rows).
 */
public final class CheckQueries
{
    private CheckQueries() {}

    public static String query(Check check, Model model, TableName staged, TemplateVariables variables)
    {
        requireNonNull(check, "check is null");
        String table = staged.toSql();
        return switch (check) {
            case Check.NotNull notNull -> "SELECT count(*) FROM %s WHERE %s".formatted(table, notNull.columns().stream()
                    .map(column -> identifier(column) + " IS NULL")
                    .collect(joining(" OR ")));
            case Check.Unique unique -> "SELECT count(*) FROM (SELECT %1$s FROM %2$s GROUP BY %1$s HAVING count(*) > 1)".formatted(columns(unique.columns()), table);
            case Check.RowCount _ -> "SELECT count(*) FROM %s".formatted(table);
            case Check.AcceptedValues accepted -> "SELECT count(*) FROM %s WHERE %s NOT IN (%s)".formatted(table, identifier(accepted.column()), accepted.values().stream()
                    .map(value -> formatExpression(value))
                    .collect(joining(", ")));
            // the model's query may use WITH itself, so it goes in a subquery where the outer WITH is visible
            case Check.SqlAssertion assertion -> "WITH this AS (SELECT * FROM %s) SELECT count(*) FROM (\n%s\n)".formatted(table, model.render(assertion.query(), variables));
        };
    }

    /**
     * Whether the number {@link #query} returned passes the check, and what it means.
     */
    public static CheckResult result(Check check, long value)
    {
        return switch (check) {
            case Check.NotNull _ -> new CheckResult(check, value == 0, value == 0 ? "no NULLs" : "%,d rows with NULL".formatted(value));
            case Check.Unique _ -> new CheckResult(check, value == 0, value == 0 ? "no duplicates" : "%,d duplicated values".formatted(value));
            case Check.RowCount rowCount -> new CheckResult(check, rowCount.accepts(value), "%,d rows".formatted(value));
            case Check.AcceptedValues _ -> new CheckResult(check, value == 0, value == 0 ? "all values accepted" : "%,d rows with other values".formatted(value));
            case Check.SqlAssertion _ -> new CheckResult(check, value == 0, value == 0 ? "no rows returned" : "%,d rows returned".formatted(value));
        };
    }

    private static String columns(List<String> columns)
    {
        return columns.stream().map(CheckQueries::identifier).collect(joining(", "));
    }

    private static String identifier(String name)
    {
        return formatExpression(new Identifier(name));
    }
}
