package io.lakehouse.materializer;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.ModelLoader;
import io.lakehouse.materializer.model.ModelParser;
import io.lakehouse.materializer.model.TableName;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

import static com.google.common.collect.ImmutableList.toImmutableList;

/**
 * Options choosing the models of a command, shared by {@code plan} and {@code run}.
 */
final class ModelSelection
{
    @Option(names = "--models", paramLabel = "<dir>", defaultValue = "sql", description = "Directory of model files (default: ${DEFAULT-VALUE})")
    Path directory;

    @Option(names = "--select", paramLabel = "<model>", arity = "1..*", description = "Only these models (catalog.schema.table), in dependency order; default: all")
    List<String> selected = ImmutableList.of();

    record Selection(ModelGraph graph, List<Model> models) {}

    Selection load()
    {
        ModelGraph graph = ModelGraph.of(new ModelLoader(new ModelParser()).load(directory));
        if (selected.isEmpty()) {
            return new Selection(graph, graph.models());
        }
        List<TableName> names = selected.stream()
                .map(TableName::parse)
                .collect(toImmutableList());
        return new Selection(graph, graph.select(names));
    }

    Selection loadWithDownstream()
    {
        ModelGraph graph = ModelGraph.of(new ModelLoader(new ModelParser()).load(directory));
        if (selected.isEmpty()) {
            return new Selection(graph, graph.models());
        }
        return new Selection(graph, graph.withDownstream(selected.stream().map(TableName::parse).collect(toImmutableList())));
    }
}
