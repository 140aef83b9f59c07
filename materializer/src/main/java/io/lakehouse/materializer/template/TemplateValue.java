package io.lakehouse.materializer.template;

import io.trino.sql.tree.Expression;

import static io.trino.sql.ExpressionFormatter.formatExpression;

/**
 * A typed value a template placeholder renders to. Values always render as SQL literals of their type, formatted
 * by Trino's own expression formatter, so no value can change the shape of the query around it.
 */
public sealed interface TemplateValue
        permits DateValue, TimestampValue, LiteralValue
{
    Expression toLiteral();

    default String toSql()
    {
        return formatExpression(toLiteral());
    }
}
