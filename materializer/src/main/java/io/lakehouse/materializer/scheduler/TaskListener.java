package io.lakehouse.materializer.scheduler;

import io.lakehouse.materializer.execution.TaskResult;
import io.trino.jdbc.QueryStats;

/**
 * Receives the progress of a run as it happens, from the threads that execute its tasks.
 */
public interface TaskListener
{
    default void runStarted(int tasks) {}

    /**
     * @param done how many tasks of the run have finished, successfully or not
     */
    default void taskStarted(Task task, int attempt, int done, int total) {}

    default void queryProgress(Task task, QueryStats stats) {}

    default void taskSucceeded(Task task, TaskResult result, int done, int total) {}

    default void taskFailed(Task task, String error, boolean retrying, int done, int total) {}

    default void taskSkipped(Task task, String reason, int done, int total) {}
}
