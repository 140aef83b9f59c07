package io.lakehouse.catalog;

import com.google.common.collect.ImmutableMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;

/**
 * A {@link GlueEndpoint} on a random port with its database in a temporary directory, and an
 * AWS SDK Glue client configured for it the way Trino configures its own.
 */
final class TestingGlueEndpoint
        implements Closeable
{
    private final Path directory;
    private GlueEndpoint endpoint;
    private GlueClient client;

    TestingGlueEndpoint()
    {
        try {
            directory = Files.createTempDirectory("lakehouse-catalog");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    String databaseUrl()
    {
        return "jdbc:h2:file:" + directory.resolve("catalog").toAbsolutePath();
    }

    GlueClient client()
    {
        return client;
    }

    URI baseUri()
    {
        return endpoint.getBaseUri();
    }

    /**
     * Stops the endpoint and starts a new one on the same database, as a server restart would.
     */
    void restart()
    {
        stop();
        start();
    }

    @Override
    public void close()
    {
        stop();
        try {
            deleteRecursively(directory, ALLOW_INSECURE);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GlueClient createGlueClient(URI endpoint)
    {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    private void start()
    {
        endpoint = GlueEndpoint.start(ImmutableMap.of("catalog.database-url", databaseUrl()));
        client = createGlueClient(endpoint.getBaseUri());
    }

    private void stop()
    {
        client.close();
        endpoint.close();
    }
}
