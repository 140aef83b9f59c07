package io.lakehouse.materializer.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.materializer.TestingLakehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * {@code materializer serve} with its scheduler on, while a long backfill reruns a month of two models: the
 * scheduler keeps publishing models as they become due (it is not starved by the backfill), and the HTTP API and
 * web UI keep answering a bounded loop of concurrent clients on loopback, with no error.
 */
@TestInstance(PER_CLASS)
final class TestServiceUnderLoad
{
    private static final String TOKEN = "load-token";
    private static final int DAYS = 12;
    private static final int CLIENTS = 8;
    private static final int NEW_MODELS = 3;
    private static final List<String> READS = List.of("/v1/models", "/v1/runs?limit=50", "/v1/models/lake.load.history_a/intervals", "/ui/", "/ui/grid", "/metrics");

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private TestingLakehouse lakehouse;
    private MaterializerServer server;
    private MaterializerApiClient api;
    private Path models;

    @BeforeAll
    void start()
            throws Exception
    {
        lakehouse = new TestingLakehouse();
        models = lakehouse.directory().resolve("models/load/bronze");
        Files.createDirectories(models);
        for (String name : List.of("history_a", "history_b")) {
            Files.writeString(models.resolve(name + ".sql"), """
                    MODEL (name lake.load.%s, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '%s');
                    SELECT nationkey, name, {{ ds }} AS ds FROM tpch.tiny.nation
                    """.formatted(name, today.minusDays(DAYS)));
        }
        server = MaterializerServer.start(lakehouse.serverProperties(lakehouse.directory().resolve("models"), "load", TOKEN)
                .put("http-server.http.port", "0")
                .put("materializer.scheduler-enabled", "true")
                .put("materializer.scheduler-interval", "1s")
                .put("materializer.concurrency", "2")
                .buildOrThrow(), false);
        api = new MaterializerApiClient(server.getBaseUri());
    }

    @AfterAll
    void stop()
            throws Exception
    {
        if (server != null) {
            server.close();
        }
        if (lakehouse != null) {
            lakehouse.close();
        }
    }

    @Test
    void schedulerKeepsItsCadenceAndTheApiAnswersWhileALongBackfillRuns()
            throws Exception
    {
        long catchUpStart = System.nanoTime();
        awaitPublished("lake.load.history_a", DAYS, Duration.ofMinutes(4));
        awaitPublished("lake.load.history_b", DAYS, Duration.ofMinutes(4));
        System.out.println("scheduler caught up %s intervals in %.1f s".formatted(2 * DAYS, (System.nanoTime() - catchUpStart) / 1e9));

        HttpResponse<String> accepted = api.post("/v1/backfills", """
                {"from": "%s", "to": "%s", "rerun": true, "concurrency": 1, "models": ["lake.load.history_a", "lake.load.history_b"]}
                """.formatted(today.minusDays(DAYS), today.minusDays(1)), TOKEN);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String backfill = api.json(accepted).get("runId").asText();
        long backfillStart = System.nanoTime();

        AtomicBoolean loading = new AtomicBoolean(true);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int first = client;
            running.add(clients.submit(() -> {
                // bounded: each client stops after 2,000 requests even if the backfill is still running
                for (int request = first; request < first + 2_000 && loading.get(); request++) {
                    String path = READS.get(request % READS.size());
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = api.getResponse(path);
                        if (response.statusCode() != 200) {
                            errors.add("GET %s: HTTP %s %s".formatted(path, response.statusCode(), response.body()));
                        }
                    }
                    catch (Exception e) {
                        errors.add("GET %s: %s".formatted(path, e));
                    }
                    latencies.add(System.nanoTime() - start);
                }
            }));
        }

        // models added while the backfill runs are published by the scheduler's next ticks, not after the backfill
        List<Double> lags = new ArrayList<>();
        for (int added = 0; added < NEW_MODELS; added++) {
            String name = "lake.load.added_" + added;
            long written = System.nanoTime();
            Files.writeString(models.resolve("added_%s.sql".formatted(added)), """
                    MODEL (name %s, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '%s');
                    SELECT regionkey, name, {{ ds }} AS ds FROM tpch.tiny.region
                    """.formatted(name, today.minusDays(1)));
            awaitPublished(name, 1, Duration.ofMinutes(2));
            lags.add((System.nanoTime() - written) / 1e9);
            assertThat(api.get("/v1/runs/" + backfill).get("state").asText()).as("the backfill is still running when %s is published", name).isEqualTo("RUNNING");
        }

        JsonNode log = api.awaitRun(backfill);
        double backfillSeconds = (System.nanoTime() - backfillStart) / 1e9;
        loading.set(false);
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        assertThat(log.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(log.get("tasks")).hasSize(2 * DAYS);
        assertThat(errors).isEmpty();
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.println("backfill of %s tasks: %.1f s; models added during it published after %s s; %s API requests from %s clients, %.0f per second, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %s".formatted(
                2 * DAYS, backfillSeconds, lags.stream().map(lag -> "%.1f".formatted(lag)).toList(), sorted.size(), CLIENTS, sorted.size() / backfillSeconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.getLast() / 1e6, errors.size()));
        assertThat(sorted).hasSizeGreaterThan(CLIENTS * 10);
    }

    private static double percentile(List<Long> sorted, double share)
    {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(share * sorted.size()))) / 1e6;
    }

    private void awaitPublished(String model, int intervals, Duration timeout)
            throws Exception
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode states = api.get("/v1/models/%s/intervals".formatted(model));
            long published = 0;
            for (JsonNode interval : states) {
                if (interval.get("state").asText().equals("SUCCEEDED")) {
                    published++;
                }
            }
            if (published >= intervals) {
                return;
            }
            assertThat(System.nanoTime()).as("%s: %s of %s intervals published: %s", model, published, intervals, states).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
