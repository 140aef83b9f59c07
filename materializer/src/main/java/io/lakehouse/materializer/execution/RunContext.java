package io.lakehouse.materializer.execution;

import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.template.TemplateVariables;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What every model of one run shares: the run's id, the template values and where new schemas live.
 */
public record RunContext(RunId runId, TemplateVariables variables, Optional<Warehouse> warehouse)
{
    public RunContext
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(variables, "variables is null");
        requireNonNull(warehouse, "warehouse is null");
    }

    /**
     * The statements that materialize {@code model} in this run.
     */
    public FullRefresh plan(Model model)
    {
        return switch (model.kind()) {
            case FULL -> FullRefresh.plan(model, model.renderQuery(variables), runId, warehouse);
            case VIEW, INCREMENTAL_BY_TIME_RANGE, APPEND -> throw new UnsupportedOperationException("Model %s is of kind %s, which this materializer version cannot run yet".formatted(model, model.kind()));
        };
    }
}
