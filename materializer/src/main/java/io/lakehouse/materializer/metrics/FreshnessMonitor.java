package io.lakehouse.materializer.metrics;

import com.google.common.collect.ImmutableList;
import com.google.inject.Inject;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.TaskState;
import io.lakehouse.materializer.model.Model;
import jakarta.annotation.PreDestroy;
import org.weakref.jmx.MBeanExporter;
import org.weakref.jmx.ObjectNameBuilder;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

import static java.util.Objects.requireNonNull;

/**
 * Keeps a {@link ModelFreshness} bean per model up to date from the ledger, exporting beans for new models and
 * removing those of models whose files are gone.
 */
public final class FreshnessMonitor
{
    private final MBeanExporter exporter;
    private final Map<String, ModelFreshness> models = new ConcurrentSkipListMap<>();

    @Inject
    public FreshnessMonitor(MBeanExporter exporter)
    {
        this.exporter = requireNonNull(exporter, "exporter is null");
    }

    public synchronized void refresh(List<Model> current, Ledger ledger, LocalDateTime now)
    {
        requireNonNull(current, "current is null");
        requireNonNull(ledger, "ledger is null");
        requireNonNull(now, "now is null");
        Set<String> names = new HashSet<>();
        for (Model model : current) {
            String name = model.name().toString();
            names.add(name);
            Optional<LocalDateTime> latestEnd = ledger.intervals(name).stream()
                    .filter(record -> record.state() == TaskState.SUCCEEDED)
                    .map(record -> record.interval().end())
                    .max(LocalDateTime::compareTo);
            boolean stale = model.header().freshness()
                    .map(freshness -> latestEnd.isEmpty() || latestEnd.get().plus(freshness.toJavaTime()).isBefore(now))
                    .orElse(false);
            models.computeIfAbsent(name, this::export).update(latestEnd, now, stale);
        }
        for (String gone : ImmutableList.copyOf(models.keySet())) {
            if (!names.contains(gone)) {
                models.remove(gone);
                exporter.unexport(objectName(gone));
            }
        }
    }

    /**
     * The models' freshness, by model name.
     */
    public List<ModelFreshness> models()
    {
        return ImmutableList.copyOf(models.values());
    }

    private ModelFreshness export(String model)
    {
        ModelFreshness freshness = new ModelFreshness(model);
        exporter.export(objectName(model), freshness);
        return freshness;
    }

    private static String objectName(String model)
    {
        return new ObjectNameBuilder(ModelFreshness.class.getPackageName())
                .withProperty("type", ModelFreshness.class.getSimpleName())
                .withProperty("name", model)
                .build();
    }

    @PreDestroy
    public synchronized void stop()
    {
        models.keySet().forEach(model -> exporter.unexport(objectName(model)));
        models.clear();
    }
}
