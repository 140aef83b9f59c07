package io.lakehouse.materializer.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.airlift.units.Duration;
import io.lakehouse.materializer.schedule.Schedule;
import io.lakehouse.materializer.template.TemplateValue;
import io.trino.sql.tree.Expression;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * The declarative part of a model file: everything between {@code MODEL (} and {@code );}.
 *
 * @param schedule when intervals start and end (the {@code cron}, {@code @daily} unless declared)
 * @param start the first interval's date; without it only the latest interval is ever run
 * @param timeColumn the partition column holding the interval's {@code ds}, for interval-partitioned kinds
 * @param grace how long after an interval's end its run waits (for late data)
 * @param freshness how old the newest published interval may get before the table counts as stale
 * @param retries how often a failed run of an interval is retried, with exponential backoff from {@code retryDelay}
 * @param maxActiveRuns how many intervals of this model may run at the same time
 * @param retainVersions how many previously published versions keep their data, for rollback
 * @param tableProperties Trino table properties for the created table, as literal expressions in header order
 * @param columnStatistics whether writing the table collects its column statistics (distinct values, nulls, min and
 * max of every column) for the catalog; without them the table's statistics are its row count and size
 * @param columnDescriptions comments of the table's columns by lower-case column name; they become the column comments
 */
public record ModelHeader(
        TableName name,
        ModelKind kind,
        Optional<String> description,
        Optional<String> owner,
        Schedule schedule,
        Optional<LocalDate> start,
        Optional<String> timeColumn,
        List<Check> checks,
        Map<String, TemplateValue> variables,
        Optional<Sensor> sensor,
        boolean dependsOnPast,
        int retries,
        Duration retryDelay,
        int maxActiveRuns,
        Duration grace,
        Optional<Duration> freshness,
        int retainVersions,
        Map<String, Expression> tableProperties,
        boolean columnStatistics,
        Map<String, String> columnDescriptions)
{
    public ModelHeader
    {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(description, "description is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(start, "start is null");
        requireNonNull(timeColumn, "timeColumn is null");
        checks = ImmutableList.copyOf(requireNonNull(checks, "checks is null"));
        variables = ImmutableMap.copyOf(requireNonNull(variables, "variables is null"));
        requireNonNull(sensor, "sensor is null");
        checkArgument(retries >= 0, "retries is negative");
        requireNonNull(retryDelay, "retryDelay is null");
        checkArgument(maxActiveRuns >= 1, "maxActiveRuns must be at least 1");
        requireNonNull(grace, "grace is null");
        requireNonNull(freshness, "freshness is null");
        checkArgument(retainVersions >= 0, "retainVersions is negative");
        tableProperties = ImmutableMap.copyOf(requireNonNull(tableProperties, "tableProperties is null"));
        columnDescriptions = ImmutableMap.copyOf(requireNonNull(columnDescriptions, "columnDescriptions is null"));
    }
}
