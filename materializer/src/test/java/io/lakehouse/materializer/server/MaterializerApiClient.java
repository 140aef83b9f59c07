package io.lakehouse.materializer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static java.net.http.HttpRequest.BodyPublishers.noBody;
import static java.net.http.HttpRequest.BodyPublishers.ofString;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' client of {@code materializer serve}'s HTTP API: reads that must answer 200 with JSON, writes with or
 * without the API token, and waiting for a run to finish.
 */
public final class MaterializerApiClient
{
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    public MaterializerApiClient(URI baseUri)
    {
        this.baseUri = requireNonNull(baseUri, "baseUri is null");
    }

    public URI uri(String path)
    {
        return baseUri.resolve(path);
    }

    public HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException
    {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> getResponse(String path)
            throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET());
    }

    public JsonNode get(String path)
            throws IOException, InterruptedException
    {
        HttpResponse<String> response = getResponse(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return mapper.readTree(response.body());
    }

    /**
     * A JSON POST, with {@code Authorization: Bearer <token>} unless the token is null.
     */
    public HttpResponse<String> post(String path, String body, String token)
            throws IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(body.isEmpty() ? noBody() : ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public JsonNode json(HttpResponse<String> response)
            throws IOException
    {
        return mapper.readTree(response.body());
    }

    /**
     * Waits until the run is no longer RUNNING and returns its log.
     */
    public JsonNode awaitRun(String runId)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (true) {
            JsonNode log = get("/v1/runs/" + runId);
            if (!log.get("state").asText().equals("RUNNING")) {
                return log;
            }
            assertThat(System.nanoTime()).as("run %s still running: %s", runId, log).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
