package io.lakehouse.materializer.execution;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.audit.CheckResult;
import io.lakehouse.materializer.model.Model;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A model's task that did not publish. The message names the model, its file, the interval, the step that failed,
 * Trino's or Glue's error (or the failing checks) and the state the model's table is left in.
 */
public class ModelExecutionException
        extends RuntimeException
{
    private final Model model;
    private final Optional<String> queryId;
    private final List<CheckResult> checks;

    public ModelExecutionException(Model model, String message, Throwable cause)
    {
        this(model, message, cause, Optional.empty(), ImmutableList.of());
    }

    public ModelExecutionException(Model model, String message, Throwable cause, Optional<String> queryId, List<CheckResult> checks)
    {
        super(message, cause);
        this.model = requireNonNull(model, "model is null");
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.checks = ImmutableList.copyOf(requireNonNull(checks, "checks is null"));
    }

    public Model getModel()
    {
        return model;
    }

    public Optional<String> getQueryId()
    {
        return queryId;
    }

    public List<CheckResult> getChecks()
    {
        return checks;
    }
}
