package io.lakehouse.catalog.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

final class TestPartitionKey
{
    @Test
    void testIdIsStableAndDistinguishesValueBoundaries()
    {
        PartitionKey key = new PartitionKey(List.of("2024-01-01", "US"));

        assertThat(key.id()).hasSize(64).isEqualTo(new PartitionKey(List.of("2024-01-01", "US")).id());
        assertThat(new PartitionKey(List.of("a,b")).id()).isNotEqualTo(new PartitionKey(List.of("a", "b")).id());
        assertThat(new PartitionKey(List.of("ab", "")).id()).isNotEqualTo(new PartitionKey(List.of("a", "b")).id());
        assertThat(new PartitionKey(List.of("us")).id()).isNotEqualTo(new PartitionKey(List.of("US")).id());
    }

    @Test
    void testSegmentHashSpreadsPartitionsOverSegments()
    {
        var perSegment = IntStream.range(0, 1000)
                .mapToObj(i -> new PartitionKey(List.of("day=" + i)))
                .collect(groupingBy(key -> key.segmentHash() % 5, counting()));

        assertThat(perSegment.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(perSegment.values()).allSatisfy(count -> assertThat(count).isBetween(120L, 280L));
    }
}
