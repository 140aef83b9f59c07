package io.lakehouse.trino.landing;

import com.google.inject.Inject;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystemFactory;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.DynamicFilter;

import java.io.IOException;
import java.util.List;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_FILESYSTEM_ERROR;
import static java.util.Objects.requireNonNull;

public final class LandingPageSourceProvider
        implements ConnectorPageSourceProvider
{
    private final TrinoFileSystemFactory fileSystemFactory;

    @Inject
    public LandingPageSourceProvider(TrinoFileSystemFactory fileSystemFactory)
    {
        this.fileSystemFactory = requireNonNull(fileSystemFactory, "fileSystemFactory is null");
    }

    @Override
    public ConnectorPageSource createPageSource(
            ConnectorTransactionHandle transaction,
            ConnectorSession session,
            ConnectorSplit split,
            ConnectorTableHandle table,
            List<ColumnHandle> columns,
            DynamicFilter dynamicFilter)
    {
        LandingSplit landingSplit = (LandingSplit) split;
        List<LandingColumnHandle> landingColumns = columns.stream()
                .map(LandingColumnHandle.class::cast)
                .collect(toImmutableList());
        try {
            TsvReader reader = TsvReader.open(fileSystemFactory.create(session)
                    .newInputFile(Location.of(landingSplit.path()), landingSplit.fileSize()));
            return new LandingPageSource(reader, landingColumns, landingSplit.partitionValues());
        }
        catch (IOException e) {
            throw new TrinoException(LANDING_FILESYSTEM_ERROR, "Cannot open %s: %s".formatted(landingSplit.path(), e.getMessage()), e);
        }
    }
}
