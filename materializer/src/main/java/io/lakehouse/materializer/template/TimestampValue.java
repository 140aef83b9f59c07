package io.lakehouse.materializer.template;

import io.trino.sql.tree.Expression;
import io.trino.sql.tree.GenericLiteral;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import static java.util.Objects.requireNonNull;

/**
 * A {@code TIMESTAMP} value (without time zone, UTC by convention), rendered as {@code TIMESTAMP '2024-01-01 00:00:00'}.
 */
public record TimestampValue(LocalDateTime timestamp)
        implements TemplateValue
{
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public TimestampValue
    {
        requireNonNull(timestamp, "timestamp is null");
    }

    @Override
    public Expression toLiteral()
    {
        return new GenericLiteral("TIMESTAMP", FORMAT.format(timestamp));
    }

    @Override
    public String toString()
    {
        return FORMAT.format(timestamp);
    }
}
