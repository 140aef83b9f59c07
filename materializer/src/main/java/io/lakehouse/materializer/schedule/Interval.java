package io.lakehouse.materializer.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * The half-open span of time {@code [start, end)} one run of a model processes, in UTC. A daily model's interval
 * for 2024-01-01 is {@code [2024-01-01 00:00, 2024-01-02 00:00)}; its {@code ds} is the start's date.
 */
public record Interval(LocalDateTime start, LocalDateTime end)
        implements Comparable<Interval>
{
    public Interval
    {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        checkArgument(start.isBefore(end), "interval start %s is not before its end %s", start, end);
    }

    /**
     * The logical date of the interval, as Airflow's {@code ds}.
     */
    public LocalDate ds()
    {
        return start.toLocalDate();
    }

    public boolean contains(LocalDateTime time)
    {
        return !time.isBefore(start) && time.isBefore(end);
    }

    @Override
    public int compareTo(Interval other)
    {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : end.compareTo(other.end);
    }

    @Override
    public String toString()
    {
        if (start.toLocalTime().equals(LocalTime.MIDNIGHT) && end.toLocalTime().equals(LocalTime.MIDNIGHT) && start.toLocalDate().plusDays(1).equals(end.toLocalDate())) {
            return start.toLocalDate().toString();
        }
        return "[%s, %s)".formatted(start, end);
    }
}
