package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airlift.json.ObjectMapperProvider;
import io.lakehouse.catalog.store.CatalogStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;

import static io.lakehouse.catalog.glue.GlueErrorType.ALREADY_EXISTS;
import static io.lakehouse.catalog.glue.GlueErrorType.ENTITY_NOT_FOUND;
import static io.lakehouse.catalog.glue.GlueErrorType.INVALID_INPUT;
import static io.lakehouse.catalog.glue.GlueErrorType.UNKNOWN_OPERATION;
import static java.time.ZoneOffset.UTC;
import static java.util.UUID.randomUUID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Calls {@link GlueOperations} directly, without HTTP, on an in-memory database and a fixed clock.
 */
final class TestGlueOperations
{
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.089Z");

    private final ObjectMapper objectMapper = new ObjectMapperProvider().get();
    private CatalogStore store;
    private GlueOperations operations;

    @BeforeEach
    void setUp()
    {
        store = new CatalogStore("jdbc:h2:mem:" + randomUUID(), "sa", "", 4, objectMapper);
        Clock clock = Clock.fixed(NOW, UTC);
        CatalogId catalogId = new CatalogId("111122223333");
        operations = new GlueOperations(
                catalogId,
                new DatabaseOperations(store, catalogId, clock),
                new TableOperations(store, catalogId, clock),
                new PartitionOperations(store, catalogId, clock),
                new ColumnStatisticsOperations(store),
                new FunctionOperations(store, catalogId, clock));
    }

    @AfterEach
    void tearDown()
    {
        store.close();
    }

    @Test
    void testTimestampsAreEpochSecondsWithMilliseconds()
    {
        execute("CreateDatabase", "{'DatabaseInput': {'Name': 'timed'}}");

        JsonNode database = execute("GetDatabase", "{'Name': 'timed'}").get("Database");

        assertThat(database.get("CreateTime").isNumber()).isTrue();
        assertThat(database.get("CreateTime").decimalValue()).isEqualByComparingTo("1741064767.089");
        assertThat(database.get("CatalogId").asText()).isEqualTo("111122223333");
    }

    @Test
    void testUnknownFieldsOfInputsAreKept()
    {
        execute("CreateDatabase", "{'DatabaseInput': {'Name': 'lossless'}}");
        execute("CreateTable", "{'DatabaseName': 'lossless', 'TableInput': {'Name': 't', 'FutureField': {'nested': [1, 2]}, 'StorageDescriptor': {'Columns': [], 'Compressed': true, 'StoredAsSubDirectories': false}}}");

        JsonNode table = execute("GetTable", "{'DatabaseName': 'lossless', 'Name': 't'}").get("Table");

        assertThat(table.get("FutureField")).isEqualTo(json("{'nested': [1, 2]}"));
        assertThat(table.get("StorageDescriptor").get("Compressed").booleanValue()).isTrue();
    }

    @Test
    void testUnknownOperationListsSupportedOnes()
    {
        assertThatThrownBy(() -> execute("CreateCrawler", "{}"))
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.getErrorType()).isEqualTo(UNKNOWN_OPERATION))
                .hasMessageContaining("Operation CreateCrawler is not supported by this catalog")
                .hasMessageContaining("BatchCreatePartition");
        assertThat(operations.supportedOperations()).contains("GetTableVersions", "GetUserDefinedFunctions", "UpdateColumnStatisticsForPartition");
    }

    @Test
    void testMissingRequiredFieldNamesTheField()
    {
        assertThatThrownBy(() -> execute("CreateTable", "{'DatabaseName': 'x', 'TableInput': {}}"))
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.getErrorType()).isEqualTo(INVALID_INPUT))
                .hasMessage("CreateTable requires the string field TableInput.Name");
        assertThatThrownBy(() -> execute("GetPartitions", "{'DatabaseName': 'x', 'TableName': 'y', 'Segment': {'SegmentNumber': 5, 'TotalSegments': 5}}"))
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.getErrorType()).isEqualTo(INVALID_INPUT))
                .hasMessageContaining("SegmentNumber between 0 and TotalSegments - 1");
    }

    @Test
    void testRenamingDatabaseOntoExistingOneFails()
    {
        execute("CreateDatabase", "{'DatabaseInput': {'Name': 'a'}}");
        execute("CreateDatabase", "{'DatabaseInput': {'Name': 'b'}}");

        assertThatThrownBy(() -> execute("UpdateDatabase", "{'Name': 'a', 'DatabaseInput': {'Name': 'B'}}"))
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.getErrorType()).isEqualTo(ALREADY_EXISTS))
                .hasMessage("Cannot rename database a to b: database b already exists");
    }

    @Test
    void testRenamedDatabaseKeepsPartitionsStatisticsAndFunctions()
    {
        execute("CreateDatabase", "{'DatabaseInput': {'Name': 'before'}}");
        execute("CreateTable", "{'DatabaseName': 'before', 'TableInput': {'Name': 't', 'PartitionKeys': [{'Name': 'p', 'Type': 'string'}], 'StorageDescriptor': {'Columns': [{'Name': 'c', 'Type': 'int'}]}}}");
        execute("CreatePartition", "{'DatabaseName': 'before', 'TableName': 't', 'PartitionInput': {'Values': ['1']}}");
        execute("UpdateColumnStatisticsForPartition", "{'DatabaseName': 'before', 'TableName': 't', 'PartitionValues': ['1'], 'ColumnStatisticsList': [{'ColumnName': 'c', 'ColumnType': 'int', 'StatisticsData': {'Type': 'LONG'}}]}");
        execute("CreateUserDefinedFunction", "{'DatabaseName': 'before', 'FunctionInput': {'FunctionName': 'f'}}");

        execute("UpdateDatabase", "{'Name': 'before', 'DatabaseInput': {'Name': 'after'}}");

        assertThat(execute("GetPartition", "{'DatabaseName': 'after', 'TableName': 't', 'PartitionValues': ['1']}").get("Partition").get("DatabaseName").asText()).isEqualTo("after");
        assertThat(execute("GetColumnStatisticsForPartition", "{'DatabaseName': 'after', 'TableName': 't', 'PartitionValues': ['1'], 'ColumnNames': ['c']}").get("ColumnStatisticsList")).hasSize(1);
        assertThat(execute("GetUserDefinedFunction", "{'DatabaseName': 'after', 'FunctionName': 'f'}").get("UserDefinedFunction").get("DatabaseName").asText()).isEqualTo("after");
        assertThat(execute("GetTableVersions", "{'DatabaseName': 'after', 'TableName': 't'}").get("TableVersions")).hasSize(1);
    }

    @Test
    void testUpdatePartitionWithNewValuesMovesItsStatistics()
    {
        execute("CreateDatabase", "{'DatabaseInput': {'Name': 'moves'}}");
        execute("CreateTable", "{'DatabaseName': 'moves', 'TableInput': {'Name': 't', 'PartitionKeys': [{'Name': 'p', 'Type': 'string'}], 'StorageDescriptor': {'Columns': [{'Name': 'c', 'Type': 'int'}]}}}");
        execute("CreatePartition", "{'DatabaseName': 'moves', 'TableName': 't', 'PartitionInput': {'Values': ['old']}}");
        execute("UpdateColumnStatisticsForPartition", "{'DatabaseName': 'moves', 'TableName': 't', 'PartitionValues': ['old'], 'ColumnStatisticsList': [{'ColumnName': 'c', 'ColumnType': 'int', 'StatisticsData': {'Type': 'LONG'}}]}");

        execute("UpdatePartition", "{'DatabaseName': 'moves', 'TableName': 't', 'PartitionValueList': ['old'], 'PartitionInput': {'Values': ['new']}}");

        assertThatThrownBy(() -> execute("GetPartition", "{'DatabaseName': 'moves', 'TableName': 't', 'PartitionValues': ['old']}"))
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.getErrorType()).isEqualTo(ENTITY_NOT_FOUND));
        assertThat(execute("GetPartition", "{'DatabaseName': 'moves', 'TableName': 't', 'PartitionValues': ['new']}").get("Partition").get("Values")).isEqualTo(json("['new']"));
        assertThat(execute("GetColumnStatisticsForPartition", "{'DatabaseName': 'moves', 'TableName': 't', 'PartitionValues': ['new'], 'ColumnNames': ['c']}").get("ColumnStatisticsList")).hasSize(1);
    }

    @Test
    void testNextTokenOfOneListingIsRejectedByAnother()
    {
        execute("CreateDatabase", "{'DatabaseInput': {'Name': 'tokens1'}}");
        execute("CreateDatabase", "{'DatabaseInput': {'Name': 'tokens2'}}");
        String token = execute("GetDatabases", "{'MaxResults': 1}").get("NextToken").asText();

        assertThat(execute("GetDatabases", "{'MaxResults': 1, 'NextToken': '%s'}".formatted(token)).get("DatabaseList").get(0).get("Name").asText()).isEqualTo("tokens2");
        assertThatThrownBy(() -> execute("GetTables", "{'DatabaseName': 'tokens1', 'NextToken': '%s'}".formatted(token)))
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.getErrorType()).isEqualTo(INVALID_INPUT))
                .hasMessageContaining("NextToken was not returned by a previous GetTables call");
    }

    @Test
    void testDeleteDatabaseDeletesItsFunctions()
    {
        execute("CreateDatabase", "{'DatabaseInput': {'Name': 'udfs'}}");
        execute("CreateUserDefinedFunction", "{'DatabaseName': 'udfs', 'FunctionInput': {'FunctionName': 'f'}}");

        execute("DeleteDatabase", "{'Name': 'udfs'}");
        execute("CreateDatabase", "{'DatabaseInput': {'Name': 'udfs'}}");

        assertThat(execute("GetUserDefinedFunctions", "{'DatabaseName': 'udfs', 'Pattern': '.*'}").get("UserDefinedFunctions")).isEmpty();
        assertThat(execute("GetUserDefinedFunctions", "{}").get("UserDefinedFunctions")).isEmpty();
    }

    private ObjectNode execute(String operation, String body)
    {
        return operations.execute(operation, (ObjectNode) json(body));
    }

    private JsonNode json(String singleQuoted)
    {
        try {
            return objectMapper.readTree(singleQuoted.replace('\'', '"'));
        }
        catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
