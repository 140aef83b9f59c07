package io.lakehouse.catalog;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsType;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.lakehouse.catalog.TestGlueEndpointDatabases.simpleTable;
import static io.lakehouse.catalog.TestingGlueEndpoint.createGlueClient;
import static io.lakehouse.catalog.TestingGlueEndpoint.endpointProperties;
import static java.util.concurrent.Executors.newFixedThreadPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * Trino calls the catalog from many threads at once: partitions in batches, statistics per
 * column chunk, table updates from concurrent queries. None of these may fail or lose a write.
 */
@TestInstance(PER_CLASS)
final class TestGlueEndpointConcurrency
{
    private static final int THREADS = 8;
    private static final int INCREMENTS_PER_WRITER = 5;

    private final TestingGlueEndpoint endpoint = new TestingGlueEndpoint();
    private final GlueClient glue = endpoint.client();
    private final ExecutorService executor = newFixedThreadPool(THREADS);

    @AfterAll
    void tearDown()
    {
        executor.shutdownNow();
        endpoint.close();
    }

    @Test
    void testConcurrentTableUpdatesAllBecomeVersions()
            throws Exception
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("concurrent_updates")));
        glue.createTable(request -> request.databaseName("concurrent_updates").tableInput(simpleTable("hot")));

        runAll(IntStream.range(0, 40)
                .mapToObj(i -> (Callable<Void>) () -> {
                    glue.updateTable(request -> request.databaseName("concurrent_updates").tableInput(simpleTable("hot").toBuilder().parameters(Map.of("writer", Integer.toString(i))).build()));
                    return null;
                })
                .toList());

        assertThat(glue.getTable(request -> request.databaseName("concurrent_updates").name("hot")).table().versionId()).isEqualTo("40");
        List<String> versions = glue.getTableVersionsPaginator(request -> request.databaseName("concurrent_updates").tableName("hot")).stream()
                .flatMap(page -> page.tableVersions().stream())
                .map(TableVersion::versionId)
                .toList();
        assertThat(versions).hasSize(41);
    }

    @Test
    void testConcurrentPartitionBatchesAndStatisticsAreAllStored()
            throws Exception
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("concurrent_partitions")));
        TableInput table = simpleTable("wide").toBuilder()
                .storageDescriptor(simpleTable("wide").storageDescriptor().toBuilder()
                        .columns(IntStream.range(0, 50).mapToObj(i -> Column.builder().name("c" + i).type("bigint").build()).toList())
                        .build())
                .partitionKeys(Column.builder().name("part").type("string").build())
                .build();
        glue.createTable(request -> request.databaseName("concurrent_partitions").tableInput(table));

        List<Callable<Void>> tasks = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            List<PartitionInput> partitions = IntStream.range(batch * 100, (batch + 1) * 100)
                    .mapToObj(i -> PartitionInput.builder().values("p" + i).storageDescriptor(table.storageDescriptor()).build())
                    .toList();
            tasks.add(() -> {
                assertThat(glue.batchCreatePartition(request -> request.databaseName("concurrent_partitions").tableName("wide").partitionInputList(partitions)).errors()).isEmpty();
                return null;
            });
        }
        for (int chunk = 0; chunk < 2; chunk++) {
            List<ColumnStatistics> statistics = IntStream.range(chunk * 25, (chunk + 1) * 25)
                    .mapToObj(i -> ColumnStatistics.builder()
                            .columnName("c" + i)
                            .columnType("bigint")
                            .analyzedTime(Instant.now())
                            .statisticsData(data -> data.type(ColumnStatisticsType.LONG).longColumnStatisticsData(values -> values.minimumValue(0L).maximumValue(1L).numberOfNulls(0L).numberOfDistinctValues(2L)))
                            .build())
                    .toList();
            tasks.add(() -> {
                assertThat(glue.updateColumnStatisticsForTable(request -> request.databaseName("concurrent_partitions").tableName("wide").columnStatisticsList(statistics)).errors()).isEmpty();
                return null;
            });
        }
        runAll(tasks);

        long partitions = glue.getPartitionsPaginator(request -> request.databaseName("concurrent_partitions").tableName("wide")).stream()
                .mapToLong(page -> page.partitions().size())
                .sum();
        assertThat(partitions).isEqualTo(1000);
        List<String> columns = IntStream.range(0, 50).mapToObj(i -> "c" + i).toList();
        assertThat(glue.getColumnStatisticsForTable(request -> request.databaseName("concurrent_partitions").tableName("wide").columnNames(columns.subList(0, 50))).columnStatisticsList())
                .hasSize(50);
    }

    @Test
    void testOptimisticWritersThroughTwoEndpointsNeverLoseAnUpdate()
            throws Exception
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("optimistic")));
        glue.createTable(request -> request.databaseName("optimistic").tableInput(counterTable(0)));

        // a shared deployment: two catalog servers on one database
        try (GlueEndpoint second = GlueEndpoint.start(endpointProperties(endpoint.databaseUrl()));
                GlueClient secondGlue = createGlueClient(second.getBaseUri())) {
            AtomicInteger conflicts = new AtomicInteger();
            runAll(IntStream.range(0, THREADS)
                    .mapToObj(writer -> (Callable<Void>) () -> {
                        GlueClient client = writer % 2 == 0 ? glue : secondGlue;
                        for (int increment = 0; increment < INCREMENTS_PER_WRITER; increment++) {
                            // each attempt fails only because another writer succeeded: more than all of theirs means updates are lost
                            int attempt = 0;
                            while (true) {
                                // read, modify, write back naming the version read
                                Table table = client.getTable(request -> request.databaseName("optimistic").name("counter")).table();
                                int next = Integer.parseInt(table.parameters().get("counter")) + 1;
                                try {
                                    client.updateTable(request -> request.databaseName("optimistic").versionId(table.versionId()).tableInput(counterTable(next)));
                                    break;
                                }
                                catch (ConcurrentModificationException e) {
                                    conflicts.incrementAndGet();
                                    attempt++;
                                    assertThat(attempt).as("attempts of writer %s to write version %s: %s", writer, next, e.getMessage())
                                            .isLessThanOrEqualTo(THREADS * INCREMENTS_PER_WRITER);
                                }
                            }
                        }
                        return null;
                    })
                    .toList());

            int updates = THREADS * INCREMENTS_PER_WRITER;
            Table table = secondGlue.getTable(request -> request.databaseName("optimistic").name("counter")).table();
            assertThat(table.parameters()).containsEntry("counter", Integer.toString(updates));
            assertThat(table.versionId()).isEqualTo(Integer.toString(updates));
            // every version was written from the one before it: no two writers committed on the same read
            List<TableVersion> versions = glue.getTableVersionsPaginator(request -> request.databaseName("optimistic").tableName("counter")).stream()
                    .flatMap(page -> page.tableVersions().stream())
                    .toList();
            assertThat(versions).hasSize(updates + 1);
            assertThat(versions).allSatisfy(version -> assertThat(version.table().parameters()).containsEntry("counter", version.versionId()));
            assertThat(conflicts.get()).as("writers that had to retry").isPositive();
        }
    }

    private static TableInput counterTable(int counter)
    {
        return simpleTable("counter").toBuilder().parameters(Map.of("counter", Integer.toString(counter))).build();
    }

    private void runAll(List<Callable<Void>> tasks)
            throws Exception
    {
        for (Future<Void> future : executor.invokeAll(tasks)) {
            future.get();
        }
    }
}
