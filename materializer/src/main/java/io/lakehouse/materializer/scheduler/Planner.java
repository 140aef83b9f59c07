package io.lakehouse.materializer.scheduler;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.ledger.IntervalRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.TaskState;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.schedule.Interval;
import io.lakehouse.materializer.schedule.Schedule;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static java.util.Objects.requireNonNull;

/**
 * Decides which tasks a run executes: the intervals that are due and not yet published (catch-up), the interval of
 * a given date, or every interval of a date range (backfill).
 */
public final class Planner
{
    // sorts before every measured duration
    private static final Duration NEVER_RUN = Duration.ofSeconds(Long.MAX_VALUE);

    private final Ledger ledger;

    public Planner(Ledger ledger)
    {
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    /**
     * Every due interval the ledger has not seen succeed, oldest first: an interval is due when its end plus the
     * model's grace has passed. Interval-partitioned models catch up every interval since their start; a
     * {@code FULL} or {@code VIEW} model, which rebuilds everything, only its latest interval.
     *
     * @param models in dependency order
     */
    public List<Task> catchUp(List<Model> models, LocalDateTime now)
    {
        ImmutableList.Builder<Task> tasks = ImmutableList.builder();
        for (Model model : models) {
            LocalDateTime until = now.minus(model.header().grace().toJavaTime());
            Set<Interval> published = succeeded(model);
            for (Interval interval : dueIntervals(model, until)) {
                if (!published.contains(interval)) {
                    tasks.add(new Task(model, interval));
                }
            }
        }
        return byInterval(tasks.build(), models, false);
    }

    private static List<Interval> dueIntervals(Model model, LocalDateTime until)
    {
        Schedule schedule = model.header().schedule();
        if (model.kind().isPartitionedByInterval()) {
            return schedule.completeIntervals(model.header().start().orElseThrow(), until);
        }
        LocalDate start = model.header().start().orElse(LocalDate.MIN.plusYears(1));
        return schedule.lastCompleteInterval(start, until).map(List::of).orElse(List.of());
    }

    /**
     * For each model, its interval that starts on {@code ds} (or the first one after it), the models whose latest
     * task took longest first (models never run before first of all, in the given order): of the tasks ready at the
     * same time the longest starts first, so that the shorter ones fill the other slots meanwhile and the tasks a
     * layer waits for end together. IMDb at scale 0.25, two tasks at a time: bronze.title_principals, the longest
     * bronze model, ran alone for 5 s at the end of the bronze layer and gold.prolific_actors for 4.7 s at the end of
     * the gold one; started first, each overlaps the shorter models.
     */
    public List<Task> forDate(List<Model> models, LocalDate ds)
    {
        Map<String, Duration> durations = ledger.latestTaskDurations(models.stream().map(model -> model.name().toString()).toList());
        return models.stream()
                .sorted(Comparator.comparing((Model model) -> durations.getOrDefault(model.name().toString(), NEVER_RUN)).reversed())
                .map(model -> new Task(model, model.header().schedule().intervalStartingAtOrAfter(ds.atStartOfDay())))
                .collect(toImmutableList());
    }

    /**
     * Every interval of the models that starts from {@code from} through {@code to}; a {@code FULL} or {@code VIEW}
     * model only once, for its last interval in the range.
     *
     * @param rerunSucceeded whether intervals already published are included
     * @param reverse whether the newest intervals start first
     */
    public List<Task> backfill(List<Model> models, LocalDate from, LocalDate to, boolean rerunSucceeded, boolean reverse)
    {
        ImmutableList.Builder<Task> tasks = ImmutableList.builder();
        for (Model model : models) {
            Schedule schedule = model.header().schedule();
            LocalDate first = model.kind().isPartitionedByInterval() && model.header().start().get().isAfter(from) ? model.header().start().get() : from;
            List<Interval> intervals = intervalsStartingBetween(schedule, first, to);
            if (!model.kind().isPartitionedByInterval() && !intervals.isEmpty()) {
                intervals = List.of(intervals.getLast());
            }
            Set<Interval> published = rerunSucceeded ? Set.of() : succeeded(model);
            intervals.stream()
                    .filter(interval -> !published.contains(interval))
                    .forEach(interval -> tasks.add(new Task(model, interval)));
        }
        return byInterval(tasks.build(), models, reverse);
    }

    private static List<Interval> intervalsStartingBetween(Schedule schedule, LocalDate from, LocalDate to)
    {
        ImmutableList.Builder<Interval> intervals = ImmutableList.builder();
        Interval interval = schedule.intervalStartingAtOrAfter(from.atStartOfDay());
        while (interval.start().isBefore(to.plusDays(1).atStartOfDay())) {
            intervals.add(interval);
            interval = new Interval(interval.end(), schedule.next(interval.end()));
        }
        return intervals.build();
    }

    private Set<Interval> succeeded(Model model)
    {
        return ledger.intervals(model.name().toString()).stream()
                .filter(record -> record.state() == TaskState.SUCCEEDED)
                .map(IntervalRecord::interval)
                .collect(toImmutableSet());
    }

    private static List<Task> byInterval(List<Task> tasks, List<Model> models, boolean reverse)
    {
        Comparator<Task> byStart = Comparator.comparing(task -> task.interval().start());
        if (reverse) {
            byStart = byStart.reversed();
        }
        Comparator<Task> byModelOrder = Comparator.comparingInt(task -> models.indexOf(task.model()));
        return tasks.stream()
                .sorted(byStart.thenComparing(byModelOrder))
                .collect(toImmutableList());
    }
}
