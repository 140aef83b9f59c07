package io.lakehouse.materializer.publish;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;
import io.lakehouse.catalog.refresh.CatalogRefresh;
import io.lakehouse.catalog.refresh.CatalogRefreshException;
import io.lakehouse.catalog.refresh.ColumnStatistic;
import io.lakehouse.catalog.refresh.RefreshResult;
import io.lakehouse.catalog.refresh.TableRefresh;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

/**
 * The Glue calls the materializer makes itself: reading what Trino registered for a staged table, and the single
 * metadata changes that publish, roll back and drop staged data without touching it in the object store.
 */
public final class GlueCatalog
        implements Closeable
{
    private final GlueClient client;
    private final CatalogRefresh catalogRefresh;

    public GlueCatalog(GlueClient client)
    {
        this.client = requireNonNull(client, "client is null");
        this.catalogRefresh = new CatalogRefresh(client);
    }

    /**
     * Writes a publish as the catalog's refresh API builds it, on top of the table as the caller read it.
     */
    public RefreshResult refresh(TableRefresh refresh, Optional<Table> current)
    {
        try {
            return catalogRefresh.refresh(refresh, current);
        }
        catch (CatalogRefreshException e) {
            throw new GlueCallException("Glue " + e.getMessage(), e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * The column statistics Trino wrote with a table's data, for the columns that have them.
     */
    public List<ColumnStatistic> tableStatistics(String database, String table, List<String> columns)
    {
        return statistics(columns, batch -> call("GetColumnStatisticsForTable " + database + "." + table,
                () -> client.getColumnStatisticsForTable(request -> request.databaseName(database).tableName(table).columnNames(batch)).columnStatisticsList()));
    }

    /**
     * The column statistics Trino wrote with a partition's data, for the columns that have them.
     */
    public List<ColumnStatistic> partitionStatistics(String database, String table, List<String> values, List<String> columns)
    {
        return statistics(columns, batch -> call("GetColumnStatisticsForPartition " + database + "." + table + " " + values,
                () -> client.getColumnStatisticsForPartition(request -> request.databaseName(database).tableName(table).partitionValues(values).columnNames(batch)).columnStatisticsList()));
    }

    private static List<ColumnStatistic> statistics(List<String> columns, Function<List<String>, List<ColumnStatistics>> read)
    {
        ImmutableList.Builder<ColumnStatistic> statistics = ImmutableList.builder();
        // Glue reads statistics of at most 100 columns per call
        for (List<String> batch : Lists.partition(columns, 100)) {
            read.apply(batch).forEach(column -> statistics.add(new ColumnStatistic(column.columnName(), column.statisticsData())));
        }
        return statistics.build();
    }

    public Optional<Table> getTable(String database, String table)
    {
        try {
            return Optional.of(call("GetTable " + database + "." + table, () -> client.getTable(request -> request.databaseName(database).name(table)).table()));
        }
        catch (GlueCallException e) {
            if (e.getCause() instanceof EntityNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The names of the database's tables that match the regular expression.
     */
    public List<String> listTables(String database, String pattern)
    {
        try {
            return call("GetTables " + database, () -> client.getTablesPaginator(request -> request.databaseName(database).expression(pattern)).stream()
                    .flatMap(page -> page.tableList().stream())
                    .map(Table::name)
                    .collect(toImmutableList()));
        }
        catch (GlueCallException e) {
            if (e.getCause() instanceof EntityNotFoundException) {
                return List.of();
            }
            throw e;
        }
    }

    public void createTable(String database, TableInput table)
    {
        call("CreateTable " + database + "." + table.name(), () -> client.createTable(request -> request.databaseName(database).tableInput(table)));
    }

    /**
     * Replaces the table in one call; {@code expectedVersion} makes the call fail if someone changed it since it was read.
     */
    public void updateTable(String database, TableInput table, Optional<String> expectedVersion)
    {
        call("UpdateTable " + database + "." + table.name(), () -> client.updateTable(request -> request.databaseName(database).tableInput(table).versionId(expectedVersion.orElse(null))));
    }

    /**
     * Removes the table's metadata only: unlike Trino's {@code DROP TABLE} on a managed table, the data stays.
     */
    public void deleteTable(String database, String table)
    {
        try {
            call("DeleteTable " + database + "." + table, () -> client.deleteTable(request -> request.databaseName(database).name(table)));
        }
        catch (GlueCallException e) {
            if (!(e.getCause() instanceof EntityNotFoundException)) {
                throw e;
            }
        }
    }

    /**
     * The table's earlier versions, newest first, as Glue keeps them on every UpdateTable.
     */
    public List<Table> tableVersions(String database, String table)
    {
        return call("GetTableVersions " + database + "." + table, () -> client.getTableVersionsPaginator(request -> request.databaseName(database).tableName(table)).stream()
                .flatMap(page -> page.tableVersions().stream())
                .map(TableVersion::table)
                .collect(toImmutableList()));
    }

    /**
     * Removes the column statistics of the table, or of one of its partitions, that describe data it no longer
     * holds; a column without statistics is skipped.
     */
    public void deleteStatistics(String database, String table, Optional<List<String>> partitionValues, List<String> columns)
    {
        for (String column : columns) {
            try {
                if (partitionValues.isPresent()) {
                    call("DeleteColumnStatisticsForPartition " + database + "." + table + " " + partitionValues.get() + " " + column, () -> client.deleteColumnStatisticsForPartition(request -> request
                            .databaseName(database).tableName(table).partitionValues(partitionValues.get()).columnName(column)));
                }
                else {
                    call("DeleteColumnStatisticsForTable " + database + "." + table + " " + column, () -> client.deleteColumnStatisticsForTable(request -> request
                            .databaseName(database).tableName(table).columnName(column)));
                }
            }
            catch (GlueCallException e) {
                if (!(e.getCause() instanceof EntityNotFoundException)) {
                    throw e;
                }
            }
        }
    }

    public Optional<Partition> getPartition(String database, String table, List<String> values)
    {
        try {
            return Optional.of(call("GetPartition " + database + "." + table + " " + values, () -> client.getPartition(request -> request.databaseName(database).tableName(table).partitionValues(values)).partition()));
        }
        catch (GlueCallException e) {
            if (e.getCause() instanceof EntityNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<Partition> getPartitions(String database, String table)
    {
        return call("GetPartitions " + database + "." + table, () -> client.getPartitionsPaginator(request -> request.databaseName(database).tableName(table)).stream()
                .flatMap(page -> page.partitions().stream())
                .collect(toImmutableList()));
    }

    public void createPartition(String database, String table, PartitionInput partition)
    {
        call("CreatePartition " + database + "." + table + " " + partition.values(), () -> client.createPartition(request -> request.databaseName(database).tableName(table).partitionInput(partition)));
    }

    public void updatePartition(String database, String table, PartitionInput partition)
    {
        call("UpdatePartition " + database + "." + table + " " + partition.values(), () -> client.updatePartition(request -> request.databaseName(database).tableName(table).partitionValueList(partition.values()).partitionInput(partition)));
    }

    public void deletePartition(String database, String table, List<String> values)
    {
        call("DeletePartition " + database + "." + table + " " + values, () -> client.deletePartition(request -> request.databaseName(database).tableName(table).partitionValues(values)));
    }

    @Override
    public void close()
    {
        client.close();
    }

    private static <T> T call(String description, Supplier<T> call)
    {
        try {
            return call.get();
        }
        catch (GlueException e) {
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
            throw new GlueCallException("Glue %s failed: %s".formatted(description, message), e);
        }
        catch (RuntimeException e) {
            // the SDK's client errors: endpoint unreachable, credentials missing
            throw new GlueCallException("Glue %s failed: %s".formatted(description, e.getMessage()), e);
        }
    }

    public static final class GlueCallException
            extends RuntimeException
    {
        public GlueCallException(String message, Throwable cause)
        {
            super(message, cause);
        }
    }
}
