package io.lakehouse.trino.materializer;

import com.fasterxml.jackson.databind.JsonNode;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;

import java.time.LocalDateTime;

import static io.trino.spi.type.DateTimeEncoding.packDateTimeWithZone;
import static io.trino.spi.type.TimeZoneKey.UTC_KEY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.time.ZoneOffset.UTC;

/**
 * Values of the materializer API's JSON as the values of Trino columns: the ledger keeps times in UTC.
 */
final class LedgerValues
{
    private LedgerValues() {}

    static String text(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Long number(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    /**
     * A {@code timestamp(3) with time zone} in UTC, from the ledger's UTC date-time.
     */
    static Long utcTimestamp(JsonNode node, String field)
    {
        String value = text(node, field);
        return value == null ? null : packDateTimeWithZone(LocalDateTime.parse(value).toInstant(UTC).toEpochMilli(), UTC_KEY);
    }

    static Block varcharArray(JsonNode node, String field)
    {
        JsonNode values = node.path(field);
        BlockBuilder builder = VARCHAR.createBlockBuilder(null, values.size());
        values.forEach(value -> VARCHAR.writeString(builder, value.asText()));
        return builder.build();
    }
}
