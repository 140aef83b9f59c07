package io.lakehouse.materializer.web;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.model.Model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

/**
 * The models of one folder {@code sql/<pipeline>/}, in dependency order.
 */
record Pipeline(String name, List<Model> models)
{
    Pipeline
    {
        requireNonNull(name, "name is null");
        models = ImmutableList.copyOf(requireNonNull(models, "models is null"));
    }

    static List<Pipeline> of(ModelGraph graph, Path modelsDirectory)
    {
        Map<String, List<Model>> pipelines = new TreeMap<>();
        Path directory = modelsDirectory.toAbsolutePath().normalize();
        for (Model model : graph.models()) {
            Path file = model.file().toAbsolutePath().normalize();
            String name = file.startsWith(directory) && directory.relativize(file).getNameCount() > 1
                    ? directory.relativize(file).getName(0).toString()
                    : "(top level)";
            pipelines.computeIfAbsent(name, _ -> new ArrayList<>()).add(model);
        }
        return pipelines.entrySet().stream()
                .map(entry -> new Pipeline(entry.getKey(), entry.getValue()))
                .collect(toImmutableList());
    }
}
