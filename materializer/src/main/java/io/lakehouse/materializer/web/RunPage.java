package io.lakehouse.materializer.web;

import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.execution.TaskPlan;
import io.lakehouse.materializer.execution.Warehouse;
import io.lakehouse.materializer.ledger.AttemptRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.RunRecord;
import io.lakehouse.materializer.ledger.RunState;
import io.lakehouse.materializer.ledger.TaskRecord;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.server.RunService;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static io.lakehouse.materializer.web.Html.attribute;
import static io.lakehouse.materializer.web.Html.badge;
import static io.lakehouse.materializer.web.Html.duration;
import static io.lakehouse.materializer.web.Html.modelLink;
import static io.lakehouse.materializer.web.Html.segment;
import static io.lakehouse.materializer.web.Html.text;
import static io.lakehouse.materializer.web.Html.time;

/**
 * One run: its state and timings, and per task the rows written, the Trino query (linked to Trino's web UI), the
 * checks and their results, every attempt's error, and the SQL the task executes.
 */
final class RunPage
{
    private RunPage() {}

    /**
     * @param trinoUi Trino's web UI, where {@code ui/query.html?<query id>} shows a query
     */
    static Optional<String> render(RunService runs, RunId runId, Viewer viewer, Optional<Warehouse> warehouse, URI trinoUi)
    {
        Ledger ledger = runs.materializer().ledger();
        Optional<RunRecord> found = ledger.run(runId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RunRecord run = found.get();
        List<TaskRecord> tasks = ledger.tasks(runId);
        List<AttemptRecord> attempts = ledger.attempts(runId);
        LocalDateTime now = runs.now();
        Optional<ModelGraph> graph = currentModels(runs);

        StringBuilder content = new StringBuilder();
        content.append("<div class=\"page-head\"><h1>Run <span class=\"mono\">%s</span></h1><span id=\"run-state\" data-state=\"%s\">%s</span></div>".formatted(
                text(runId.value()), attribute(run.state().name()), badge(run.state().name())));
        content.append("<section class=\"card facts\"><dl>")
                .append(fact("Command", "<span class=\"mono\">" + text(run.command()) + "</span>"))
                .append(fact("Started", time(run.startedAt())))
                .append(fact("Finished", time(run.finishedAt())))
                .append(fact("Duration", duration(run.startedAt(), run.finishedAt(), now)))
                .append(fact("Outcome", text(run.message().orElse(run.state() == RunState.RUNNING ? "running" : ""))))
                .append(fact("Instance", "<span class=\"mono small\">" + text(run.instance()) + "</span>"))
                .append("</dl>");
        if (run.state() == RunState.RUNNING) {
            content.append("<form method=\"post\" action=\"/ui/runs/%s/cancel\" data-confirm=\"Cancel run %s? Running queries are cancelled and their staged data dropped.\">%s<button class=\"danger\" type=\"submit\" id=\"cancel\">Cancel run</button></form>"
                    .formatted(attribute(segment(runId.value())), attribute(runId.value()), viewer.csrfField()));
        }
        content.append("</section>");

        if (tasks.isEmpty()) {
            content.append("<section class=\"card\"><p class=\"muted\">No task has started yet%s.</p></section>".formatted(run.state() == RunState.RUNNING ? "" : " (every task was skipped or already published)"));
        }
        for (TaskRecord task : tasks) {
            List<AttemptRecord> taskAttempts = attempts.stream()
                    .filter(attempt -> attempt.model().equals(task.model()) && attempt.intervalStart().equals(task.interval().start()))
                    .toList();
            content.append(task(task, taskAttempts, graph, warehouse, trinoUi, now));
        }
        return Optional.of(PageLayout.render("Run " + runId.value(), "runs", viewer, content.toString(), run.state() == RunState.RUNNING));
    }

    private static String task(TaskRecord task, List<AttemptRecord> attempts, Optional<ModelGraph> graph, Optional<Warehouse> warehouse, URI trinoUi, LocalDateTime now)
    {
        StringBuilder html = new StringBuilder();
        html.append("<section class=\"card task\" data-model=\"%s\" data-state=\"%s\">".formatted(attribute(task.model()), attribute(task.state().name())))
                .append("<h2>%s <span class=\"muted\">%s</span> %s</h2>".formatted(modelLink(task.model()), text(task.interval()), badge(task.state().name())))
                .append("<dl>")
                .append(fact("Rows written", task.rows().isPresent() ? "<span class=\"rows\">%,d</span>".formatted(task.rows().getAsLong()) : "<span class=\"muted\">—</span>"))
                .append(fact("Trino query", task.queryId().or(() -> attempts.stream().flatMap(attempt -> attempt.queryId().stream()).reduce((_, last) -> last))
                        .map(id -> queryLink(id, trinoUi)).orElse("<span class=\"muted\">—</span>")))
                .append(fact("Attempts", String.valueOf(task.attempts())))
                .append(fact("Started", time(task.startedAt())))
                .append(fact("Finished", time(task.finishedAt())))
                .append(fact("Duration", duration(task.startedAt(), task.finishedAt(), now)))
                .append("</dl>");

        attempts.stream().flatMap(attempt -> attempt.checks().stream()).reduce((_, last) -> last)
                .ifPresent(checks -> html.append("<h3>Checks</h3><ul class=\"checks\">").append(checkItems(checks)).append("</ul>"));

        for (AttemptRecord attempt : attempts) {
            if (attempt.error().isPresent()) {
                html.append("<h3>Attempt %d failed <span class=\"muted\">%s</span></h3><pre class=\"error\">%s</pre>".formatted(
                        attempt.attempt(), time(attempt.finishedAt()), text(attempt.error().get())));
            }
        }
        if (attempts.size() > 1) {
            html.append("<table class=\"attempts\"><thead><tr><th>Attempt</th><th>State</th><th>Started</th><th>Duration</th><th>Query</th><th>Instance</th></tr></thead><tbody>");
            for (AttemptRecord attempt : attempts) {
                html.append("<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"mono small\">%s</td></tr>".formatted(
                        attempt.attempt(), badge(attempt.state().name()), time(attempt.startedAt()), duration(attempt.startedAt(), attempt.finishedAt(), now),
                        attempt.queryId().map(id -> queryLink(id, trinoUi)).orElse(""), text(attempt.instance())));
            }
            html.append("</tbody></table>");
        }
        html.append(sql(task, graph, warehouse));
        return html.append("</section>").toString();
    }

    private static String sql(TaskRecord task, Optional<ModelGraph> graph, Optional<Warehouse> warehouse)
    {
        Optional<Model> model = graph.flatMap(models -> models.models().stream().filter(candidate -> candidate.name().equals(TableName.parse(task.model()))).findFirst());
        if (model.isEmpty()) {
            return "<p class=\"muted\">The model's file is gone or does not parse now: its SQL cannot be shown.</p>";
        }
        TaskPlan plan = TaskPlan.of(model.get(), task.interval(), task.runId(), Math.max(task.attempts(), 1), warehouse);
        StringBuilder html = new StringBuilder("<details class=\"sql\"><summary>Rendered SQL <span class=\"muted\">(from %s as it is now)</span></summary>".formatted(text(model.get().file().getFileName())));
        html.append("<h4>Stage</h4><pre class=\"sql\"><code>%s</code></pre>".formatted(text(plan.stage())));
        plan.audit().ifPresent(audit -> html.append("<h4>Audit: %s</h4><pre class=\"sql\"><code>%s</code></pre>".formatted(text(plan.auditedChecks()), text(audit))));
        html.append("<h4>Publish</h4><pre class=\"sql\"><code>%s</code></pre>".formatted(text(plan.publish())));
        return html.append("</details>").toString();
    }

    /**
     * The ledger keeps an attempt's check results as one line, {@code [check passed: detail, check FAILED: detail]}.
     */
    private static String checkItems(String checks)
    {
        String list = checks.startsWith("[") && checks.endsWith("]") ? checks.substring(1, checks.length() - 1) : checks;
        StringBuilder items = new StringBuilder();
        // a new check starts after ", " followed by a check's name and an opening parenthesis
        for (String check : list.split(", (?=[a-z_]+\\()")) {
            if (check.isBlank()) {
                continue;
            }
            boolean passed = check.contains(" passed");
            items.append("<li class=\"%s\">%s</li>".formatted(passed ? "passed" : "failed", text(check)));
        }
        return items.toString();
    }

    private static String queryLink(String queryId, URI trinoUi)
    {
        String base = trinoUi.toString();
        String href = (base.endsWith("/") ? base : base + "/") + "ui/query.html?" + queryId;
        return "<a class=\"mono query\" href=\"%s\" target=\"_blank\" rel=\"noopener\">%s</a>".formatted(attribute(href), text(queryId));
    }

    private static String fact(String name, String valueHtml)
    {
        return "<div><dt>%s</dt><dd>%s</dd></div>".formatted(text(name), valueHtml);
    }

    private static Optional<ModelGraph> currentModels(RunService runs)
    {
        try {
            return Optional.of(runs.models());
        }
        catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
