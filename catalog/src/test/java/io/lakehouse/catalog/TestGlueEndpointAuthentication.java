package io.lakehouse.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static com.google.common.hash.Hashing.sha256;
import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.lakehouse.catalog.TestingGlueEndpoint.ACCESS_KEY;
import static io.lakehouse.catalog.TestingGlueEndpoint.SECRET_KEY;
import static io.lakehouse.catalog.TestingGlueEndpoint.createGlueClient;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * Every request must carry an AWS Signature Version 4 made with the configured key; the real
 * AWS SDK signer makes the signatures, and the SDK's HTTP client sends them.
 */
@TestInstance(PER_CLASS)
final class TestGlueEndpointAuthentication
{
    private final TestingGlueEndpoint endpoint = new TestingGlueEndpoint();
    private final SdkHttpClient httpClient = ApacheHttpClient.create();
    private final ObjectMapper objectMapper = new ObjectMapper();

    @AfterAll
    void tearDown()
    {
        httpClient.close();
        endpoint.close();
    }

    @Test
    void testRequestSignedWithConfiguredKeyIsServed()
    {
        try (GlueClient glue = createGlueClient(endpoint.baseUri(), ACCESS_KEY, SECRET_KEY)) {
            glue.createDatabase(request -> request.databaseInput(input -> input.name("signed")));
            assertThat(glue.getDatabase(request -> request.name("signed")).database().name()).isEqualTo("signed");
        }
    }

    @Test
    void testWrongSecretKeyIsInvalidSignature()
    {
        try (GlueClient glue = client(ACCESS_KEY, "not-the-secret", UnaryOperator.identity())) {
            assertThatThrownBy(() -> glue.createDatabase(request -> request.databaseInput(input -> input.name("wrong_secret"))))
                    .isExactlyInstanceOf(GlueException.class)
                    .hasMessageContaining("The request signature we calculated does not match the signature you provided")
                    .hasMessageContaining("catalog.secret-key")
                    .satisfies(e -> assertRefused((GlueException) e, "InvalidSignatureException"));
        }
        assertDatabaseAbsent("wrong_secret");
    }

    @Test
    void testUnknownAccessKeyIsUnrecognizedClient()
    {
        try (GlueClient glue = client("AKIAUNKNOWN", SECRET_KEY, UnaryOperator.identity())) {
            assertThatThrownBy(() -> glue.getDatabases(request -> {}))
                    .isExactlyInstanceOf(GlueException.class)
                    .hasMessageContaining("The security token included in the request is invalid: access key AKIAUNKNOWN is not known to this catalog")
                    .satisfies(e -> assertRefused((GlueException) e, "UnrecognizedClientException"));
        }
    }

    @Test
    void testBodyChangedAfterSigningIsRefused()
    {
        UnaryOperator<HttpExecuteRequest> renameDatabase = request -> {
            String body = readBody(request);
            assertThat(body).contains("tampered_a");
            return HttpExecuteRequest.builder()
                    .request(request.httpRequest())
                    .contentStreamProvider(ContentStreamProvider.fromUtf8String(body.replace("tampered_a", "tampered_b")))
                    .build();
        };
        try (GlueClient glue = client(ACCESS_KEY, SECRET_KEY, renameDatabase)) {
            // the SDK declares the body's hash in X-Amz-Content-SHA256, so the mismatch shows there first
            assertThatThrownBy(() -> glue.createDatabase(request -> request.databaseInput(input -> input.name("tampered_a"))))
                    .hasMessageContaining("The X-Amz-Content-SHA256 header does not match the SHA-256 of the request body")
                    .satisfies(e -> assertRefused((GlueException) e, "InvalidSignatureException"));
        }
        assertDatabaseAbsent("tampered_a");
        assertDatabaseAbsent("tampered_b");
    }

    @Test
    void testBodyChangedAfterSigningWithMatchingDeclaredHashIsRefused()
            throws IOException
    {
        String tamperedBody = "{\"MaxResults\":2}";
        SdkHttpRequest signed = sign(getDatabasesRequest(), "{\"MaxResults\":1}", "glue", Clock.systemUTC()).request().toBuilder()
                .putHeader("x-amz-content-sha256", sha256().hashString(tamperedBody, UTF_8).toString())
                .build();
        HttpExecuteResponse response = send(signed, tamperedBody);

        assertThat(response.httpResponse().statusCode()).isEqualTo(403);
        JsonNode body = objectMapper.readTree(response.responseBody().orElseThrow());
        assertThat(body.get("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(body.get("Message").asText()).contains("The request signature we calculated does not match the signature you provided");
    }

    @Test
    void testOperationChangedAfterSigningIsRefused()
    {
        try (GlueClient glue = createGlueClient(endpoint.baseUri())) {
            glue.createDatabase(request -> request.databaseInput(input -> input.name("kept")));
        }
        UnaryOperator<HttpExecuteRequest> turnGetIntoDelete = request -> HttpExecuteRequest.builder()
                .request(request.httpRequest().toBuilder().putHeader("X-Amz-Target", "AWSGlue.DeleteDatabase").build())
                .contentStreamProvider(request.contentStreamProvider().orElseThrow())
                .build();
        try (GlueClient glue = client(ACCESS_KEY, SECRET_KEY, turnGetIntoDelete)) {
            assertThatThrownBy(() -> glue.getDatabase(request -> request.name("kept")))
                    .satisfies(e -> assertRefused((GlueException) e, "InvalidSignatureException"));
        }
        try (GlueClient glue = createGlueClient(endpoint.baseUri())) {
            assertThat(glue.getDatabase(request -> request.name("kept")).database().name()).isEqualTo("kept");
        }
    }

    @Test
    void testUnsignedRequestIsRefused()
            throws IOException
    {
        HttpExecuteResponse response = send(SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.baseUri())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSGlue.GetDatabases")
                .build(), "{}");

        assertThat(response.httpResponse().statusCode()).isEqualTo(403);
        assertThat(response.httpResponse().firstMatchingHeader("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
        JsonNode body = objectMapper.readTree(response.responseBody().orElseThrow());
        assertThat(body.get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(body.get("Message").asText()).contains("the request has no Authorization header");
    }

    @Test
    void testSignatureOlderThanFifteenMinutesIsExpired()
            throws IOException
    {
        HttpExecuteResponse response = sendSignedAt(Duration.ofMinutes(-20));

        assertThat(response.httpResponse().statusCode()).isEqualTo(403);
        JsonNode body = objectMapper.readTree(response.responseBody().orElseThrow());
        assertThat(body.get("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(body.get("Message").asText()).startsWith("Signature expired: ").contains("(", " - 15 min.)");
    }

    @Test
    void testSignatureMoreThanFifteenMinutesAheadIsNotYetCurrent()
            throws IOException
    {
        HttpExecuteResponse response = sendSignedAt(Duration.ofMinutes(20));

        assertThat(response.httpResponse().statusCode()).isEqualTo(403);
        JsonNode body = objectMapper.readTree(response.responseBody().orElseThrow());
        assertThat(body.get("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(body.get("Message").asText()).startsWith("Signature not yet current: ");
    }

    @Test
    void testSignatureWithinClockSkewIsAccepted()
            throws IOException
    {
        assertThat(sendSignedAt(Duration.ofMinutes(-10)).httpResponse().statusCode()).isEqualTo(200);
        assertThat(sendSignedAt(Duration.ofMinutes(10)).httpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void testSignatureForAnotherServiceIsRefused()
            throws IOException
    {
        HttpExecuteResponse response = send(sign(getDatabasesRequest(), "{}", "dynamodb", Clock.systemUTC()), "{}");

        assertThat(response.httpResponse().statusCode()).isEqualTo(403);
        assertThat(objectMapper.readTree(response.responseBody().orElseThrow()).get("Message").asText())
                .isEqualTo("Credential should be scoped to correct service: 'glue', but was 'dynamodb'");
    }

    @Test
    void testAuthenticationNoneServesUnsignedRequests()
            throws IOException
    {
        Path directory = Files.createTempDirectory("catalog-unauthenticated");
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler()
        {
            @Override
            public void publish(LogRecord record)
            {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger moduleLogger = java.util.logging.Logger.getLogger(CatalogModule.class.getName());
        moduleLogger.addHandler(handler);
        try (GlueEndpoint unauthenticated = GlueEndpoint.start(ImmutableMap.of(
                "catalog.database-url", "jdbc:h2:file:" + directory.resolve("catalog").toAbsolutePath(),
                "catalog.authentication", "none"))) {
            HttpExecuteResponse response = send(SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.POST)
                    .uri(unauthenticated.getBaseUri())
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("X-Amz-Target", "AWSGlue.GetDatabases")
                    .build(), "{}");
            assertThat(response.httpResponse().statusCode()).isEqualTo(200);
            try (GlueClient glue = createGlueClient(unauthenticated.getBaseUri(), "any", "thing")) {
                assertThat(glue.getDatabases(request -> {}).databaseList()).isEmpty();
            }
            assertThat(warnings)
                    .extracting(LogRecord::getMessage)
                    .anySatisfy(message -> assertThat(message).contains("CATALOG AUTHENTICATION IS OFF (catalog.authentication=NONE)"));
        }
        finally {
            moduleLogger.removeHandler(handler);
            deleteRecursively(directory, ALLOW_INSECURE);
        }
    }

    @Test
    void testSignatureVerificationWithoutKeysDoesNotStart()
    {
        assertThatThrownBy(() -> GlueEndpoint.start(ImmutableMap.of("catalog.database-url", "jdbc:h2:mem:no_keys")))
                .hasMessageContaining("catalog.access-key and catalog.secret-key are required with catalog.authentication=SIGV4 (the default)")
                .hasMessageContaining("set catalog.authentication=NONE to accept unsigned requests");
    }

    private void assertRefused(GlueException e, String errorCode)
    {
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
    }

    private void assertDatabaseAbsent(String name)
    {
        try (GlueClient glue = createGlueClient(endpoint.baseUri())) {
            assertThatThrownBy(() -> glue.getDatabase(request -> request.name(name)))
                    .isInstanceOf(EntityNotFoundException.class);
        }
    }

    /**
     * A client whose requests pass through {@code tamper} after the SDK signed them. The SDK
     * retries signature errors as possible clock skew; without retries a refusal shows at once.
     */
    private GlueClient client(String accessKey, String secretKey, UnaryOperator<HttpExecuteRequest> tamper)
    {
        SdkHttpClient tampering = new SdkHttpClient()
        {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request)
            {
                return httpClient.prepareRequest(tamper.apply(request));
            }

            @Override
            public void close() {}
        };
        return GlueClient.builder()
                .endpointOverride(endpoint.baseUri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(tampering)
                .overrideConfiguration(configuration -> configuration.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private HttpExecuteResponse sendSignedAt(Duration clockOffset)
    {
        SignedRequest signed = sign(getDatabasesRequest(), "{}", "glue", Clock.offset(Clock.systemUTC(), clockOffset));
        return send(signed, "{}");
    }

    private SdkHttpFullRequest getDatabasesRequest()
    {
        return SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.baseUri())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSGlue.GetDatabases")
                .build();
    }

    private static SignedRequest sign(SdkHttpRequest request, String body, String service, Clock clock)
    {
        return AwsV4HttpSigner.create().sign(signing -> signing
                .identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    }

    private HttpExecuteResponse send(SignedRequest signed, String body)
    {
        return send(signed.request(), body);
    }

    private HttpExecuteResponse send(SdkHttpRequest request, String body)
    {
        try {
            HttpExecuteResponse response = httpClient.prepareRequest(HttpExecuteRequest.builder()
                            .request(request)
                            .contentStreamProvider(ContentStreamProvider.fromUtf8String(body))
                            .build())
                    .call();
            // keep the body readable after the connection returns to the pool
            byte[] content = response.responseBody().map(TestGlueEndpointAuthentication::readAll).orElse(new byte[0]);
            return HttpExecuteResponse.builder()
                    .response(response.httpResponse())
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(content)))
                    .build();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readBody(HttpExecuteRequest request)
    {
        return new String(readAll(request.contentStreamProvider().orElseThrow().newStream()), UTF_8);
    }

    private static byte[] readAll(InputStream input)
    {
        try (input) {
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
