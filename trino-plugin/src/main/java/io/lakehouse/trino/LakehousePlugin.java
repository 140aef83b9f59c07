package io.lakehouse.trino;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.lineage.LineageEventListenerFactory;
import io.lakehouse.trino.lineage.RecentQueryLineage;
import io.trino.spi.Plugin;
import io.trino.spi.connector.ConnectorFactory;
import io.trino.spi.eventlistener.EventListenerFactory;

public final class LakehousePlugin
        implements Plugin
{
    // Trino asks one plugin instance for all its factories: the event listener reports what the catalogs show
    private final RecentQueryLineage lineage = new RecentQueryLineage();

    @Override
    public Iterable<ConnectorFactory> getConnectorFactories()
    {
        return ImmutableList.of(new LakehouseConnectorFactory(lineage));
    }

    @Override
    public Iterable<EventListenerFactory> getEventListenerFactories()
    {
        return ImmutableList.of(new LineageEventListenerFactory(lineage));
    }
}
