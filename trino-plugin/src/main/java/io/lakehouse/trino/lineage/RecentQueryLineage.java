package io.lakehouse.trino.lineage;

import com.google.common.collect.ImmutableList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * The lineage of the coordinator's latest writing queries, shared by the plugin's event listener, which adds to it,
 * and table {@code system.query_lineage} of its catalogs, which reads it. Only the newest queries are kept: readers
 * (the materializer) ask right after their query finished.
 */
public final class RecentQueryLineage
{
    private final Map<String, QueryLineage> queries = new LinkedHashMap<>();
    private int retainedQueries;
    private boolean listening;

    /**
     * Called when Trino creates the plugin's event listener: from then on lineage is reported.
     */
    public synchronized void listenerStarted(int retainedQueries)
    {
        checkArgument(retainedQueries > 0, "retainedQueries must be positive");
        this.retainedQueries = retainedQueries;
        listening = true;
    }

    public synchronized boolean isListening()
    {
        return listening;
    }

    public synchronized void add(QueryLineage lineage)
    {
        requireNonNull(lineage, "lineage is null");
        queries.put(lineage.queryId(), lineage);
        while (queries.size() > retainedQueries) {
            queries.remove(queries.keySet().iterator().next());
        }
    }

    public synchronized Optional<QueryLineage> get(String queryId)
    {
        return Optional.ofNullable(queries.get(queryId));
    }

    /**
     * Every kept query, oldest first.
     */
    public synchronized List<QueryLineage> all()
    {
        return ImmutableList.copyOf(queries.values());
    }
}
