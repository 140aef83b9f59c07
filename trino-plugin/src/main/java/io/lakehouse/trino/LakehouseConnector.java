package io.lakehouse.trino;

import com.google.common.collect.ImmutableSet;
import com.google.inject.Inject;
import io.airlift.bootstrap.LifeCycleManager;
import io.lakehouse.trino.landing.LandingPageSourceProvider;
import io.lakehouse.trino.landing.LandingSplitManager;
import io.lakehouse.trino.landing.LandingTableProperties;
import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.SystemTable;
import io.trino.spi.function.table.ConnectorTableFunction;
import io.trino.spi.session.PropertyMetadata;
import io.trino.spi.transaction.IsolationLevel;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

public final class LakehouseConnector
        implements Connector
{
    private final LifeCycleManager lifeCycleManager;
    private final LakehouseMetadata metadata;
    private final LandingSplitManager splitManager;
    private final LandingPageSourceProvider pageSourceProvider;
    private final Set<ConnectorTableFunction> tableFunctions;
    private final Set<SystemTable> systemTables;

    @Inject
    public LakehouseConnector(
            LifeCycleManager lifeCycleManager,
            LakehouseMetadata metadata,
            LandingSplitManager splitManager,
            LandingPageSourceProvider pageSourceProvider,
            Set<ConnectorTableFunction> tableFunctions,
            Set<SystemTable> systemTables)
    {
        this.lifeCycleManager = requireNonNull(lifeCycleManager, "lifeCycleManager is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.splitManager = requireNonNull(splitManager, "splitManager is null");
        this.pageSourceProvider = requireNonNull(pageSourceProvider, "pageSourceProvider is null");
        this.tableFunctions = ImmutableSet.copyOf(requireNonNull(tableFunctions, "tableFunctions is null"));
        this.systemTables = ImmutableSet.copyOf(requireNonNull(systemTables, "systemTables is null"));
    }

    @Override
    public ConnectorTransactionHandle beginTransaction(IsolationLevel isolationLevel, boolean readOnly, boolean autoCommit)
    {
        return LakehouseTransactionHandle.INSTANCE;
    }

    @Override
    public ConnectorMetadata getMetadata(ConnectorSession session, ConnectorTransactionHandle transactionHandle)
    {
        return metadata;
    }

    @Override
    public ConnectorSplitManager getSplitManager()
    {
        return splitManager;
    }

    @Override
    public ConnectorPageSourceProvider getPageSourceProvider()
    {
        return pageSourceProvider;
    }

    @Override
    public Set<ConnectorTableFunction> getTableFunctions()
    {
        return tableFunctions;
    }

    @Override
    public Set<SystemTable> getSystemTables()
    {
        return systemTables;
    }

    @Override
    public List<PropertyMetadata<?>> getTableProperties()
    {
        return LandingTableProperties.metadata();
    }

    @Override
    public void shutdown()
    {
        lifeCycleManager.stop();
    }
}
