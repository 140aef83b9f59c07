package io.lakehouse.trino.format.json;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.format.LandingColumn;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.RowType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.RowType.field;
import static io.trino.spi.type.TimestampType.createTimestampType;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

final class TestJsonSchemaInference
{
    @Test
    void columnsAreTheLowerCasedTopLevelKeysInFirstSeenOrder()
    {
        assertThat(JsonSchemaInference.infer(List.of(
                "{\"Id\": 1, \"name\": \"Ann\", \"active\": true}",
                "{\"id\": 2, \"NAME\": \"Bob\", \"score\": 4.5, \"active\": false}")))
                .containsExactly(
                        new LandingColumn("id", BIGINT),
                        new LandingColumn("name", VARCHAR),
                        new LandingColumn("active", BOOLEAN),
                        new LandingColumn("score", DOUBLE));
    }

    @Test
    void integersMixedWithFractionsAreDouble()
    {
        assertThat(JsonSchemaInference.infer(List.of("{\"amount\": 1}", "{\"amount\": 2.5}", "{\"amount\": 3e2}")))
                .containsExactly(new LandingColumn("amount", DOUBLE));
    }

    @Test
    void integersTooLargeForBigintAreDecimal()
    {
        assertThat(JsonSchemaInference.infer(List.of("{\"id\": 1}", "{\"id\": 123456789012345678901234567890}")))
                .containsExactly(new LandingColumn("id", createDecimalType(38, 0)));
    }

    @Test
    void keysSeenOnlyAsNullAreVarcharWithoutValues()
    {
        assertThat(JsonSchemaInference.infer(List.of("{\"id\": 1, \"comment\": null}", "{\"id\": 2, \"comment\": null}")))
                .containsExactly(new LandingColumn("id", BIGINT), LandingColumn.withoutValues("comment"));
    }

    @Test
    void rowFieldsAndArrayElementsSeenOnlyAsNullAreVarchar()
    {
        assertThat(JsonSchemaInference.infer(List.of("{\"user\": {\"id\": 1, \"nickname\": null}, \"tags\": [null]}")))
                .containsExactly(
                        new LandingColumn("user", RowType.from(List.of(field("id", BIGINT), field("nickname", VARCHAR)))),
                        new LandingColumn("tags", new ArrayType(VARCHAR)));
    }

    @Test
    void nullsDoNotChangeTheTypeOfOtherValues()
    {
        assertThat(JsonSchemaInference.infer(List.of("{\"n\": null}", "{\"n\": 7}", "{\"n\": null}")))
                .containsExactly(new LandingColumn("n", BIGINT));
    }

    @Test
    void conflictingKindsAreVarchar()
    {
        assertThat(JsonSchemaInference.infer(List.of(
                "{\"number_or_string\": 1, \"object_or_scalar\": {\"a\": 1}, \"array_or_object\": [1], \"boolean_or_number\": true}",
                "{\"number_or_string\": \"one\", \"object_or_scalar\": 5, \"array_or_object\": {\"a\": 1}, \"boolean_or_number\": 0}")))
                .containsExactly(
                        new LandingColumn("number_or_string", VARCHAR),
                        new LandingColumn("object_or_scalar", VARCHAR),
                        new LandingColumn("array_or_object", VARCHAR),
                        new LandingColumn("boolean_or_number", VARCHAR));
    }

    @Test
    void nestedObjectsAreRowsWithFieldsMergedInFirstSeenOrder()
    {
        assertThat(JsonSchemaInference.infer(List.of(
                "{\"user\": {\"name\": \"Ann\", \"address\": {\"city\": \"Oslo\", \"zip\": 150}}}",
                "{\"user\": {\"address\": {\"Street\": \"Main\", \"zip\": 151}, \"age\": 31}}")))
                .containsExactly(new LandingColumn("user", RowType.from(List.of(
                        field("name", VARCHAR),
                        field("address", RowType.from(List.of(
                                field("city", VARCHAR),
                                field("zip", BIGINT),
                                field("street", VARCHAR)))),
                        field("age", BIGINT)))));
    }

    @Test
    void arraysOfObjectsAreArraysOfRowsMergedOverAllElements()
    {
        assertThat(JsonSchemaInference.infer(List.of(
                "{\"items\": [{\"sku\": \"a\", \"qty\": 1}, {\"sku\": \"b\", \"price\": 2.5}]}",
                "{\"items\": [{\"qty\": 3, \"tags\": [\"x\"]}]}")))
                .containsExactly(new LandingColumn("items", new ArrayType(RowType.from(List.of(
                        field("sku", VARCHAR),
                        field("qty", BIGINT),
                        field("price", DOUBLE),
                        field("tags", new ArrayType(VARCHAR)))))));
    }

    @Test
    void arrayElementTypesMergeLikeValuesOfAKey()
    {
        assertThat(JsonSchemaInference.infer(List.of(
                "{\"ints\": [1, 2], \"numbers\": [1, 2.5], \"mixed\": [1, \"a\"], \"nested\": [[1], []], \"empty\": []}",
                "{\"ints\": [], \"numbers\": null, \"mixed\": [], \"nested\": [[2, 3]], \"empty\": []}")))
                .containsExactly(
                        new LandingColumn("ints", new ArrayType(BIGINT)),
                        new LandingColumn("numbers", new ArrayType(DOUBLE)),
                        new LandingColumn("mixed", new ArrayType(VARCHAR)),
                        new LandingColumn("nested", new ArrayType(new ArrayType(BIGINT))),
                        new LandingColumn("empty", new ArrayType(VARCHAR)));
    }

    @Test
    void onlyEmptyObjectsAreVarchar()
    {
        assertThat(JsonSchemaInference.infer(List.of("{\"meta\": {}}", "{\"meta\": {}}")))
                .containsExactly(new LandingColumn("meta", VARCHAR));
    }

    @Test
    void commaJoinedStringsStayVarchar()
    {
        assertThat(JsonSchemaInference.infer(List.of("{\"genres\": \"Drama,Romance\"}", "{\"genres\": \"Comedy\"}")))
                .containsExactly(new LandingColumn("genres", VARCHAR));
    }

    @Test
    void isoDatesAreDate()
    {
        assertThat(JsonSchemaInference.infer(List.of("{\"day\": \"2024-01-31\"}", "{\"day\": \"2024-02-29\"}", "{\"day\": null}")))
                .containsExactly(new LandingColumn("day", DATE));
    }

    @Test
    void stringsThatAreNotAllValidDatesAreVarchar()
    {
        assertThat(JsonSchemaInference.infer(List.of(
                "{\"invalid_day\": \"2024-01-31\", \"slashes\": \"2024/01/31\", \"unpadded\": \"2024-1-31\"}",
                "{\"invalid_day\": \"2023-02-29\", \"slashes\": \"2024/02/01\", \"unpadded\": \"2024-2-1\"}")))
                .containsExactly(
                        new LandingColumn("invalid_day", VARCHAR),
                        new LandingColumn("slashes", VARCHAR),
                        new LandingColumn("unpadded", VARCHAR));
    }

    @Test
    void isoTimestampsWithoutZoneAreTimestampOfMillisecondsUnlessLongerFractionsAreSeen()
    {
        assertThat(JsonSchemaInference.infer(List.of(
                "{\"minutes\": \"2024-01-31 10:15\", \"millis\": \"2024-01-31T10:15:30.123\", \"micros\": \"2024-01-31 10:15:30.5\", \"nanos\": \"2024-01-31T10:15:30\"}",
                "{\"minutes\": \"2024-01-31T23:59\", \"millis\": \"2024-01-31 10:15:30\", \"micros\": \"2024-01-31 10:15:30.123456\", \"nanos\": \"2024-01-31T10:15:30.123456789\"}")))
                .containsExactly(
                        new LandingColumn("minutes", createTimestampType(3)),
                        new LandingColumn("millis", createTimestampType(3)),
                        new LandingColumn("micros", createTimestampType(6)),
                        new LandingColumn("nanos", createTimestampType(9)));
    }

    @Test
    void timestampsWithZoneOrMixedWithDatesAreVarchar()
    {
        assertThat(JsonSchemaInference.infer(List.of(
                "{\"zoned\": \"2024-01-31T10:15:30Z\", \"offset\": \"2024-01-31T10:15:30+01:00\", \"mixed\": \"2024-01-31\"}",
                "{\"zoned\": \"2024-01-31T10:15:31Z\", \"offset\": \"2024-01-31T10:15:31+01:00\", \"mixed\": \"2024-01-31 10:15\"}")))
                .containsExactly(
                        new LandingColumn("zoned", VARCHAR),
                        new LandingColumn("offset", VARCHAR),
                        new LandingColumn("mixed", VARCHAR));
    }

    @Test
    void blankLinesAndLinesThatAreNotJsonObjectsAreIgnored()
    {
        assertThat(JsonSchemaInference.infer(List.of(
                "",
                "   ",
                "[1, 2]",
                "{\"broken\": 1, \"id\": ",
                "\"just a string\"",
                "{\"id\": 1} trailing",
                "{\"id\": 1}")))
                .containsExactly(new LandingColumn("id", BIGINT));
    }

    @Test
    void noObjectsGiveNoColumns()
    {
        assertThat(JsonSchemaInference.infer(List.of("", "not json"))).isEmpty();
    }

    @Test
    void byteOrderMarkBeforeTheFirstKeyIsIgnored()
    {
        assertThat(JsonSchemaInference.infer(List.of("\uFEFF{\"id\": 1}")))
                .containsExactly(new LandingColumn("id", BIGINT));
    }

    @Test
    void utf8LinesInferTheSameColumnsAsStrings()
    {
        List<String> lines = List.of(
                "{\"id\": 1, \"name\": \"Zoë\", \"tags\": [\"a\"], \"at\": \"2024-01-31 10:15:30.123456\"}",
                "",
                "{\"id\": 2, \"name\": null, \"nested\": {\"x\": 1.5}}");
        List<byte[]> utf8Lines = ImmutableList.<byte[]>builder()
                .add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'})
                .addAll(lines.stream().map(line -> line.getBytes(UTF_8)).toList())
                .build();

        assertThat(JsonSchemaInference.inferFromUtf8(utf8Lines))
                .isEqualTo(JsonSchemaInference.infer(lines))
                .containsExactly(
                        new LandingColumn("id", BIGINT),
                        new LandingColumn("name", VARCHAR),
                        new LandingColumn("tags", new ArrayType(VARCHAR)),
                        new LandingColumn("at", createTimestampType(6)),
                        new LandingColumn("nested", RowType.from(List.of(field("x", DOUBLE)))));
    }
}
