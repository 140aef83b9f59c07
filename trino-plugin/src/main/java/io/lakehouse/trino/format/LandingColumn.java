package io.lakehouse.trino.format;

import io.trino.spi.type.Type;

import java.util.Optional;

import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * A column of landing data as inferred or declared: its name in the file (header field or JSON key, lower case),
 * its Trino type, and for {@code date} and {@code timestamp} columns read from text the pattern their values follow
 * ({@link java.time.format.DateTimeFormatter} syntax, e.g. {@code M/d/yyyy H:mm}); empty means ISO-8601.
 * {@code hasValues} is false for a column inferred from a file whose sample holds no value for it (only nulls, or no
 * rows): it is {@code varchar}, but that is no evidence of its type, so the other files of a table decide it.
 */
public record LandingColumn(String name, Type type, Optional<String> pattern, boolean hasValues)
{
    public LandingColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(pattern, "pattern is null");
    }

    public LandingColumn(String name, Type type, Optional<String> pattern)
    {
        this(name, type, pattern, true);
    }

    public LandingColumn(String name, Type type)
    {
        this(name, type, Optional.empty());
    }

    /**
     * A column a file names but holds no value for.
     */
    public static LandingColumn withoutValues(String name)
    {
        return new LandingColumn(name, VARCHAR, Optional.empty(), false);
    }
}
