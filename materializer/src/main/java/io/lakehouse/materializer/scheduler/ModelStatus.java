package io.lakehouse.materializer.scheduler;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.ledger.IntervalRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.TaskState;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.schedule.Interval;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

/**
 * A model's state in the ledger: its newest published interval and when it was published, the due intervals not
 * published yet, whether it is stale (its newest published interval ended longer ago than its {@code freshness}), and its latest failure.
 */
public record ModelStatus(Model model, Optional<Interval> latestPublished, Optional<LocalDateTime> publishedAt, List<Interval> missing, boolean stale, Optional<String> latestFailure)
{
    public ModelStatus
    {
        requireNonNull(model, "model is null");
        requireNonNull(latestPublished, "latestPublished is null");
        requireNonNull(publishedAt, "publishedAt is null");
        missing = ImmutableList.copyOf(requireNonNull(missing, "missing is null"));
        requireNonNull(latestFailure, "latestFailure is null");
    }

    public static List<ModelStatus> of(List<Model> models, Ledger ledger, LocalDateTime now)
    {
        Planner planner = new Planner(ledger);
        return models.stream()
                .map(model -> {
                    List<IntervalRecord> intervals = ledger.intervals(model.name().toString());
                    Optional<IntervalRecord> newest = intervals.stream()
                            .filter(record -> record.state() == TaskState.SUCCEEDED)
                            .max(Comparator.comparing(IntervalRecord::interval));
                    Optional<Interval> latest = newest.map(IntervalRecord::interval);
                    List<Interval> missing = planner.catchUp(List.of(model), now).stream().map(Task::interval).collect(toImmutableList());
                    boolean stale = model.header().freshness()
                            .map(freshness -> latest.isEmpty() || latest.get().end().plus(freshness.toJavaTime()).isBefore(now))
                            .orElse(false);
                    Optional<String> failure = intervals.stream()
                            .filter(record -> record.state() == TaskState.FAILED)
                            .max(Comparator.comparing(IntervalRecord::updatedAt))
                            .map(record -> "%s failed in run %s".formatted(record.interval(), record.runId()));
                    return new ModelStatus(model, latest, newest.map(IntervalRecord::updatedAt), missing, stale, failure);
                })
                .collect(toImmutableList());
    }
}
