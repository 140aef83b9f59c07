package io.lakehouse.materializer;

import io.lakehouse.materializer.ModelSelection.Selection;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.scheduler.ModelStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;

import static java.time.ZoneOffset.UTC;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Per model: the latest published interval, the due intervals still missing, freshness and the latest failure.")
final class StatusCommand
        implements Callable<Integer>
{
    @Mixin
    ModelSelection selection;

    @Mixin
    ServiceOptions services;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        Selection selected = selection.load();
        PrintWriter out = spec.commandLine().getOut();
        LocalDateTime now = LocalDateTime.now(UTC);
        try (Ledger ledger = services.ledger()) {
            out.printf("%-40s %-26s %-12s %-12s %-8s %s%n", "model", "kind", "published", "missing", "fresh", "latest failure");
            for (ModelStatus status : ModelStatus.of(selected.models(), ledger, now)) {
                out.printf("%-40s %-26s %-12s %-12s %-8s %s%n", status.model().name(), status.model().kind(),
                        status.latestPublished().map(Object::toString).orElse("never"),
                        status.missing().isEmpty() ? "none" : "%s (from %s)".formatted(status.missing().size(), status.missing().getFirst()),
                        status.stale() ? "STALE" : "yes",
                        status.latestFailure().map(failure -> failure.lines().findFirst().orElse("")).orElse(""));
            }
        }
        out.flush();
        return 0;
    }
}
