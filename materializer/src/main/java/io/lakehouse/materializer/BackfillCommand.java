package io.lakehouse.materializer;

import io.lakehouse.materializer.ModelSelection.Selection;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.execution.TaskPlan;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.Task;
import io.lakehouse.materializer.template.DateValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "backfill", mixinStandardHelpOptions = true, description = "Run every interval of a date range for the selected models (and with --downstream the models reading them).")
final class BackfillCommand
        implements Callable<Integer>
{
    @Option(names = "--from", required = true, paramLabel = "<date>", converter = DateConverter.class, description = "First date of the range")
    DateValue from;

    @Option(names = "--to", required = true, paramLabel = "<date>", converter = DateConverter.class, description = "Last date of the range, included")
    DateValue to;

    @Option(names = "--downstream", description = "Also backfill every model that reads the selected ones")
    boolean downstream;

    @Option(names = "--reverse", description = "Run the newest intervals first")
    boolean reverse;

    @Option(names = "--concurrency", paramLabel = "<n>", defaultValue = "2", description = "Tasks running at the same time (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--rerun", description = "Run intervals that were published before too (default: only missing or failed ones)")
    boolean rerun;

    @Option(names = "--continue-on-failure", description = "Run tasks that do not depend on a failed task")
    boolean continueOnFailure;

    @Option(names = "--dry-run", description = "Print the tasks and their statements without running them")
    boolean dryRun;

    @Mixin
    ModelSelection selection;

    @Mixin
    WarehouseOption warehouse;

    @Mixin
    LeaseOption lease;

    @Mixin
    ServiceOptions services;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
            throws SQLException
    {
        if (to.date().isBefore(from.date())) {
            throw new ParameterException(spec.commandLine(), "--to %s is before --from %s".formatted(to, from));
        }
        Selection selected = downstream ? selection.loadWithDownstream() : selection.load();
        PrintWriter out = spec.commandLine().getOut();
        RunId runId = RunId.generate(Clock.systemUTC());
        String version = dryRun ? "" : services.trinoVersion();
        try (Materializer materializer = services.materializer(warehouse)) {
            List<Task> tasks = materializer.planner().backfill(selected.models(), from.date(), to.date(), rerun, reverse);
            if (dryRun) {
                out.printf("-- Backfill %s to %s (dry run): %s task%s, %s, at most %s at a time%n", from, to, tasks.size(), tasks.size() == 1 ? "" : "s",
                        reverse ? "newest first" : "oldest first", concurrency);
                for (Task task : tasks) {
                    out.printf("%n-- %s%n", task);
                    TaskPlan.of(task.model(), task.interval(), runId, warehouse.warehouse()).describe().forEach(statement -> out.println(statement.strip() + ";"));
                }
                out.flush();
                return 0;
            }
            out.printf("Backfill %s: %s to %s on Trino %s at %s%n", runId, from, to, version, services.server);
            RunOptions options = new RunOptions(concurrency, continueOnFailure, lease.leaseTtl(), rerun);
            ProgressPrinter progress = new ProgressPrinter(out);
            RunSummary summary = CancelOnExit.run(materializer, runId, () -> materializer.run(runId, "backfill %s %s".formatted(from, to), tasks, selected.graph(), options, progress));
            progress.summary(summary);
            return summary.failed().isEmpty() ? 0 : 1;
        }
    }
}
