package io.lakehouse.materializer.web;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.lakehouse.materializer.ledger.IntervalRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.RunState;
import io.lakehouse.materializer.ledger.TaskState;
import io.lakehouse.materializer.model.Model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Each model's latest interval in the ledger, and which models have a task running now.
 */
record LatestStates(Map<String, IntervalRecord> latest, Set<String> running)
{
    LatestStates
    {
        latest = ImmutableMap.copyOf(requireNonNull(latest, "latest is null"));
        running = ImmutableSet.copyOf(requireNonNull(running, "running is null"));
    }

    static LatestStates of(List<Model> models, Ledger ledger)
    {
        Map<String, IntervalRecord> latest = new HashMap<>();
        for (Model model : models) {
            List<IntervalRecord> intervals = ledger.intervals(model.name().toString());
            if (!intervals.isEmpty()) {
                latest.put(model.name().toString(), intervals.getLast());
            }
        }
        Set<String> running = new HashSet<>();
        ledger.runs(50).stream()
                .filter(run -> run.state() == RunState.RUNNING)
                .forEach(run -> ledger.tasks(run.runId()).stream()
                        .filter(task -> task.state() == TaskState.RUNNING)
                        .forEach(task -> running.add(task.model())));
        return new LatestStates(latest, running);
    }

    Optional<IntervalRecord> latest(String model)
    {
        return Optional.ofNullable(latest.get(model));
    }

    /**
     * RUNNING while a task of the model runs, else the state of its latest interval, NONE if it never ran.
     */
    String state(String model)
    {
        if (running.contains(model)) {
            return TaskState.RUNNING.name();
        }
        return latest(model).map(record -> record.state().name()).orElse("NONE");
    }
}
