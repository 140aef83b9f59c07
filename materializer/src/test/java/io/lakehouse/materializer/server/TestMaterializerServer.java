package io.lakehouse.materializer.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.materializer.TestingLakehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * {@code materializer serve}'s HTTP API on the real parts: models and their intervals, a triggered run seen through
 * its run log, a dry-run backfill, cancel and rollback, and write endpoints refused without the token.
 */
@TestInstance(PER_CLASS)
final class TestMaterializerServer
{
    private static final String TOKEN = "test-token";

    private TestingLakehouse lakehouse;
    private MaterializerServer server;
    private MaterializerApiClient api;

    @BeforeAll
    void start()
            throws Exception
    {
        int port = TestingLakehouse.freePort();
        // catalog lakehouse reads the ledger's runs and freshness from this service
        lakehouse = new TestingLakehouse(Map.of(), Map.of("lakehouse.materializer.uri", "http://127.0.0.1:" + port));
        Path models = lakehouse.directory().resolve("models");
        Files.createDirectories(models.resolve("bronze"));
        Files.writeString(models.resolve("bronze/regions.sql"), """
                MODEL (name lake.api_bronze.regions, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01', owner 'data-eng', checks (not_null(name)));
                SELECT regionkey, name, {{ ds }} AS ds FROM tpch.tiny.region
                """);
        Files.writeString(models.resolve("bronze/region_count.sql"), """
                MODEL (name lake.api_bronze.region_count, kind FULL);
                SELECT count(*) AS regions FROM lake.api_bronze.regions
                """);
        server = MaterializerServer.start(lakehouse.serverProperties(models, "api", TOKEN)
                .put("http-server.http.port", String.valueOf(port))
                // the scheduler would catch up years of intervals since 2024; the API drives this test
                .put("materializer.scheduler-enabled", "false")
                .buildOrThrow(), false);
        api = new MaterializerApiClient(server.getBaseUri());
    }

    @AfterAll
    void stop()
            throws IOException
    {
        server.close();
        lakehouse.close();
    }

    @Test
    void triggeredRunPublishesAndItsLogAndIntervalsAreServed()
            throws Exception
    {
        JsonNode models = api.get("/v1/models");
        assertThat(models).extracting(model -> model.get("name").asText()).containsExactly("lake.api_bronze.regions", "lake.api_bronze.region_count");
        assertThat(models.get(0).get("owner").asText()).isEqualTo("data-eng");
        assertThat(models.get(1).get("upstream").get(0).asText()).isEqualTo("lake.api_bronze.regions");

        HttpResponse<String> refused = api.post("/v1/runs", "{\"ds\": \"2024-01-01\"}", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Authorization: Bearer");
        assertThat(api.post("/v1/runs", "{\"ds\": \"2024-01-01\"}", "wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> accepted = api.post("/v1/runs", "{\"ds\": \"2024-01-01\"}", TOKEN);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String runId = api.json(accepted).get("runId").asText();

        JsonNode log = api.awaitRun(runId);
        assertThat(log.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(log.get("tasks")).extracting(task -> task.get("model").asText() + " " + task.get("state").asText())
                .containsExactly("lake.api_bronze.regions SUCCEEDED", "lake.api_bronze.region_count SUCCEEDED");
        assertThat(log.get("attempts").get(0).get("queryId").asText()).matches("\\d{8}_\\d{6}_\\d{5}_\\w{5}");
        assertThat(log.get("attempts").get(0).get("checks").asText()).isEqualTo("[not_null(name) passed: no NULLs]");

        JsonNode intervals = api.get("/v1/models/lake.api_bronze.regions/intervals");
        // the other test backfills February
        assertThat(intervals).filteredOn(interval -> interval.get("interval").asText().startsWith("2024-01")).singleElement().satisfies(interval -> {
            assertThat(interval.get("interval").asText()).isEqualTo("2024-01-01");
            assertThat(interval.get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(interval.get("rows").asLong()).isEqualTo(5);
        });
        assertThat(api.get("/v1/runs")).anySatisfy(run -> assertThat(run.get("runId").asText()).isEqualTo(runId));
        // the same ledger from SQL, as DBeaver users see it
        assertThat(lakehouse.query("SELECT state, command, finished_at >= started_at FROM lakehouse.system.runs WHERE run_id = '%s'".formatted(runId)).getMaterializedRows())
                .singleElement().satisfies(row -> assertThat(row.getFields()).containsExactly("SUCCEEDED", "trigger --ds 2024-01-01", true));
        assertThat(lakehouse.query("""
                SELECT model, kind, upstream, latest_interval, latest_interval_end, published_at <= current_timestamp, stale
                FROM lakehouse.system.freshness WHERE model = 'lake.api_bronze.regions'""").getMaterializedRows())
                .singleElement().satisfies(row -> {
                    assertThat(row.getFields().subList(0, 3)).containsExactly("lake.api_bronze.regions", "INCREMENTAL_BY_TIME_RANGE", List.of());
                    // the other test may have backfilled February by now
                    assertThat((String) row.getField(3)).startsWith("2024-0");
                    assertThat(row.getFields().subList(5, 7)).containsExactly(true, false);
                });
        // the FULL model counted every interval published before it ran
        assertThat(lakehouse.query("SELECT regions FROM lake.api_bronze.region_count").getOnlyValue())
                .isEqualTo(lakehouse.query("SELECT count(*) FROM lake.api_bronze.regions").getOnlyValue());
    }

    @Test
    void backfillDryRunCancelAndRollbackThroughTheApi()
            throws Exception
    {
        HttpResponse<String> plan = api.post("/v1/backfills", "{\"from\": \"2024-02-01\", \"to\": \"2024-02-03\", \"models\": [\"lake.api_bronze.regions\"], \"reverse\": true, \"dryRun\": true}", TOKEN);
        assertThat(plan.statusCode()).isEqualTo(200);
        assertThat(api.json(plan).get("tasks")).extracting(JsonNode::asText)
                .containsExactly("lake.api_bronze.regions 2024-02-03", "lake.api_bronze.regions 2024-02-02", "lake.api_bronze.regions 2024-02-01");

        assertThat(api.post("/v1/backfills", "{\"from\": \"2024-02-03\", \"to\": \"2024-02-01\"}", TOKEN).body()).contains("to 2024-02-01 is before from 2024-02-03");
        assertThat(api.post("/v1/runs/20240101_000000_nosuch/cancel", "", TOKEN).statusCode()).isEqualTo(404);
        assertThat(api.post("/v1/runs", "{\"models\": [\"lake.no.such\"]}", TOKEN).body()).contains("No model named lake.no.such");

        HttpResponse<String> backfill = api.post("/v1/backfills", "{\"from\": \"2024-02-01\", \"to\": \"2024-02-02\", \"models\": [\"lake.api_bronze.regions\"], \"rerun\": true}", TOKEN);
        assertThat(backfill.statusCode()).isEqualTo(202);
        assertThat(api.awaitRun(api.json(backfill).get("runId").asText()).get("state").asText()).isEqualTo("SUCCEEDED");
        HttpResponse<String> again = api.post("/v1/backfills", "{\"from\": \"2024-02-02\", \"to\": \"2024-02-02\", \"models\": [\"lake.api_bronze.regions\"], \"rerun\": true}", TOKEN);
        String latest = api.json(again).get("runId").asText();
        assertThat(api.awaitRun(latest).get("state").asText()).isEqualTo("SUCCEEDED");

        HttpResponse<String> rollback = api.post("/v1/models/lake.api_bronze.regions/rollback", "{\"interval\": \"2024-02-02\"}", TOKEN);
        assertThat(rollback.statusCode()).isEqualTo(200);
        assertThat(api.json(rollback).get("runId").asText()).isNotEqualTo(latest);
        assertThat(api.post("/v1/models/lake.api_bronze.regions/rollback", "{}", TOKEN).body()).contains("name the interval to roll back with --interval");
    }

    @Test
    void everyWriteEndpointRefusesRequestsWithoutTheTokenAndChangesNothing()
            throws Exception
    {
        int runsBefore = api.get("/v1/runs?limit=1000").size();
        List<String> writes = List.of(
                "/v1/runs|{\"ds\": \"2024-03-01\"}",
                "/v1/backfills|{\"from\": \"2024-03-01\", \"to\": \"2024-03-02\", \"rerun\": true}",
                "/v1/runs/20240101_000000_abcde/cancel|",
                "/v1/models/lake.api_bronze.regions/rollback|{\"interval\": \"2024-01-01\"}");
        int refused = 0;
        for (String write : writes) {
            String path = write.substring(0, write.indexOf('|'));
            String body = write.substring(write.indexOf('|') + 1);
            for (String token : Arrays.asList(null, "wrong", TOKEN + "x", TOKEN.toUpperCase(Locale.ROOT))) {
                HttpResponse<String> response = api.post(path, body, token);
                assertThat(response.statusCode()).as("POST %s with token %s: %s", path, token, response.body()).isEqualTo(401);
                refused++;
            }
        }
        System.out.println("unauthenticated API writes refused: %s/%s".formatted(refused, writes.size() * 4));
        assertThat(api.get("/v1/runs?limit=1000").size()).isEqualTo(runsBefore);
    }
}
