package io.lakehouse.catalog;

import com.google.common.collect.ImmutableList;
import io.trino.plugin.hive.metastore.glue.GlueExpressionUtil;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.airlift.slice.Slices.utf8Slice;
import static io.lakehouse.catalog.TestGlueEndpointDatabases.simpleTable;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The partition filters Trino's Hive connector sends: each predicate is turned into a GetPartitions
 * Expression by Trino's own {@link GlueExpressionUtil}, and the endpoint must return the partitions
 * the predicate selects.
 */
@TestInstance(PER_CLASS)
final class TestGlueEndpointTrinoPartitionFilters
{
    private static final String HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    private static final List<String> KEYS = ImmutableList.of("region", "day", "year");

    private final TestingGlueEndpoint endpoint = new TestingGlueEndpoint();
    private final GlueClient glue = endpoint.client();
    private final List<List<String>> partitions = new ArrayList<>();

    TestGlueEndpointTrinoPartitionFilters()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("trino_filters")));
        glue.createTable(request -> request.databaseName("trino_filters").tableInput(simpleTable("events").toBuilder()
                .partitionKeys(
                        Column.builder().name("region").type("string").build(),
                        Column.builder().name("day").type("string").build(),
                        Column.builder().name("year").type("bigint").build())
                .build()));
        List<PartitionInput> inputs = new ArrayList<>();
        for (String region : List.of("eu", "us", "ap", HIVE_DEFAULT_PARTITION)) {
            for (int day = 1; day <= 5; day++) {
                for (String year : List.of("2023", "2024", "2025")) {
                    List<String> values = List.of(region, "2024-01-0" + day, year);
                    partitions.add(values);
                    inputs.add(PartitionInput.builder().values(values).storageDescriptor(simpleTable("events").storageDescriptor()).build());
                }
            }
        }
        for (int start = 0; start < inputs.size(); start += 100) {
            List<PartitionInput> batch = inputs.subList(start, Math.min(inputs.size(), start + 100));
            assertThat(glue.batchCreatePartition(request -> request.databaseName("trino_filters").tableName("events").partitionInputList(batch)).errors()).isEmpty();
        }
    }

    @AfterAll
    void tearDown()
    {
        endpoint.close();
    }

    @Test
    void testEqualityAndInOnStringKey()
    {
        assertFilter(Map.of("region", Domain.singleValue(VARCHAR, utf8Slice("eu"))), 15);
        assertFilter(Map.of("region", Domain.multipleValues(VARCHAR, List.of(utf8Slice("eu"), utf8Slice("us")))), 30);
    }

    @Test
    void testRangesOnStringKey()
    {
        assertFilter(Map.of("region", Domain.create(ValueSet.ofRanges(Range.lessThan(VARCHAR, utf8Slice("eu")), Range.greaterThan(VARCHAR, utf8Slice("eu"))), false)), 30);
        assertFilter(Map.of("day", Domain.create(ValueSet.ofRanges(Range.range(VARCHAR, utf8Slice("2024-01-02"), true, utf8Slice("2024-01-04"), true)), false)), 36);
        assertFilter(Map.of("day", Domain.create(ValueSet.ofRanges(
                Range.equal(VARCHAR, utf8Slice("2024-01-01")),
                Range.greaterThan(VARCHAR, utf8Slice("2024-01-03"))), false)), 36);
    }

    @Test
    void testNullsOnStringKey()
    {
        assertFilter(Map.of("region", Domain.onlyNull(VARCHAR)), 15);
        assertFilter(Map.of("region", Domain.notNull(VARCHAR)), 45);
        assertFilter(Map.of("region", Domain.create(ValueSet.of(VARCHAR, utf8Slice("eu")), true)), 30);
    }

    @Test
    void testNumericKeyWithCanonicalPartitionValues()
    {
        assertFilter(Map.of("year", Domain.singleValue(BIGINT, 2024L)), 20);
        assertFilter(Map.of("year", Domain.create(ValueSet.ofRanges(Range.greaterThan(BIGINT, 2023L)), false)), 40);
        assertFilter(Map.of(
                "region", Domain.multipleValues(VARCHAR, List.of(utf8Slice("eu"), utf8Slice("ap"))),
                "day", Domain.create(ValueSet.ofRanges(Range.lessThanOrEqual(VARCHAR, utf8Slice("2024-01-02"))), false),
                "year", Domain.multipleValues(BIGINT, List.of(2023L, 2025L))), 8);
    }

    private void assertFilter(Map<String, Domain> domains, int expectedCount)
    {
        String expression = GlueExpressionUtil.buildGlueExpression(KEYS, TupleDomain.withColumnDomains(domains), true);
        assertThat(expression).isNotEmpty();

        List<List<String>> expected = partitions.stream()
                .filter(values -> domains.entrySet().stream().allMatch(entry -> entry.getValue().includesNullableValue(typedValue(entry.getKey(), values.get(KEYS.indexOf(entry.getKey()))))))
                .toList();
        List<List<String>> returned = glue.getPartitionsPaginator(request -> request.databaseName("trino_filters").tableName("events").expression(expression)).stream()
                .flatMap(page -> page.partitions().stream())
                .map(Partition::values)
                .toList();

        assertThat(expected).hasSize(expectedCount);
        // Glue compares the null partition's value __HIVE_DEFAULT_PARTITION__ as the string it is, so a range
        // on a string key may also return it; Trino filters the partitions it gets again, but must not miss any
        assertThat(returned).as("partitions for %s", expression).doesNotHaveDuplicates().containsAll(expected);
        assertThat(returned.stream().filter(values -> !expected.contains(values)))
                .as("partitions for %s", expression)
                .allSatisfy(values -> assertThat(values).contains(HIVE_DEFAULT_PARTITION));
    }

    private static Object typedValue(String key, String value)
    {
        if (value.equals(HIVE_DEFAULT_PARTITION)) {
            return null;
        }
        return key.equals("year") ? Long.parseLong(value) : utf8Slice(value);
    }
}
