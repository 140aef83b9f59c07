package io.lakehouse.materializer.reliability;

import com.google.common.collect.ImmutableMap;
import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static com.google.common.collect.ImmutableMap.toImmutableMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * Republishing published data: readers querying during the publishes see each partition and table either
 * before or after, never mixed or empty; and rerunning an interval gives the same data every time.
 */
@TestInstance(PER_CLASS)
final class TestRepublishing
{
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);

    private TestingLakehouse lakehouse;

    @BeforeAll
    void start()
            throws Exception
    {
        lakehouse = new TestingLakehouse();
    }

    @AfterAll
    void stop()
            throws IOException
    {
        lakehouse.close();
    }

    @Test
    void readersNeverSeeMixedOrEmptyDataWhilePartitionsAndTablesAreRepublished(@TempDir Path models)
            throws Exception
    {
        int days = 50;
        int generations = 2;
        // each generation's data differs from the one before in every row, so a mix of two shows in any group
        Map<Object, Long> counts = lakehouse.query("SELECT ds, count(*) FROM (SELECT date_add('day', orderkey % 50, DATE '2024-01-01') AS ds FROM tpch.tiny.orders) GROUP BY ds")
                .getMaterializedRows().stream()
                .collect(toImmutableMap(row -> row.getField(0), row -> (Long) row.getField(1)));
        assertThat(counts).hasSize(days);
        Set<Integer> published = new HashSet<>();
        Supplier<Map<Object, Set<List<Object>>>> events = () -> expectedGenerations(counts, published);
        Supplier<Map<Object, Set<List<Object>>>> totals = () -> expectedGenerations(Map.of("all", 25L), published);

        try (Materializer materializer = lakehouse.materializer("wap", "instance-a")) {
            publishGeneration(materializer, models, 1, days);
            published.add(1);
            List<PublishedDataReader> readers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                readers.add(new PublishedDataReader(lakehouse.trino(), List.of(
                        new PublishedDataReader.Expectation("lake.wap.events", "SELECT ds, count(*), min(generation), max(generation) FROM lake.wap.events GROUP BY ds", events),
                        new PublishedDataReader.Expectation("lake.wap.totals", "SELECT 'all', count(*), min(generation), max(generation) FROM lake.wap.totals HAVING count(*) > 0", totals))));
            }
            for (int generation = 2; generation <= generations; generation++) {
                published.add(generation);
                publishGeneration(materializer, models, generation, days);
            }
            // the readers go on until they have read the last generation everywhere
            Thread.sleep(1000);
            long reads = 0;
            long groups = 0;
            List<String> violations = new ArrayList<>();
            for (PublishedDataReader reader : readers) {
                reader.close();
                reads += reader.reads();
                groups += reader.groupsRead();
                violations.addAll(reader.violations());
            }
            System.out.println("readers during publish: %s partitions and 1 full table republished %s times, reads: %s (%s partitions or tables read), mixed, partial or empty reads: %s".formatted(
                    days, generations - 1, reads, groups, violations.size()));
            assertThat(violations).isEmpty();
            assertThat(reads).isGreaterThan(10);
        }
        assertThat(lakehouse.query("SELECT count(*), min(generation), count(DISTINCT ds) FROM lake.wap.events").getMaterializedRows().getFirst().getFields())
                .containsExactly(15000L, generations, (long) days);
    }

    @Test
    void everyIntervalRerunThreeTimesGivesIdenticalChecksums(@TempDir Path models)
            throws Exception
    {
        int days = 4;
        Files.writeString(models.resolve("orders.sql"), """
                MODEL (name lake.idem.orders, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01', checks (unique(orderkey)));
                SELECT orderkey, custkey, CAST(totalprice AS decimal(12, 2)) AS totalprice, {{ ds }} AS ds FROM tpch.tiny.orders WHERE orderkey % 20 = day({{ ds }}) % 20
                """);
        Files.writeString(models.resolve("customers.sql"), """
                MODEL (name lake.idem.customers, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT custkey, count(*) AS orders, sum(totalprice) AS spent, ds FROM lake.idem.orders WHERE ds = {{ ds }} GROUP BY custkey, ds
                """);
        Files.writeString(models.resolve("nations.sql"), """
                MODEL (name lake.idem.nations, kind FULL, start '2024-01-01');
                SELECT n.name AS nation, count(*) AS customers, sum(CAST(c.acctbal AS decimal(12, 2))) AS balance FROM tpch.tiny.customer c JOIN tpch.tiny.nation n ON c.nationkey = n.nationkey GROUP BY n.name
                """);
        Files.writeString(models.resolve("big_customers.sql"), """
                MODEL (name lake.idem.big_customers, kind VIEW, start '2024-01-01');
                SELECT custkey, ds FROM lake.idem.customers WHERE spent > 500000
                """);
        ModelGraph graph = TestingLakehouse.models(models);
        Map<String, String> checksums = Map.of(
                "orders", "SELECT ds, count(*), to_hex(checksum(row(orderkey, custkey, totalprice))) FROM lake.idem.orders GROUP BY ds",
                "customers", "SELECT ds, count(*), to_hex(checksum(row(custkey, orders, spent))) FROM lake.idem.customers GROUP BY ds",
                "nations", "SELECT 'all', count(*), to_hex(checksum(row(nation, customers, balance))) FROM lake.idem.nations",
                "big_customers", "SELECT ds, count(*), to_hex(checksum(row(custkey))) FROM lake.idem.big_customers GROUP BY ds");
        List<Map<String, Map<Object, List<Object>>>> runs = new ArrayList<>();
        try (Materializer materializer = lakehouse.materializer("idem", "instance-a")) {
            for (int run = 0; run <= 3; run++) {
                RunSummary summary = materializer.run(TestingLakehouse.nextRunId(), "backfill", materializer.planner().backfill(graph.models(), FROM, FROM.plusDays(days - 1), true, false),
                        graph, new RunOptions(2, false, RunOptions.DEFAULT_LEASE_TTL, true), new TaskListener() {});
                assertThat(summary.isSuccess()).as("run %s: %s", run, summary).isTrue();
                assertThat(summary.succeeded()).hasSize(2 * days + 2);
                Map<String, Map<Object, List<Object>>> tables = new HashMap<>();
                checksums.forEach((table, sql) -> tables.put(table, lakehouse.query(sql).getMaterializedRows().stream()
                        .collect(toImmutableMap(row -> row.getField(0), row -> row.getFields().subList(1, row.getFieldCount())))));
                runs.add(ImmutableMap.copyOf(tables));
            }
        }
        int intervals = 0;
        int identical = 0;
        for (String table : checksums.keySet()) {
            for (Object key : runs.getFirst().get(table).keySet()) {
                intervals++;
                Object first = runs.getFirst().get(table).get(key);
                if (runs.stream().allMatch(run -> first.equals(run.get(table).get(key)))) {
                    identical++;
                }
            }
        }
        System.out.println("idempotency: %s model intervals, each rerun 3 times, identical checksums: %s/%s".formatted(intervals, identical, intervals));
        assertThat(runs.getFirst().get("orders")).hasSize(days);
        assertThat(runs.getFirst().get("big_customers")).isNotEmpty();
        assertThat(identical).isEqualTo(intervals);
        assertThat(runs).allSatisfy(run -> assertThat(run).isEqualTo(runs.getFirst()));
    }

    private static Map<Object, Set<List<Object>>> expectedGenerations(Map<Object, Long> counts, Set<Integer> generations)
    {
        Set<Integer> snapshot = Set.copyOf(generations);
        return counts.entrySet().stream().collect(toImmutableMap(Map.Entry::getKey, entry -> {
            Set<List<Object>> allowed = new HashSet<>();
            snapshot.forEach(generation -> allowed.add(List.of(entry.getValue(), generation, generation)));
            return allowed;
        }));
    }

    private void publishGeneration(Materializer materializer, Path models, int generation, int days)
            throws Exception
    {
        Files.writeString(models.resolve("events.sql"), """
                MODEL (name lake.wap.events, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01', variables (generation = %s));
                SELECT orderkey, totalprice, {{ generation }} AS generation, ds
                FROM (SELECT orderkey, totalprice, date_add('day', orderkey %% 50, DATE '2024-01-01') AS ds FROM tpch.tiny.orders)
                WHERE ds = {{ ds }}
                """.formatted(generation));
        Files.writeString(models.resolve("totals.sql"), """
                MODEL (name lake.wap.totals, kind FULL, start '2024-01-01', variables (generation = %s));
                SELECT nationkey, count(*) AS customers, {{ generation }} AS generation FROM tpch.tiny.customer GROUP BY nationkey
                """.formatted(generation));
        ModelGraph graph = TestingLakehouse.models(models);
        RunSummary summary = materializer.run(TestingLakehouse.nextRunId(), "backfill", materializer.planner().backfill(graph.models(), FROM, FROM.plusDays(days - 1), true, false),
                graph, new RunOptions(4, false, RunOptions.DEFAULT_LEASE_TTL, true), new TaskListener() {});
        assertThat(summary.isSuccess()).as("generation %s: %s", generation, summary).isTrue();
        assertThat(summary.succeeded()).hasSize(days + 1);
    }
}
