package io.lakehouse.catalog;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static io.lakehouse.catalog.TestGlueEndpointDatabases.simpleTable;
import static java.util.UUID.randomUUID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestGlueEndpointPartitions
{
    private final TestingGlueEndpoint endpoint = new TestingGlueEndpoint();
    private final GlueClient glue = endpoint.client();

    @AfterAll
    void tearDown()
    {
        endpoint.close();
    }

    @Test
    void testCreatedPartitionKeepsInputAndGainsServerFields()
    {
        String database = createPartitionedTable("events");
        PartitionInput input = partition("2024-01-01", "US").toBuilder().parameters(Map.of("numRows", "5")).build();

        glue.createPartition(request -> request.databaseName(database).tableName("EVENTS").partitionInput(input));

        Partition partition = glue.getPartition(request -> request.databaseName(database).tableName("events").partitionValues("2024-01-01", "US")).partition();
        assertThat(partition.values()).containsExactly("2024-01-01", "US");
        assertThat(partition.databaseName()).isEqualTo(database);
        assertThat(partition.tableName()).isEqualTo("events");
        assertThat(partition.storageDescriptor()).isEqualTo(input.storageDescriptor());
        assertThat(partition.parameters()).isEqualTo(Map.of("numRows", "5"));
        assertThat(partition.creationTime()).isNotNull();
        assertThat(partition.catalogId()).isEqualTo("000000000000");
        // values are case-sensitive, unlike names
        assertThatThrownBy(() -> glue.getPartition(request -> request.databaseName(database).tableName("events").partitionValues("2024-01-01", "us")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Partition [2024-01-01, us] of table %s.events not found".formatted(database));
    }

    @Test
    void testGetPartitionsReturnsEveryPartitionAcrossPages()
    {
        String database = createPartitionedTable("many");
        List<List<String>> created = createPartitions(database, "many", 250);

        List<GetPartitionsResponse> pages = glue.getPartitionsPaginator(request -> request.databaseName(database).tableName("many").maxResults(100)).stream().toList();

        assertThat(pages).extracting(page -> page.partitions().size()).containsExactly(100, 100, 50);
        assertThat(pages.stream().flatMap(page -> page.partitions().stream()).map(Partition::values).toList())
                .containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void testSegmentsSplitPartitionsDisjointlyAndCompletely()
    {
        String database = createPartitionedTable("segmented");
        List<List<String>> created = createPartitions(database, "segmented", 120);

        // Trino lists the partitions of a table in 5 parallel segments by default
        List<List<String>> listed = new ArrayList<>();
        for (int segment = 0; segment < 5; segment++) {
            int segmentNumber = segment;
            List<List<String>> segmentPartitions = glue.getPartitionsPaginator(request -> request
                            .databaseName(database)
                            .tableName("segmented")
                            .segment(value -> value.segmentNumber(segmentNumber).totalSegments(5))
                            .maxResults(7))
                    .stream()
                    .flatMap(page -> page.partitions().stream())
                    .map(Partition::values)
                    .toList();
            assertThat(segmentPartitions).isNotEmpty();
            listed.addAll(segmentPartitions);
        }

        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void testGetPartitionsFiltersByExpressionAndExcludesColumnSchema()
    {
        String database = createPartitionedTable("filtered");
        createPartitions(database, "filtered", 3);

        List<Partition> partitions = glue.getPartitions(request -> request
                        .databaseName(database)
                        .tableName("filtered")
                        .expression("((day = '2024-01-01') AND (country = 'C0'))")
                        .excludeColumnSchema(true))
                .partitions();

        assertThat(partitions).extracting(Partition::values).containsExactly(List.of("2024-01-01", "C0"));
        assertThat(partitions).allSatisfy(partition -> {
            assertThat(partition.storageDescriptor().location()).startsWith("s3://warehouse/");
            assertThat(partition.storageDescriptor().hasColumns()).isFalse();
        });
    }

    @Test
    void testExpressionFilterPagesAndSegmentsOverMatchingPartitionsOnly()
    {
        String database = createPartitionedTable("sparse");
        createPartitions(database, "sparse", 250);
        // C1, C10..C19, C100..C199
        Set<String> expected = IntStream.range(0, 250).mapToObj(i -> "C" + i).filter(country -> country.startsWith("C1")).collect(toImmutableSet());

        List<GetPartitionsResponse> pages = glue.getPartitionsPaginator(request -> request.databaseName(database).tableName("sparse").expression("country LIKE 'C1%'").maxResults(20)).stream().toList();
        assertThat(pages).allSatisfy(page -> assertThat(page.partitions()).hasSizeLessThanOrEqualTo(20));
        assertThat(pages.stream().flatMap(page -> page.partitions().stream()).map(partition -> partition.values().get(1)).toList())
                .containsExactlyInAnyOrderElementsOf(expected);

        List<String> segmented = new ArrayList<>();
        for (int segment = 0; segment < 3; segment++) {
            int segmentNumber = segment;
            glue.getPartitionsPaginator(request -> request.databaseName(database).tableName("sparse").expression("country LIKE 'C1%'").segment(value -> value.segmentNumber(segmentNumber).totalSegments(3)))
                    .stream()
                    .flatMap(page -> page.partitions().stream())
                    .forEach(partition -> segmented.add(partition.values().get(1)));
        }
        assertThat(segmented).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void testExpressionComparesPartitionValuesByKeyType()
    {
        String database = "db_" + randomUUID().toString().replace("-", "");
        glue.createDatabase(request -> request.databaseInput(input -> input.name(database)));
        glue.createTable(request -> request.databaseName(database).tableInput(simpleTable("typed").toBuilder()
                .partitionKeys(
                        Column.builder().name("year").type("int").build(),
                        Column.builder().name("label").type("string").build(),
                        Column.builder().name("ds").type("date").build())
                .build()));
        List<PartitionInput> partitions = List.of(
                PartitionInput.builder().values("9", "9", "2024-01-09").storageDescriptor(storage("9")).build(),
                PartitionInput.builder().values("10", "10", "2024-01-10").storageDescriptor(storage("10")).build(),
                PartitionInput.builder().values("2024", "2024", "2024-02-01").storageDescriptor(storage("2024")).build(),
                PartitionInput.builder().values("__HIVE_DEFAULT_PARTITION__", "__HIVE_DEFAULT_PARTITION__", "__HIVE_DEFAULT_PARTITION__").storageDescriptor(storage("null")).build());
        assertThat(glue.batchCreatePartition(request -> request.databaseName(database).tableName("typed").partitionInputList(partitions)).errors()).isEmpty();

        assertThat(filter(database, "typed", "year > 9")).containsExactlyInAnyOrder("10", "2024");
        assertThat(filter(database, "typed", "label > '9'")).containsExactlyInAnyOrder("__HIVE_DEFAULT_PARTITION__");
        assertThat(filter(database, "typed", "year BETWEEN 10 AND 2000")).containsExactly("10");
        assertThat(filter(database, "typed", "ds >= '2024-01-10' AND ds < '2024-02-01'")).containsExactly("10");
        assertThat(filter(database, "typed", "year IN (9, 2024) OR label = '10'")).containsExactlyInAnyOrder("9", "10", "2024");
        // a value that is not of its key's type matches neither a condition nor its negation
        assertThat(filter(database, "typed", "NOT (year < 100)")).containsExactly("2024");
        assertThat(filter(database, "typed", "label = '__HIVE_DEFAULT_PARTITION__'")).containsExactly("__HIVE_DEFAULT_PARTITION__");
        assertThat(filter(database, "typed", "year IS NOT NULL")).hasSize(4);
        assertThat(filter(database, "typed", "")).hasSize(4);
    }

    @Test
    void testInvalidExpressionIsInvalidInput()
    {
        String database = createPartitionedTable("misfiltered");

        assertThatThrownBy(() -> glue.getPartitions(request -> request.databaseName(database).tableName("misfiltered").expression("region = 'eu'")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("GetPartitions Expression is not valid at position 1: region is not a partition key of the table; its partition keys are [day, country]");
        assertThatThrownBy(() -> glue.getPartitions(request -> request.databaseName(database).tableName("misfiltered").expression("day = '2024-01-01' AND")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at position 23: expected a partition key or a literal, but found the end of the expression");
    }

    private List<String> filter(String database, String table, String expression)
    {
        return glue.getPartitionsPaginator(request -> request.databaseName(database).tableName(table).expression(expression)).stream()
                .flatMap(page -> page.partitions().stream())
                .map(partition -> partition.values().getFirst())
                .toList();
    }

    @Test
    void testBatchCreatePartitionReportsFailedEntriesAndCreatesTheRest()
    {
        String database = createPartitionedTable("batch");
        glue.createPartition(request -> request.databaseName(database).tableName("batch").partitionInput(partition("d1", "c1")));

        BatchCreatePartitionResponse response = glue.batchCreatePartition(request -> request
                .databaseName(database)
                .tableName("batch")
                .partitionInputList(partition("d1", "c1"), partition("d2", "c2"), PartitionInput.builder().values("only-one-value").storageDescriptor(storage("x")).build()));

        assertThat(response.errors()).hasSize(2);
        assertThat(response.errors().get(0).partitionValues()).containsExactly("d1", "c1");
        assertThat(response.errors().get(0).errorDetail().errorCode()).isEqualTo("AlreadyExistsException");
        assertThat(response.errors().get(1).partitionValues()).containsExactly("only-one-value");
        assertThat(response.errors().get(1).errorDetail().errorCode()).isEqualTo("InvalidInputException");
        assertThat(response.errors().get(1).errorDetail().errorMessage()).contains("has 1 values, but the table has 2 partition keys [day, country]");
        assertThat(glue.getPartition(request -> request.databaseName(database).tableName("batch").partitionValues("d2", "c2")).partition().values())
                .containsExactly("d2", "c2");
    }

    @Test
    void testCreatePartitionChecksTheTable()
    {
        String database = createPartitionedTable("checked");
        glue.createTable(request -> request.databaseName(database).tableInput(simpleTable("unpartitioned")));

        glue.createPartition(request -> request.databaseName(database).tableName("checked").partitionInput(partition("d", "c")));
        assertThatThrownBy(() -> glue.createPartition(request -> request.databaseName(database).tableName("checked").partitionInput(partition("d", "c"))))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("Partition [d, c] of table %s.checked already exists".formatted(database));
        assertThatThrownBy(() -> glue.createPartition(request -> request.databaseName(database).tableName("checked").partitionInput(input -> input.storageDescriptor(storage("no-values")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CreatePartition requires the list field PartitionInput.Values");
        assertThatThrownBy(() -> glue.createPartition(request -> request.databaseName(database).tableName("unpartitioned").partitionInput(partition("d", "c"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Table %s.unpartitioned has no partition keys".formatted(database));
        assertThatThrownBy(() -> glue.batchCreatePartition(request -> request.databaseName(database).tableName("missing").partitionInputList(partition("d", "c"))))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Table %s.missing not found".formatted(database));
    }

    @Test
    void testBatchGetPartitionReturnsExistingPartitionsOnly()
    {
        String database = createPartitionedTable("lookup");
        createPartitions(database, "lookup", 4);

        BatchGetPartitionResponse response = glue.batchGetPartition(request -> request
                .databaseName(database)
                .tableName("lookup")
                .partitionsToGet(values("2024-01-01", "C0"), values("2024-01-02", "C1"), values("1999-01-01", "XX")));

        assertThat(response.partitions()).extracting(Partition::values).containsExactlyInAnyOrder(List.of("2024-01-01", "C0"), List.of("2024-01-02", "C1"));
        assertThat(response.unprocessedKeys()).isEmpty();
    }

    @Test
    void testUpdatePartitionReplacesItAndKeepsCreationTime()
    {
        String database = createPartitionedTable("altered");
        glue.createPartition(request -> request.databaseName(database).tableName("altered").partitionInput(partition("d", "c")));
        Partition original = glue.getPartition(request -> request.databaseName(database).tableName("altered").partitionValues("d", "c")).partition();

        glue.updatePartition(request -> request
                .databaseName(database)
                .tableName("altered")
                .partitionValueList("d", "c")
                .partitionInput(partition("d", "c").toBuilder().parameters(Map.of("numRows", "42")).build()));

        Partition updated = glue.getPartition(request -> request.databaseName(database).tableName("altered").partitionValues("d", "c")).partition();
        assertThat(updated.parameters()).isEqualTo(Map.of("numRows", "42"));
        assertThat(updated.creationTime()).isEqualTo(original.creationTime());
        assertThatThrownBy(() -> glue.updatePartition(request -> request.databaseName(database).tableName("altered").partitionValueList("x", "y").partitionInput(partition("x", "y"))))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Partition [x, y] of table %s.altered not found".formatted(database));
    }

    @Test
    void testBatchUpdatePartitionReportsMissingPartitions()
    {
        String database = createPartitionedTable("batch_altered");
        createPartitions(database, "batch_altered", 2);

        BatchUpdatePartitionResponse response = glue.batchUpdatePartition(request -> request
                .databaseName(database)
                .tableName("batch_altered")
                .entries(
                        BatchUpdatePartitionRequestEntry.builder()
                                .partitionValueList("2024-01-01", "C0")
                                .partitionInput(partition("2024-01-01", "C0").toBuilder().parameters(Map.of("numRows", "7")).build())
                                .build(),
                        BatchUpdatePartitionRequestEntry.builder()
                                .partitionValueList("1999-01-01", "XX")
                                .partitionInput(partition("1999-01-01", "XX"))
                                .build()));

        assertThat(response.errors()).hasSize(1);
        assertThat(response.errors().getFirst().partitionValueList()).containsExactly("1999-01-01", "XX");
        assertThat(response.errors().getFirst().errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(glue.getPartition(request -> request.databaseName(database).tableName("batch_altered").partitionValues("2024-01-01", "C0")).partition().parameters())
                .isEqualTo(Map.of("numRows", "7"));
    }

    @Test
    void testDeletePartitions()
    {
        String database = createPartitionedTable("pruned");
        createPartitions(database, "pruned", 3);

        glue.deletePartition(request -> request.databaseName(database).tableName("pruned").partitionValues("2024-01-01", "C0"));
        BatchDeletePartitionResponse response = glue.batchDeletePartition(request -> request
                .databaseName(database)
                .tableName("pruned")
                .partitionsToDelete(values("2024-01-02", "C1"), values("2024-01-01", "C0")));

        assertThat(response.errors()).hasSize(1);
        assertThat(response.errors().getFirst().partitionValues()).containsExactly("2024-01-01", "C0");
        assertThat(response.errors().getFirst().errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(glue.getPartitions(request -> request.databaseName(database).tableName("pruned")).partitions())
                .extracting(Partition::values)
                .containsExactly(List.of("2024-01-03", "C2"));
        assertThatThrownBy(() -> glue.deletePartition(request -> request.databaseName(database).tableName("pruned").partitionValues("2024-01-01", "C0")))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void testDeleteTableDeletesItsPartitions()
    {
        String database = createPartitionedTable("recreated");
        createPartitions(database, "recreated", 3);

        glue.deleteTable(request -> request.databaseName(database).name("recreated"));
        glue.createTable(request -> request.databaseName(database).tableInput(partitionedTable("recreated")));

        assertThat(glue.getPartitions(request -> request.databaseName(database).tableName("recreated")).partitions()).isEmpty();
    }

    private List<List<String>> createPartitions(String database, String table, int count)
    {
        List<PartitionInput> inputs = IntStream.range(0, count)
                .mapToObj(i -> partition("2024-01-%02d".formatted(i % 28 + 1), "C" + i))
                .collect(toImmutableList());
        for (int start = 0; start < count; start += 100) {
            List<PartitionInput> batch = inputs.subList(start, Math.min(count, start + 100));
            assertThat(glue.batchCreatePartition(request -> request.databaseName(database).tableName(table).partitionInputList(batch)).errors()).isEmpty();
        }
        return inputs.stream().map(PartitionInput::values).collect(toImmutableList());
    }

    private String createPartitionedTable(String table)
    {
        String database = "db_" + randomUUID().toString().replace("-", "");
        glue.createDatabase(request -> request.databaseInput(input -> input.name(database)));
        glue.createTable(request -> request.databaseName(database).tableInput(partitionedTable(table)));
        return database;
    }

    private static TableInput partitionedTable(String table)
    {
        return simpleTable(table).toBuilder()
                .partitionKeys(Column.builder().name("day").type("string").build(), Column.builder().name("country").type("string").build())
                .build();
    }

    private static PartitionInput partition(String day, String country)
    {
        return PartitionInput.builder()
                .values(day, country)
                .storageDescriptor(storage("day=%s/country=%s".formatted(day, country)))
                .parameters(Map.of())
                .build();
    }

    private static StorageDescriptor storage(String path)
    {
        return StorageDescriptor.builder()
                .columns(Column.builder().name("id").type("bigint").build())
                .location("s3://warehouse/" + path)
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .serdeInfo(SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe").parameters(Map.of()).build())
                .parameters(Map.of())
                .build();
    }

    private static PartitionValueList values(String... values)
    {
        return PartitionValueList.builder().values(values).build();
    }
}
