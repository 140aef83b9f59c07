package io.lakehouse.materializer;

import io.lakehouse.materializer.ModelSelection.Selection;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.execution.TaskPlan;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.scheduler.Planner;
import io.lakehouse.materializer.scheduler.Task;
import io.lakehouse.materializer.template.DateValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static java.time.ZoneOffset.UTC;
import static java.util.stream.Collectors.joining;

@Command(name = "plan", mixinStandardHelpOptions = true, description = "Print the tasks a run would execute, in order, and their statements, without executing them.")
final class PlanCommand
        implements Callable<Integer>
{
    @Option(names = "--ds", paramLabel = "<date>", converter = DateConverter.class, description = "Plan the interval starting on this date; without it, plan the catch-up the ledger calls for")
    DateValue ds;

    @Mixin
    ModelSelection selection;

    @Mixin
    WarehouseOption warehouse;

    @Mixin
    ServiceOptions services;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        Selection selected = selection.load();
        List<Model> models = selected.models();
        RunId runId = RunId.generate(Clock.systemUTC());
        List<Task> tasks;
        if (ds != null) {
            // an explicit date needs no ledger
            tasks = models.stream().map(model -> new Task(model, model.header().schedule().intervalStartingAtOrAfter(ds.date().atStartOfDay()))).toList();
        }
        else {
            try (Ledger ledger = services.ledger()) {
                tasks = new Planner(ledger).catchUp(models, LocalDateTime.now(UTC));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("-- Plan%s: %s model%s, %s task%s in run order (staging tables use run id %s; each run has its own)%n",
                ds == null ? " (catch-up)" : " for ds " + ds, models.size(), models.size() == 1 ? "" : "s", tasks.size(), tasks.size() == 1 ? "" : "s", runId);
        for (int i = 0; i < models.size(); i++) {
            Model model = models.get(i);
            out.printf("-- %s. %s  kind %s, cron %s; reads models: %s; sources: %s%n",
                    i + 1, model, model.kind(), model.header().schedule(), names(selected.graph().upstream(model.name())), names(selected.graph().sources(model.name())));
        }
        for (Task task : tasks) {
            out.printf("%n-- %s, kind %s%n", task, task.model().kind());
            for (String statement : TaskPlan.of(task.model(), task.interval(), runId, warehouse.warehouse()).describe()) {
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
