package io.lakehouse.catalog.store;

import org.jdbi.v3.core.Handle;

import static java.util.Objects.requireNonNull;

/**
 * Access to the catalog's tables within one open database transaction.
 */
public final class CatalogTransaction
{
    private final DatabaseDao databases;
    private final TableDao tables;
    private final PartitionDao partitions;
    private final ColumnStatisticsDao columnStatistics;
    private final FunctionDao functions;

    CatalogTransaction(Handle handle, DocumentCodec codec)
    {
        requireNonNull(handle, "handle is null");
        requireNonNull(codec, "codec is null");
        this.databases = new DatabaseDao(handle, codec);
        this.tables = new TableDao(handle, codec);
        this.partitions = new PartitionDao(handle, codec);
        this.columnStatistics = new ColumnStatisticsDao(handle, codec);
        this.functions = new FunctionDao(handle, codec);
    }

    public DatabaseDao databases()
    {
        return databases;
    }

    public TableDao tables()
    {
        return tables;
    }

    public PartitionDao partitions()
    {
        return partitions;
    }

    public ColumnStatisticsDao columnStatistics()
    {
        return columnStatistics;
    }

    public FunctionDao functions()
    {
        return functions;
    }
}
