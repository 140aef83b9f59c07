package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * An HTTP endpoint that answers the few path-style S3 requests the landing writer sends (HEAD and PUT of a
 * bucket, PUT of an object) and records them, so tests can see what reached the wire.
 */
public final class RecordingS3Endpoint
        implements AutoCloseable
{
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body)
    {
        public Request
        {
            requireNonNull(method, "method is null");
            requireNonNull(path, "path is null");
            headers = ImmutableMap.copyOf(requireNonNull(headers, "headers is null"));
            requireNonNull(body, "body is null");
        }

        public String header(String name)
        {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> buckets = ConcurrentHashMap.newKeySet();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    public RecordingS3Endpoint()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri()
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests()
    {
        return ImmutableList.copyOf(requests);
    }

    public Set<String> buckets()
    {
        return Set.copyOf(buckets);
    }

    /**
     * Stored objects by {@code bucket/key}.
     */
    public Map<String, byte[]> objects()
    {
        return ImmutableMap.copyOf(objects);
    }

    @Override
    public void close()
    {
        server.stop(0);
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        byte[] body;
        try (InputStream input = exchange.getRequestBody()) {
            body = input.readAllBytes();
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(method, path, exchange.getRequestHeaders(), body));

        String[] parts = path.substring(1).split("/", 2);
        String bucket = parts[0];
        if (parts.length == 1 || parts[1].isEmpty()) {
            switch (method) {
                case "HEAD" -> respond(exchange, buckets.contains(bucket) ? 200 : 404, "");
                case "PUT" -> {
                    buckets.add(bucket);
                    respond(exchange, 200, "");
                }
                default -> respond(exchange, 405, "");
            }
            return;
        }
        if (!method.equals("PUT")) {
            respond(exchange, 405, "");
        }
        else if (!buckets.contains(bucket)) {
            respond(exchange, 404, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>");
        }
        else {
            objects.put(bucket + "/" + parts[1], body);
            exchange.getResponseHeaders().add("ETag", "\"etag\"");
            respond(exchange, 200, "");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body)
            throws IOException
    {
        byte[] bytes = body.getBytes(UTF_8);
        if (exchange.getRequestMethod().equals("HEAD") || bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        }
        else {
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
