package io.lakehouse.catalog;

import io.lakehouse.catalog.refresh.CatalogRefresh;
import io.lakehouse.catalog.refresh.CatalogRefreshException;
import io.lakehouse.catalog.refresh.ColumnStatistic;
import io.lakehouse.catalog.refresh.PartitionRefresh;
import io.lakehouse.catalog.refresh.Publication;
import io.lakehouse.catalog.refresh.RefreshResult;
import io.lakehouse.catalog.refresh.TableData;
import io.lakehouse.catalog.refresh.TableRefresh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.lakehouse.catalog.TestGlueEndpointDatabases.simpleTable;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestCatalogRefresh
{
    private static final Instant PUBLISHED_AT = Instant.parse("2024-01-02T03:04:05Z");

    private final TestingGlueEndpoint endpoint = new TestingGlueEndpoint();
    private final GlueClient glue = endpoint.client();
    private final CatalogRefresh catalogRefresh = new CatalogRefresh(glue);

    @AfterAll
    void tearDown()
    {
        endpoint.close();
    }

    @Test
    void testRefreshWritesPublicationCommentsPartitionsAndStatisticsAsOneTableVersion()
    {
        createTable("published");

        RefreshResult result = catalogRefresh.refresh(TableRefresh.builder("gold", "published", publication("run-1", 5))
                .tableComment("Daily titles, deduplicated")
                .columnComment("id", "title id")
                .columnComment("ds", "day the titles landed")
                .partition(PartitionRefresh.of(List.of("2024-01-01"), "s3://lake/gold/published/ds=2024-01-01/")
                        .withRowCount(3)
                        .withStatistics(List.of(ColumnStatistic.integers("id", 1, 3, 0, 3))))
                .partition(PartitionRefresh.of(List.of("2024-01-02"), "s3://lake/gold/published/ds=2024-01-02/").withRowCount(2))
                .tableStatistics(List.of(
                        ColumnStatistic.integers("id", 1, 5, 0, 5),
                        ColumnStatistic.strings("title", 20, 7.5, 1, 4),
                        ColumnStatistic.decimals("price", new BigDecimal("1.50"), new BigDecimal("20.00"), 0, 5),
                        ColumnStatistic.dates("ds", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2), 0, 2)))
                .build());

        assertThat(result).isEqualTo(new RefreshResult("gold", "published", Optional.of("0"), 2, 0, 5));
        Table table = glue.getTable(request -> request.databaseName("gold").name("published")).table();
        assertThat(table.versionId()).isEqualTo("1");
        assertThat(table.description()).isEqualTo("Daily titles, deduplicated");
        assertThat(table.parameters())
                .containsEntry("lakehouse.source-models", "silver.titles,silver.ratings")
                .containsEntry("lakehouse.run-id", "run-1")
                .containsEntry("lakehouse.data-interval-start", "2024-01-01T00:00:00Z")
                .containsEntry("lakehouse.data-interval-end", "2024-01-02T00:00:00Z")
                .containsEntry("lakehouse.row-count", "5")
                .containsEntry("lakehouse.published-at", "2024-01-02T03:04:05Z")
                // parameters the table had are kept
                .containsEntry("owner", "gold-team")
                // Hive's numRows is per partition for a partitioned table
                .doesNotContainKey("numRows");
        assertThat(table.storageDescriptor().columns()).extracting(Column::name, Column::comment)
                .containsExactly(
                        tuple("id", "title id"),
                        tuple("title", null),
                        tuple("price", null));
        assertThat(table.partitionKeys()).extracting(Column::comment).containsExactly("day the titles landed");

        Partition partition = glue.getPartition(request -> request.databaseName("gold").tableName("published").partitionValues("2024-01-01")).partition();
        assertThat(partition.storageDescriptor().location()).isEqualTo("s3://lake/gold/published/ds=2024-01-01/");
        assertThat(partition.storageDescriptor().serdeInfo()).isEqualTo(table.storageDescriptor().serdeInfo());
        assertThat(partition.parameters()).containsEntry("numRows", "3").containsEntry("lakehouse.run-id", "run-1");

        List<ColumnStatistics> tableStatistics = glue.getColumnStatisticsForTable(request -> request.databaseName("gold").tableName("published").columnNames("id", "title", "price", "ds"))
                .columnStatisticsList();
        assertThat(tableStatistics).extracting(ColumnStatistics::columnName, ColumnStatistics::columnType, ColumnStatistics::analyzedTime)
                .containsExactlyInAnyOrder(
                        tuple("id", "bigint", PUBLISHED_AT),
                        tuple("title", "string", PUBLISHED_AT),
                        tuple("price", "decimal(10,2)", PUBLISHED_AT),
                        tuple("ds", "date", PUBLISHED_AT));
        assertThat(tableStatistics).filteredOn(statistics -> statistics.columnName().equals("title"))
                .singleElement()
                .satisfies(statistics -> {
                    assertThat(statistics.statisticsData().stringColumnStatisticsData().averageLength()).isEqualTo(7.5);
                    // Glue counts null as a distinct value, as Hive does
                    assertThat(statistics.statisticsData().stringColumnStatisticsData().numberOfDistinctValues()).isEqualTo(5);
                });
        assertThat(glue.getColumnStatisticsForPartition(request -> request.databaseName("gold").tableName("published").partitionValues("2024-01-01").columnNames("id"))
                .columnStatisticsList())
                .singleElement()
                .satisfies(statistics -> assertThat(statistics.statisticsData().longColumnStatisticsData().maximumValue()).isEqualTo(3));
    }

    @Test
    void testRepeatedRefreshReplacesPartitionsAndKeepsEveryPublicationInTheVersionHistory()
    {
        createTable("republished");
        PartitionRefresh partition = PartitionRefresh.of(List.of("2024-01-01"), "s3://lake/gold/republished/ds=2024-01-01/run-1/").withRowCount(3);
        catalogRefresh.refresh(TableRefresh.builder("gold", "republished", publication("run-1", 3)).partition(partition).build());

        RefreshResult second = catalogRefresh.refresh(TableRefresh.builder("gold", "republished", publication("run-2", 4))
                .partition(PartitionRefresh.of(List.of("2024-01-01"), "s3://lake/gold/republished/ds=2024-01-01/run-2/").withRowCount(4))
                .build());

        assertThat(second.partitionsCreated()).isZero();
        assertThat(second.partitionsReplaced()).isEqualTo(1);
        Partition replaced = glue.getPartition(request -> request.databaseName("gold").tableName("republished").partitionValues("2024-01-01")).partition();
        assertThat(replaced.storageDescriptor().location()).isEqualTo("s3://lake/gold/republished/ds=2024-01-01/run-2/");
        assertThat(replaced.parameters()).containsEntry("numRows", "4").containsEntry("lakehouse.run-id", "run-2");
        assertThat(glue.getTableVersions(request -> request.databaseName("gold").tableName("republished")).tableVersions())
                .extracting(version -> version.table().parameters().get("lakehouse.run-id"))
                .containsExactly("run-2", "run-1", null);
    }

    @Test
    void testUnpartitionedTableGetsHiveRowCount()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("flat")));
        glue.createTable(request -> request.databaseName("flat").tableInput(simpleTable("totals")));

        catalogRefresh.refresh(TableRefresh.builder("flat", "totals", publication("run-1", 42)).build());

        assertThat(glue.getTable(request -> request.databaseName("flat").name("totals")).table().parameters())
                .containsEntry("numRows", "42")
                .containsEntry("lakehouse.row-count", "42");
    }

    @Test
    void testConcurrentTableChangeIsKeptAndThePublicationAppliedOnTop()
    {
        createTable("contended");
        AtomicBoolean interfered = new AtomicBoolean();
        // another writer changes the table between the refresh reading it and updating it
        ExecutionInterceptor interference = new ExecutionInterceptor()
        {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes)
            {
                if (context.request() instanceof UpdateTableRequest && interfered.compareAndSet(false, true)) {
                    Table current = glue.getTable(request -> request.databaseName("gold").name("contended")).table();
                    glue.updateTable(request -> request.databaseName("gold").tableInput(simpleTable("contended").toBuilder()
                            .storageDescriptor(current.storageDescriptor())
                            .partitionKeys(current.partitionKeys())
                            .parameters(Map.of("owner", "gold-team", "retention", "90 days"))
                            .build()));
                }
            }
        };
        try (GlueClient interfering = TestingGlueEndpoint.createGlueClient(endpoint.baseUri(), interference)) {
            RefreshResult result = new CatalogRefresh(interfering).refresh(TableRefresh.builder("gold", "contended", publication("run-1", 1)).build());

            assertThat(interfered).isTrue();
            // the refresh replaced the interfering writer's version
            assertThat(result.replacedVersion()).hasValue("1");
        }
        Table table = glue.getTable(request -> request.databaseName("gold").name("contended")).table();
        assertThat(table.parameters()).containsEntry("retention", "90 days").containsEntry("lakehouse.run-id", "run-1");
        assertThat(glue.getTableVersions(request -> request.databaseName("gold").tableName("contended")).tableVersions())
                .extracting(TableVersion::versionId)
                .containsExactly("2", "1", "0");
    }

    @Test
    void testStatisticsOfCurrentColumnsAreWrittenWhileTheTableChanges()
    {
        createTable("concurrent");
        CountDownLatch statisticsWriting = new CountDownLatch(1);
        AtomicBoolean updateSawStatistics = new AtomicBoolean();
        // the table update waits for the statistics call to start: written one after the other, it would wait in vain
        ExecutionInterceptor waitForStatistics = new ExecutionInterceptor()
        {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes)
            {
                if (context.request() instanceof UpdateColumnStatisticsForTableRequest) {
                    statisticsWriting.countDown();
                }
                if (context.request() instanceof UpdateTableRequest) {
                    try {
                        updateSawStatistics.set(statisticsWriting.await(10, SECONDS));
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (GlueClient observed = TestingGlueEndpoint.createGlueClient(endpoint.baseUri(), waitForStatistics)) {
            RefreshResult result = new CatalogRefresh(observed).refresh(TableRefresh.builder("gold", "concurrent", publication("run-1", 4))
                    .tableStatistics(List.of(ColumnStatistic.integers("id", 1, 4, 0, 4)))
                    .build());

            assertThat(result).isEqualTo(new RefreshResult("gold", "concurrent", Optional.of("0"), 0, 0, 1));
        }
        assertThat(updateSawStatistics).isTrue();
        assertThat(glue.getTable(request -> request.databaseName("gold").name("concurrent")).table().parameters()).containsEntry("lakehouse.run-id", "run-1");
        assertThat(glue.getColumnStatisticsForTable(request -> request.databaseName("gold").tableName("concurrent").columnNames("id")).columnStatisticsList())
                .singleElement()
                .satisfies(statistics -> assertThat(statistics.statisticsData().longColumnStatisticsData().maximumValue()).isEqualTo(4));
    }

    @Test
    void testRefreshWithDataCreatesTheTableAndThenSwitchesItsDataWithThePublicationInOneTableVersion()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("swapped")));
        TableInput staged = simpleTable("staged");
        TableData first = TableData.of(asTable(staged)).withLocation("s3://lake/swapped/t__stg_run_1/").withParameters(Map.of("numRows", "99", "trino_query_id", "q1"));

        RefreshResult created = catalogRefresh.refresh(TableRefresh.builder("swapped", "t", publication("run-1", 2))
                .data(first)
                .tableComment("Swapped table")
                .columnComment("id", "the id")
                .build(), Optional.empty());

        assertThat(created.replacedVersion()).isEmpty();
        Table table = glue.getTable(request -> request.databaseName("swapped").name("t")).table();
        assertThat(table.storageDescriptor().location()).isEqualTo("s3://lake/swapped/t__stg_run_1/");
        assertThat(table.parameters()).containsEntry("lakehouse.run-id", "run-1").containsEntry("numRows", "2").containsEntry("trino_query_id", "q1");

        TableData second = TableData.of(asTable(staged.toBuilder()
                        .storageDescriptor(staged.storageDescriptor().toBuilder()
                                .columns(Column.builder().name("id").type("bigint").build(), Column.builder().name("added").type("string").build())
                                .build())
                        .build()))
                .withLocation("s3://lake/swapped/t__stg_run_2/");
        RefreshResult replaced = catalogRefresh.refresh(TableRefresh.builder("swapped", "t", publication("run-2", 3))
                .data(second)
                .tableComment("Swapped table")
                .columnComment("id", "the id")
                .tableStatistics(List.of(ColumnStatistic.strings("added", 3, 2.5, 1, 2)))
                .build());

        assertThat(replaced.replacedVersion()).hasValue("0");
        assertThat(glue.getTableVersions(request -> request.databaseName("swapped").tableName("t")).tableVersions())
                .extracting(version -> version.table().storageDescriptor().location(), version -> version.table().parameters().get("lakehouse.run-id"))
                .containsExactly(tuple("s3://lake/swapped/t__stg_run_2/", "run-2"), tuple("s3://lake/swapped/t__stg_run_1/", "run-1"));
        table = glue.getTable(request -> request.databaseName("swapped").name("t")).table();
        assertThat(table.description()).isEqualTo("Swapped table");
        assertThat(table.storageDescriptor().columns()).extracting(Column::name, Column::comment).containsExactly(tuple("id", "the id"), tuple("added", null));
        assertThat(table.parameters()).containsEntry("numRows", "3").containsEntry("lakehouse.row-count", "3");
    }

    @Test
    void testRefreshThatDoesNotFitTheTableWritesNothing()
    {
        createTable("checked");

        assertThatThrownBy(() -> catalogRefresh.refresh(TableRefresh.builder("gold", "checked", publication("run-1", 1))
                .partition(PartitionRefresh.of(List.of("2024-01-01"), "s3://lake/gold/checked/ds=2024-01-01/"))
                .tableStatistics(List.of(ColumnStatistic.integers("votes", 0, 1, 0, 1)))
                .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column votes has statistics in the refresh of gold.checked, but is not a column of that table; its columns are [id, title, price, ds]");
        assertThatThrownBy(() -> catalogRefresh.refresh(TableRefresh.builder("gold", "checked", publication("run-1", 1))
                .partition(PartitionRefresh.of(List.of("2024-01-01", "extra"), "s3://lake/gold/checked/x/"))
                .build()))
                .hasMessage("Partition [2024-01-01, extra] of gold.checked has 2 values, but the table has 1 partition keys [ds]");

        assertThat(glue.getTable(request -> request.databaseName("gold").name("checked")).table().versionId()).isEqualTo("0");
        assertThat(glue.getPartitions(request -> request.databaseName("gold").tableName("checked")).partitions()).isEmpty();
    }

    @Test
    void testMissingTableOrRefusedStepNamesWhatToDo()
    {
        assertThatThrownBy(() -> catalogRefresh.refresh(TableRefresh.builder("gold", "never_published", publication("run-1", 1)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table gold.never_published does not exist; publish it (CREATE TABLE AS) before refreshing its catalog entry");

        try (GlueClient wrongKey = TestingGlueEndpoint.createGlueClient(endpoint.baseUri(), TestingGlueEndpoint.ACCESS_KEY, "wrong-secret")) {
            assertThatThrownBy(() -> new CatalogRefresh(wrongKey).refresh(TableRefresh.builder("gold", "anything", publication("run-1", 1)).build()))
                    .isInstanceOf(CatalogRefreshException.class)
                    .hasMessageStartingWith("Refreshing the catalog entry of gold.anything failed while reading the table: The request signature we calculated does not match");
        }
    }

    private void createTable(String name)
    {
        if (glue.getDatabases(request -> {}).databaseList().stream().noneMatch(database -> database.name().equals("gold"))) {
            glue.createDatabase(request -> request.databaseInput(input -> input.name("gold")));
        }
        glue.createTable(request -> request.databaseName("gold").tableInput(simpleTable(name).toBuilder()
                .storageDescriptor(simpleTable(name).storageDescriptor().toBuilder()
                        .columns(
                                Column.builder().name("id").type("bigint").build(),
                                Column.builder().name("title").type("string").build(),
                                Column.builder().name("price").type("decimal(10,2)").build())
                        .build())
                .partitionKeys(Column.builder().name("ds").type("date").build())
                .parameters(Map.of("owner", "gold-team"))
                .build()));
    }

    private static Publication publication(String runId, long rowCount)
    {
        return new Publication(
                List.of("silver.titles", "silver.ratings"),
                runId,
                Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-01-02T00:00:00Z"),
                OptionalLong.of(rowCount),
                PUBLISHED_AT);
    }

    private static Table asTable(TableInput input)
    {
        return Table.builder()
                .name(input.name())
                .tableType(input.tableType())
                .storageDescriptor(input.storageDescriptor())
                .partitionKeys(input.partitionKeys())
                .parameters(input.parameters())
                .build();
    }
}
