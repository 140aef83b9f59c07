package io.lakehouse.materializer;

import io.lakehouse.materializer.ModelSelection.Selection;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.Task;
import io.lakehouse.materializer.template.DateValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;

import static java.time.ZoneOffset.UTC;

@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Materialize the models through Trino with write-audit-publish.",
        "Without --ds, catches up: every due interval not yet published, per model and its cron. With --ds, runs each model's interval of that date, even if it was published before."})
final class RunCommand
        implements Callable<Integer>
{
    @Option(names = "--ds", paramLabel = "<date>", converter = DateConverter.class, description = "Run the interval starting on this date, such as 2024-01-01")
    DateValue ds;

    @Option(names = "--concurrency", paramLabel = "<n>", defaultValue = "2", description = "Tasks running at the same time (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--continue-on-failure", description = "Run tasks that do not depend on a failed task")
    boolean continueOnFailure;

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
        Selection selected = selection.load();
        PrintWriter out = spec.commandLine().getOut();
        RunId runId = RunId.generate(Clock.systemUTC());
        String version = services.trinoVersion();
        try (Materializer materializer = services.materializer(warehouse)) {
            List<Task> tasks = ds == null
                    ? materializer.planner().catchUp(selected.models(), LocalDateTime.now(UTC))
                    : materializer.planner().forDate(selected.models(), ds.date());
            out.printf("Run %s on Trino %s at %s, ledger %s%n", runId, version, services.server, materializer.ledger().url());
            RunOptions options = new RunOptions(concurrency, continueOnFailure, lease.leaseTtl(), ds != null);
            ProgressPrinter progress = new ProgressPrinter(out);
            RunSummary summary = CancelOnExit.run(materializer, runId, () -> materializer.run(runId, ds == null ? "run" : "run --ds " + ds, tasks, selected.graph(), options, progress));
            progress.summary(summary);
            return summary.failed().isEmpty() ? 0 : 1;
        }
    }
}
