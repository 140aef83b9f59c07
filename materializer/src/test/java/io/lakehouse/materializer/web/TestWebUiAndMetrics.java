package io.lakehouse.materializer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.materializer.logging.TaskContextHandler;
import io.lakehouse.materializer.metrics.MaterializerStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.weakref.jmx.ObjectNames;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.net.http.HttpRequest.BodyPublishers.ofString;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The operator surface of {@code materializer serve} over HTTP: the web UI's pages, its sign-in and the refusal of
 * actions without it (or from another origin, or without the CSRF token), Prometheus text on {@code /metrics} and
 * the same figures over JMX, and the run and model in the log lines of a task.
 */
@TestInstance(PER_CLASS)
final class TestWebUiAndMetrics
{
    private static final String SCHEMA = "ui_http";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile(UiSessions.COOKIE + "=([^;]+)");

    private TestingUiServer server;

    @BeforeAll
    void start()
            throws Exception
    {
        server = new TestingUiServer(SCHEMA);
    }

    @AfterAll
    void stop()
            throws Exception
    {
        server.close();
    }

    @Test
    void actionsAreRefusedWithoutSignInFromAnotherOriginOrWithoutCsrfToken()
            throws Exception
    {
        HttpResponse<String> anonymous = post("/ui/runs", "ds=2024-03-01", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("Sign in with the API token").contains("href=\"/ui/login\"");
        assertThat(post("/ui/runs", "ds=2024-03-01", "lakehouse_ui=forged", null).statusCode()).isEqualTo(401);

        HttpResponse<String> wrongToken = post("/ui/login", "token=nope&next=/ui/grid", null, null);
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(wrongToken.body()).contains("That is not the API token.");
        assertThat(wrongToken.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> login = post("/ui/login", "token=" + TestingUiServer.TOKEN + "&next=/ui/grid", null, null);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/ui/grid"));
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/ui").doesNotContain(TestingUiServer.TOKEN);
        Matcher cookieValue = COOKIE.matcher(setCookie);
        assertThat(cookieValue.find()).isTrue();
        String cookie = UiSessions.COOKIE + "=" + cookieValue.group(1);
        // an open redirect after sign-in is refused
        assertThat(post("/ui/login", "token=" + TestingUiServer.TOKEN + "&next=https://evil.example/", null, null).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/ui/"));

        String page = get("/ui/", cookie).body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("the signed-in page carries the CSRF token").isTrue();
        assertThat(get("/ui/", null).body()).doesNotContain("name=\"csrf\"");

        // signed in but without the form's CSRF token, or posted by another site's page: refused
        assertThat(post("/ui/runs", "ds=2024-03-01", cookie, null).statusCode()).isEqualTo(403);
        assertThat(post("/ui/runs", "ds=2024-03-01&csrf=wrong", cookie, null).statusCode()).isEqualTo(403);
        HttpResponse<String> crossSite = post("/ui/runs", "ds=2024-03-01&csrf=" + csrf.group(1), cookie, "https://evil.example");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("did not come from this page");

        HttpResponse<String> triggered = post("/ui/runs", "ds=2024-03-01&model=lake.%s.nations&csrf=%s".formatted(SCHEMA, encode(csrf.group(1))), cookie, server.uri("/").toString().replaceAll("/$", ""));
        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(303);
        String runId = triggered.headers().firstValue("Location").orElseThrow().replaceAll(".*/ui/runs/", "");
        assertThat(server.awaitRun(runId).get("state").asText()).isEqualTo("SUCCEEDED");

        // API clients may use the bearer token instead of a session
        HttpResponse<String> bearer = server.send(HttpRequest.newBuilder(server.uri("/ui/runs"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + TestingUiServer.TOKEN)
                .POST(ofString("ds=2024-03-02&model=lake.%s.nations".formatted(SCHEMA))));
        assertThat(bearer.statusCode()).isEqualTo(303);
        assertThat(server.awaitRun(bearer.headers().firstValue("Location").orElseThrow().replaceAll(".*/ui/runs/", "")).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(post("/ui/logout", "", cookie, null).headers().firstValue("Set-Cookie")).hasValueSatisfying(value -> assertThat(value).contains("Max-Age=0"));
    }

    @Test
    void pagesShowPipelinesGridRunAndModel()
            throws Exception
    {
        String runId = triggerWithBearer("ds=2024-02-01");
        JsonNode log = server.awaitRun(runId);
        assertThat(log.get("state").asText()).isEqualTo("SUCCEEDED");

        HttpResponse<String> pipelines = get("/ui/", null);
        assertThat(pipelines.statusCode()).isEqualTo(200);
        assertThat(pipelines.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy).contains("script-src 'self'"));
        assertThat(pipelines.body())
                .contains("id=\"pipeline-retail\"", "id=\"pipeline-reports\"")
                .contains("<svg class=\"dag\"")
                .contains("class=\"node state-SUCCEEDED\" data-model=\"lake.%s.regions\"".formatted(SCHEMA))
                // the edge from bronze to silver
                .contains("<path class=\"edge\"");

        String grid = get("/ui/grid", null).body();
        assertThat(grid).contains("data-interval=\"2024-02-01\"").contains("class=\"cell state-SUCCEEDED\" href=\"/ui/runs/" + runId + "\"");

        String run = get("/ui/runs/" + runId, null).body();
        assertThat(run)
                .contains("data-state=\"SUCCEEDED\"")
                .contains("CREATE TABLE lake.%s.regions__stg_%s__20240201".formatted(SCHEMA, runId))
                .contains("not_null(name) passed")
                .contains("accepted_values(name, ARRAY[&#39;AFRICA&#39;]) FAILED (warn only)")
                .contains(server.lakehouse().trinoServer().uri() + "/ui/query.html?")
                .containsPattern("<span class=\"rows\">5</span>");
        assertThat(get("/ui/runs", null).body()).contains("/ui/runs/" + runId);

        String model = get("/ui/models/lake.%s.region_count".formatted(SCHEMA), null).body();
        assertThat(model)
                .contains("How many regions were published")
                .contains("<ul class=\"plain\" id=\"upstream\"><li><a href=\"/ui/models/lake.%s.regions\">".formatted(SCHEMA))
                .contains("<td class=\"mono\">regions</td><td class=\"mono\">bigint</td>")
                .contains("stale");
        assertThat(get("/ui/models/lake.%s.regions".formatted(SCHEMA), null).body())
                .contains("id=\"downstream\"><li><a href=\"/ui/models/lake.%s.region_count\">".formatted(SCHEMA))
                .contains("<span class=\"tag\">partition</span>");
        assertThat(get("/ui/models/lake.no.such", null).statusCode()).isEqualTo(404);
        assertThat(get("/ui/runs/no_such_run", null).statusCode()).isEqualTo(404);
        assertThat(get("/ui/static/app.css", null).headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        assertThat(get("/ui/static/../../etc/passwd", null).statusCode()).isEqualTo(404);
    }

    @Test
    void metricsCountRunsTasksAndRowsInPrometheusTextAndJmx()
            throws Exception
    {
        String before = get("/metrics", null).body();
        long runsBefore = sample(before, "materializer_runs_succeeded_total");
        long rowsBefore = sample(before, "materializer_rows_published_total");

        String runId = triggerWithBearer("ds=2024-04-01&model=lake.%s.regions".formatted(SCHEMA));
        assertThat(server.awaitRun(runId).get("state").asText()).isEqualTo("SUCCEEDED");

        HttpResponse<String> metrics = get("/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").split(";"))
                .containsExactlyInAnyOrder("text/plain", "version=0.0.4", "charset=utf-8");
        String text = metrics.body();
        assertThat(text)
                .contains("# TYPE materializer_runs_started_total counter")
                .contains("# TYPE materializer_task_duration_seconds summary")
                .containsPattern("materializer_task_duration_seconds\\{quantile=\"0.5\"} [0-9.E-]+\n")
                .containsPattern("materializer_model_freshness_lag_seconds\\{model=\"lake.%s.regions\"} [0-9.E]+\n".formatted(SCHEMA))
                .contains("materializer_model_stale{model=\"lake.%s.nations\"} 0".formatted(SCHEMA));
        assertThat(sample(text, "materializer_runs_succeeded_total")).isEqualTo(runsBefore + 1);
        assertThat(sample(text, "materializer_rows_published_total")).isEqualTo(rowsBefore + 5);
        // every line is a comment or "name{labels} value"
        assertThat(text.lines()).allMatch(line -> line.startsWith("# HELP ") || line.startsWith("# TYPE ") || line.matches("[a-z_]+(\\{[a-z]+=\"[^\"]*\"})? (NaN|-?[0-9.E-]+)"));

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName stats = new ObjectName(ObjectNames.generatedNameOf(MaterializerStats.class));
        assertThat(jmx.getAttribute(stats, "RunsSucceeded.TotalCount")).isEqualTo(sample(text, "materializer_runs_succeeded_total"));
        assertThat(jmx.getAttribute(stats, "RowsPublished.TotalCount")).isEqualTo(sample(text, "materializer_rows_published_total"));
        assertThat((double) jmx.getAttribute(stats, "TaskDuration.AllTime.Count")).isGreaterThanOrEqualTo(1);
        ObjectName freshness = new ObjectName("io.lakehouse.materializer.metrics:type=ModelFreshness,name=lake.%s.regions".formatted(SCHEMA));
        assertThat((double) jmx.getAttribute(freshness, "LagSeconds")).isPositive();
    }

    @Test
    void logLinesOfATaskNameItsRunModelAndInterval()
            throws Exception
    {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler()
        {
            @Override
            public void publish(LogRecord record)
            {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger("io.lakehouse.materializer.execution");
        logger.addHandler(capture);
        TaskContextHandler.install(logger);
        try {
            String runId = triggerWithBearer("ds=2024-05-01&model=lake.%s.regions".formatted(SCHEMA));
            assertThat(server.awaitRun(runId).get("state").asText()).isEqualTo("SUCCEEDED");
            // the failing WARN check is logged by the task's thread
            assertThat(records).map(LogRecord::getMessage)
                    .anySatisfy(message -> assertThat(message)
                            .startsWith("[run=%s model=lake.%s.regions interval=2024-05-01] ".formatted(runId, SCHEMA))
                            .contains("accepted_values(name, ARRAY['AFRICA']) FAILED"));
        }
        finally {
            for (Handler handler : logger.getHandlers()) {
                logger.removeHandler(handler);
            }
        }
    }

    private String triggerWithBearer(String form)
            throws Exception
    {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/ui/runs"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + TestingUiServer.TOKEN)
                .POST(ofString(form)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        return response.headers().firstValue("Location").orElseThrow().replaceAll(".*/ui/runs/", "");
    }

    private static long sample(String text, String name)
    {
        return text.lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + " in\n" + text));
    }

    private HttpResponse<String> get(String path, String cookie)
            throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return server.send(request);
    }

    private HttpResponse<String> post(String path, String form, String cookie, String origin)
            throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return server.send(request);
    }

    private static String encode(String value)
    {
        return URLEncoder.encode(value, UTF_8);
    }
}
