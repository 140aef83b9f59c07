package io.lakehouse.trino.materializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.trino.spi.TrinoException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static io.lakehouse.trino.LakehouseErrorCode.MATERIALIZER_UNAVAILABLE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Reads the materializer service's JSON HTTP API (the read endpoints, which need no token).
 */
public class MaterializerApi
{
    private final ObjectMapper mapper = new ObjectMapper();
    private final Optional<URI> uri;
    private final Duration timeout;
    private final HttpClient client;

    @Inject
    public MaterializerApi(MaterializerServiceConfig config)
    {
        this.uri = requireNonNull(config, "config is null").getUri();
        this.timeout = config.getTimeout().toJavaTime();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The JSON of {@code GET <uri>/v1/<path>}.
     */
    public JsonNode get(String path)
    {
        URI base = uri.orElseThrow(() -> new TrinoException(MATERIALIZER_UNAVAILABLE,
                "The materializer service is not configured: set lakehouse.materializer.uri in this catalog's properties to its address (bin/lakehouse up starts it on LAKEHOUSE_MATERIALIZER_PORT, 9200)"));
        URI target = base.resolve("/v1/" + path);
        HttpResponse<byte[]> response;
        try {
            response = client.send(HttpRequest.newBuilder(target).timeout(timeout).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw unavailable(target, e.toString(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(target, "interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw unavailable(target, "HTTP %s %s".formatted(response.statusCode(), new String(response.body(), UTF_8)), null);
        }
        try {
            return mapper.readTree(response.body());
        }
        catch (IOException e) {
            throw unavailable(target, "the answer is not JSON: " + e.getMessage(), e);
        }
    }

    private static TrinoException unavailable(URI target, String reason, Throwable cause)
    {
        return new TrinoException(MATERIALIZER_UNAVAILABLE,
                "Cannot read %s from the materializer service: %s. Start it (bin/lakehouse up, or materializer serve) or fix lakehouse.materializer.uri".formatted(target, reason), cause);
    }
}
