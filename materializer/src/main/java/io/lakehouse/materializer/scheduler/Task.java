package io.lakehouse.materializer.scheduler;

import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.schedule.Interval;

import static java.util.Objects.requireNonNull;

/**
 * One unit of work: a model's interval.
 */
public record Task(Model model, Interval interval)
{
    public Task
    {
        requireNonNull(model, "model is null");
        requireNonNull(interval, "interval is null");
    }

    @Override
    public String toString()
    {
        return model.name() + " " + interval;
    }
}
