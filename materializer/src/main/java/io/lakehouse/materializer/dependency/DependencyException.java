package io.lakehouse.materializer.dependency;

/**
 * Models that cannot be ordered or selected: a dependency cycle, two files defining the same model, or a
 * selection naming no model.
 */
public class DependencyException
        extends RuntimeException
{
    public DependencyException(String message)
    {
        super(message);
    }
}
