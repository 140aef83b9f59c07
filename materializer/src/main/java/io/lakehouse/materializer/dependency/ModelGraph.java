package io.lakehouse.materializer.dependency;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * Models and the dependencies between them: a model depends on every other model whose name its query reads.
 * Tables that are not models (landing tables, for instance) are sources. Models are kept in dependency order,
 * ties broken by name so the order is the same on every run.
 */
public final class ModelGraph
{
    private final Map<TableName, Model> models;
    private final Map<TableName, Set<TableName>> upstream;

    private ModelGraph(Map<TableName, Model> models, Map<TableName, Set<TableName>> upstream)
    {
        this.models = ImmutableMap.copyOf(models);
        this.upstream = ImmutableMap.copyOf(upstream);
    }

    public static ModelGraph of(Collection<Model> models)
    {
        requireNonNull(models, "models is null");
        Map<TableName, Model> byName = new TreeMap<>();
        for (Model model : models) {
            Model previous = byName.putIfAbsent(model.name(), model);
            if (previous != null) {
                throw new DependencyException("Model %s is defined twice, in %s and in %s; rename or remove one of them".formatted(model.name(), previous.file(), model.file()));
            }
        }

        Map<TableName, Set<TableName>> upstream = new HashMap<>();
        for (Model model : byName.values()) {
            if (model.references().contains(model.name())) {
                throw new DependencyException("Model %s reads its own table; a %s model replaces its table on every run and cannot read it".formatted(model, model.kind()));
            }
            upstream.put(model.name(), model.references().stream()
                    .filter(byName::containsKey)
                    .collect(toImmutableSet()));
        }

        Map<TableName, Model> ordered = new LinkedHashMap<>();
        for (TableName name : order(byName, upstream)) {
            ordered.put(name, byName.get(name));
        }
        return new ModelGraph(ordered, upstream);
    }

    /**
     * All models, each after the models it reads.
     */
    public List<Model> models()
    {
        return ImmutableList.copyOf(models.values());
    }

    /**
     * The models {@code model} reads.
     */
    public Set<TableName> upstream(TableName model)
    {
        return requireNonNull(upstream.get(model), () -> "unknown model: " + model);
    }

    /**
     * The tables {@code model} reads that no model writes.
     */
    public Set<TableName> sources(TableName model)
    {
        return modelNamed(model).references().stream()
                .filter(reference -> !models.containsKey(reference))
                .collect(toImmutableSet());
    }

    /**
     * The named models, in dependency order. Their upstream models are not added: a selection runs against
     * what upstream models last wrote.
     */
    public List<Model> select(Collection<TableName> names)
    {
        Set<TableName> selection = ImmutableSet.copyOf(names);
        List<TableName> unknown = selection.stream()
                .filter(name -> !models.containsKey(name))
                .sorted()
                .collect(toImmutableList());
        if (!unknown.isEmpty()) {
            throw new DependencyException("No model named %s; models are: %s".formatted(
                    unknown.stream().map(TableName::toString).collect(joining(", ")),
                    models.keySet().stream().sorted().map(TableName::toString).collect(joining(", "))));
        }
        return models.values().stream()
                .filter(model -> selection.contains(model.name()))
                .collect(toImmutableList());
    }

    /**
     * The named models and every model that reads them, directly or through other models, in dependency order.
     */
    public List<Model> withDownstream(Collection<TableName> names)
    {
        Set<TableName> selection = new HashSet<>(select(names).stream().map(Model::name).toList());
        for (Model model : models.values()) {
            if (upstream.get(model.name()).stream().anyMatch(selection::contains)) {
                selection.add(model.name());
            }
        }
        return select(selection);
    }

    private Model modelNamed(TableName name)
    {
        return requireNonNull(models.get(name), () -> "unknown model: " + name);
    }

    private static List<TableName> order(Map<TableName, Model> models, Map<TableName, Set<TableName>> upstream)
    {
        Map<TableName, Integer> waitingFor = new HashMap<>();
        Map<TableName, List<TableName>> downstream = new HashMap<>();
        PriorityQueue<TableName> ready = new PriorityQueue<>();
        upstream.forEach((model, dependencies) -> {
            waitingFor.put(model, dependencies.size());
            dependencies.forEach(dependency -> downstream.computeIfAbsent(dependency, _ -> new ArrayList<>()).add(model));
            if (dependencies.isEmpty()) {
                ready.add(model);
            }
        });

        ImmutableList.Builder<TableName> order = ImmutableList.builder();
        while (!ready.isEmpty()) {
            TableName model = ready.poll();
            order.add(model);
            waitingFor.remove(model);
            for (TableName child : downstream.getOrDefault(model, List.of())) {
                int remaining = waitingFor.merge(child, -1, Integer::sum);
                if (remaining == 0) {
                    ready.add(child);
                }
            }
        }
        if (!waitingFor.isEmpty()) {
            throw cycleError(models, upstream, new TreeSet<>(waitingFor.keySet()));
        }
        return order.build();
    }

    private static DependencyException cycleError(Map<TableName, Model> models, Map<TableName, Set<TableName>> upstream, TreeSet<TableName> unordered)
    {
        // every model left unordered reads at least one other unordered model, so following those reads must come back to a model already seen
        List<TableName> path = new ArrayList<>();
        TableName current = unordered.first();
        while (!path.contains(current)) {
            path.add(current);
            current = upstream.get(current).stream()
                    .filter(unordered::contains)
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        List<TableName> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        cycle.add(current);
        return new DependencyException("Models form a dependency cycle, each reading the next: %s; remove one of these references".formatted(
                cycle.stream().map(name -> models.get(name).toString()).collect(joining(" -> "))));
    }
}
