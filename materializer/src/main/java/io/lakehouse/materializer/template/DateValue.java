package io.lakehouse.materializer.template;

import io.trino.sql.tree.Expression;
import io.trino.sql.tree.GenericLiteral;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import static java.util.Objects.requireNonNull;

/**
 * A {@code DATE} value, rendered as {@code DATE '2024-01-01'}.
 */
public record DateValue(LocalDate date)
        implements TemplateValue
{
    public DateValue
    {
        requireNonNull(date, "date is null");
    }

    /**
     * Parses an ISO date (2024-01-01); anything else is rejected rather than passed on to SQL.
     */
    public static DateValue parse(String text)
    {
        requireNonNull(text, "text is null");
        try {
            return new DateValue(LocalDate.parse(text));
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid date '%s': expected an ISO date such as 2024-01-01".formatted(text), e);
        }
    }

    @Override
    public Expression toLiteral()
    {
        return new GenericLiteral("DATE", date.toString());
    }

    @Override
    public String toString()
    {
        return date.toString();
    }
}
