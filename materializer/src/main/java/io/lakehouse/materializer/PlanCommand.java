package io.lakehouse.materializer;

import io.lakehouse.materializer.ModelSelection.Selection;
import io.lakehouse.materializer.execution.FullRefresh;
import io.lakehouse.materializer.execution.RunContext;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.template.DateValue;
import io.lakehouse.materializer.template.TemplateVariables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static java.util.stream.Collectors.joining;

@Command(name = "plan", mixinStandardHelpOptions = true, description = "Print the models in run order and the SQL a run would execute, without executing it.")
final class PlanCommand
        implements Callable<Integer>
{
    @Option(names = "--ds", required = true, paramLabel = "<date>", converter = DateConverter.class, description = "Logical date of the run, such as 2024-01-01")
    DateValue ds;

    @Mixin
    ModelSelection selection;

    @Mixin
    WarehouseOption warehouse;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        Selection selected = selection.load();
        List<Model> models = selected.models();
        RunContext context = new RunContext(RunId.generate(Clock.systemUTC()), TemplateVariables.forDs(ds.date()), warehouse.warehouse());
        PrintWriter out = spec.commandLine().getOut();

        out.printf("-- Plan for ds %s: %s model%s in run order (staging tables use run id %s; each run has its own)%n",
                ds, models.size(), models.size() == 1 ? "" : "s", context.runId());
        for (int i = 0; i < models.size(); i++) {
            Model model = models.get(i);
            out.printf("-- %s. %s  reads models: %s; sources: %s%n",
                    i + 1, model, names(selected.graph().upstream(model.name())), names(selected.graph().sources(model.name())));
        }
        for (Model model : models) {
            FullRefresh plan = context.plan(model);
            out.printf("%n-- %s, kind %s%n", model, model.kind());
            for (String statement : plan.statements()) {
                out.println(statement.strip() + ";");
            }
        }
        out.flush();
        return 0;
    }

    private static String names(Set<TableName> names)
    {
        if (names.isEmpty()) {
            return "none";
        }
        return names.stream()
                .sorted()
                .map(TableName::toString)
                .collect(joining(", "));
    }
}
