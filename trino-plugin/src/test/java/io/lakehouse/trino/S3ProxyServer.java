package io.lakehouse.trino;

import com.google.common.io.Closer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

/**
 * S3Proxy with its filesystem backend as a child process, as {@code bin/lakehouse up} runs it: the shaded jar keeps its
 * own Jetty and jclouds away from Trino's classpath.
 */
public final class S3ProxyServer
        implements Closeable
{
    public static final String ACCESS_KEY = "lakehouse";
    public static final String SECRET_KEY = "lakehouse-secret";
    public static final String REGION = "us-east-1";

    private final Path dataDirectory;
    private final int port;
    private final Process process;
    private final S3Client client;

    private S3ProxyServer(Path dataDirectory, int port, Process process)
    {
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.port = port;
        this.process = requireNonNull(process, "process is null");
        this.client = S3Client.builder()
                .endpointOverride(getEndpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(ApacheHttpClient.builder().build())
                .build();
    }

    /**
     * Starts S3Proxy storing buckets as folders of {@code dataDirectory}; the given buckets are created.
     */
    public static S3ProxyServer start(Path dataDirectory, String... buckets)
            throws IOException, InterruptedException
    {
        Path jar = Path.of(requireNonNull(System.getProperty("s3proxy.jar"), "system property s3proxy.jar is not set: run the tests through Maven, which copies S3Proxy to target/s3proxy"));
        Files.createDirectories(dataDirectory);
        for (String bucket : buckets) {
            Files.createDirectories(dataDirectory.resolve(bucket));
        }
        int port = freePort();
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", ACCESS_KEY);
        properties.setProperty("s3proxy.credential", SECRET_KEY);
        properties.setProperty("s3proxy.ignore-unknown-headers", "true");
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", dataDirectory.toAbsolutePath().toString());
        Path propertiesFile = Files.createTempFile("s3proxy", ".properties");
        try (var writer = Files.newBufferedWriter(propertiesFile)) {
            properties.store(writer, null);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", propertiesFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDirectory.resolveSibling("s3proxy-" + port + ".log").toFile())
                .start();
        awaitPort(process, port, Duration.ofSeconds(60));
        return new S3ProxyServer(dataDirectory, port, process);
    }

    public URI getEndpoint()
    {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path getDataDirectory()
    {
        return dataDirectory;
    }

    public void putObject(String bucket, String key, byte[] content)
    {
        client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    public List<String> listObjects(String bucket, String prefix)
    {
        return client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .collect(toImmutableList());
    }

    @Override
    public void close()
            throws IOException
    {
        try (Closer closer = Closer.create()) {
            closer.register(process::destroyForcibly);
            closer.register(client::close);
        }
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(Process process, int port, Duration timeout)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with code " + process.exitValue() + " before listening on port " + port);
            }
            try (Socket _ = new Socket("127.0.0.1", port)) {
                return;
            }
            catch (IOException e) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new UncheckedIOException(new IOException("S3Proxy did not listen on port " + port + " within " + timeout));
    }
}
