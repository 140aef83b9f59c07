package io.lakehouse.materializer.template;

import io.trino.sql.tree.BooleanLiteral;
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.DoubleLiteral;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.StringLiteral;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A value declared in a model's {@code variables (...)}: a string, a number or a boolean literal, rendered as that
 * literal again by Trino's formatter (strings quoted and escaped), so a value never becomes SQL syntax.
 */
public record LiteralValue(Expression literal)
        implements TemplateValue
{
    public LiteralValue
    {
        requireNonNull(literal, "literal is null");
        checkArgument(literal instanceof StringLiteral || literal instanceof LongLiteral || literal instanceof DecimalLiteral
                        || literal instanceof DoubleLiteral || literal instanceof BooleanLiteral,
                "a declared variable is a string, number or boolean literal, not %s", literal);
    }

    @Override
    public Expression toLiteral()
    {
        return literal;
    }

    @Override
    public String toString()
    {
        return toSql();
    }
}
