package io.lakehouse.materializer.web;

import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.ledger.IntervalRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.VersionRecord;
import io.lakehouse.materializer.lineage.LineageRecord;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.server.RunService;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static io.lakehouse.materializer.web.Html.attribute;
import static io.lakehouse.materializer.web.Html.badge;
import static io.lakehouse.materializer.web.Html.modelLink;
import static io.lakehouse.materializer.web.Html.runLink;
import static io.lakehouse.materializer.web.Html.segment;
import static io.lakehouse.materializer.web.Html.text;
import static io.lakehouse.materializer.web.Html.time;

/**
 * A model and its table: description, freshness, lineage (the models it reads, the sources, the models reading
 * it, and each column's source columns), the table's schema as the Glue catalog has it, its recent intervals, the versions kept for rollback, and
 * the forms to run it and to roll it back.
 */
final class ModelPage
{
    private ModelPage() {}

    static Optional<String> render(RunService runs, TableName name, Viewer viewer, Optional<String> notice)
    {
        ModelGraph graph = runs.models();
        Optional<Model> found = graph.models().stream().filter(model -> model.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Model model = found.get();
        Ledger ledger = runs.materializer().ledger();
        LatestStates states = LatestStates.of(List.of(model), ledger);
        LocalDateTime now = runs.now();
        String modelName = name.toString();

        StringBuilder content = new StringBuilder();
        content.append("<div class=\"page-head\"><h1 class=\"mono\">%s</h1>%s</div>".formatted(text(modelName), badge(states.state(modelName))));
        notice.ifPresent(message -> content.append("<p class=\"notice\" id=\"notice\">%s</p>".formatted(text(message))));
        content.append("<section class=\"card facts\"><p class=\"description\">%s</p><dl>".formatted(
                        model.header().description().map(Html::text).orElse("<span class=\"muted\">No description: add one to the model's header.</span>")))
                .append(fact("Kind", text(model.kind().name())))
                .append(fact("Schedule", "<span class=\"mono\">" + text(model.header().schedule().expression()) + "</span>"))
                .append(fact("Owner", text(model.header().owner().orElse("—"))))
                .append(fact("File", "<span class=\"mono small\">" + text(runs.modelsDirectory().toAbsolutePath().normalize().relativize(model.file().toAbsolutePath().normalize())) + "</span>"))
                .append(fact("Freshness", PipelinesPage.freshness(model, states, now)))
                .append(fact("Freshness limit", text(model.header().freshness().map(Object::toString).orElse("none"))))
                .append(fact("Latest interval", states.latest(modelName).map(record -> text(record.interval()) + " " + runLink(record.runId().value()) + " " + time(record.updatedAt())).orElse("<span class=\"muted\">never ran</span>")))
                .append(fact("Checks", text(model.header().checks().isEmpty() ? "none" : String.join(", ", model.header().checks().stream().map(check -> check.describe() + (check.blocking() ? "" : " WARN")).toList()))))
                .append("</dl></section>");

        content.append("<div class=\"columns\">");
        content.append(lineage(model, graph, ledger.lineage(Optional.of(modelName))));
        content.append(schema(runs, model));
        content.append("</div>");

        content.append(actions(model, viewer));
        content.append(intervals(ledger.intervals(modelName)));
        content.append(versions(ledger, model));
        return Optional.of(PageLayout.render(modelName, "pipelines", viewer, content.toString(), !states.running().isEmpty()));
    }

    private static String lineage(Model model, ModelGraph graph, List<LineageRecord> columns)
    {
        Set<TableName> upstream = graph.upstream(model.name());
        List<TableName> downstream = graph.models().stream()
                .filter(other -> graph.upstream(other.name()).contains(model.name()))
                .map(Model::name)
                .toList();
        Set<TableName> sources = graph.sources(model.name());
        StringBuilder html = new StringBuilder("<section class=\"card lineage\"><h2>Lineage</h2>");
        html.append("<h3>Reads models</h3>").append(list(upstream.stream().sorted().map(name -> modelLink(name.toString())).toList(), "upstream"));
        html.append("<h3>Reads sources</h3>").append(list(sources.stream().sorted().map(name -> "<span class=\"mono\">" + text(name) + "</span>").toList(), "sources"));
        html.append("<h3>Read by</h3>").append(list(downstream.stream().map(name -> modelLink(name.toString())).toList(), "downstream"));
        html.append("<p class=\"muted small\">Table-level lineage from the model's query.</p>");
        html.append("<h3>Columns</h3>").append(columnLineage(graph, columns));
        return html.append("</section>").toString();
    }

    private static String columnLineage(ModelGraph graph, List<LineageRecord> columns)
    {
        if (columns.isEmpty()) {
            return "<p class=\"muted\" id=\"column-lineage\">not recorded yet: Trino reports it when the model publishes (event listener lakehouse-lineage)</p>";
        }
        Set<TableName> models = graph.models().stream().map(Model::name).collect(toImmutableSet());
        StringBuilder html = new StringBuilder("<table class=\"columns-table\" id=\"column-lineage\"><thead><tr><th>Column</th><th>Computed from</th></tr></thead><tbody>");
        for (LineageRecord record : columns) {
            List<String> sources = record.column().sources().stream()
                    .map(source -> (models.contains(source.table()) ? modelLink(source.table().toString()) : "<span class=\"mono\">" + text(source.table()) + "</span>")
                            + "<span class=\"mono\">." + text(source.column()) + "</span>")
                    .toList();
            html.append("<tr><td class=\"mono\">%s</td><td>%s</td></tr>".formatted(
                    text(record.column().column()), sources.isEmpty() ? "<span class=\"muted\">no column (a literal or expression)</span>" : String.join("<br>", sources)));
        }
        html.append("</tbody></table>");
        html.append("<p class=\"muted small\">Column-level lineage from Trino's analyzer, recorded by run %s at %s.</p>".formatted(
                runLink(columns.getFirst().runId().value()), time(columns.getFirst().recordedAt())));
        return html.toString();
    }

    private static String list(List<String> items, String id)
    {
        if (items.isEmpty()) {
            return "<p class=\"muted\" id=\"%s\">none</p>".formatted(id);
        }
        return "<ul class=\"plain\" id=\"%s\">%s</ul>".formatted(id, String.join("", items.stream().map(item -> "<li>" + item + "</li>").toList()));
    }

    private static String schema(RunService runs, Model model)
    {
        StringBuilder html = new StringBuilder("<section class=\"card schema\"><h2>Schema <span class=\"muted\">from the Glue catalog</span></h2>");
        Optional<Table> table;
        try {
            table = runs.materializer().catalog().getTable(model.name().schema(), model.name().table());
        }
        catch (RuntimeException e) {
            return html.append("<p class=\"error\">The catalog did not answer: %s</p></section>".formatted(text(e.getMessage()))).toString();
        }
        if (table.isEmpty()) {
            return html.append("<p class=\"muted\">Not published yet: the table is not in the catalog.</p></section>").toString();
        }
        html.append("<table class=\"columns-table\"><thead><tr><th>Column</th><th>Type</th><th></th></tr></thead><tbody>");
        List<Column> columns = table.get().storageDescriptor() == null ? List.of() : table.get().storageDescriptor().columns();
        for (Column column : columns) {
            html.append(column(column, false));
        }
        for (Column column : table.get().partitionKeys()) {
            html.append(column(column, true));
        }
        html.append("</tbody></table>");
        Optional.ofNullable(table.get().parameters()).map(parameters -> parameters.get("comment"))
                .ifPresent(comment -> html.append("<p class=\"muted small\">Table comment: %s</p>".formatted(text(comment))));
        return html.append("</section>").toString();
    }

    private static String column(Column column, boolean partition)
    {
        return "<tr><td class=\"mono\">%s</td><td class=\"mono\">%s</td><td>%s%s</td></tr>".formatted(
                text(column.name()), text(column.type()), partition ? "<span class=\"tag\">partition</span> " : "", text(Optional.ofNullable(column.comment()).orElse("")));
    }

    private static String actions(Model model, Viewer viewer)
    {
        String name = model.name().toString();
        boolean partitioned = model.kind().isPartitionedByInterval();
        return """
                <section class="card actions">
                <form method="post" action="/ui/runs" class="action" id="trigger-form">%s
                <h3>Run this model</h3>
                <input type="hidden" name="model" value="%s">
                <label>Day <input type="date" name="ds" title="empty: catch up every due interval"></label>
                <button type="submit" id="trigger">Trigger run</button>
                </form>
                <form method="post" action="/ui/models/%s/rollback" class="action" id="rollback-form" data-confirm="Point %s back at an earlier version?">%s
                <h3>Roll back</h3>
                %s
                <label>To run <input type="text" name="to" placeholder="previous version" pattern="[a-z0-9_]*"></label>
                <button class="danger" type="submit" id="rollback">Roll back</button>
                </form>
                </section>
                """.formatted(viewer.csrfField(), attribute(name), attribute(segment(name)), attribute(name), viewer.csrfField(),
                partitioned ? "<label>Interval <input type=\"date\" name=\"interval\" required></label>" : "");
    }

    private static String intervals(List<IntervalRecord> records)
    {
        StringBuilder html = new StringBuilder("<section class=\"card\"><h2>Intervals <span class=\"muted\">newest first</span></h2>");
        if (records.isEmpty()) {
            return html.append("<p class=\"muted\">The model has not run yet.</p></section>").toString();
        }
        html.append("<table class=\"intervals\"><thead><tr><th>Interval</th><th>State</th><th>Rows</th><th>Run</th><th>Updated</th></tr></thead><tbody>");
        for (IntervalRecord record : records.reversed().stream().limit(60).toList()) {
            html.append("<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td><td>%s</td><td>%s</td></tr>".formatted(
                    text(record.interval()), badge(record.state().name()),
                    record.rows().isPresent() ? "%,d".formatted(record.rows().getAsLong()) : "",
                    runLink(record.runId().value()), time(record.updatedAt())));
        }
        return html.append("</tbody></table></section>").toString();
    }

    private static String versions(Ledger ledger, Model model)
    {
        if (model.kind().isPartitionedByInterval()) {
            return "";
        }
        List<VersionRecord> versions = ledger.versions(model.name().toString(), "");
        StringBuilder html = new StringBuilder("<section class=\"card\"><h2>Versions <span class=\"muted\">kept for rollback</span></h2>");
        if (versions.isEmpty()) {
            return html.append("<p class=\"muted\">No published version recorded.</p></section>").toString();
        }
        html.append("<table class=\"versions\"><thead><tr><th>Run</th><th>State</th><th>Rows</th><th>Published</th><th>Location</th></tr></thead><tbody>");
        for (VersionRecord version : versions) {
            html.append("<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td><td>%s</td><td class=\"mono small\">%s</td></tr>".formatted(
                    runLink(version.runId().value()), badge(version.state().name()),
                    version.rows().isPresent() ? "%,d".formatted(version.rows().getAsLong()) : "",
                    time(version.publishedAt()), text(version.location())));
        }
        return html.append("</tbody></table></section>").toString();
    }

    private static String fact(String name, String valueHtml)
    {
        return "<div><dt>%s</dt><dd>%s</dd></div>".formatted(text(name), valueHtml);
    }
}
