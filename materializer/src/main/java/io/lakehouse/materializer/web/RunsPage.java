package io.lakehouse.materializer.web;

import io.lakehouse.materializer.ledger.RunRecord;
import io.lakehouse.materializer.ledger.RunState;
import io.lakehouse.materializer.server.RunService;

import java.time.LocalDateTime;
import java.util.List;

import static io.lakehouse.materializer.web.Html.badge;
import static io.lakehouse.materializer.web.Html.duration;
import static io.lakehouse.materializer.web.Html.runLink;
import static io.lakehouse.materializer.web.Html.text;
import static io.lakehouse.materializer.web.Html.time;

/**
 * The latest runs of every instance sharing the ledger.
 */
final class RunsPage
{
    private RunsPage() {}

    static String render(RunService runs, Viewer viewer, int limit)
    {
        List<RunRecord> records = runs.materializer().ledger().runs(limit);
        LocalDateTime now = runs.now();
        StringBuilder content = new StringBuilder("<div class=\"page-head\"><h1>Runs</h1></div><section class=\"card\">");
        if (records.isEmpty()) {
            content.append("<p class=\"muted\">No runs yet. Trigger one on the <a href=\"/ui/\">pipelines</a> page.</p>");
        }
        else {
            content.append("<table class=\"runs\"><thead><tr><th>Run</th><th>State</th><th>Command</th><th>Started</th><th>Duration</th><th>Outcome</th><th>Instance</th></tr></thead><tbody>");
            for (RunRecord run : records) {
                content.append("<tr data-run=\"%s\">".formatted(Html.attribute(run.runId().value())))
                        .append("<td>").append(runLink(run.runId().value())).append("</td>")
                        .append("<td>").append(badge(run.state().name())).append("</td>")
                        .append("<td class=\"mono\">").append(text(run.command())).append("</td>")
                        .append("<td>").append(time(run.startedAt())).append("</td>")
                        .append("<td>").append(duration(run.startedAt(), run.finishedAt(), now)).append("</td>")
                        .append("<td>").append(text(run.message().orElse(""))).append("</td>")
                        .append("<td class=\"mono small\">").append(text(run.instance())).append("</td>")
                        .append("</tr>");
            }
            content.append("</tbody></table>");
        }
        content.append("</section>");
        boolean running = records.stream().anyMatch(run -> run.state() == RunState.RUNNING);
        return PageLayout.render("Runs", "runs", viewer, content.toString(), running);
    }
}
