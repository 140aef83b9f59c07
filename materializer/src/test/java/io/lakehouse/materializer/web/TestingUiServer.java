package io.lakehouse.materializer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.server.MaterializerApiClient;
import io.lakehouse.materializer.server.MaterializerServer;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code materializer serve} on a {@link TestingLakehouse}, with two pipelines of models in
 * {@code <pipeline>/<layer>/<model>.sql}: {@code retail} (an incremental bronze model with a failing WARN check, a
 * FULL silver model reading it) and {@code reports} (one FULL model).
 */
final class TestingUiServer
        implements Closeable
{
    static final String TOKEN = "ui-test-token";

    private final TestingLakehouse lakehouse;
    private final MaterializerServer server;
    private final MaterializerApiClient api;

    TestingUiServer(String schema)
            throws Exception
    {
        lakehouse = new TestingLakehouse();
        try {
            Path models = lakehouse.directory().resolve("models");
            Files.createDirectories(models.resolve("retail/bronze"));
            Files.createDirectories(models.resolve("retail/silver"));
            Files.createDirectories(models.resolve("reports/gold"));
            Files.writeString(models.resolve("retail/bronze/regions.sql"), """
                    MODEL (name lake.%s.regions, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01', owner 'data-eng',
                      description 'The five TPC-H regions, a partition per day',
                      checks (not_null(name), accepted_values(name, ARRAY['AFRICA']) WARN));
                    SELECT regionkey, name, {{ ds }} AS ds FROM tpch.tiny.region
                    """.formatted(schema));
            Files.writeString(models.resolve("retail/silver/region_count.sql"), """
                    MODEL (name lake.%s.region_count, kind FULL, freshness '1h', description 'How many regions were published');
                    SELECT count(*) AS regions FROM lake.%1$s.regions
                    """.formatted(schema));
            Files.writeString(models.resolve("reports/gold/nations.sql"), """
                    MODEL (name lake.%s.nations, kind FULL);
                    SELECT nationkey, name FROM tpch.tiny.nation
                    """.formatted(schema));
            server = MaterializerServer.start(lakehouse.serverProperties(models, "ui", TOKEN)
                    .put("http-server.http.port", "0")
                    // the scheduler would catch up every day since 2024; the tests trigger runs
                    .put("materializer.scheduler-enabled", "false")
                    .buildOrThrow(), false);
        }
        catch (Throwable e) {
            try {
                lakehouse.close();
            }
            catch (Throwable closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        api = new MaterializerApiClient(server.getBaseUri());
    }

    URI uri(String path)
    {
        return api.uri(path);
    }

    TestingLakehouse lakehouse()
    {
        return lakehouse;
    }

    HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException
    {
        return api.send(request);
    }

    JsonNode awaitRun(String runId)
            throws Exception
    {
        return api.awaitRun(runId);
    }

    @Override
    public void close()
            throws IOException
    {
        try {
            server.close();
        }
        finally {
            lakehouse.close();
        }
    }
}
