package io.lakehouse.materializer.model;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.template.Template;
import io.trino.sql.tree.Expression;

import java.util.List;
import java.util.OptionalLong;

import static com.google.common.base.Preconditions.checkArgument;
import static io.trino.sql.ExpressionFormatter.formatExpression;
import static java.util.Objects.requireNonNull;

/**
 * A data quality check declared in a model's header. Checks run on a run's staged data before it is published;
 * a failing blocking check stops the publish, a failing warn-only check ({@code WARN} after it) is reported.
 */
public sealed interface Check
        permits Check.NotNull, Check.Unique, Check.RowCount, Check.AcceptedValues, Check.SqlAssertion
{
    boolean blocking();

    /**
     * The check as written in the header, such as {@code not_null(tconst)}.
     */
    String describe();

    /**
     * No row has a {@code NULL} in any of the columns.
     */
    record NotNull(List<String> columns, boolean blocking)
            implements Check
    {
        public NotNull
        {
            columns = ImmutableList.copyOf(requireNonNull(columns, "columns is null"));
            checkArgument(!columns.isEmpty(), "columns is empty");
        }

        @Override
        public String describe()
        {
            return "not_null(%s)".formatted(String.join(", ", columns));
        }
    }

    /**
     * No two rows have the same values in the columns.
     */
    record Unique(List<String> columns, boolean blocking)
            implements Check
    {
        public Unique
        {
            columns = ImmutableList.copyOf(requireNonNull(columns, "columns is null"));
            checkArgument(!columns.isEmpty(), "columns is empty");
        }

        @Override
        public String describe()
        {
            return "unique(%s)".formatted(String.join(", ", columns));
        }
    }

    /**
     * The number of rows is within the bounds, both inclusive.
     */
    record RowCount(OptionalLong min, OptionalLong max, boolean blocking)
            implements Check
    {
        public RowCount
        {
            requireNonNull(min, "min is null");
            requireNonNull(max, "max is null");
            checkArgument(min.isPresent() || max.isPresent(), "row_count needs min or max");
        }

        @Override
        public String describe()
        {
            StringBuilder text = new StringBuilder("row_count(");
            min.ifPresent(value -> text.append("min = ").append(value));
            max.ifPresent(value -> text.append(min.isPresent() ? ", " : "").append("max = ").append(value));
            return text.append(')').toString();
        }

        public boolean accepts(long rows)
        {
            return (min.isEmpty() || rows >= min.getAsLong()) && (max.isEmpty() || rows <= max.getAsLong());
        }
    }

    /**
     * Every non-null value of the column is one of the values.
     */
    record AcceptedValues(String column, List<Expression> values, boolean blocking)
            implements Check
    {
        public AcceptedValues
        {
            requireNonNull(column, "column is null");
            values = ImmutableList.copyOf(requireNonNull(values, "values is null"));
            checkArgument(!values.isEmpty(), "values is empty");
        }

        @Override
        public String describe()
        {
            return "accepted_values(%s, ARRAY[%s])".formatted(column, String.join(", ", values.stream().map(value -> formatExpression(value)).toList()));
        }
    }

    /**
     * A query that returns the offending rows: the check passes when it returns none. The query reads the staged
     * rows as the table {@code this}, and may use template variables.
     */
    record SqlAssertion(Template query, String text, boolean blocking)
            implements Check
    {
        public SqlAssertion
        {
            requireNonNull(query, "query is null");
            requireNonNull(text, "text is null");
        }

        @Override
        public String describe()
        {
            return "sql('%s')".formatted(text.replace("'", "''"));
        }
    }
}
