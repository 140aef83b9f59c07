package io.lakehouse.trino.landing;

import com.google.inject.Inject;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.connector.FixedSplitSource;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

public final class LandingSplitManager
        implements ConnectorSplitManager
{
    private final LandingDatasets landing;

    @Inject
    public LandingSplitManager(LandingDatasets landing)
    {
        this.landing = requireNonNull(landing, "landing is null");
    }

    @Override
    public ConnectorSplitSource getSplits(
            ConnectorTransactionHandle transaction,
            ConnectorSession session,
            ConnectorTableHandle tableHandle,
            DynamicFilter dynamicFilter,
            Constraint constraint)
    {
        LandingTableHandle table = (LandingTableHandle) tableHandle;
        return new FixedSplitSource(landing.listFiles(session, table).stream()
                .map(file -> new LandingSplit(file.location().toString(), file.length(), file.partitionValues()))
                .collect(toImmutableList()));
    }
}
