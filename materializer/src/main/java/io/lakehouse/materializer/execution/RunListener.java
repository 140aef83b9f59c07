package io.lakehouse.materializer.execution;

import io.lakehouse.materializer.model.Model;

/**
 * Receives the progress of a run as it happens.
 */
public interface RunListener
{
    /**
     * @param position the model's position in the run, from 1 to {@code total}
     */
    default void modelStarted(Model model, int position, int total) {}

    default void modelFinished(ModelResult result) {}
}
