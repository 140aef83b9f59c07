package io.lakehouse.materializer.execution;

import io.lakehouse.materializer.model.Model;

import static java.util.Objects.requireNonNull;

/**
 * A model whose statements failed in Trino. The message names the model, its file, the step that failed,
 * Trino's error and the state the model's table is left in.
 */
public class ModelExecutionException
        extends RuntimeException
{
    private final Model model;

    public ModelExecutionException(Model model, String message, Throwable cause)
    {
        super(message, cause);
        this.model = requireNonNull(model, "model is null");
    }

    public Model getModel()
    {
        return model;
    }
}
