package io.lakehouse.materializer.server;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.inject.Inject;
import io.lakehouse.materializer.dependency.DependencyException;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.ledger.AttemptRecord;
import io.lakehouse.materializer.ledger.IntervalRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.RunRecord;
import io.lakehouse.materializer.ledger.TaskRecord;
import io.lakehouse.materializer.ledger.VersionRecord;
import io.lakehouse.materializer.lineage.LineageRecord;
import io.lakehouse.materializer.lineage.SourceColumn;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.ModelException;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.scheduler.ModelStatus;
import io.lakehouse.materializer.scheduler.Task;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;
import static jakarta.ws.rs.core.Response.Status.ACCEPTED;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static jakarta.ws.rs.core.Response.Status.FORBIDDEN;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.UNAUTHORIZED;
import static java.util.Objects.requireNonNull;

/**
 * The materializer's JSON API: models with their state and intervals, runs with their tasks and attempts (the run
 * log), and the write endpoints (trigger, backfill, cancel, rollback), which need {@code Authorization: Bearer <token>}.
 */
@Path("/v1")
@Produces(APPLICATION_JSON)
public final class MaterializerResource
{
    private final RunService runs;
    private final Optional<String> apiToken;

    public record TriggerRequest(Optional<String> ds, Optional<List<String>> models) {}

    public record BackfillRequest(String from, String to, Optional<List<String>> models, boolean downstream, boolean reverse, boolean rerun,
            Optional<Integer> concurrency, boolean continueOnFailure, boolean dryRun) {}

    public record RollbackRequest(Optional<String> interval, Optional<String> to) {}

    @Inject
    public MaterializerResource(RunService runs, MaterializerConfig config)
    {
        this.runs = requireNonNull(runs, "runs is null");
        this.apiToken = config.getApiToken();
    }

    @GET
    @Path("models")
    public List<Map<String, Object>> models()
    {
        return handle(() -> {
            ModelGraph graph = runs.models();
            Ledger ledger = runs.materializer().ledger();
            return ModelStatus.of(graph.models(), ledger, runs.now()).stream()
                    .map(status -> {
                        Model model = status.model();
                        Map<String, Object> json = new LinkedHashMap<>();
                        json.put("name", model.name().toString());
                        json.put("file", model.file().toString());
                        json.put("kind", model.kind().name());
                        json.put("cron", model.header().schedule().expression());
                        json.put("start", model.header().start().map(LocalDate::toString).orElse(null));
                        json.put("owner", model.header().owner().orElse(null));
                        json.put("description", model.header().description().orElse(null));
                        json.put("upstream", graph.upstream(model.name()).stream().map(TableName::toString).sorted().toList());
                        json.put("checks", model.header().checks().stream().map(check -> check.describe() + (check.blocking() ? "" : " WARN")).toList());
                        json.put("latestPublished", status.latestPublished().map(Object::toString).orElse(null));
                        json.put("latestPublishedStart", status.latestPublished().map(interval -> interval.start().toString()).orElse(null));
                        json.put("latestPublishedEnd", status.latestPublished().map(interval -> interval.end().toString()).orElse(null));
                        json.put("publishedAt", status.publishedAt().map(Object::toString).orElse(null));
                        json.put("missingIntervals", status.missing().size());
                        json.put("stale", status.stale());
                        json.put("latestFailure", status.latestFailure().orElse(null));
                        return json;
                    })
                    .collect(toImmutableList());
        });
    }

    @GET
    @Path("models/{model}/intervals")
    public List<Map<String, Object>> intervals(@PathParam("model") String model)
    {
        return handle(() -> {
            TableName name = TableName.parse(model);
            runs.models().select(List.of(name));
            return runs.materializer().ledger().intervals(name.toString()).stream()
                    .map(MaterializerResource::interval)
                    .collect(toImmutableList());
        });
    }

    /**
     * A model's column lineage: one element per column and source column (source fields null for a column computed
     * from none), as Trino reported it for the model's latest published task.
     */
    @GET
    @Path("models/{model}/lineage")
    public List<Map<String, Object>> modelLineage(@PathParam("model") String model)
    {
        return handle(() -> {
            TableName name = TableName.parse(model);
            runs.models().select(List.of(name));
            return lineage(runs.materializer().ledger().lineage(Optional.of(name.toString())));
        });
    }

    /**
     * The column lineage of every model, as {@link #modelLineage}.
     */
    @GET
    @Path("lineage")
    public List<Map<String, Object>> lineage()
    {
        return handle(() -> lineage(runs.materializer().ledger().lineage(Optional.empty())));
    }

    private static List<Map<String, Object>> lineage(List<LineageRecord> records)
    {
        ImmutableList.Builder<Map<String, Object>> rows = ImmutableList.builder();
        for (LineageRecord record : records) {
            List<Optional<SourceColumn>> sources = record.column().sources().isEmpty()
                    ? List.of(Optional.empty())
                    : record.column().sources().stream().map(Optional::of).toList();
            for (Optional<SourceColumn> source : sources) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("model", record.model());
                json.put("position", record.column().position());
                json.put("column", record.column().column());
                json.put("type", record.column().type());
                json.put("sourceCatalog", source.map(value -> value.table().catalog()).orElse(null));
                json.put("sourceSchema", source.map(value -> value.table().schema()).orElse(null));
                json.put("sourceTable", source.map(value -> value.table().table()).orElse(null));
                json.put("sourceColumn", source.map(SourceColumn::column).orElse(null));
                json.put("runId", record.runId().value());
                json.put("recordedAt", record.recordedAt().toString());
                rows.add(json);
            }
        }
        return rows.build();
    }

    @GET
    @Path("runs")
    public List<Map<String, Object>> runs(@QueryParam("limit") @DefaultValue("50") int limit)
    {
        return handle(() -> runs.materializer().ledger().runs(Math.clamp(limit, 1, 1000)).stream()
                .map(MaterializerResource::run)
                .collect(toImmutableList()));
    }

    @GET
    @Path("runs/{runId}")
    public Map<String, Object> runLog(@PathParam("runId") String runId)
    {
        return handle(() -> {
            Ledger ledger = runs.materializer().ledger();
            RunId id = new RunId(runId);
            RunRecord record = ledger.run(id).orElseThrow(() -> new WebApplicationException(error(NOT_FOUND, "Run %s is not in the ledger".formatted(runId))));
            Map<String, Object> json = run(record);
            json.put("tasks", ledger.tasks(id).stream().map(MaterializerResource::task).toList());
            json.put("attempts", ledger.attempts(id).stream().map(MaterializerResource::attempt).toList());
            return json;
        });
    }

    @POST
    @Path("runs")
    @Consumes(APPLICATION_JSON)
    public Response trigger(@HeaderParam("Authorization") String authorization, TriggerRequest request)
    {
        authorize(authorization);
        TriggerRequest body = request == null ? new TriggerRequest(Optional.empty(), Optional.empty()) : request;
        RunId runId = handle(() -> runs.trigger(body.ds().map(LocalDate::parse), body.models().orElse(List.of())));
        return Response.status(ACCEPTED).entity(ImmutableMap.of("runId", runId.value())).build();
    }

    @POST
    @Path("backfills")
    @Consumes(APPLICATION_JSON)
    public Response backfill(@HeaderParam("Authorization") String authorization, BackfillRequest request)
    {
        authorize(authorization);
        if (request == null || request.from() == null || request.to() == null) {
            throw new WebApplicationException(error(BAD_REQUEST, "A backfill needs from and to, such as {\"from\": \"2024-01-01\", \"to\": \"2024-01-31\"}"));
        }
        LocalDate from = handle(() -> LocalDate.parse(request.from()));
        LocalDate to = handle(() -> LocalDate.parse(request.to()));
        List<String> models = request.models().orElse(List.of());
        if (request.dryRun()) {
            List<Task> tasks = handle(() -> runs.backfillPlan(from, to, models, request.downstream(), request.reverse(), request.rerun()));
            return Response.ok(ImmutableMap.of("tasks", tasks.stream().map(Task::toString).toList())).build();
        }
        RunId runId = handle(() -> runs.backfill(from, to, models, request.downstream(), request.reverse(), request.rerun(), request.concurrency().orElse(2), request.continueOnFailure()));
        return Response.status(ACCEPTED).entity(ImmutableMap.of("runId", runId.value())).build();
    }

    @POST
    @Path("runs/{runId}/cancel")
    public Response cancel(@HeaderParam("Authorization") String authorization, @PathParam("runId") String runId)
    {
        authorize(authorization);
        RunId id = handle(() -> new RunId(runId));
        if (!runs.cancel(id)) {
            return error(NOT_FOUND, "Run %s is not running in this instance".formatted(runId));
        }
        return Response.ok(ImmutableMap.of("runId", runId, "cancelled", true)).build();
    }

    @POST
    @Path("models/{model}/rollback")
    @Consumes(APPLICATION_JSON)
    public Response rollback(@HeaderParam("Authorization") String authorization, @PathParam("model") String model, RollbackRequest request)
    {
        authorize(authorization);
        RollbackRequest body = request == null ? new RollbackRequest(Optional.empty(), Optional.empty()) : request;
        VersionRecord restored = handle(() -> runs.rollback(model, body.interval(), body.to().map(RunId::new)));
        return Response.ok(ImmutableMap.of("model", model, "runId", restored.runId().value(), "location", restored.location())).build();
    }

    private void authorize(String authorization)
    {
        if (apiToken.isEmpty()) {
            throw new WebApplicationException(error(FORBIDDEN, "Write endpoints are disabled: start the service with an API token (materializer.api-token, env LAKEHOUSE_API_TOKEN) to enable them"));
        }
        String expected = "Bearer " + apiToken.get();
        if (authorization == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), authorization.getBytes(StandardCharsets.UTF_8))) {
            throw new WebApplicationException(Response.fromResponse(error(UNAUTHORIZED, "This endpoint needs the header Authorization: Bearer <materializer.api-token>"))
                    .header("WWW-Authenticate", "Bearer")
                    .build());
        }
    }

    private static <T> T handle(Supplier<T> action)
    {
        try {
            return action.get();
        }
        catch (IllegalArgumentException | DependencyException | ModelException | DateTimeParseException e) {
            throw new WebApplicationException(error(BAD_REQUEST, e.getMessage()));
        }
    }

    private static Response error(Response.Status status, String message)
    {
        return Response.status(status).type(APPLICATION_JSON).entity(ImmutableMap.of("error", message)).build();
    }

    private static Map<String, Object> run(RunRecord record)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runId", record.runId().value());
        json.put("command", record.command());
        json.put("instance", record.instance());
        json.put("state", record.state().name());
        json.put("startedAt", record.startedAt().toString());
        json.put("finishedAt", record.finishedAt().map(Object::toString).orElse(null));
        json.put("message", record.message().orElse(null));
        return json;
    }

    private static Map<String, Object> interval(IntervalRecord record)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("interval", record.interval().toString());
        json.put("start", record.interval().start().toString());
        json.put("end", record.interval().end().toString());
        json.put("state", record.state().name());
        json.put("runId", record.runId().value());
        json.put("rows", record.rows().isPresent() ? record.rows().getAsLong() : null);
        json.put("updatedAt", record.updatedAt().toString());
        return json;
    }

    private static Map<String, Object> task(TaskRecord record)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", record.model());
        json.put("interval", record.interval().toString());
        json.put("state", record.state().name());
        json.put("attempts", record.attempts());
        json.put("rows", record.rows().isPresent() ? record.rows().getAsLong() : null);
        json.put("queryId", record.queryId().orElse(null));
        json.put("error", record.error().orElse(null));
        json.put("startedAt", record.startedAt().toString());
        json.put("finishedAt", record.finishedAt().map(Object::toString).orElse(null));
        return json;
    }

    private static Map<String, Object> attempt(AttemptRecord record)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", record.model());
        json.put("intervalStart", record.intervalStart().toString());
        json.put("attempt", record.attempt());
        json.put("instance", record.instance());
        json.put("state", record.state().name());
        json.put("rows", record.rows().isPresent() ? record.rows().getAsLong() : null);
        json.put("queryId", record.queryId().orElse(null));
        json.put("checks", record.checks().orElse(null));
        json.put("error", record.error().orElse(null));
        json.put("startedAt", record.startedAt().toString());
        json.put("finishedAt", record.finishedAt().map(Object::toString).orElse(null));
        return json;
    }
}
