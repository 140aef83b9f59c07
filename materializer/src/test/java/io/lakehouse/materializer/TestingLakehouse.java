package io.lakehouse.materializer;

import com.google.common.collect.ImmutableMap;
import com.google.common.io.Closer;
import io.lakehouse.catalog.GlueEndpoint;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.execution.TrinoServer;
import io.lakehouse.materializer.execution.Warehouse;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.model.ModelLoader;
import io.lakehouse.materializer.model.ModelParser;
import io.lakehouse.materializer.publish.GlueCatalog;
import io.lakehouse.materializer.publish.GlueOptions;
import io.lakehouse.trino.LakehouseQueryRunner;
import io.lakehouse.trino.S3ProxyServer;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;

import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.util.Objects.requireNonNull;

/**
 * The parts the materializer works with, in-process as in production: S3Proxy holding bucket {@code lake}, the
 * local Glue endpoint, and Trino with catalog {@code lake} (Hive connector on that Glue endpoint and S3) and
 * {@code tpch}. One instance serves a whole test class.
 */
public final class TestingLakehouse
        implements Closeable
{
    private static final AtomicInteger RUNS = new AtomicInteger();

    /**
     * Where Trino's catalogs reach S3 and the Glue endpoint: each function takes the server's address and returns
     * the one to use, such as a proxy's in front of it.
     */
    public record TrinoRoutes(UnaryOperator<URI> s3, UnaryOperator<URI> glue)
    {
        public static final TrinoRoutes DIRECT = new TrinoRoutes(UnaryOperator.identity(), UnaryOperator.identity());

        public TrinoRoutes
        {
            requireNonNull(s3, "s3 is null");
            requireNonNull(glue, "glue is null");
        }
    }

    private final Closer closer = Closer.create();
    private final Path directory;
    private final S3ProxyServer s3;
    private final GlueEndpoint glue;
    private final DistributedQueryRunner trino;

    public TestingLakehouse()
            throws Exception
    {
        this(Map.of());
    }

    public TestingLakehouse(Map<String, String> coordinatorProperties)
            throws Exception
    {
        this(Optional.empty(), coordinatorProperties, Map.of(), Map.of(), TrinoRoutes.DIRECT);
    }

    /**
     * @param lakehouseProperties more properties of catalog {@code lakehouse}
     */
    public TestingLakehouse(Map<String, String> coordinatorProperties, Map<String, String> lakehouseProperties)
            throws Exception
    {
        this(Optional.empty(), coordinatorProperties, Map.of(), lakehouseProperties, TrinoRoutes.DIRECT);
    }

    /**
     * A lakehouse whose Trino reaches S3 and the Glue endpoint by {@code routes}.
     *
     * @param lakeProperties properties of catalog {@code lake}, replacing its defaults
     * @param lakehouseProperties more properties of catalog {@code lakehouse}
     */
    public TestingLakehouse(Map<String, String> coordinatorProperties, Map<String, String> lakeProperties, Map<String, String> lakehouseProperties, TrinoRoutes routes)
            throws Exception
    {
        this(Optional.empty(), coordinatorProperties, lakeProperties, lakehouseProperties, routes);
    }

    /**
     * A lakehouse whose object store lives in {@code s3Directory} (bucket {@code landing} and {@code lake} are its
     * folders), which is kept after {@link #close()}, so that a benchmark reuses its generated landing files.
     */
    public TestingLakehouse(Path s3Directory, Map<String, String> coordinatorProperties)
            throws Exception
    {
        this(s3Directory, coordinatorProperties, Map.of());
    }

    /**
     * @param lakeProperties properties of catalog {@code lake}, replacing its defaults
     */
    public TestingLakehouse(Path s3Directory, Map<String, String> coordinatorProperties, Map<String, String> lakeProperties)
            throws Exception
    {
        this(Optional.of(s3Directory), coordinatorProperties, lakeProperties, Map.of(), TrinoRoutes.DIRECT);
    }

    private TestingLakehouse(Optional<Path> s3Directory, Map<String, String> coordinatorProperties, Map<String, String> lakeProperties, Map<String, String> lakehouseProperties, TrinoRoutes routes)
            throws Exception
    {
        directory = Files.createTempDirectory("lakehouse-materializer");
        closer.register(() -> deleteRecursively(directory, ALLOW_INSECURE));
        try {
            s3 = closer.register(S3ProxyServer.start(s3Directory.orElse(directory.resolve("s3")), "landing", "lake"));
            glue = closer.register(GlueEndpoint.start(Map.of(
                    "http-server.http.port", String.valueOf(freePort()),
                    "catalog.database-url", "jdbc:h2:file:" + directory.resolve("catalog/glue"),
                    // the endpoint checks signatures; Trino's catalog lake and the materializer sign with these keys
                    "catalog.access-key", S3ProxyServer.ACCESS_KEY,
                    "catalog.secret-key", S3ProxyServer.SECRET_KEY)));
            LakehouseQueryRunner.Builder builder = LakehouseQueryRunner.builder(routes.s3().apply(s3.getEndpoint())).withGlue(routes.glue().apply(glue.getBaseUri()));
            coordinatorProperties.forEach(builder::withCoordinatorProperty);
            lakeProperties.forEach(builder::withLakeProperty);
            lakehouseProperties.forEach(builder::withLakehouseProperty);
            trino = closer.register(builder.build());
        }
        catch (Throwable e) {
            closer.close();
            throw e;
        }
    }

    public DistributedQueryRunner trino()
    {
        return trino;
    }

    public S3ProxyServer s3()
    {
        return s3;
    }

    public Path directory()
    {
        return directory;
    }

    public URI glueEndpoint()
    {
        return glue.getBaseUri();
    }

    public TrinoServer trinoServer()
    {
        return new TrinoServer(trino.getCoordinator().getBaseUrl(), "lakehouse");
    }

    public GlueCatalog glueCatalog()
    {
        return new GlueCatalog(new GlueOptions(Optional.of(glue.getBaseUri()), S3ProxyServer.REGION, Optional.of(S3ProxyServer.ACCESS_KEY), Optional.of(S3ProxyServer.SECRET_KEY)).createClient());
    }

    public String ledgerUrl(String name)
    {
        return "jdbc:h2:file:" + directory.resolve("ledger/" + name) + ";AUTO_SERVER=TRUE";
    }

    /**
     * A materializer instance on this lakehouse, with its own H2 ledger file {@code name} (instances sharing a
     * name share the ledger).
     */
    public Materializer materializer(String ledger, String instance)
    {
        return materializer(Ledger.open(ledgerUrl(ledger), "sa", "", Clock.systemUTC()), instance);
    }

    public Materializer materializer(Ledger ledger, String instance)
    {
        return new Materializer(Materializer.sessions(trinoServer()), glueCatalog(), ledger, Optional.of(new Warehouse("s3://lake/")), instance);
    }

    public static RunId nextRunId()
    {
        return new RunId("test_%s_%s".formatted(ProcessHandle.current().pid(), RUNS.incrementAndGet()));
    }

    public static ModelGraph models(Path directory)
    {
        return ModelGraph.of(new ModelLoader(new ModelParser()).load(directory));
    }

    /**
     * The configuration of {@code materializer serve} on this lakehouse, with its models, its own ledger and API
     * token; the caller adds the port, the scheduler's settings and what else it needs.
     */
    public ImmutableMap.Builder<String, String> serverProperties(Path models, String ledger, String apiToken)
    {
        return ImmutableMap.<String, String>builder()
                .put("node.environment", "test")
                .put("materializer.models-directory", models.toString())
                .put("materializer.trino-url", trinoServer().uri().toString())
                .put("materializer.glue-endpoint", glueEndpoint().toString())
                .put("materializer.glue-access-key", S3ProxyServer.ACCESS_KEY)
                .put("materializer.glue-secret-key", S3ProxyServer.SECRET_KEY)
                .put("materializer.ledger-url", ledgerUrl(ledger))
                .put("materializer.api-token", apiToken);
    }

    public MaterializedResult query(String sql)
    {
        return trino.execute(sql);
    }

    public List<String> objects(String prefix)
    {
        return s3.listObjects("lake", prefix);
    }

    @Override
    public void close()
            throws IOException
    {
        closer.close();
    }

    /**
     * A port nothing listens on now, for a service a test starts.
     */
    public static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
