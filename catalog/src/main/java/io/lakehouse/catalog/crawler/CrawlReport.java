package io.lakehouse.catalog.crawler;

import com.google.common.collect.ImmutableList;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a crawl did, per dataset.
 */
public record CrawlReport(String database, boolean incremental, List<DatasetResult> datasets, Duration elapsed)
{
    public CrawlReport
    {
        requireNonNull(database, "database is null");
        datasets = ImmutableList.copyOf(requireNonNull(datasets, "datasets is null"));
        requireNonNull(elapsed, "elapsed is null");
    }

    /**
     * What happened to one dataset's table.
     *
     * @param failure why the dataset could not be registered, if it could not
     */
    public record DatasetResult(
            String table,
            String location,
            boolean tableCreated,
            int partitionsAdded,
            int filesListed,
            int filesInferred,
            List<SchemaChange> changes,
            List<String> warnings,
            Optional<String> failure)
    {
        public DatasetResult
        {
            requireNonNull(table, "table is null");
            requireNonNull(location, "location is null");
            changes = ImmutableList.copyOf(requireNonNull(changes, "changes is null"));
            warnings = ImmutableList.copyOf(requireNonNull(warnings, "warnings is null"));
            requireNonNull(failure, "failure is null");
        }
    }

    public boolean failed()
    {
        return datasets.stream().anyMatch(dataset -> dataset.failure().isPresent());
    }

    public int partitionsAdded()
    {
        return datasets.stream().mapToInt(DatasetResult::partitionsAdded).sum();
    }

    public int filesListed()
    {
        return datasets.stream().mapToInt(DatasetResult::filesListed).sum();
    }

    public List<SchemaChange> changes()
    {
        return datasets.stream().flatMap(dataset -> dataset.changes().stream()).collect(ImmutableList.toImmutableList());
    }

    /**
     * A summary for people: one line per dataset, then every schema change, warning and failure.
     */
    public String summary()
    {
        StringBuilder summary = new StringBuilder("%s crawl into Glue database %s: %s datasets, %s files listed, %s partitions added in %.2f s%n".formatted(
                incremental ? "Incremental" : "Full", database, datasets.size(), filesListed(), partitionsAdded(), elapsed.toMillis() / 1000.0));
        for (DatasetResult dataset : datasets) {
            summary.append("  %s (%s): %s%s partitions added, %s files listed, %s inferred%n".formatted(
                    dataset.table(), dataset.location(), dataset.tableCreated() ? "table created, " : "", dataset.partitionsAdded(), dataset.filesListed(), dataset.filesInferred()));
            dataset.changes().forEach(change -> summary.append("    change: ").append(change).append(System.lineSeparator()));
            dataset.warnings().forEach(warning -> summary.append("    warning: ").append(warning).append(System.lineSeparator()));
            dataset.failure().ifPresent(failure -> summary.append("    FAILED: ").append(failure).append(System.lineSeparator()));
        }
        return summary.toString();
    }
}
