package io.lakehouse.catalog.trino;

import io.lakehouse.catalog.GlueEndpoint;
import io.lakehouse.trino.S3ProxyServer;

import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The local Glue endpoint in-process on a fixed port, restartable on its on-disk database as a real restart would be.
 */
public final class TestingGlueCatalog
        implements Closeable
{
    private final Map<String, String> properties;
    private GlueEndpoint endpoint;

    private TestingGlueCatalog(Map<String, String> properties)
    {
        this.properties = requireNonNull(properties, "properties is null");
        this.endpoint = GlueEndpoint.start(properties);
    }

    public static TestingGlueCatalog start(Path dataDirectory)
            throws IOException
    {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // LakehouseQueryRunner signs Glue requests with the S3 keys, as bin/lakehouse does by default
        return new TestingGlueCatalog(Map.of(
                "http-server.http.port", String.valueOf(port),
                "catalog.database-url", "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("catalog"),
                "catalog.access-key", S3ProxyServer.ACCESS_KEY,
                "catalog.secret-key", S3ProxyServer.SECRET_KEY));
    }

    public URI getEndpoint()
    {
        return endpoint.getBaseUri();
    }

    /**
     * Stops the endpoint and starts a new one on the same port and database.
     */
    public void restart()
            throws IOException
    {
        endpoint.close();
        endpoint = GlueEndpoint.start(properties);
    }

    @Override
    public void close()
            throws IOException
    {
        endpoint.close();
    }
}
