package io.lakehouse.materializer.generate;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Checks on values of IMDb's tab-separated files, which have no quoting or escaping: a tab or line break in a
 * value would shift or split a record.
 */
final class TsvValues
{
    private TsvValues() {}

    static String requireTsvSafe(String value, String name)
    {
        requireNonNull(value, () -> name + " is null");
        checkArgument(value.chars().noneMatch(character -> character == '\t' || character == '\n' || character == '\r'), "%s contains a tab or line break: %s", name, value);
        return value;
    }

    static String requireListElement(String value, String name)
    {
        requireTsvSafe(value, name);
        checkArgument(!value.isEmpty() && !value.contains(","), "%s is empty or contains a comma: %s", name, value);
        return value;
    }
}
