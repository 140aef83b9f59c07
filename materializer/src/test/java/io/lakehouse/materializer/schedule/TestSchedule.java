package io.lakehouse.materializer.schedule;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestSchedule
{
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    @Test
    void testDailyIntervalsAreCompleteDaysFromStartUntilNow()
    {
        Schedule daily = Schedule.parse("@daily");

        assertThat(daily.completeIntervals(START, LocalDateTime.of(2024, 1, 4, 5, 30)))
                .extracting(Interval::toString)
                .containsExactly("2024-01-01", "2024-01-02", "2024-01-03");
        assertThat(daily.completeIntervals(START, LocalDateTime.of(2024, 1, 1, 23, 59))).isEmpty();
        assertThat(daily.lastCompleteInterval(START, LocalDateTime.of(2024, 1, 4, 5, 30)))
                .contains(new Interval(LocalDateTime.of(2024, 1, 3, 0, 0), LocalDateTime.of(2024, 1, 4, 0, 0)));
        assertThat(daily.lastCompleteInterval(START, LocalDateTime.of(2024, 1, 4, 0, 0)))
                .contains(new Interval(LocalDateTime.of(2024, 1, 3, 0, 0), LocalDateTime.of(2024, 1, 4, 0, 0)));
    }

    @Test
    void testCronWithFixedHourBoundsIntervalsAtThatHour()
    {
        Schedule sixAm = Schedule.parse("0 6 * * *");

        assertThat(sixAm.completeIntervals(START, LocalDateTime.of(2024, 1, 3, 6, 0)))
                .containsExactly(
                        new Interval(LocalDateTime.of(2024, 1, 1, 6, 0), LocalDateTime.of(2024, 1, 2, 6, 0)),
                        new Interval(LocalDateTime.of(2024, 1, 2, 6, 0), LocalDateTime.of(2024, 1, 3, 6, 0)));
    }

    @Test
    void testHourlyAndWeeklyNicknames()
    {
        assertThat(Schedule.parse("@hourly").completeIntervals(START, LocalDateTime.of(2024, 1, 1, 3, 0))).hasSize(3);
        // 2024-01-01 is a Monday; weeks run from Sunday midnight
        assertThat(Schedule.parse("@weekly").completeIntervals(START, LocalDateTime.of(2024, 1, 21, 0, 0)))
                .containsExactly(
                        new Interval(LocalDateTime.of(2024, 1, 7, 0, 0), LocalDateTime.of(2024, 1, 14, 0, 0)),
                        new Interval(LocalDateTime.of(2024, 1, 14, 0, 0), LocalDateTime.of(2024, 1, 21, 0, 0)));
    }

    @Test
    void testIntervalOfADayHasItsDateAsDs()
    {
        Interval interval = Schedule.DAILY.intervalStartingAtOrAfter(LocalDate.of(2024, 2, 29).atStartOfDay());

        assertThat(interval.ds()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(interval.end()).isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 0));
    }

    @Test
    void testInvalidCronIsRejectedWithTheExpectedForm()
    {
        assertThatThrownBy(() -> Schedule.parse("61 * * * *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid cron '61 * * * *'")
                .hasMessageContaining("minute hour day-of-month month day-of-week");
    }
}
