package io.lakehouse.catalog.refresh;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Data a publication points the table at, taken from the table that staged it: the storage (location, columns,
 * format), the partition keys, the table type, a view's text, and the parameters the writer left (Hive's basic
 * statistics, the writer's query id). The refresh's own parameters and comments go on top.
 */
public record TableData(
        String tableType,
        StorageDescriptor storage,
        List<Column> partitionKeys,
        Optional<String> viewOriginalText,
        Optional<String> viewExpandedText,
        Map<String, String> parameters)
{
    public TableData
    {
        requireNonNull(tableType, "tableType is null");
        requireNonNull(storage, "storage is null");
        partitionKeys = ImmutableList.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        requireNonNull(viewOriginalText, "viewOriginalText is null");
        requireNonNull(viewExpandedText, "viewExpandedText is null");
        parameters = ImmutableMap.copyOf(requireNonNull(parameters, "parameters is null"));
    }

    public static TableData of(Table staged)
    {
        requireNonNull(staged, "staged is null");
        return new TableData(
                staged.tableType(),
                staged.storageDescriptor(),
                staged.partitionKeys(),
                Optional.ofNullable(staged.viewOriginalText()),
                Optional.ofNullable(staged.viewExpandedText()),
                staged.parameters());
    }

    public TableData withLocation(String location)
    {
        return new TableData(tableType, storage.toBuilder().location(location).build(), partitionKeys, viewOriginalText, viewExpandedText, parameters);
    }

    public TableData withParameters(Map<String, String> parameters)
    {
        return new TableData(tableType, storage, partitionKeys, viewOriginalText, viewExpandedText, parameters);
    }
}
