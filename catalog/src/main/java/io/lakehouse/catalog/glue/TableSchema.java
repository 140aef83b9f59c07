package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Column names of a stored table or partition document, lower-case as Glue compares them.
 */
record TableSchema(List<String> dataColumns, List<String> partitionKeys)
{
    TableSchema
    {
        dataColumns = ImmutableList.copyOf(requireNonNull(dataColumns, "dataColumns is null"));
        partitionKeys = ImmutableList.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
    }

    /**
     * Reads {@code StorageDescriptor.Columns} and {@code PartitionKeys}; partitions have no partition keys.
     */
    static TableSchema of(ObjectNode document)
    {
        return new TableSchema(names(document.path("StorageDescriptor").path("Columns")), names(document.path("PartitionKeys")));
    }

    boolean hasColumn(String columnName)
    {
        return dataColumns.contains(columnName) || partitionKeys.contains(columnName);
    }

    private static List<String> names(JsonNode columns)
    {
        ImmutableList.Builder<String> names = ImmutableList.builder();
        for (JsonNode column : columns) {
            JsonNode name = column.path("Name");
            if (name.isTextual()) {
                names.add(name.textValue().toLowerCase(Locale.ROOT));
            }
        }
        return names.build();
    }
}
