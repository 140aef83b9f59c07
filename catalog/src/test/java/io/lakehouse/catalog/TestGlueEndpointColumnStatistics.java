package io.lakehouse.catalog;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsData;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsType;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForTableResponse;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForTableResponse;

import java.math.BigInteger;
import java.time.Instant;

import static io.lakehouse.catalog.TestGlueEndpointDatabases.simpleTable;
import static java.util.UUID.randomUUID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestGlueEndpointColumnStatistics
{
    private static final Instant ANALYZED = Instant.parse("2025-01-02T03:04:05.678Z");

    private final TestingGlueEndpoint endpoint = new TestingGlueEndpoint();
    private final GlueClient glue = endpoint.client();

    @AfterAll
    void tearDown()
    {
        endpoint.close();
    }

    @Test
    void testTableStatisticsRoundTripForEveryType()
    {
        String database = createDatabase();
        glue.createTable(request -> request.databaseName(database).tableInput(statisticsTable("analyzed")));
        ColumnStatistics id = statistics("id", "bigint", ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.LONG)
                .longColumnStatisticsData(data -> data.minimumValue(-5L).maximumValue(1_000_000_000_000L).numberOfNulls(0L).numberOfDistinctValues(17L))
                .build());
        ColumnStatistics name = statistics("name", "varchar(20)", ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.STRING)
                .stringColumnStatisticsData(data -> data.maximumLength(20L).averageLength(7.25).numberOfNulls(3L).numberOfDistinctValues(9L))
                .build());
        ColumnStatistics price = statistics("price", "decimal(10,2)", ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.DECIMAL)
                .decimalColumnStatisticsData(data -> data
                        .minimumValue(value -> value.unscaledValue(SdkBytes.fromByteArray(BigInteger.valueOf(-12345).toByteArray())).scale(2))
                        .maximumValue(value -> value.unscaledValue(SdkBytes.fromByteArray(BigInteger.valueOf(99999).toByteArray())).scale(2))
                        .numberOfNulls(1L)
                        .numberOfDistinctValues(4L))
                .build());
        ColumnStatistics day = statistics("day", "date", ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.DATE)
                .dateColumnStatisticsData(data -> data.minimumValue(Instant.parse("2024-01-01T00:00:00Z")).maximumValue(Instant.parse("2024-12-31T00:00:00Z")).numberOfNulls(0L).numberOfDistinctValues(366L))
                .build());
        ColumnStatistics ratio = statistics("ratio", "double", ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.DOUBLE)
                .doubleColumnStatisticsData(data -> data.minimumValue(0.1).maximumValue(1e300).numberOfNulls(0L).numberOfDistinctValues(2L))
                .build());
        ColumnStatistics flag = statistics("flag", "boolean", ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.BOOLEAN)
                .booleanColumnStatisticsData(data -> data.numberOfTrues(3L).numberOfFalses(4L).numberOfNulls(0L))
                .build());

        UpdateColumnStatisticsForTableResponse update = glue.updateColumnStatisticsForTable(request -> request
                .databaseName(database)
                .tableName("analyzed")
                .columnStatisticsList(id, name, price, day, ratio, flag));

        assertThat(update.errors()).isEmpty();
        GetColumnStatisticsForTableResponse response = glue.getColumnStatisticsForTable(request -> request
                .databaseName(database)
                .tableName("analyzed")
                .columnNames("id", "name", "price", "day", "ratio", "flag", "comment"));
        assertThat(response.columnStatisticsList()).containsExactlyInAnyOrder(id, name, price, day, ratio, flag);
        assertThat(response.errors()).singleElement().satisfies(error -> {
            assertThat(error.columnName()).isEqualTo("comment");
            assertThat(error.error().errorCode()).isEqualTo("EntityNotFoundException");
        });
    }

    @Test
    void testUpdateReplacesStatisticsAndDeleteRemovesThem()
    {
        String database = createDatabase();
        glue.createTable(request -> request.databaseName(database).tableInput(statisticsTable("reanalyzed")));
        glue.updateColumnStatisticsForTable(request -> request.databaseName(database).tableName("reanalyzed").columnStatisticsList(rowCountStatistics("id", 1)));
        glue.updateColumnStatisticsForTable(request -> request.databaseName(database).tableName("reanalyzed").columnStatisticsList(rowCountStatistics("id", 2)));

        assertThat(glue.getColumnStatisticsForTable(request -> request.databaseName(database).tableName("reanalyzed").columnNames("id")).columnStatisticsList())
                .containsExactly(rowCountStatistics("id", 2));

        glue.deleteColumnStatisticsForTable(request -> request.databaseName(database).tableName("reanalyzed").columnName("id"));
        // deleting statistics that are not there succeeds; Trino does it for every column it did not analyze
        glue.deleteColumnStatisticsForTable(request -> request.databaseName(database).tableName("reanalyzed").columnName("id"));

        assertThat(glue.getColumnStatisticsForTable(request -> request.databaseName(database).tableName("reanalyzed").columnNames("id")).columnStatisticsList()).isEmpty();
        // statistics do not create table versions
        assertThat(glue.getTable(request -> request.databaseName(database).name("reanalyzed")).table().versionId()).isEqualTo("0");
    }

    @Test
    void testStatisticsOfUnknownColumnsAreReportedAsErrors()
    {
        String database = createDatabase();
        glue.createTable(request -> request.databaseName(database).tableInput(statisticsTable("strict")));

        UpdateColumnStatisticsForTableResponse response = glue.updateColumnStatisticsForTable(request -> request
                .databaseName(database)
                .tableName("strict")
                .columnStatisticsList(rowCountStatistics("id", 1), rowCountStatistics("no_such_column", 1)));

        assertThat(response.errors()).singleElement().satisfies(error -> {
            assertThat(error.columnStatistics().columnName()).isEqualTo("no_such_column");
            assertThat(error.error().errorCode()).isEqualTo("InvalidInputException");
            assertThat(error.error().errorMessage()).contains("Column no_such_column is not a column of table %s.strict".formatted(database));
        });
        assertThat(glue.getColumnStatisticsForTable(request -> request.databaseName(database).tableName("strict").columnNames("id")).columnStatisticsList()).hasSize(1);
    }

    @Test
    void testStatisticsOfMissingTableFailWithEntityNotFound()
    {
        String database = createDatabase();
        assertThatThrownBy(() -> glue.getColumnStatisticsForTable(request -> request.databaseName(database).tableName("missing").columnNames("id")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Table %s.missing not found".formatted(database));
        assertThatThrownBy(() -> glue.deleteColumnStatisticsForTable(request -> request.databaseName(database).tableName("missing").columnName("id")))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void testPartitionStatisticsRoundTrip()
    {
        String database = createDatabase();
        glue.createTable(request -> request.databaseName(database).tableInput(statisticsTable("by_day").toBuilder()
                .partitionKeys(Column.builder().name("part").type("string").build())
                .build()));
        glue.createPartition(request -> request.databaseName(database).tableName("by_day").partitionInput(PartitionInput.builder()
                .values("p1")
                .storageDescriptor(statisticsTable("by_day").storageDescriptor())
                .build()));

        glue.updateColumnStatisticsForPartition(request -> request.databaseName(database).tableName("by_day").partitionValues("p1").columnStatisticsList(rowCountStatistics("id", 5)));

        assertThat(glue.getColumnStatisticsForPartition(request -> request.databaseName(database).tableName("by_day").partitionValues("p1").columnNames("id", "name")).columnStatisticsList())
                .containsExactly(rowCountStatistics("id", 5));
        assertThat(glue.getColumnStatisticsForTable(request -> request.databaseName(database).tableName("by_day").columnNames("id")).columnStatisticsList())
                .isEmpty();

        glue.deleteColumnStatisticsForPartition(request -> request.databaseName(database).tableName("by_day").partitionValues("p1").columnName("id"));
        glue.deleteColumnStatisticsForPartition(request -> request.databaseName(database).tableName("by_day").partitionValues("p1").columnName("name"));

        assertThat(glue.getColumnStatisticsForPartition(request -> request.databaseName(database).tableName("by_day").partitionValues("p1").columnNames("id")).columnStatisticsList())
                .isEmpty();
        assertThatThrownBy(() -> glue.getColumnStatisticsForPartition(request -> request.databaseName(database).tableName("by_day").partitionValues("p2").columnNames("id")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Partition [p2] of table %s.by_day not found".formatted(database));
    }

    private static TableInput statisticsTable(String name)
    {
        TableInput table = simpleTable(name);
        StorageDescriptor storage = table.storageDescriptor().toBuilder()
                .columns(
                        Column.builder().name("id").type("bigint").build(),
                        Column.builder().name("name").type("varchar(20)").build(),
                        Column.builder().name("price").type("decimal(10,2)").build(),
                        Column.builder().name("day").type("date").build(),
                        Column.builder().name("ratio").type("double").build(),
                        Column.builder().name("flag").type("boolean").build(),
                        Column.builder().name("comment").type("string").build())
                .build();
        return table.toBuilder().storageDescriptor(storage).build();
    }

    private static ColumnStatistics rowCountStatistics(String column, long distinctValues)
    {
        return statistics(column, "bigint", ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.LONG)
                .longColumnStatisticsData(data -> data.minimumValue(0L).maximumValue(10L).numberOfNulls(0L).numberOfDistinctValues(distinctValues))
                .build());
    }

    private static ColumnStatistics statistics(String column, String type, ColumnStatisticsData data)
    {
        return ColumnStatistics.builder()
                .columnName(column)
                .columnType(type)
                .analyzedTime(ANALYZED)
                .statisticsData(data)
                .build();
    }

    private String createDatabase()
    {
        String name = "db_" + randomUUID().toString().replace("-", "");
        glue.createDatabase(request -> request.databaseInput(input -> input.name(name)));
        return name;
    }
}
