package io.lakehouse.materializer.reliability;

import com.sun.net.httpserver.HttpServer;
import io.lakehouse.materializer.reliability.FaultInjectingProxy.Fault;
import io.lakehouse.trino.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestFaultInjectingProxy
{
    private static final int MIB = 1024 * 1024;

    @Test
    void streamsLargeAndMultipartS3BodiesKeepingSignaturesValid(@TempDir Path directory)
            throws Exception
    {
        byte[] first = bytes(5 * MIB + 17, 1);
        byte[] second = bytes(3 * MIB, 2);
        try (S3ProxyServer s3 = S3ProxyServer.start(directory.resolve("s3"), "lake");
                FaultInjectingProxy proxy = new FaultInjectingProxy(s3.getEndpoint(), Map.of(), ErrorShape.S3, 1);
                S3Client client = client(proxy.uri(), 1)) {
            client.putObject(request -> request.bucket("lake").key("large"), RequestBody.fromBytes(second));
            String upload = client.createMultipartUpload(request -> request.bucket("lake").key("multipart")).uploadId();
            String firstTag = client.uploadPart(request -> request.bucket("lake").key("multipart").uploadId(upload).partNumber(1), RequestBody.fromBytes(first)).eTag();
            String secondTag = client.uploadPart(request -> request.bucket("lake").key("multipart").uploadId(upload).partNumber(2), RequestBody.fromBytes(second)).eTag();
            client.completeMultipartUpload(request -> request.bucket("lake").key("multipart").uploadId(upload)
                    .multipartUpload(parts -> parts.parts(
                            CompletedPart.builder().partNumber(1).eTag(firstTag).build(),
                            CompletedPart.builder().partNumber(2).eTag(secondTag).build())));

            assertThat(client.getObjectAsBytes(request -> request.bucket("lake").key("large")).asByteArray()).isEqualTo(second);
            byte[] joined = new byte[first.length + second.length];
            System.arraycopy(first, 0, joined, 0, first.length);
            System.arraycopy(second, 0, joined, first.length, second.length);
            assertThat(client.getObjectAsBytes(request -> request.bucket("lake").key("multipart")).asByteArray()).isEqualTo(joined);
            assertThat(proxy.requests()).isEqualTo(7);
        }
    }

    @Test
    void answersErrorsInS3sShapeAndDropsAfterTheServerTookTheRequest(@TempDir Path directory)
            throws Exception
    {
        try (S3ProxyServer s3 = S3ProxyServer.start(directory.resolve("s3"), "lake");
                FaultInjectingProxy throttling = new FaultInjectingProxy(s3.getEndpoint(), Map.of(Fault.THROTTLED, 1.0), ErrorShape.S3, 1);
                S3Client throttled = client(throttling.uri(), 1);
                FaultInjectingProxy dropping = new FaultInjectingProxy(s3.getEndpoint(), Map.of(Fault.DROPPED_AFTER, 1.0), ErrorShape.S3, 1);
                S3Client dropped = client(dropping.uri(), 1)) {
            assertThatThrownBy(() -> throttled.putObject(request -> request.bucket("lake").key("throttled"), RequestBody.fromBytes(bytes(MIB, 3))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                        assertThat(e.isThrottlingException()).isTrue();
                    });
            assertThat(s3.listObjects("lake", "throttled")).isEmpty();

            // the client learns nothing, but the object was written
            byte[] content = bytes(2 * MIB, 4);
            assertThatThrownBy(() -> dropped.putObject(request -> request.bucket("lake").key("dropped"), RequestBody.fromBytes(content)))
                    .isInstanceOf(SdkException.class);
            assertThat(s3.listObjects("lake", "dropped")).containsExactly("dropped");
        }
    }

    @Test
    void streamsChunkedBodiesAndInterimAnswers()
            throws Exception
    {
        HttpServer echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        echo.start();
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(URI.create("http://127.0.0.1:" + echo.getAddress().getPort()), Map.of(), ErrorShape.GLUE, 1);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            byte[] content = bytes(3 * MIB, 5);
            // no length known: the request and the answer are chunked; the client waits for 100 Continue before sending
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(proxy.uri().resolve("/echo"))
                            .expectContinue(true)
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(content)))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
            assertThat(response.body()).isEqualTo(content);
        }
        finally {
            echo.stop(0);
        }
    }

    private static S3Client client(URI endpoint, int attempts)
    {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(S3ProxyServer.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .overrideConfiguration(configuration -> configuration.retryStrategy(retry -> retry.maxAttempts(attempts)))
                .httpClient(ApacheHttpClient.builder().build())
                .build();
    }

    private static byte[] bytes(int length, long seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
