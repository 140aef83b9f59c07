package io.lakehouse.catalog;

import com.google.common.collect.ImmutableMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;

/**
 * A {@link GlueEndpoint} on a random port with a database of its own, and an AWS SDK Glue client
 * configured for it the way Trino configures its own. The database is H2 in a temporary directory,
 * or with {@code -Dlakehouse.catalog.test-database=postgresql} a new database on the test
 * PostgreSQL server, so that the same contract tests prove both stores.
 */
final class TestingGlueEndpoint
        implements Closeable
{
    static final String ACCESS_KEY = "AKIATESTINGCATALOG";
    static final String SECRET_KEY = "testing/catalog/secret";
    static final String DATABASE_PROPERTY = "lakehouse.catalog.test-database";

    private final Path directory;
    private final String databaseUrl;
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
        databaseUrl = onPostgreSql()
                ? TestingPostgreSqlServer.shared().createDatabase()
                : "jdbc:h2:file:" + directory.resolve("catalog").toAbsolutePath();
        start();
    }

    /**
     * Whether this test run keeps catalogs on PostgreSQL rather than H2.
     */
    static boolean onPostgreSql()
    {
        String database = System.getProperty(DATABASE_PROPERTY, "h2");
        return switch (database) {
            case "h2" -> false;
            case "postgresql" -> true;
            default -> throw new IllegalArgumentException("System property %s must be h2 or postgresql, but was %s".formatted(DATABASE_PROPERTY, database));
        };
    }

    String databaseUrl()
    {
        return databaseUrl;
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

    /**
     * The configuration of an endpoint on the database that verifies signatures made with {@link #ACCESS_KEY}.
     */
    static Map<String, String> endpointProperties(String databaseUrl)
    {
        ImmutableMap.Builder<String, String> properties = ImmutableMap.<String, String>builder()
                .put("catalog.database-url", databaseUrl)
                .put("catalog.access-key", ACCESS_KEY)
                .put("catalog.secret-key", SECRET_KEY);
        if (databaseUrl.startsWith("jdbc:postgresql:")) {
            properties.put("catalog.database-user", TestingPostgreSqlServer.USER);
        }
        return properties.buildOrThrow();
    }

    static GlueClient createGlueClient(URI endpoint)
    {
        return createGlueClient(endpoint, ACCESS_KEY, SECRET_KEY);
    }

    static GlueClient createGlueClient(URI endpoint, String accessKey, String secretKey)
    {
        return clientBuilder(endpoint, accessKey, secretKey).build();
    }

    /**
     * A client whose calls pass through {@code interceptor}, for tests that act between a client's calls.
     */
    static GlueClient createGlueClient(URI endpoint, ExecutionInterceptor interceptor)
    {
        return clientBuilder(endpoint, ACCESS_KEY, SECRET_KEY)
                .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(interceptor))
                .build();
    }

    private static GlueClientBuilder clientBuilder(URI endpoint, String accessKey, String secretKey)
    {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(ApacheHttpClient.builder());
    }

    /**
     * An HTTP POST of the body to the endpoint with the given headers, signed by the AWS SDK's
     * Signature Version 4 signer with {@link #ACCESS_KEY}, for tests of the wire protocol.
     */
    static HttpRequest signedPost(URI endpoint, Map<String, String> headers, String body)
    {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint);
        headers.forEach(request::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(signing -> signing
                .identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
                .request(request.build())
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "glue")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder httpRequest = HttpRequest.newBuilder(endpoint).POST(BodyPublishers.ofString(body));
        // the HTTP client sets these two itself, to the values that were signed
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> httpRequest.header(name, value));
            }
        });
        return httpRequest.build();
    }

    private void start()
    {
        endpoint = GlueEndpoint.start(endpointProperties(databaseUrl()));
        client = createGlueClient(endpoint.getBaseUri());
    }

    private void stop()
    {
        client.close();
        endpoint.close();
    }
}
