package io.lakehouse.catalog.glue;

import com.google.common.collect.ImmutableMap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestPartitionExpression
{
    private static final Map<String, String> KEYS = ImmutableMap.of(
            "region", "varchar(10)",
            "year", "bigint",
            "ds", "date",
            "price", "decimal(10,2)",
            "ts", "timestamp");

    @Test
    void testComparisonsUseTheKeyType()
    {
        assertThat(matches("year > 9", "eu", "10")).isTrue();
        assertThat(matches("region > '9'", "10")).isFalse();
        assertThat(matches("year = '2024'", "eu", "2024")).isTrue();
        assertThat(matches("year = 2024.0", "eu", "2024")).isTrue();
        assertThat(matches("price >= 1.5", "eu", "1", "2024-01-01", "1.50")).isTrue();
        assertThat(matches("ds < '2024-02-01'", "eu", "1", "2024-01-31")).isTrue();
        assertThat(matches("ds < '2024-02-01'", "eu", "1", "2024-10-01")).isFalse();
        assertThat(matches("ts > '2024-01-01 00:00:00'", "eu", "1", "2024-01-01", "1", "2024-01-01 00:00:00.5")).isTrue();
        assertThat(matches("region <> 'eu'", "us")).isTrue();
        assertThat(matches("region != 'eu'", "eu")).isFalse();
        assertThat(matches("'eu' = region", "eu")).isTrue();
    }

    @Test
    void testBetweenInAndLike()
    {
        assertThat(matches("year BETWEEN 2020 AND 2022", "eu", "2022")).isTrue();
        assertThat(matches("year NOT BETWEEN 2020 AND 2022", "eu", "2022")).isFalse();
        assertThat(matches("region IN ('eu', 'us')", "us")).isTrue();
        assertThat(matches("region NOT IN ('eu', 'us')", "us")).isFalse();
        assertThat(matches("region LIKE 'e_-%'", "eu-west-1")).isTrue();
        assertThat(matches("region LIKE 'e_'", "eu-west-1")).isFalse();
        assertThat(matches("region NOT LIKE '%.%'", "eu-west")).isTrue();
        // pattern characters other than % and _ are literal
        assertThat(matches("region LIKE 'a.c'", "abc")).isFalse();
    }

    @Test
    void testBooleanOperatorsAndPrecedence()
    {
        assertThat(matches("region = 'eu' OR region = 'us' AND year = 1", "eu", "2")).isTrue();
        assertThat(matches("(region = 'eu' OR region = 'us') AND year = 1", "eu", "2")).isFalse();
        assertThat(matches("NOT region = 'eu' AND year = 2", "us", "2")).isTrue();
        assertThat(matches("((region = 'eu')) and (YEAR = 2)", "eu", "2")).isTrue();
    }

    @Test
    void testValueNotOfKeyTypeMatchesNeitherConditionNorNegation()
    {
        assertThat(matches("year = 1", "eu", "__HIVE_DEFAULT_PARTITION__")).isFalse();
        assertThat(matches("NOT (year = 1)", "eu", "__HIVE_DEFAULT_PARTITION__")).isFalse();
        assertThat(matches("year = 1 OR region = 'eu'", "eu", "__HIVE_DEFAULT_PARTITION__")).isTrue();
        assertThat(matches("year IS NULL", "eu", "__HIVE_DEFAULT_PARTITION__")).isFalse();
        assertThat(matches("year IS NOT NULL", "eu", "__HIVE_DEFAULT_PARTITION__")).isTrue();
    }

    @Test
    void testStringLiteralsAndQuotedNames()
    {
        assertThat(matches("region = 'o''brien'", "o'brien")).isTrue();
        assertThat(matches("\"region\" = 'eu'", "eu")).isTrue();
        assertThat(matches("`Region` = 'eu'", "eu")).isTrue();
        assertThat(matches("", "eu")).isTrue();
        assertThat(matches("   ", "eu")).isTrue();
    }

    @Test
    void testErrorsNameThePositionAndTheProblem()
    {
        assertInvalid("region = 'eu' AND", "GetPartitions Expression is not valid at position 18: expected a partition key or a literal, but found the end of the expression");
        assertInvalid("country = 'eu'", "at position 1: country is not a partition key of the table; its partition keys are [region, year, ds, price, ts]");
        assertInvalid("year > 'recent'", "at position 8: 'recent' is not an integer, the type of the partition key it is compared with");
        assertInvalid("ds = '2024-13-01'", "at position 6: '2024-13-01' is not a date such as '2024-01-31'");
        assertInvalid("region = 'eu", "at position 10: the string starting here is not closed with '");
        assertInvalid("region ~ 'eu'", "at position 8: unexpected character '~'");
        assertInvalid("region 'eu'", "at position 8: expected a comparison (=, <>, !=, <, <=, >, >=), BETWEEN, IN, LIKE or IS NULL, but found 'eu'");
        assertInvalid("'a' = 'b'", "at position 1: a comparison must name a partition key on one side");
        assertInvalid("region = year", "at position 1: cannot compare partition key region of type string with partition key year of type integer");
        assertInvalid("year LIKE 2", "at position 11: expected a quoted pattern after LIKE, but found '2'");
        assertInvalid("region = 'eu')", "at position 14: expected AND, OR or the end of the expression, but found ')'");
        assertThatThrownBy(() -> PartitionExpression.parse("tags = 'x'", ImmutableMap.of("tags", "array<string>")))
                .hasMessageContaining("partition key tags has type array<string>, which expressions cannot compare");
        assertThatThrownBy(() -> PartitionExpression.parse("region = '%s'".formatted("x".repeat(2048)), KEYS))
                .isInstanceOf(GlueException.class)
                .hasMessage("GetPartitions Expression is 2059 characters long, but at most 2048 are allowed; split the condition over several calls");
    }

    private static boolean matches(String expression, String... values)
    {
        List<String> padded = new ArrayList<>(List.of(values));
        while (padded.size() < KEYS.size()) {
            padded.add("0");
        }
        return PartitionExpression.parse(expression, KEYS).matches(padded);
    }

    private static void assertInvalid(String expression, String message)
    {
        assertThatThrownBy(() -> PartitionExpression.parse(expression, KEYS))
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.getErrorType()).isEqualTo(GlueErrorType.INVALID_INPUT))
                .hasMessageContaining(message)
                .hasMessageEndingWith("Expression: " + expression);
    }
}
