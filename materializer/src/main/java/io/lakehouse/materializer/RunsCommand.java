package io.lakehouse.materializer;

import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.ledger.AttemptRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the latest runs from the ledger, or with --run the attempts of one run (rows, Trino query ids, checks, errors).")
final class RunsCommand
        implements Callable<Integer>
{
    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "20", description = "How many runs to list (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--run", paramLabel = "<run id>", description = "Show the attempts of this run")
    String run;

    @Mixin
    ServiceOptions services;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        PrintWriter out = spec.commandLine().getOut();
        try (Ledger ledger = services.ledger()) {
            if (run != null) {
                RunId runId = new RunId(run);
                RunRecord record = ledger.run(runId).orElseThrow(() -> new IllegalArgumentException("Run %s is not in the ledger %s; list runs with: runs".formatted(run, ledger.url())));
                out.printf("Run %s (%s) by %s: %s, started %s%s%n", record.runId(), record.command(), record.instance(), record.state(), record.startedAt(),
                        record.message().map(message -> ", " + message).orElse(""));
                for (AttemptRecord attempt : ledger.attempts(runId)) {
                    out.printf("  %s %s attempt %s: %s%s%s%s%n", attempt.model(), attempt.intervalStart().toLocalDate(), attempt.attempt(), attempt.state(),
                            attempt.rows().isPresent() ? ", %,d rows".formatted(attempt.rows().getAsLong()) : "",
                            attempt.queryId().map(id -> ", query " + id).orElse(""),
                            attempt.error().map(error -> "\n    " + error.replace("\n", "\n    ")).orElse(""));
                    attempt.checks().ifPresent(checks -> out.printf("    checks: %s%n", checks));
                }
            }
            else {
                out.printf("%-24s %-10s %-20s %-28s %s%n", "run", "state", "started", "command", "result");
                for (RunRecord record : ledger.runs(limit)) {
                    out.printf("%-24s %-10s %-20s %-28s %s%n", record.runId(), record.state(), record.startedAt().withNano(0), record.command(), record.message().orElse(""));
                }
            }
        }
        out.flush();
        return 0;
    }
}
