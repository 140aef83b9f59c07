package io.lakehouse.trino.lineage;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import jakarta.validation.constraints.Min;

/**
 * Properties of the lineage event listener, in {@code etc/event-listener.properties}.
 */
public class LineageListenerConfig
{
    private int retainedQueries = 10_000;

    @Min(1)
    public int getRetainedQueries()
    {
        return retainedQueries;
    }

    @Config("lineage.retained-queries")
    @ConfigDescription("How many of the latest writing queries' lineage the coordinator keeps for system.query_lineage")
    public LineageListenerConfig setRetainedQueries(int retainedQueries)
    {
        this.retainedQueries = retainedQueries;
        return this;
    }
}
