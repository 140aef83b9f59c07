package io.lakehouse.materializer.model;

import java.util.Arrays;
import java.util.Optional;

import static java.util.Locale.ENGLISH;
import static java.util.stream.Collectors.joining;

/**
 * How a model's table is (re)built on each run. Kinds are added here together with their execution strategy;
 * the exhaustive {@code switch} over this enum in the execution package makes a new kind a compile error until
 * it is handled.
 */
public enum ModelKind
{
    /**
     * The query is recomputed on every run and replaces the whole table.
     */
    FULL,
    /**
     * The query becomes a view; nothing is written.
     */
    VIEW,
    /**
     * Each run computes one interval, which replaces that interval's partition of the table: reruns are idempotent.
     */
    INCREMENTAL_BY_TIME_RANGE,
    /**
     * Each run adds one interval's rows as a new partition of the table; an interval is appended once and never replaced.
     */
    APPEND;

    public static Optional<ModelKind> fromName(String name)
    {
        return Arrays.stream(values())
                .filter(kind -> kind.name().equals(name.toUpperCase(ENGLISH)))
                .findFirst();
    }

    public static String supportedNames()
    {
        return Arrays.stream(values())
                .map(ModelKind::name)
                .collect(joining(", "));
    }

    /**
     * Whether each run writes one interval's partition, rather than the whole table.
     */
    public boolean isPartitionedByInterval()
    {
        return this == INCREMENTAL_BY_TIME_RANGE || this == APPEND;
    }
}
