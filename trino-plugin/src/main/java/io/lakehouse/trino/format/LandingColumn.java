package io.lakehouse.trino.format;

import io.trino.spi.type.Type;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A column of landing data as inferred or declared: its name in the file (header field or JSON key, lower case),
 * its Trino type, and for {@code date} and {@code timestamp} columns read from text the pattern their values follow
 * ({@link java.time.format.DateTimeFormatter} syntax, e.g. {@code M/d/yyyy H:mm}); empty means ISO-8601.
 */
public record LandingColumn(String name, Type type, Optional<String> pattern)
{
    public LandingColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(pattern, "pattern is null");
    }

    public LandingColumn(String name, Type type)
    {
        this(name, type, Optional.empty());
    }
}
