package io.lakehouse.materializer;

import io.airlift.units.Duration;
import io.lakehouse.materializer.execution.ModelResult;
import io.lakehouse.materializer.execution.ModelRunner;
import io.lakehouse.materializer.execution.RunContext;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.execution.RunListener;
import io.lakehouse.materializer.execution.TrinoServer;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.template.DateValue;
import io.lakehouse.materializer.template.TemplateVariables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import static com.google.common.util.concurrent.Uninterruptibles.awaitUninterruptibly;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.SECONDS;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Materialize the models in dependency order through Trino.")
final class RunCommand
        implements Callable<Integer>
{
    // how long an interrupted run may take to cancel its query and drop its staging table
    private static final long CANCEL_GRACE_SECONDS = 30;

    @Option(names = "--ds", required = true, paramLabel = "<date>", converter = DateConverter.class, description = "Logical date of the run, such as 2024-01-01")
    DateValue ds;

    @Mixin
    ModelSelection selection;

    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--server", paramLabel = "<url>", defaultValue = "${env:LAKEHOUSE_TRINO_URL:-http://localhost:8080}", description = "Trino coordinator (default: ${DEFAULT-VALUE}, env LAKEHOUSE_TRINO_URL)")
    URI server;

    @Option(names = "--user", paramLabel = "<name>", defaultValue = "lakehouse", description = "Trino user (default: ${DEFAULT-VALUE})")
    String user;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
            throws SQLException
    {
        List<Model> models = selection.load().models();
        TrinoServer trino = new TrinoServer(server, user);
        RunContext context = new RunContext(RunId.generate(Clock.systemUTC()), TemplateVariables.forDs(ds.date()), warehouse.warehouse());
        PrintWriter out = spec.commandLine().getOut();

        long start = System.nanoTime();
        try (Connection connection = trino.connect()) {
            String version = trinoVersion(connection, trino);
            out.printf("Run %s: %s model%s for ds %s on Trino %s at %s%n", context.runId(), models.size(), models.size() == 1 ? "" : "s", ds, version, server);
            out.flush();

            ModelRunner runner = new ModelRunner(connection, context);
            CountDownLatch finished = new CountDownLatch(1);
            Thread cancelOnExit = Thread.ofPlatform().name("cancel-run").unstarted(() -> {
                if (finished.getCount() > 0) {
                    runner.cancel();
                    awaitUninterruptibly(finished, CANCEL_GRACE_SECONDS, SECONDS);
                }
            });
            Runtime.getRuntime().addShutdownHook(cancelOnExit);
            try {
                runner.run(models, new ProgressPrinter(out));
            }
            finally {
                finished.countDown();
                removeShutdownHook(cancelOnExit);
            }
        }
        out.printf("Materialized %s model%s in %s%n", models.size(), models.size() == 1 ? "" : "s", Duration.nanosSince(start).convertToMostSuccinctTimeUnit());
        out.flush();
        return 0;
    }

    private static String trinoVersion(Connection connection, TrinoServer trino)
    {
        try {
            return connection.getMetaData().getDatabaseProductVersion();
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot query Trino at %s as user %s: %s. Start Trino, or point --server (env LAKEHOUSE_TRINO_URL) at it.".formatted(trino.uri(), trino.user(), e.getMessage()), e);
        }
    }

    private static void removeShutdownHook(Thread hook)
    {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (IllegalStateException _) {
            // the JVM is shutting down and the hook is running or ran
        }
    }

    private record ProgressPrinter(PrintWriter out)
            implements RunListener
    {
        ProgressPrinter
        {
            requireNonNull(out, "out is null");
        }

        @Override
        public void modelStarted(Model model, int position, int total)
        {
            out.printf("[%s/%s] %s ...%n", position, total, model);
            out.flush();
        }

        @Override
        public void modelFinished(ModelResult result)
        {
            out.printf("      %s: %,d rows written in %s (query %s)%n",
                    result.model().name(), result.rows(), result.elapsed().convertToMostSuccinctTimeUnit(), result.queryId());
            out.flush();
        }
    }
}
