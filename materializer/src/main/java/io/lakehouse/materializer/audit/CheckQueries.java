package io.lakehouse.materializer.audit;

import io.lakehouse.materializer.model.Check;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.template.TemplateVariables;
import io.trino.sql.tree.Identifier;

import java.util.List;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static io.trino.sql.ExpressionFormatter.formatExpression;
import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * The query that evaluates a check on staged data; each returns one number: the offending rows (or, for
 * {@code row_count}, the rows). All the checks of a task are evaluated by one statement ({@link #audit}): those that
 * count rows by a condition share one scan of the staged data, the others are subqueries of the same statement.
 */
public final class CheckQueries
{
    /**
     * One number of the audit statement: an aggregate over the staged table's rows, or a subquery of its own.
     */
    public record AuditItem(String expression, boolean aggregate)
    {
        public AuditItem
        {
            requireNonNull(expression, "expression is null");
        }
    }

    // rows shown of a failed check
    private static final int FAILING_ROWS = 5;

    private CheckQueries() {}

    /**
     * The staged rows outside the interval's partition: {@code column} NULL or other than {@code ds}.
     */
    public static String outsideInterval(String column, String ds)
    {
        return "%1$s IS NULL OR %1$s <> %2$s".formatted(identifier(column), ds);
    }

    public static AuditItem countWhere(String predicate)
    {
        return new AuditItem("count_if(%s)".formatted(predicate), true);
    }

    public static AuditItem auditItem(Check check, Model model, TableName staged, TemplateVariables variables)
    {
        requireNonNull(check, "check is null");
        return switch (check) {
            case Check.NotNull notNull -> countWhere(nullPredicate(notNull));
            case Check.RowCount _ -> new AuditItem("count(*)", true);
            case Check.AcceptedValues accepted -> countWhere(notAcceptedPredicate(accepted));
            case Check.Unique _, Check.SqlAssertion _ -> new AuditItem("(%s)".formatted(query(check, model, staged, variables)), false);
        };
    }

    /**
     * The statement returning one row with every item's number, in order.
     */
    public static String audit(TableName staged, List<AuditItem> items)
    {
        checkArgument(!items.isEmpty(), "no audit items");
        String select = items.stream().map(AuditItem::expression).collect(joining(",\n  ", "SELECT\n  ", ""));
        // without an aggregate, a FROM would repeat the subqueries' numbers once per staged row
        return items.stream().anyMatch(AuditItem::aggregate) ? select + "\nFROM " + staged.toSql() : select;
    }

    public static String query(Check check, Model model, TableName staged, TemplateVariables variables)
    {
        requireNonNull(check, "check is null");
        String table = staged.toSql();
        return switch (check) {
            case Check.NotNull notNull -> "SELECT count(*) FROM %s WHERE %s".formatted(table, nullPredicate(notNull));
            case Check.Unique unique -> "SELECT count(*) FROM (SELECT %1$s FROM %2$s GROUP BY %1$s HAVING count(*) > 1)".formatted(columns(unique.columns()), table);
            case Check.RowCount _ -> "SELECT count(*) FROM %s".formatted(table);
            case Check.AcceptedValues accepted -> "SELECT count(*) FROM %s WHERE %s".formatted(table, notAcceptedPredicate(accepted));
            // the model's query may use WITH itself, so it goes in a subquery where the outer WITH is visible
            case Check.SqlAssertion assertion -> "WITH this AS (SELECT * FROM %s) SELECT count(*) FROM (\n%s\n)".formatted(table, model.render(assertion.query(), variables));
        };
    }

    /**
     * A query returning a few of the rows that fail the check, the most frequent first where rows are counted, to
     * show with a failure; none for {@code row_count}, whose failure is not in any row.
     */
    public static Optional<String> failingRows(Check check, Model model, TableName staged, TemplateVariables variables)
    {
        requireNonNull(check, "check is null");
        String table = staged.toSql();
        return switch (check) {
            case Check.NotNull notNull -> Optional.of("SELECT * FROM %s WHERE %s LIMIT %s".formatted(table, nullPredicate(notNull), FAILING_ROWS));
            case Check.Unique unique -> Optional.of("SELECT %1$s, count(*) AS \"rows\" FROM %2$s GROUP BY %1$s HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT %3$s"
                    .formatted(columns(unique.columns()), table, FAILING_ROWS));
            case Check.AcceptedValues accepted -> Optional.of("SELECT %1$s, count(*) AS \"rows\" FROM %2$s WHERE %3$s GROUP BY %1$s ORDER BY count(*) DESC LIMIT %4$s"
                    .formatted(identifier(accepted.column()), table, notAcceptedPredicate(accepted), FAILING_ROWS));
            case Check.SqlAssertion assertion -> Optional.of("WITH this AS (SELECT * FROM %s) SELECT * FROM (\n%s\n) LIMIT %s"
                    .formatted(table, model.render(assertion.query(), variables), FAILING_ROWS));
            case Check.RowCount _ -> Optional.empty();
        };
    }

    /**
     * Whether the number {@link #query} returned passes the check, and what it means.
     */
    public static CheckResult result(Check check, long value)
    {
        return switch (check) {
            case Check.NotNull _ -> new CheckResult(check, value == 0, value == 0 ? "no NULLs" : "%s with NULL".formatted(rows(value)));
            case Check.Unique _ -> new CheckResult(check, value == 0, value == 0 ? "no duplicates" : "%,d duplicated value%s".formatted(value, value == 1 ? "" : "s"));
            case Check.RowCount rowCount -> new CheckResult(check, rowCount.accepts(value), rows(value));
            case Check.AcceptedValues _ -> new CheckResult(check, value == 0, value == 0 ? "all values accepted" : "%s with other values".formatted(rows(value)));
            case Check.SqlAssertion _ -> new CheckResult(check, value == 0, value == 0 ? "no rows returned" : "%s returned".formatted(rows(value)));
        };
    }

    private static String rows(long count)
    {
        return "%,d row%s".formatted(count, count == 1 ? "" : "s");
    }

    private static String nullPredicate(Check.NotNull notNull)
    {
        return notNull.columns().stream()
                .map(column -> identifier(column) + " IS NULL")
                .collect(joining(" OR "));
    }

    private static String notAcceptedPredicate(Check.AcceptedValues accepted)
    {
        return "%s NOT IN (%s)".formatted(identifier(accepted.column()), accepted.values().stream()
                .map(value -> formatExpression(value))
                .collect(joining(", ")));
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
