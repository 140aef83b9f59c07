package io.lakehouse.materializer.web;

import com.google.common.collect.ImmutableMap;
import com.google.common.io.Resources;
import com.google.inject.Inject;
import io.lakehouse.materializer.dependency.DependencyException;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.execution.Warehouse;
import io.lakehouse.materializer.ledger.VersionRecord;
import io.lakehouse.materializer.model.ModelException;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.server.MaterializerConfig;
import io.lakehouse.materializer.server.RunService;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static io.lakehouse.materializer.web.Html.segment;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The operator web UI under {@code /ui/}: server-rendered pages (pipelines, grid, runs, a run, a model) and the
 * actions as HTML forms, which need a signed-in viewer (see {@link UiSessions}) and answer with a redirect to the
 * page showing their effect. The pages only read; the logic lives in {@link RunService}, as for the JSON API.
 */
@Path("/")
public final class WebUiResource
{
    private static final String HTML = "text/html; charset=utf-8";
    private static final Map<String, String> STATIC_FILES = ImmutableMap.of(
            "app.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8");
    private static final String SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final RunService runs;
    private final UiSessions sessions;
    private final Optional<Warehouse> warehouse;
    private final URI trinoUi;

    @Inject
    public WebUiResource(RunService runs, UiSessions sessions, MaterializerConfig config)
    {
        this.runs = requireNonNull(runs, "runs is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.warehouse = config.getWarehouse().isBlank() ? Optional.empty() : Optional.of(new Warehouse(config.getWarehouse()));
        this.trinoUi = URI.create(config.getTrinoUrl());
    }

    @GET
    public Response root()
    {
        return Response.seeOther(URI.create("/ui/")).build();
    }

    @GET
    @Path("ui/")
    public Response pipelines(@CookieParam(UiSessions.COOKIE) String cookie)
    {
        Viewer viewer = viewer(cookie);
        return page(viewer, () -> PipelinesPage.render(runs, viewer));
    }

    @GET
    @Path("ui/grid")
    public Response grid(@CookieParam(UiSessions.COOKIE) String cookie, @QueryParam("intervals") @DefaultValue("30") int intervals)
    {
        Viewer viewer = viewer(cookie);
        return page(viewer, () -> GridPage.render(runs, viewer, Math.clamp(intervals, 1, 366)));
    }

    @GET
    @Path("ui/runs")
    public Response runList(@CookieParam(UiSessions.COOKIE) String cookie, @QueryParam("limit") @DefaultValue("100") int limit)
    {
        Viewer viewer = viewer(cookie);
        return page(viewer, () -> RunsPage.render(runs, viewer, Math.clamp(limit, 1, 1000)));
    }

    @GET
    @Path("ui/runs/{runId}")
    public Response run(@CookieParam(UiSessions.COOKIE) String cookie, @PathParam("runId") String runId)
    {
        Viewer viewer = viewer(cookie);
        Optional<RunId> id = parseRunId(runId);
        Optional<String> page = id.flatMap(value -> RunPage.render(runs, value, viewer, warehouse, trinoUi));
        if (page.isEmpty()) {
            return html(404, LoginPage.message(viewer, "No such run", "Run %s is not in the ledger.".formatted(runId), false));
        }
        return html(200, page.get());
    }

    @GET
    @Path("ui/models/{model}")
    public Response model(@CookieParam(UiSessions.COOKIE) String cookie, @PathParam("model") String model, @QueryParam("notice") String notice)
    {
        Viewer viewer = viewer(cookie);
        Optional<String> page;
        try {
            page = ModelPage.render(runs, TableName.parse(model), viewer, Optional.ofNullable(notice));
        }
        catch (IllegalArgumentException | DependencyException | ModelException e) {
            return html(400, LoginPage.message(viewer, "Cannot show " + model, e.getMessage(), false));
        }
        if (page.isEmpty()) {
            return html(404, LoginPage.message(viewer, "No such model", "No model is named %s.".formatted(model), false));
        }
        return html(200, page.get());
    }

    @GET
    @Path("ui/login")
    public Response loginForm(@CookieParam(UiSessions.COOKIE) String cookie, @QueryParam("next") String next)
    {
        return html(200, LoginPage.render(viewer(cookie), safeNext(next), Optional.empty()));
    }

    @POST
    @Path("ui/login")
    public Response login(@FormParam("token") String token, @FormParam("next") String next, @HeaderParam("Origin") String origin, @HeaderParam("Host") String host, @Context UriInfo uri)
    {
        Viewer anonymous = new Viewer(sessions.actionsEnabled(), Optional.empty());
        if (!sessions.actionsEnabled()) {
            return html(403, LoginPage.message(anonymous, "Actions are disabled", "Start the service with an API token (materializer.api-token, env LAKEHOUSE_API_TOKEN) to enable them.", false));
        }
        if (!UiSessions.sameOrigin(origin, host)) {
            return html(403, LoginPage.message(anonymous, "Sign-in refused", "The form did not come from this page.", false));
        }
        if (!sessions.tokenMatches(token)) {
            return html(401, LoginPage.render(anonymous, safeNext(next), Optional.of("That is not the API token.")));
        }
        return Response.seeOther(URI.create(safeNext(next)))
                .header("Set-Cookie", sessions.sessionCookie("https".equals(uri.getRequestUri().getScheme())))
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("ui/logout")
    public Response logout(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host)
    {
        if (!UiSessions.sameOrigin(origin, host)) {
            return Response.status(403).build();
        }
        return Response.seeOther(URI.create("/ui/")).header("Set-Cookie", UiSessions.expiredCookie()).build();
    }

    @POST
    @Path("ui/runs")
    public Response trigger(@CookieParam(UiSessions.COOKIE) String cookie, @HeaderParam("Authorization") String authorization, @HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @FormParam("csrf") String csrf, @FormParam("ds") String ds, @FormParam("model") String model)
    {
        return act(cookie, authorization, csrf, origin, host, "Trigger failed", () -> {
            RunId runId = runs.trigger(blankToEmpty(ds).map(LocalDate::parse), blankToEmpty(model).map(List::of).orElse(List.of()));
            return "/ui/runs/" + segment(runId.value());
        });
    }

    @POST
    @Path("ui/backfills")
    public Response backfill(@CookieParam(UiSessions.COOKIE) String cookie, @HeaderParam("Authorization") String authorization, @HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @FormParam("csrf") String csrf, @FormParam("from") String from, @FormParam("to") String to, @FormParam("model") String model,
            @FormParam("downstream") boolean downstream, @FormParam("rerun") boolean rerun)
    {
        return act(cookie, authorization, csrf, origin, host, "Backfill failed", () -> {
            LocalDate start = LocalDate.parse(blankToEmpty(from).orElseThrow(() -> new IllegalArgumentException("A backfill needs the first day (from)")));
            LocalDate end = LocalDate.parse(blankToEmpty(to).orElseThrow(() -> new IllegalArgumentException("A backfill needs the last day (to)")));
            RunId runId = runs.backfill(start, end, blankToEmpty(model).map(List::of).orElse(List.of()), downstream, false, rerun, 2, false);
            return "/ui/runs/" + segment(runId.value());
        });
    }

    @POST
    @Path("ui/runs/{runId}/cancel")
    public Response cancel(@CookieParam(UiSessions.COOKIE) String cookie, @HeaderParam("Authorization") String authorization, @HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @FormParam("csrf") String csrf, @PathParam("runId") String runId)
    {
        return act(cookie, authorization, csrf, origin, host, "Cancel failed", () -> {
            RunId id = new RunId(runId);
            if (!runs.cancel(id)) {
                throw new IllegalArgumentException("Run %s is not running in this instance".formatted(runId));
            }
            return "/ui/runs/" + segment(id.value());
        });
    }

    @POST
    @Path("ui/models/{model}/rollback")
    public Response rollback(@CookieParam(UiSessions.COOKIE) String cookie, @HeaderParam("Authorization") String authorization, @HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @FormParam("csrf") String csrf, @PathParam("model") String model, @FormParam("interval") String interval, @FormParam("to") String to)
    {
        return act(cookie, authorization, csrf, origin, host, "Rollback failed", () -> {
            VersionRecord restored = runs.rollback(model, blankToEmpty(interval), blankToEmpty(to).map(RunId::new));
            String notice = "Rolled back to the version of run %s (%s)".formatted(restored.runId().value(), restored.location());
            return "/ui/models/%s?notice=%s".formatted(segment(model), segment(notice));
        });
    }

    @GET
    @Path("ui/static/{file}")
    public Response staticFile(@PathParam("file") String file)
            throws IOException
    {
        String type = STATIC_FILES.get(file);
        if (type == null) {
            return Response.status(404).build();
        }
        URL resource = Resources.getResource(WebUiResource.class, "static/" + file);
        return Response.ok(Resources.toString(resource, UTF_8), type)
                .header("Cache-Control", "max-age=300")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private Response act(String cookie, String authorization, String csrf, String origin, String host, String failureTitle, Supplier<String> action)
    {
        Viewer viewer = viewer(cookie);
        Optional<UiSessions.Refusal> refusal = sessions.refusal(authorization, cookie, csrf, origin, host);
        if (refusal.isPresent()) {
            Response.ResponseBuilder response = Response.status(refusal.get().status())
                    .entity(LoginPage.message(viewer, refusal.get().status() == 401 ? "Sign in required" : "Action refused", refusal.get().message(), refusal.get().status() == 401));
            return secured(response).build();
        }
        try {
            return Response.seeOther(URI.create(action.get())).build();
        }
        catch (IllegalArgumentException | DependencyException | ModelException | DateTimeParseException e) {
            return html(400, LoginPage.message(viewer, failureTitle, e.getMessage(), false));
        }
    }

    private Viewer viewer(String cookie)
    {
        return new Viewer(sessions.actionsEnabled(), sessions.csrfToken(cookie));
    }

    private Response page(Viewer viewer, Supplier<String> page)
    {
        try {
            return html(200, page.get());
        }
        catch (DependencyException | ModelException e) {
            // a broken model file: say which, as the command line does
            return html(500, LoginPage.message(viewer, "The models do not load", e.getMessage(), false));
        }
    }

    private static Response html(int status, String page)
    {
        return secured(Response.status(status).entity(page)).build();
    }

    private static Response.ResponseBuilder secured(Response.ResponseBuilder response)
    {
        return response.type(HTML)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", SECURITY_POLICY)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }

    private static Optional<RunId> parseRunId(String value)
    {
        try {
            return Optional.of(new RunId(value));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> blankToEmpty(String value)
    {
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }

    /**
     * Where to go after signing in: a page of this UI only, never another site.
     */
    private static String safeNext(String next)
    {
        if (next == null || !next.startsWith("/ui/") || next.startsWith("//") || next.contains("\\") || next.contains("://")) {
            return "/ui/";
        }
        return next;
    }
}
