package io.lakehouse.materializer;

import io.lakehouse.materializer.ModelSelection.Selection;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.ledger.VersionRecord;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.template.DateValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "rollback", mixinStandardHelpOptions = true, description = "Point a model's table (or one interval's partition) back at the data an earlier run published, with one catalog change.")
final class RollbackCommand
        implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "<model>", description = "The model, catalog.schema.table")
    String model;

    @Option(names = "--to", paramLabel = "<run id>", description = "The run whose data to restore (default: the version before the current one)")
    String to;

    @Option(names = "--interval", paramLabel = "<date>", converter = DateConverter.class, description = "The interval's partition, for INCREMENTAL_BY_TIME_RANGE and APPEND models")
    DateValue interval;

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
        Model target = selected.graph().select(List.of(TableName.parse(model))).getFirst();
        PrintWriter out = spec.commandLine().getOut();
        try (Materializer materializer = services.materializer(warehouse)) {
            VersionRecord restored = materializer.rollback(target, Optional.ofNullable(interval).map(DateValue::toString), Optional.ofNullable(to).map(RunId::new));
            out.printf("Rolled back %s%s to the data of run %s (%s, published %s)%n", target.name(), interval == null ? "" : " partition " + interval,
                    restored.runId(), restored.location(), restored.publishedAt().withNano(0));
        }
        out.flush();
        return 0;
    }
}
