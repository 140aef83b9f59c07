package io.lakehouse.materializer.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.google.common.collect.ImmutableList;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static java.time.ZoneOffset.UTC;
import static java.util.Objects.requireNonNull;

/**
 * When a model runs: a Unix cron expression ({@code 0 6 * * *}) or nickname ({@code @daily}, {@code @hourly},
 * {@code @weekly}, {@code @monthly}, {@code @yearly}), evaluated in UTC. Consecutive fire times bound the intervals:
 * the interval {@code [t1, t2)} is processed once {@code t2} has passed, as in Airflow.
 */
public final class Schedule
{
    private static final CronDefinition UNIX = CronDefinitionBuilder.defineCron()
            .withMinutes().and()
            .withHours().and()
            .withDayOfMonth().supportsL().supportsW().supportsQuestionMark().and()
            .withMonth().and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).supportsHash().supportsL().supportsQuestionMark().and()
            .withSupportedNicknameYearly()
            .withSupportedNicknameAnnually()
            .withSupportedNicknameMonthly()
            .withSupportedNicknameWeekly()
            .withSupportedNicknameDaily()
            .withSupportedNicknameMidnight()
            .withSupportedNicknameHourly()
            .instance();
    private static final CronParser PARSER = new CronParser(UNIX);

    public static final Schedule DAILY = parse("@daily");

    // a schedule that fires less often than this is certainly a mistake, and searching further would never end
    private static final int MAX_YEARS_BETWEEN_FIRES = 5;

    private final String expression;
    private final ExecutionTime executionTime;

    private Schedule(String expression, ExecutionTime executionTime)
    {
        this.expression = requireNonNull(expression, "expression is null");
        this.executionTime = requireNonNull(executionTime, "executionTime is null");
    }

    /**
     * @throws IllegalArgumentException with a message naming the problem, for an expression that is not a cron
     */
    public static Schedule parse(String expression)
    {
        requireNonNull(expression, "expression is null");
        Cron cron;
        try {
            cron = PARSER.parse(expression.strip()).validate();
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid cron '%s': %s; write five fields (minute hour day-of-month month day-of-week) such as '0 6 * * *', or @hourly, @daily, @weekly, @monthly, @yearly".formatted(expression, e.getMessage()), e);
        }
        return new Schedule(expression.strip(), ExecutionTime.forCron(cron));
    }

    public String expression()
    {
        return expression;
    }

    /**
     * The first fire time at or after {@code time}.
     */
    public LocalDateTime fireAtOrAfter(LocalDateTime time)
    {
        ZonedDateTime zoned = time.atZone(UTC);
        if (executionTime.isMatch(zoned.withSecond(0).withNano(0)) && zoned.getSecond() == 0 && zoned.getNano() == 0) {
            return time;
        }
        return next(time);
    }

    /**
     * The first fire time strictly after {@code time}.
     */
    public LocalDateTime next(LocalDateTime time)
    {
        Optional<ZonedDateTime> next = executionTime.nextExecution(time.atZone(UTC));
        LocalDateTime fire = next.orElseThrow(() -> new IllegalArgumentException("Cron '%s' never fires after %s".formatted(expression, time))).toLocalDateTime();
        checkArgument(fire.isBefore(time.plusYears(MAX_YEARS_BETWEEN_FIRES)), "Cron '%s' does not fire within %s years after %s", expression, MAX_YEARS_BETWEEN_FIRES, time);
        return fire;
    }

    /**
     * The interval that starts at the first fire time at or after {@code time}.
     */
    public Interval intervalStartingAtOrAfter(LocalDateTime time)
    {
        LocalDateTime start = fireAtOrAfter(time);
        return new Interval(start, next(start));
    }

    /**
     * Every complete interval from the first one starting at or after {@code start} up to the last one ending at
     * or before {@code until}, in order.
     */
    public List<Interval> completeIntervals(LocalDate start, LocalDateTime until)
    {
        return intervals(start.atStartOfDay(), until);
    }

    public List<Interval> intervals(LocalDateTime from, LocalDateTime until)
    {
        ImmutableList.Builder<Interval> intervals = ImmutableList.builder();
        LocalDateTime intervalStart = fireAtOrAfter(from);
        while (true) {
            LocalDateTime intervalEnd = next(intervalStart);
            if (intervalEnd.isAfter(until)) {
                return intervals.build();
            }
            intervals.add(new Interval(intervalStart, intervalEnd));
            intervalStart = intervalEnd;
        }
    }

    /**
     * The last complete interval at {@code now}, the one a scheduled run at {@code now} processes.
     */
    public Optional<Interval> lastCompleteInterval(LocalDate start, LocalDateTime now)
    {
        Optional<ZonedDateTime> lastFire = executionTime.lastExecution(now.atZone(UTC).plusNanos(1));
        if (lastFire.isEmpty()) {
            return Optional.empty();
        }
        LocalDateTime end = lastFire.get().toLocalDateTime();
        Optional<ZonedDateTime> previous = executionTime.lastExecution(lastFire.get());
        if (previous.isEmpty() || previous.get().toLocalDateTime().isBefore(start.atStartOfDay())) {
            return Optional.empty();
        }
        return Optional.of(new Interval(previous.get().toLocalDateTime(), end));
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof Schedule schedule && expression.equals(schedule.expression);
    }

    @Override
    public int hashCode()
    {
        return expression.hashCode();
    }

    @Override
    public String toString()
    {
        return expression;
    }
}
