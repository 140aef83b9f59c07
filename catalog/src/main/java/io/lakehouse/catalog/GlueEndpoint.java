package io.lakehouse.catalog;

import com.google.common.collect.ImmutableMap;
import com.google.inject.Injector;
import io.airlift.bootstrap.Bootstrap;
import io.airlift.bootstrap.LifeCycleManager;
import io.airlift.http.server.HttpServerInfo;

import java.io.Closeable;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The catalog running inside the calling JVM, for tests and tools that need a Glue endpoint
 * next to an in-process Trino. Each instance has its own HTTP server and database connections;
 * after {@link #close()} the same database can be opened again by a new instance.
 */
public final class GlueEndpoint
        implements Closeable
{
    // loopback address and a random port suit in-process use; log files would land in the working directory
    private static final Map<String, String> DEFAULT_PROPERTIES = ImmutableMap.<String, String>builder()
            .put("node.environment", "lakehouse")
            .put("node.internal-address", "127.0.0.1")
            .put("http-server.http.port", "0")
            .put("http-server.log.enabled", "false")
            .buildOrThrow();

    private final LifeCycleManager lifeCycleManager;
    private final URI baseUri;

    private GlueEndpoint(LifeCycleManager lifeCycleManager, URI baseUri)
    {
        this.lifeCycleManager = requireNonNull(lifeCycleManager, "lifeCycleManager is null");
        this.baseUri = requireNonNull(baseUri, "baseUri is null");
    }

    /**
     * Starts the catalog with the given configuration properties, for example
     * {@code catalog.database-url=jdbc:h2:file:/tmp/catalog/db} and the {@code catalog.access-key} and
     * {@code catalog.secret-key} clients sign with. Unless given, the HTTP port is
     * random, the environment is {@code lakehouse} and the request log is off.
     */
    public static GlueEndpoint start(Map<String, String> properties)
    {
        requireNonNull(properties, "properties is null");
        Map<String, String> configuration = new HashMap<>(DEFAULT_PROPERTIES);
        configuration.putAll(properties);

        Injector injector = new Bootstrap(CatalogServer.modules())
                .doNotInitializeLogging()
                .quiet()
                .setRequiredConfigurationProperties(configuration)
                .initialize();
        return new GlueEndpoint(
                injector.getInstance(LifeCycleManager.class),
                injector.getInstance(HttpServerInfo.class).getHttpUri());
    }

    /**
     * The URI to configure as {@code hive.metastore.glue.endpoint-url} or a Glue client's endpoint override.
     */
    public URI getBaseUri()
    {
        return baseUri;
    }

    /**
     * Stops the HTTP server and closes the database.
     */
    @Override
    public void close()
    {
        lifeCycleManager.stop();
    }
}
