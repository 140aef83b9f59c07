package io.lakehouse.materializer.web;

import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.ledger.IntervalRecord;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.server.RunService;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static io.lakehouse.materializer.web.Html.attribute;
import static io.lakehouse.materializer.web.Html.badge;
import static io.lakehouse.materializer.web.Html.modelLink;
import static io.lakehouse.materializer.web.Html.runLink;
import static io.lakehouse.materializer.web.Html.text;

/**
 * The start page: per pipeline its dependency graph coloured by each model's latest interval, and a table of its
 * models; the forms to trigger a run and to backfill a range.
 */
final class PipelinesPage
{
    private PipelinesPage() {}

    static String render(RunService runs, Viewer viewer)
    {
        ModelGraph graph = runs.models();
        LatestStates states = LatestStates.of(graph.models(), runs.materializer().ledger());
        LocalDateTime now = runs.now();
        StringBuilder content = new StringBuilder();
        content.append("<div class=\"page-head\"><h1>Pipelines</h1>")
                .append("<div class=\"legend\">")
                .append(badge("SUCCEEDED")).append(badge("RUNNING")).append(badge("FAILED")).append(badge("SKIPPED")).append(badge("NONE"))
                .append("</div></div>");
        content.append(actions(graph, viewer));
        for (Pipeline pipeline : Pipeline.of(graph, runs.modelsDirectory())) {
            content.append("<section class=\"card pipeline\" id=\"pipeline-%s\">".formatted(attribute(pipeline.name())))
                    .append("<h2>%s <span class=\"muted\">%d models</span></h2>".formatted(text(pipeline.name()), pipeline.models().size()))
                    .append("<div class=\"dag-scroll\">")
                    .append(PipelineDag.svg(pipeline.models(), graph, name -> states.state(name.toString())))
                    .append("</div>")
                    .append(modelTable(pipeline.models(), states, now))
                    .append("</section>");
        }
        return PageLayout.render("Pipelines", "pipelines", viewer, content.toString(), !states.running().isEmpty());
    }

    private static String modelTable(List<Model> models, LatestStates states, LocalDateTime now)
    {
        StringBuilder table = new StringBuilder("<table class=\"models\"><thead><tr><th>Model</th><th>Kind</th><th>Schedule</th><th>Latest interval</th><th>State</th><th>Rows</th><th>Freshness</th></tr></thead><tbody>");
        for (Model model : models) {
            String name = model.name().toString();
            Optional<IntervalRecord> latest = states.latest(name);
            table.append("<tr data-model=\"%s\">".formatted(attribute(name)))
                    .append("<td>").append(modelLink(name)).append("</td>")
                    .append("<td>").append(text(model.kind().name().toLowerCase())).append("</td>")
                    .append("<td class=\"mono\">").append(text(model.header().schedule().expression())).append("</td>")
                    .append("<td>").append(latest.map(record -> text(record.interval()) + " " + runLink(record.runId().value())).orElse("<span class=\"muted\">never ran</span>")).append("</td>")
                    .append("<td>").append(badge(states.state(name))).append("</td>")
                    .append("<td class=\"num\">").append(latest.flatMap(record -> record.rows().isPresent() ? Optional.of("%,d".formatted(record.rows().getAsLong())) : Optional.empty()).orElse("")).append("</td>")
                    .append("<td>").append(freshness(model, states, now)).append("</td>")
                    .append("</tr>");
        }
        return table.append("</tbody></table>").toString();
    }

    static String freshness(Model model, LatestStates states, LocalDateTime now)
    {
        Optional<LocalDateTime> published = states.latest(model.name().toString())
                .filter(record -> record.state().name().equals("SUCCEEDED"))
                .map(record -> record.interval().end());
        if (published.isEmpty()) {
            return "<span class=\"muted\">not published</span>";
        }
        Duration lag = Duration.between(published.get(), now);
        boolean stale = model.header().freshness().map(freshness -> lag.compareTo(freshness.toJavaTime()) > 0).orElse(false);
        return (stale ? "<span class=\"badge state-FAILED\">stale</span> " : "") + text(Html.duration(lag) + " behind");
    }

    private static String actions(ModelGraph graph, Viewer viewer)
    {
        StringBuilder options = new StringBuilder("<option value=\"\">all models</option>");
        for (Model model : graph.models()) {
            options.append("<option value=\"%s\">%s</option>".formatted(attribute(model.name()), text(model.name())));
        }
        return """
                <section class="card actions">
                <form method="post" action="/ui/runs" class="action" id="trigger-form">%s
                <h3>Trigger a run</h3>
                <label>Day <input type="date" name="ds" title="empty: catch up every due interval"></label>
                <label>Model <select name="model">%s</select></label>
                <button type="submit" id="trigger">Trigger run</button>
                </form>
                <form method="post" action="/ui/backfills" class="action" id="backfill-form">%s
                <h3>Backfill a range</h3>
                <label>From <input type="date" name="from" required></label>
                <label>To <input type="date" name="to" required></label>
                <label>Model <select name="model">%s</select></label>
                <label class="check"><input type="checkbox" name="downstream" value="true"> with downstream</label>
                <label class="check"><input type="checkbox" name="rerun" value="true"> rerun published</label>
                <button type="submit" id="backfill">Backfill</button>
                </form>
                %s
                </section>
                """.formatted(viewer.csrfField(), options, viewer.csrfField(), options,
                viewer.actionsEnabled() && !viewer.signedIn() ? "<p class=\"hint\"><a href=\"/ui/login\">Sign in</a> with the API token to run these.</p>" : "");
    }
}
