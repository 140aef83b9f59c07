package io.lakehouse.catalog.refresh;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything a refresh writes for one published table.
 *
 * @param tableComment the table's description; empty keeps the current one
 * @param columnComments comments of data columns and partition keys by name; columns not named keep theirs
 * @param partitions partitions the run wrote, created or replaced
 * @param tableStatistics statistics of the table's columns
 * @param data when present, the data the same table change points the table at (a publish: location, columns or
 * view), and what the table is created from when it does not exist yet
 */
public record TableRefresh(
        String database,
        String table,
        Publication publication,
        Optional<String> tableComment,
        Map<String, String> columnComments,
        List<PartitionRefresh> partitions,
        List<ColumnStatistic> tableStatistics,
        Optional<TableData> data)
{
    public TableRefresh
    {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(publication, "publication is null");
        requireNonNull(tableComment, "tableComment is null");
        columnComments = ImmutableMap.copyOf(requireNonNull(columnComments, "columnComments is null"));
        partitions = ImmutableList.copyOf(requireNonNull(partitions, "partitions is null"));
        tableStatistics = ImmutableList.copyOf(requireNonNull(tableStatistics, "tableStatistics is null"));
        requireNonNull(data, "data is null");
    }

    public static Builder builder(String database, String table, Publication publication)
    {
        return new Builder(database, table, publication);
    }

    public static final class Builder
    {
        private final String database;
        private final String table;
        private final Publication publication;
        private Optional<String> tableComment = Optional.empty();
        private final Map<String, String> columnComments = new LinkedHashMap<>();
        private final List<PartitionRefresh> partitions = new ArrayList<>();
        private final List<ColumnStatistic> tableStatistics = new ArrayList<>();
        private Optional<TableData> data = Optional.empty();

        private Builder(String database, String table, Publication publication)
        {
            this.database = requireNonNull(database, "database is null");
            this.table = requireNonNull(table, "table is null");
            this.publication = requireNonNull(publication, "publication is null");
        }

        public Builder tableComment(String comment)
        {
            this.tableComment = Optional.of(comment);
            return this;
        }

        public Builder columnComment(String column, String comment)
        {
            columnComments.put(column, comment);
            return this;
        }

        public Builder columnComments(Map<String, String> comments)
        {
            columnComments.putAll(comments);
            return this;
        }

        public Builder partition(PartitionRefresh partition)
        {
            partitions.add(partition);
            return this;
        }

        public Builder tableStatistics(List<ColumnStatistic> statistics)
        {
            tableStatistics.addAll(statistics);
            return this;
        }

        public Builder data(TableData data)
        {
            this.data = Optional.of(data);
            return this;
        }

        public TableRefresh build()
        {
            return new TableRefresh(database, table, publication, tableComment, columnComments, partitions, tableStatistics, data);
        }
    }
}
