package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * An HTTP endpoint that answers the few path-style S3 requests the landing writer sends (HEAD and PUT of a
 * bucket, PUT of an object, the requests of a multipart upload) and records them, so tests can see what reached
 * the wire.
 */
public final class RecordingS3Endpoint
        implements AutoCloseable
{
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body)
    {
        public Request
        {
            requireNonNull(method, "method is null");
            requireNonNull(path, "path is null");
            requireNonNull(query, "query is null");
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
    private final Map<String, Map<Integer, byte[]>> uploads = new ConcurrentHashMap<>();
    private final AtomicInteger uploadIds = new AtomicInteger();

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
     * Multipart uploads neither completed nor aborted.
     */
    public Set<String> openUploads()
    {
        return Set.copyOf(uploads.keySet());
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
        String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        requests.add(new Request(method, path, query, exchange.getRequestHeaders(), body));

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
        Map<String, String> parameters = parameters(query);
        if (!buckets.contains(bucket)) {
            respond(exchange, 404, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>");
        }
        else if (method.equals("POST") && parameters.containsKey("uploads")) {
            String uploadId = "upload-" + uploadIds.incrementAndGet();
            uploads.put(uploadId, new ConcurrentSkipListMap<>());
            respond(exchange, 200, "<InitiateMultipartUploadResult><Bucket>%s</Bucket><Key>%s</Key><UploadId>%s</UploadId></InitiateMultipartUploadResult>".formatted(bucket, parts[1], uploadId));
        }
        else if (method.equals("PUT") && parameters.containsKey("uploadId")) {
            int partNumber = Integer.parseInt(parameters.get("partNumber"));
            uploads.get(parameters.get("uploadId")).put(partNumber, body);
            exchange.getResponseHeaders().add("ETag", "\"part-%s\"".formatted(partNumber));
            respond(exchange, 200, "");
        }
        else if (method.equals("POST") && parameters.containsKey("uploadId")) {
            ByteArrayOutputStream object = new ByteArrayOutputStream();
            for (byte[] part : uploads.remove(parameters.get("uploadId")).values()) {
                object.write(part);
            }
            objects.put(bucket + "/" + parts[1], object.toByteArray());
            respond(exchange, 200, "<CompleteMultipartUploadResult><Bucket>%s</Bucket><Key>%s</Key><ETag>\"etag\"</ETag></CompleteMultipartUploadResult>".formatted(bucket, parts[1]));
        }
        else if (method.equals("DELETE") && parameters.containsKey("uploadId")) {
            uploads.remove(parameters.get("uploadId"));
            respond(exchange, 204, "");
        }
        else if (method.equals("PUT")) {
            objects.put(bucket + "/" + parts[1], body);
            exchange.getResponseHeaders().add("ETag", "\"etag\"");
            respond(exchange, 200, "");
        }
        else {
            respond(exchange, 405, "");
        }
    }

    private static Map<String, String> parameters(String query)
    {
        Map<String, String> parameters = new HashMap<>();
        for (String parameter : query.split("&")) {
            if (!parameter.isEmpty()) {
                String[] nameAndValue = parameter.split("=", 2);
                parameters.put(nameAndValue[0], nameAndValue.length == 2 ? nameAndValue[1] : "");
            }
        }
        return parameters;
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
