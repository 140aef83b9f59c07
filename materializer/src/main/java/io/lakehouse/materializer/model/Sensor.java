package io.lakehouse.materializer.model;

import io.airlift.units.Duration;
import io.lakehouse.materializer.template.Template;

import static java.util.Objects.requireNonNull;

/**
 * What a run waits for before it starts: a query returning one boolean, true once the interval's input has
 * arrived (a landing partition, a file), asked every {@code poke} until {@code timeout}.
 */
public record Sensor(Template query, String text, Duration timeout, Duration poke)
{
    public Sensor
    {
        requireNonNull(query, "query is null");
        requireNonNull(text, "text is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(poke, "poke is null");
    }
}
