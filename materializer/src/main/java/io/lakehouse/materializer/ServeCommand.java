package io.lakehouse.materializer;

import com.google.common.collect.ImmutableMap;
import io.lakehouse.materializer.server.MaterializerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import static java.util.Locale.ENGLISH;

@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Run the materializer as a service: the scheduler catches up due intervals; a JSON HTTP API and a web UI (/ui/) list models, intervals and runs, and trigger, backfill, cancel and roll back; metrics over JMX and as Prometheus text (/metrics).",
        "Actions need the token from env LAKEHOUSE_API_TOKEN: Authorization: Bearer <token> for the API, sign-in for the web UI."})
final class ServeCommand
        implements Callable<Integer>
{
    @Option(names = "--port", paramLabel = "<port>", defaultValue = "${env:LAKEHOUSE_MATERIALIZER_PORT:-9200}", description = "HTTP port of the API (default: ${DEFAULT-VALUE}, env LAKEHOUSE_MATERIALIZER_PORT)")
    int port;

    @Option(names = "--scheduler-interval", paramLabel = "<duration>", defaultValue = "1m", description = "How often due intervals are looked for (default: ${DEFAULT-VALUE})")
    String schedulerInterval;

    @Option(names = "--no-scheduler", description = "Run only what the API triggers")
    boolean noScheduler;

    @Option(names = "--log-format", paramLabel = "<format>", defaultValue = "${env:LAKEHOUSE_LOG_FORMAT:-text}", description = "Log lines as text or json (default: ${DEFAULT-VALUE}, env LAKEHOUSE_LOG_FORMAT); lines logged while a task runs carry run=, model= and interval=")
    LogFormat logFormat;

    enum LogFormat
    {
        text, json
    }

    @Option(names = "--concurrency", paramLabel = "<n>", defaultValue = "2", description = "Tasks running at the same time (default: ${DEFAULT-VALUE})")
    int concurrency;

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
            throws InterruptedException
    {
        ImmutableMap.Builder<String, String> properties = ImmutableMap.<String, String>builder()
                .put("node.environment", "lakehouse")
                .put("http-server.http.port", String.valueOf(port))
                .put("materializer.models-directory", selection.directory.toString())
                .put("materializer.trino-url", services.server.toString())
                .put("materializer.trino-user", services.user)
                .put("materializer.glue-region", services.region)
                .put("materializer.ledger-url", services.ledgerUrl)
                .put("materializer.ledger-user", services.ledgerUser)
                .put("materializer.ledger-password", services.ledgerPassword())
                .put("materializer.warehouse", Optional.ofNullable(warehouse.location).orElse(""))
                .put("materializer.scheduler-enabled", String.valueOf(!noScheduler))
                .put("materializer.scheduler-interval", schedulerInterval)
                .put("materializer.concurrency", String.valueOf(concurrency))
                .put("log.console-format", logFormat.name().toUpperCase(ENGLISH));
        services.glueEndpoint().ifPresent(endpoint -> properties.put("materializer.glue-endpoint", endpoint.toString()));
        services.glueKeys().ifPresent(keys -> properties
                .put("materializer.glue-access-key", keys.getKey())
                .put("materializer.glue-secret-key", keys.getValue()));
        Optional.ofNullable(System.getenv("LAKEHOUSE_API_TOKEN")).filter(token -> !token.isBlank())
                .ifPresent(token -> properties.put("materializer.api-token", token));

        MaterializerServer server = MaterializerServer.start(properties.buildOrThrow(), true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            server.close();
            stopped.countDown();
        }));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Materializer serving at %s (web UI %s, models %s, Trino %s, ledger %s)%n", server.getBaseUri(), server.getBaseUri().resolve("/ui/"), selection.directory, services.server, services.ledgerUrl);
        out.flush();
        stopped.await();
        return 0;
    }
}
