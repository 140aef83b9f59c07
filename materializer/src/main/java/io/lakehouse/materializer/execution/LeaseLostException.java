package io.lakehouse.materializer.execution;

/**
 * A task's lease was taken over by another instance before it published: the other instance executes the task, so
 * this one must not change the catalog.
 */
public class LeaseLostException
        extends RuntimeException
{
    public LeaseLostException(String message)
    {
        super(message);
    }
}
