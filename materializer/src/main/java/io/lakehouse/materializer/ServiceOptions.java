package io.lakehouse.materializer;

import io.lakehouse.materializer.execution.TrinoServer;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.publish.GlueCatalog;
import io.lakehouse.materializer.publish.GlueOptions;
import picocli.CommandLine.Option;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Where the materializer's services are: Trino, the Glue catalog Trino's {@code lake} catalog uses, and the
 * ledger database. Defaults come from the environment {@code bin/lakehouse} exports.
 */
final class ServiceOptions
{
    @Option(names = "--server", paramLabel = "<url>", defaultValue = "${env:LAKEHOUSE_TRINO_URL:-http://localhost:8080}", description = "Trino coordinator (default: ${DEFAULT-VALUE}, env LAKEHOUSE_TRINO_URL)")
    URI server;

    @Option(names = "--user", paramLabel = "<name>", defaultValue = "lakehouse", description = "Trino user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--glue-endpoint", paramLabel = "<url>", defaultValue = "${env:LAKEHOUSE_GLUE_ENDPOINT:-http://localhost:9100}",
            description = "Glue endpoint of the catalog Trino's Hive connector uses; empty for AWS Glue (default: ${DEFAULT-VALUE}, env LAKEHOUSE_GLUE_ENDPOINT)")
    String glueEndpoint;

    @Option(names = "--region", paramLabel = "<region>", defaultValue = "${env:LAKEHOUSE_REGION:-us-east-1}", description = "AWS region of Glue (default: ${DEFAULT-VALUE}, env LAKEHOUSE_REGION)")
    String region;

    @Option(names = "--ledger", paramLabel = "<jdbc-url>", defaultValue = "${env:LAKEHOUSE_LEDGER_URL:-jdbc:h2:file:./.lakehouse/data/materializer/ledger;AUTO_SERVER=TRUE}",
            description = "Ledger database: embedded H2 file or jdbc:postgresql://... shared by several instances (default: ${DEFAULT-VALUE}, env LAKEHOUSE_LEDGER_URL)")
    String ledgerUrl;

    @Option(names = "--ledger-user", paramLabel = "<name>", defaultValue = "${env:LAKEHOUSE_LEDGER_USER:-lakehouse}", description = "Ledger database user (default: ${DEFAULT-VALUE}, env LAKEHOUSE_LEDGER_USER)")
    String ledgerUser;

    // a secret: from the environment only, so it does not show in process listings
    private final String ledgerPassword = Optional.ofNullable(System.getenv("LAKEHOUSE_LEDGER_PASSWORD")).orElse("");

    TrinoServer trino()
    {
        return new TrinoServer(server, user);
    }

    /**
     * Asks Trino for its version, so a run against a server that is not there fails before it starts.
     */
    String trinoVersion()
    {
        TrinoServer trino = trino();
        try (Connection connection = trino.connect()) {
            return connection.getMetaData().getDatabaseProductVersion();
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot query Trino at %s as user %s: %s. Start Trino, or point --server (env LAKEHOUSE_TRINO_URL) at it.".formatted(trino.uri(), trino.user(), e.getMessage()), e);
        }
    }

    Ledger ledger()
    {
        return Ledger.open(ledgerUrl, ledgerUser, ledgerPassword, Clock.systemUTC());
    }

    String ledgerPassword()
    {
        return ledgerPassword;
    }

    Optional<URI> glueEndpoint()
    {
        return glueEndpoint == null || glueEndpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(glueEndpoint));
    }

    /**
     * Static Glue keys from env {@code LAKEHOUSE_GLUE_ACCESS_KEY} and {@code LAKEHOUSE_GLUE_SECRET_KEY}; for the
     * local endpoint the embedded default's keys when unset; for AWS none, so the SDK's default credentials apply.
     */
    Optional<Map.Entry<String, String>> glueKeys()
    {
        Optional<String> accessKey = Optional.ofNullable(System.getenv("LAKEHOUSE_GLUE_ACCESS_KEY")).filter(key -> !key.isBlank());
        Optional<String> secretKey = Optional.ofNullable(System.getenv("LAKEHOUSE_GLUE_SECRET_KEY")).filter(key -> !key.isBlank());
        if (accessKey.isPresent() && secretKey.isPresent()) {
            return Optional.of(Map.entry(accessKey.get(), secretKey.get()));
        }
        if (glueEndpoint().isPresent()) {
            return Optional.of(Map.entry("lakehouse", "lakehouse-secret"));
        }
        return Optional.empty();
    }

    GlueCatalog glue()
    {
        Optional<Map.Entry<String, String>> keys = glueKeys();
        return new GlueCatalog(new GlueOptions(glueEndpoint(), region, keys.map(Map.Entry::getKey), keys.map(Map.Entry::getValue)).createClient());
    }

    Materializer materializer(WarehouseOption warehouse)
    {
        Ledger ledger = ledger();
        try {
            return new Materializer(Materializer.sessions(trino()), glue(), ledger, warehouse.warehouse(), Materializer.defaultInstance());
        }
        catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
    }
}
