package io.lakehouse.materializer.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import software.amazon.awssdk.services.glue.model.Column;

import java.util.List;
import java.util.Map;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

/**
 * Data a table or partition can point at: its location and the columns it was written with.
 */
public record PublishedData(String location, List<Column> columns)
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public PublishedData
    {
        requireNonNull(location, "location is null");
        columns = ImmutableList.copyOf(requireNonNull(columns, "columns is null"));
    }

    public String columnsJson()
    {
        try {
            return MAPPER.writeValueAsString(columns.stream()
                    .map(column -> Map.of("name", column.name(), "type", column.type(), "comment", column.comment() == null ? "" : column.comment()))
                    .collect(toImmutableList()));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Column> columnsFromJson(String json)
    {
        try {
            List<Map<String, String>> columns = MAPPER.readValue(json, new TypeReference<>() {});
            return columns.stream()
                    .map(column -> Column.builder()
                            .name(column.get("name"))
                            .type(column.get("type"))
                            .comment(column.get("comment").isEmpty() ? null : column.get("comment"))
                            .build())
                    .collect(toImmutableList());
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid column list in the ledger: " + json, e);
        }
    }
}
