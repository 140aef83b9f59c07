package io.lakehouse.materializer.execution;

import com.google.common.collect.ImmutableList;
import io.airlift.log.Logger;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.publish.Publisher;
import software.amazon.awssdk.services.glue.model.Table;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;
import static java.util.Objects.requireNonNull;

/**
 * Removes what runs that died left behind: staging tables ({@code <table>__stg_<run id>}) of runs that hold no lease
 * any more, and data registered for deletion ({@code <table>__del_...}). Staged data that a table or partition of
 * the model points at (the run died between publishing and dropping the staged table's metadata) loses its
 * metadata only; any other staged data is dropped with it.
 */
public final class StagingCleaner
{
    private static final Logger log = Logger.get(StagingCleaner.class);

    private final Publisher publisher;
    private final Ledger ledger;

    public StagingCleaner(Publisher publisher, Ledger ledger)
    {
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    /**
     * @return the tables removed
     */
    public List<TableName> clean(List<Model> models, TrinoSession trino)
            throws SQLException
    {
        Set<String> activeRuns = ledger.activeLeaseRuns().stream().map(RunId::value).collect(toImmutableSet());
        ImmutableList.Builder<TableName> removed = ImmutableList.builder();
        // one listing per schema: a run of many models in few schemas makes few catalog calls
        Map<String, List<Model>> bySchema = models.stream().collect(groupingBy(model -> model.name().schema(), LinkedHashMap::new, toList()));
        for (Map.Entry<String, List<Model>> schema : bySchema.entrySet()) {
            List<String> candidates = publisher.listTables(schema.getKey(), ".*__(stg|del)_.*");
            for (Model model : schema.getValue()) {
                TableName target = model.name();
                for (String name : candidates) {
                    if (!name.startsWith(target.table() + TaskPlan.STAGING_MARKER) && !name.startsWith(target.table() + "__del_")) {
                        continue;
                    }
                    TableName table = target.withTable(name);
                    if (name.startsWith(target.table() + TaskPlan.STAGING_MARKER)) {
                        Optional<RunId> runId = TaskPlan.stagingRun(target, name);
                        if (runId.isPresent() && activeRuns.contains(runId.get().value())) {
                            continue;
                        }
                        Optional<Table> staged = publisher.table(table);
                        if (staged.isEmpty()) {
                            continue;
                        }
                        if (isPublished(model, staged.get())) {
                            publisher.forgetStagedTable(table);
                        }
                        else {
                            boolean view = "VIRTUAL_VIEW".equals(staged.get().tableType());
                            trino.executeCleanup((view ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + table.toSql());
                        }
                    }
                    else {
                        trino.executeCleanup("DROP TABLE IF EXISTS " + table.toSql());
                    }
                    log.info("Removed leftover %s", table);
                    removed.add(table);
                }
            }
        }
        return removed.build();
    }

    private boolean isPublished(Model model, Table staged)
    {
        if (staged.storageDescriptor() == null || staged.storageDescriptor().location() == null) {
            return false;
        }
        String location = staged.storageDescriptor().location();
        return ledger.liveLocations(model.name().toString()).stream().anyMatch(published -> published.equals(location) || published.startsWith(location + "/"))
                || publisher.referencesStagedData(model.name(), staged);
    }
}
