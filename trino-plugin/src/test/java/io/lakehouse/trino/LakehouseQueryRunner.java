package io.lakehouse.trino;

import com.google.common.collect.ImmutableMap;
import io.airlift.log.Logger;
import io.opentelemetry.api.OpenTelemetry;
import io.trino.eventlistener.EventListenerContextInstance;
import io.trino.plugin.hive.HivePlugin;
import io.trino.plugin.tpch.TpchPlugin;
import io.trino.spi.eventlistener.EventListener;
import io.trino.testing.DistributedQueryRunner;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static com.google.common.collect.Iterables.getOnlyElement;
import static io.trino.testing.TestingSession.testSessionBuilder;
import static java.util.Objects.requireNonNull;

/**
 * An in-process Trino with the catalogs of {@code etc/catalog}: {@code lakehouse} (this plugin), {@code lake} (Hive
 * connector on a Glue endpoint and S3, when an endpoint is given) and {@code tpch}, and the plugin's lineage event
 * listener.
 */
public final class LakehouseQueryRunner
{
    /**
     * The properties of {@code etc/config.properties} that shape plans, so that tests and benchmarks run the plans
     * the server runs: DistributedQueryRunner would otherwise force PARTITIONED joins, and scale writers over a remote
     * exchange the single-node server does not have. The file's {@code task.min-writer-count=2} is missing here because
     * the testing server always sets it to 2 and refuses a second value.
     */
    public static final Map<String, String> SERVER_PLANNER_PROPERTIES = ImmutableMap.of(
            "join-distribution-type", "AUTOMATIC",
            "scale-writers", "false",
            "redistribute-writes", "false");

    private LakehouseQueryRunner() {}

    public static Builder builder(URI s3Endpoint)
    {
        return new Builder(s3Endpoint);
    }

    public static final class Builder
    {
        private final URI s3Endpoint;
        private Optional<URI> glueEndpoint = Optional.empty();
        private final Map<String, String> lakehouseProperties = new HashMap<>();
        private final Map<String, String> lakeProperties = new HashMap<>();
        private final Map<String, String> coordinatorProperties = new HashMap<>();

        private Builder(URI s3Endpoint)
        {
            this.s3Endpoint = requireNonNull(s3Endpoint, "s3Endpoint is null");
            lakehouseProperties.put("lakehouse.landing-location", "s3://landing/");
            lakehouseProperties.putAll(s3Properties(s3Endpoint));
        }

        /**
         * Adds catalog {@code lake}, the Hive connector on this Glue endpoint, and shows its schemas in {@code lakehouse}.
         */
        public Builder withGlue(URI glueEndpoint)
        {
            this.glueEndpoint = Optional.of(glueEndpoint);
            lakehouseProperties.put("lakehouse.curated.catalog", "lake");
            lakehouseProperties.put("lakehouse.curated.glue.endpoint-url", glueEndpoint.toString());
            lakehouseProperties.put("lakehouse.curated.glue.region", S3ProxyServer.REGION);
            lakehouseProperties.put("lakehouse.curated.glue.aws-access-key", S3ProxyServer.ACCESS_KEY);
            lakehouseProperties.put("lakehouse.curated.glue.aws-secret-key", S3ProxyServer.SECRET_KEY);
            return this;
        }

        public Builder withLakehouseProperty(String name, String value)
        {
            lakehouseProperties.put(name, value);
            return this;
        }

        /**
         * A property of catalog {@code lake}, replacing the default one of that name.
         */
        public Builder withLakeProperty(String name, String value)
        {
            lakeProperties.put(name, value);
            return this;
        }

        public Builder withCoordinatorProperty(String name, String value)
        {
            coordinatorProperties.put(name, value);
            return this;
        }

        public DistributedQueryRunner build()
                throws Exception
        {
            // as etc/event-listener.properties does on a server: the plugin's listener reports lineage to its catalogs
            LakehousePlugin plugin = new LakehousePlugin();
            EventListener lineageListener = getOnlyElement(plugin.getEventListenerFactories())
                    .create(Map.of(), new EventListenerContextInstance("testversion", OpenTelemetry.noop(), OpenTelemetry.noop().getTracer("lakehouse-test")));
            Map<String, String> coordinator = new HashMap<>(SERVER_PLANNER_PROPERTIES);
            coordinator.putAll(coordinatorProperties);
            DistributedQueryRunner queryRunner = DistributedQueryRunner.builder(testSessionBuilder()
                            .setCatalog("lakehouse")
                            .setSchema("landing")
                            .build())
                    .setEventListener(lineageListener)
                    .setWorkerCount(0)
                    .setCoordinatorProperties(coordinator)
                    .build();
            try {
                queryRunner.installPlugin(plugin);
                queryRunner.installPlugin(new HivePlugin());
                queryRunner.installPlugin(new TpchPlugin());
                queryRunner.createCatalog("lakehouse", "lakehouse", lakehouseProperties);
                if (glueEndpoint.isPresent()) {
                    Map<String, String> lake = new HashMap<>(ImmutableMap.<String, String>builder()
                            .put("hive.metastore", "glue")
                            .put("hive.metastore.glue.region", S3ProxyServer.REGION)
                            .put("hive.metastore.glue.endpoint-url", glueEndpoint.get().toString())
                            .put("hive.metastore.glue.aws-access-key", S3ProxyServer.ACCESS_KEY)
                            .put("hive.metastore.glue.aws-secret-key", S3ProxyServer.SECRET_KEY)
                            // as etc/catalog/lake.properties
                            .put("hive.compression-codec", "SNAPPY")
                            .putAll(s3Properties(s3Endpoint))
                            .buildOrThrow());
                    lake.putAll(lakeProperties);
                    queryRunner.createCatalog("lake", "hive", lake);
                }
                queryRunner.createCatalog("tpch", "tpch");
                return queryRunner;
            }
            catch (Throwable e) {
                queryRunner.close();
                throw e;
            }
        }
    }

    public static Map<String, String> s3Properties(URI s3Endpoint)
    {
        return ImmutableMap.<String, String>builder()
                .put("fs.native-s3.enabled", "true")
                .put("s3.endpoint", s3Endpoint.toString())
                .put("s3.region", S3ProxyServer.REGION)
                .put("s3.path-style-access", "true")
                .put("s3.aws-access-key", S3ProxyServer.ACCESS_KEY)
                .put("s3.aws-secret-key", S3ProxyServer.SECRET_KEY)
                .buildOrThrow();
    }

    /**
     * A development server on port 8080 reading the landing bucket of an S3Proxy under a temporary folder.
     */
    public static void main(String[] args)
            throws Exception
    {
        Path data = Files.createTempDirectory("lakehouse-dev");
        S3ProxyServer s3 = S3ProxyServer.start(data.resolve("s3"), "landing", "lake");
        DistributedQueryRunner server = builder(s3.getEndpoint())
                .withCoordinatorProperty("http-server.http.port", "8080")
                .build();
        Logger log = Logger.get(LakehouseQueryRunner.class);
        log.info("======== SERVER STARTED ========");
        log.info("\n====\n%s\nS3: %s, landing files under %s\n====", server.getCoordinator().getBaseUrl(), s3.getEndpoint(), data.resolve("s3/landing"));
    }
}
