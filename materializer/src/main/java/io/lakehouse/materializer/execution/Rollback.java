package io.lakehouse.materializer.execution;

import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.VersionRecord;
import io.lakehouse.materializer.ledger.VersionState;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.ModelKind;
import io.lakehouse.materializer.publish.PublishedData;
import io.lakehouse.materializer.publish.Publisher;

import java.util.List;
import java.util.Optional;

import static java.time.ZoneOffset.UTC;
import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * Points a model's table (or one interval's partition) back at data an earlier run published and the ledger
 * retained, with one catalog change. The replaced data is retained in turn, so a rollback can be undone.
 */
public final class Rollback
{
    private final Publisher publisher;
    private final Ledger ledger;

    public Rollback(Publisher publisher, Ledger ledger)
    {
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    /**
     * @param partitionValue the interval's partition, required for interval-partitioned models ({@code 2024-01-01})
     * @param to the run whose data to restore; default the newest retained version
     * @return the restored version
     */
    public VersionRecord rollback(Model model, Optional<String> partitionValue, Optional<RunId> to)
    {
        requireNonNull(model, "model is null");
        if (model.kind() == ModelKind.VIEW) {
            throw new IllegalArgumentException("Model %s is a VIEW; it has no data versions to roll back to: run it again with the previous query instead".formatted(model));
        }
        if (model.kind().isPartitionedByInterval() && partitionValue.isEmpty()) {
            throw new IllegalArgumentException("Model %s is %s: name the interval to roll back with --interval, such as --interval 2024-01-01".formatted(model, model.kind()));
        }
        if (!model.kind().isPartitionedByInterval() && partitionValue.isPresent()) {
            throw new IllegalArgumentException("Model %s is %s and has no intervals of its own; roll back the whole table without --interval".formatted(model, model.kind()));
        }
        String partition = partitionValue.orElse("");
        String name = model.name().toString();
        List<VersionRecord> versions = ledger.versions(name, partition);
        List<VersionRecord> available = versions.stream().filter(version -> version.state() == VersionState.RETAINED).toList();
        VersionRecord target;
        if (to.isPresent()) {
            target = versions.stream()
                    .filter(version -> version.runId().equals(to.get()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Run %s published no version of %s%s; versions: %s".formatted(to.get(), name, describe(partition), list(versions))));
            if (target.state() == VersionState.CURRENT) {
                throw new IllegalArgumentException("The version of run %s is already current for %s%s".formatted(to.get(), name, describe(partition)));
            }
            if (target.state() == VersionState.EXPIRED) {
                throw new IllegalArgumentException("The version of run %s of %s%s has expired and its data was deleted; versions: %s (keep more with retain_versions in the MODEL header)".formatted(to.get(), name, describe(partition), list(versions)));
            }
        }
        else {
            target = available.stream().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("There is no earlier version of %s%s to roll back to; versions: %s".formatted(name, describe(partition), list(versions))));
        }
        PublishedData data = new PublishedData(target.location(), PublishedData.columnsFromJson(target.columnsJson()));
        if (partitionValue.isPresent()) {
            publisher.restorePartition(model.name(), partition, data, target.runId().value(), target.rows(), target.publishedAt().toInstant(UTC));
        }
        else {
            publisher.restoreTable(model.name(), data, target.runId().value());
        }
        ledger.versionRestored(name, partition, target.runId());
        return target;
    }

    private static String describe(String partition)
    {
        return partition.isEmpty() ? "" : " partition " + partition;
    }

    private static String list(List<VersionRecord> versions)
    {
        if (versions.isEmpty()) {
            return "none";
        }
        return versions.stream()
                .map(version -> "%s (%s, %s)".formatted(version.runId(), version.state(), version.publishedAt()))
                .collect(joining(", "));
    }
}
