package io.lakehouse.materializer.web;

import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.lakehouse.materializer.web.Html.attribute;
import static io.lakehouse.materializer.web.Html.segment;
import static io.lakehouse.materializer.web.Html.text;
import static java.util.Objects.requireNonNull;

/**
 * A pipeline's models as an inline SVG graph: a column per dependency depth (models that read no other model of
 * the pipeline first), an edge from each model to those reading it, each node coloured by the state of the
 * model's latest interval and linking to the model's page.
 */
final class PipelineDag
{
    private static final int NODE_WIDTH = 210;
    private static final int NODE_HEIGHT = 46;
    private static final int COLUMN_GAP = 70;
    private static final int ROW_GAP = 18;
    private static final int MARGIN = 12;

    private PipelineDag() {}

    /**
     * @param models the pipeline's models, in dependency order
     * @param state the state of a model's latest interval, or "none"
     */
    static String svg(List<Model> models, ModelGraph graph, Function<TableName, String> state)
    {
        requireNonNull(models, "models is null");
        Map<TableName, Integer> depth = new LinkedHashMap<>();
        for (Model model : models) {
            int level = graph.upstream(model.name()).stream()
                    .filter(depth::containsKey)
                    .mapToInt(upstream -> depth.get(upstream) + 1)
                    .max()
                    .orElse(0);
            depth.put(model.name(), level);
        }
        Map<Integer, List<TableName>> columns = new HashMap<>();
        depth.forEach((name, level) -> columns.computeIfAbsent(level, _ -> new ArrayList<>()).add(name));
        int rows = columns.values().stream().mapToInt(List::size).max().orElse(1);
        int width = MARGIN * 2 + columns.size() * NODE_WIDTH + (columns.size() - 1) * COLUMN_GAP;
        int height = MARGIN * 2 + rows * NODE_HEIGHT + (rows - 1) * ROW_GAP;

        Map<TableName, int[]> positions = new HashMap<>();
        columns.forEach((level, names) -> {
            // a short column is centred beside the tallest
            int offset = (rows - names.size()) * (NODE_HEIGHT + ROW_GAP) / 2;
            for (int i = 0; i < names.size(); i++) {
                positions.put(names.get(i), new int[] {MARGIN + level * (NODE_WIDTH + COLUMN_GAP), MARGIN + offset + i * (NODE_HEIGHT + ROW_GAP)});
            }
        });

        StringBuilder svg = new StringBuilder()
                .append("<svg class=\"dag\" role=\"img\" aria-label=\"dependency graph\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">".formatted(width, height, width, height));
        for (Model model : models) {
            int[] to = positions.get(model.name());
            Set<TableName> upstream = graph.upstream(model.name());
            for (TableName source : upstream) {
                int[] from = positions.get(source);
                if (from == null) {
                    continue;
                }
                int x1 = from[0] + NODE_WIDTH;
                int y1 = from[1] + NODE_HEIGHT / 2;
                int x2 = to[0];
                int y2 = to[1] + NODE_HEIGHT / 2;
                int bend = (x2 - x1) / 2;
                svg.append("<path class=\"edge\" d=\"M%d %d C%d %d, %d %d, %d %d\"/>".formatted(x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2));
            }
        }
        for (Model model : models) {
            int[] at = positions.get(model.name());
            String name = model.name().toString();
            String nodeState = state.apply(model.name());
            String label = model.name().schema() + "." + model.name().table();
            svg.append("<a href=\"/ui/models/%s\" class=\"node state-%s\" data-model=\"%s\">".formatted(attribute(segment(name)), attribute(nodeState), attribute(name)))
                    .append("<title>%s: latest interval %s</title>".formatted(text(name), text(nodeState.toLowerCase())))
                    .append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"8\"/>".formatted(at[0], at[1], NODE_WIDTH, NODE_HEIGHT))
                    .append("<circle cx=\"%d\" cy=\"%d\" r=\"5\"/>".formatted(at[0] + 14, at[1] + NODE_HEIGHT / 2))
                    .append("<text x=\"%d\" y=\"%d\">%s</text>".formatted(at[0] + 26, at[1] + 20, text(ellipsis(label, 26))))
                    .append("<text class=\"sub\" x=\"%d\" y=\"%d\">%s · %s</text>".formatted(at[0] + 26, at[1] + 36, text(shortKind(model)), text(nodeState.toLowerCase())))
                    .append("</a>");
        }
        return svg.append("</svg>").toString();
    }

    private static String shortKind(Model model)
    {
        return switch (model.kind()) {
            case FULL -> "full";
            case VIEW -> "view";
            case INCREMENTAL_BY_TIME_RANGE -> "incremental";
            case APPEND -> "append";
        };
    }

    private static String ellipsis(String text, int length)
    {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
