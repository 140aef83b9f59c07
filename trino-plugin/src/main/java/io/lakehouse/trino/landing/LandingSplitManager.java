package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import com.google.inject.Inject;
import io.lakehouse.trino.LakehouseConfig;
import io.lakehouse.trino.landing.LandingDatasets.SchemaFile;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.connector.FixedSplitSource;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One split per file, or per byte range of an uncompressed line-oriented file so that one large file keeps every
 * core busy. Files whose partition values fail the query's predicate get no split at all.
 */
public final class LandingSplitManager
        implements ConnectorSplitManager
{
    private final LandingDatasets landing;
    private final long maxSplitSize;

    @Inject
    public LandingSplitManager(LandingDatasets landing, LakehouseConfig config)
    {
        this.landing = requireNonNull(landing, "landing is null");
        this.maxSplitSize = config.getMaxSplitSize().toBytes();
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
        ImmutableList.Builder<ConnectorSplit> splits = ImmutableList.builder();
        for (SchemaFile schemaFile : landing.listFiles(session, table)) {
            splits.addAll(splitsOf(schemaFile));
        }
        return new FixedSplitSource(splits.build());
    }

    private List<LandingSplit> splitsOf(SchemaFile schemaFile)
    {
        LandingFile file = schemaFile.file();
        FileSchema schema = schemaFile.schema();
        boolean splittable = LandingFileInput.compression(file.location().fileName()).isEmpty()
                && schema.dialect().map(dialect -> dialect.isLineOriented()).orElse(true);
        long rangeSize = splittable ? maxSplitSize : Math.max(file.length(), 1);
        ImmutableList.Builder<LandingSplit> splits = ImmutableList.builder();
        long start = 0;
        do {
            long length = Math.min(rangeSize, file.length() - start);
            splits.add(new LandingSplit(file.location().toString(), start, length, file.length(), file.modifiedMillis(), schema, file.partitionValues()));
            start += length;
        }
        while (start < file.length());
        return splits.build();
    }
}
