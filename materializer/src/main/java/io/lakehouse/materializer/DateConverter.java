package io.lakehouse.materializer;

import io.lakehouse.materializer.template.DateValue;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --ds} as a date, so a value that is not a date never reaches a query.
 */
final class DateConverter
        implements ITypeConverter<DateValue>
{
    @Override
    public DateValue convert(String value)
    {
        try {
            return DateValue.parse(value);
        }
        catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
