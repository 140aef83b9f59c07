package io.lakehouse.materializer.web;

import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.ledger.IntervalRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.server.RunService;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.lakehouse.materializer.web.Html.attribute;
import static io.lakehouse.materializer.web.Html.modelLink;
import static io.lakehouse.materializer.web.Html.segment;
import static io.lakehouse.materializer.web.Html.text;

/**
 * Models × intervals, as Airflow's grid view: a row per model (grouped by pipeline), a column per interval start
 * (the newest on the right), each cell the state of that interval linking to the run that last ran it.
 */
final class GridPage
{
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private GridPage() {}

    static String render(RunService runs, Viewer viewer, int columns)
    {
        ModelGraph graph = runs.models();
        Ledger ledger = runs.materializer().ledger();
        Map<String, Map<LocalDateTime, IntervalRecord>> cells = new HashMap<>();
        TreeSet<LocalDateTime> starts = new TreeSet<>();
        for (Model model : graph.models()) {
            Map<LocalDateTime, IntervalRecord> byStart = new HashMap<>();
            for (IntervalRecord record : ledger.intervals(model.name().toString())) {
                byStart.put(record.interval().start(), record);
                starts.add(record.interval().start());
            }
            cells.put(model.name().toString(), byStart);
        }
        List<LocalDateTime> shown = starts.descendingSet().stream().limit(columns).toList().reversed();
        LatestStates states = LatestStates.of(graph.models(), ledger);

        StringBuilder content = new StringBuilder("<div class=\"page-head\"><h1>Grid</h1><p class=\"muted\">the latest %d intervals of any model; a cell links to the run that last ran it</p></div>".formatted(columns));
        content.append("<section class=\"card\"><div class=\"grid-scroll\"><table class=\"grid\"><thead><tr><th class=\"model-col\">Model</th>");
        for (LocalDateTime start : shown) {
            content.append("<th class=\"interval\" title=\"%s\"><span>%s</span></th>".formatted(attribute(start), text((start.toLocalTime().equals(LocalTime.MIDNIGHT) ? DAY : HOUR).format(start))));
        }
        content.append("</tr></thead>");
        for (Pipeline pipeline : Pipeline.of(graph, runs.modelsDirectory())) {
            content.append("<tbody><tr class=\"group\"><th colspan=\"%d\">%s</th></tr>".formatted(shown.size() + 1, text(pipeline.name())));
            for (Model model : pipeline.models()) {
                String name = model.name().toString();
                content.append("<tr data-model=\"%s\"><th class=\"model-col\">%s</th>".formatted(attribute(name), modelLink(name)));
                Map<LocalDateTime, IntervalRecord> byStart = cells.get(name);
                for (LocalDateTime start : shown) {
                    IntervalRecord record = byStart.get(start);
                    if (record == null) {
                        content.append("<td><span class=\"cell state-NONE\"></span></td>");
                        continue;
                    }
                    String rows = record.rows().isPresent() ? ", %,d rows".formatted(record.rows().getAsLong()) : "";
                    content.append("<td><a class=\"cell state-%s\" href=\"/ui/runs/%s\" title=\"%s %s: %s%s (run %s)\" data-interval=\"%s\"></a></td>".formatted(
                            attribute(record.state().name()), attribute(segment(record.runId().value())),
                            attribute(name), attribute(record.interval()), attribute(record.state().name().toLowerCase()), attribute(rows), attribute(record.runId().value()),
                            attribute(record.interval())));
                }
                content.append("</tr>");
            }
            content.append("</tbody>");
        }
        content.append("</table></div></section>");
        return PageLayout.render("Grid", "grid", viewer, content.toString(), !states.running().isEmpty());
    }
}
