package io.lakehouse.catalog;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.Order;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;

import java.util.List;
import java.util.Map;

import static io.lakehouse.catalog.TestGlueEndpointDatabases.simpleTable;
import static java.util.UUID.randomUUID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestGlueEndpointTables
{
    private final TestingGlueEndpoint endpoint = new TestingGlueEndpoint();
    private final GlueClient glue = endpoint.client();

    @AfterAll
    void tearDown()
    {
        endpoint.close();
    }

    @Test
    void testCreatedTableReturnsEveryFieldTrinoReads()
    {
        String database = createDatabase();
        StorageDescriptor storage = StorageDescriptor.builder()
                .columns(
                        Column.builder().name("id").type("bigint").comment("identifier").build(),
                        Column.builder().name("payload").type("map<string,array<int>>").parameters(Map.of("k", "v")).build())
                .location("s3://warehouse/events")
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                .serdeInfo(SerDeInfo.builder()
                        .serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                        .parameters(Map.of("field.delim", "\t", "serialization.format", "\t"))
                        .build())
                .numberOfBuckets(4)
                .bucketColumns("id")
                .sortColumns(Order.builder().column("id").sortOrder(1).build())
                .parameters(Map.of())
                .build();
        TableInput input = TableInput.builder()
                .name("Events")
                .owner("alice")
                .tableType("EXTERNAL_TABLE")
                .description("all events")
                .storageDescriptor(storage)
                .partitionKeys(Column.builder().name("day").type("string").build())
                .parameters(Map.of("trino_query_id", "20250101_000000_00000_abcde", "numRows", "10"))
                .build();

        glue.createTable(request -> request.databaseName(database).tableInput(input));

        Table table = glue.getTable(request -> request.databaseName(database).name("EVENTS")).table();
        assertThat(table.name()).isEqualTo("events");
        assertThat(table.databaseName()).isEqualTo(database);
        assertThat(table.owner()).isEqualTo("alice");
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.description()).isEqualTo("all events");
        assertThat(table.storageDescriptor()).isEqualTo(storage);
        assertThat(table.partitionKeys()).isEqualTo(input.partitionKeys());
        assertThat(table.parameters()).isEqualTo(input.parameters());
        assertThat(table.versionId()).isEqualTo("0");
        assertThat(table.catalogId()).isEqualTo("000000000000");
        assertThat(table.createTime()).isNotNull();
        assertThat(table.updateTime()).isEqualTo(table.createTime());
    }

    @Test
    void testViewKeepsItsText()
    {
        String database = createDatabase();
        glue.createTable(request -> request.databaseName(database).tableInput(TableInput.builder()
                .name("recent")
                .tableType("VIRTUAL_VIEW")
                .viewOriginalText("/* Presto View: eyJvcmlnaW5hbFNxbCI6IlNFTEVDVCAxIn0= */")
                .viewExpandedText("/* Presto View */")
                .parameters(Map.of("presto_view", "true"))
                .storageDescriptor(StorageDescriptor.builder().columns(Column.builder().name("x").type("int").build()).serdeInfo(SerDeInfo.builder().build()).build())
                .build()));

        Table view = glue.getTable(request -> request.databaseName(database).name("recent")).table();
        assertThat(view.tableType()).isEqualTo("VIRTUAL_VIEW");
        assertThat(view.viewOriginalText()).isEqualTo("/* Presto View: eyJvcmlnaW5hbFNxbCI6IlNFTEVDVCAxIn0= */");
        assertThat(view.viewExpandedText()).isEqualTo("/* Presto View */");
    }

    @Test
    void testCreateTableInMissingDatabaseFailsWithEntityNotFound()
    {
        assertThatThrownBy(() -> glue.createTable(request -> request.databaseName("no_such_schema").tableInput(simpleTable("t"))))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Database no_such_schema not found");
    }

    @Test
    void testCreateExistingTableFailsWithAlreadyExists()
    {
        String database = createDatabase();
        glue.createTable(request -> request.databaseName(database).tableInput(simpleTable("dup")));

        assertThatThrownBy(() -> glue.createTable(request -> request.databaseName(database).tableInput(simpleTable("DUP"))))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("Table %s.dup already exists".formatted(database));
    }

    @Test
    void testGetMissingTableNamesTheTable()
    {
        String database = createDatabase();
        assertThatThrownBy(() -> glue.getTable(request -> request.databaseName(database).name("absent")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Table %s.absent not found".formatted(database));
        assertThatThrownBy(() -> glue.getTable(request -> request.databaseName("absent_db").name("absent")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Database absent_db not found");
    }

    @Test
    void testGetTablesReturnsEveryTableAcrossPages()
    {
        String database = createDatabase();
        for (int i = 0; i < 12; i++) {
            String name = "t%02d".formatted(i);
            glue.createTable(request -> request.databaseName(database).tableInput(simpleTable(name)));
        }

        List<GetTablesResponse> pages = glue.getTablesPaginator(request -> request.databaseName(database).maxResults(5)).stream().toList();

        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(page -> page.tableList().stream()).map(Table::name))
                .containsExactly("t00", "t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09", "t10", "t11");
        assertThat(pages.getFirst().tableList().getFirst().storageDescriptor().columns()).extracting(Column::name).containsExactly("id");
    }

    @Test
    void testGetTablesFiltersByExpression()
    {
        String database = createDatabase();
        for (String name : List.of("orders", "orders_archive", "customers")) {
            glue.createTable(request -> request.databaseName(database).tableInput(simpleTable(name)));
        }

        List<String> names = glue.getTablesPaginator(request -> request.databaseName(database).expression("ORDERS.*").maxResults(1)).stream()
                .flatMap(page -> page.tableList().stream())
                .map(Table::name)
                .toList();

        assertThat(names).containsExactly("orders", "orders_archive");
    }

    @Test
    void testGetTablesOfMissingDatabaseFailsWithEntityNotFound()
    {
        assertThatThrownBy(() -> glue.getTables(request -> request.databaseName("no_tables_here")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Database no_tables_here not found");
    }

    @Test
    void testUpdateTableCreatesNewVersionAndKeepsHistory()
    {
        String database = createDatabase();
        glue.createTable(request -> request.databaseName(database).tableInput(simpleTable("versioned")));
        Table original = glue.getTable(request -> request.databaseName(database).name("versioned")).table();

        glue.updateTable(request -> request.databaseName(database).tableInput(simpleTable("versioned").toBuilder().parameters(Map.of("numRows", "1")).build()));
        glue.updateTable(request -> request.databaseName(database).tableInput(simpleTable("versioned").toBuilder().parameters(Map.of("numRows", "2")).build()));

        Table current = glue.getTable(request -> request.databaseName(database).name("versioned")).table();
        assertThat(current.versionId()).isEqualTo("2");
        assertThat(current.parameters()).isEqualTo(Map.of("numRows", "2"));
        assertThat(current.createTime()).isEqualTo(original.createTime());
        assertThat(current.updateTime()).isAfterOrEqualTo(original.updateTime());

        List<TableVersion> versions = glue.getTableVersionsPaginator(request -> request.databaseName(database).tableName("versioned").maxResults(2)).stream()
                .flatMap(page -> page.tableVersions().stream())
                .toList();
        assertThat(versions).extracting(TableVersion::versionId).containsExactly("2", "1", "0");
        assertThat(versions).extracting(version -> version.table().parameters()).containsExactly(Map.of("numRows", "2"), Map.of("numRows", "1"), Map.of());
        assertThat(glue.getTableVersion(request -> request.databaseName(database).tableName("versioned").versionId("1")).tableVersion().table().parameters())
                .isEqualTo(Map.of("numRows", "1"));
    }

    @Test
    void testUpdateTableWithStaleVersionFailsWithConcurrentModification()
    {
        String database = createDatabase();
        glue.createTable(request -> request.databaseName(database).tableInput(simpleTable("contended")));
        glue.updateTable(request -> request.databaseName(database).versionId("0").tableInput(simpleTable("contended").toBuilder().description("first writer").build()));

        assertThatThrownBy(() -> glue.updateTable(request -> request.databaseName(database).versionId("0").tableInput(simpleTable("contended").toBuilder().description("second writer").build())))
                .isInstanceOf(ConcurrentModificationException.class)
                .hasMessageContaining("Table %s.contended is at version 1, but UpdateTable expected version 0".formatted(database));
        assertThat(glue.getTable(request -> request.databaseName(database).name("contended")).table().description()).isEqualTo("first writer");
    }

    @Test
    void testUpdateTableWithSkipArchiveDropsPreviousVersion()
    {
        String database = createDatabase();
        glue.createTable(request -> request.databaseName(database).tableInput(simpleTable("unarchived")));

        glue.updateTable(request -> request.databaseName(database).skipArchive(true).tableInput(simpleTable("unarchived")));

        assertThat(glue.getTableVersions(request -> request.databaseName(database).tableName("unarchived")).tableVersions())
                .extracting(TableVersion::versionId)
                .containsExactly("1");
        assertThatThrownBy(() -> glue.getTableVersion(request -> request.databaseName(database).tableName("unarchived").versionId("0")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Version 0 of table %s.unarchived not found".formatted(database));
    }

    @Test
    void testUpdateMissingTableFailsWithEntityNotFound()
    {
        String database = createDatabase();
        assertThatThrownBy(() -> glue.updateTable(request -> request.databaseName(database).tableInput(simpleTable("ghost"))))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Table %s.ghost not found".formatted(database));
    }

    @Test
    void testRenameAsTrinoDoesIt()
    {
        String database = createDatabase();
        glue.createTable(request -> request.databaseName(database).tableInput(simpleTable("before").toBuilder().parameters(Map.of("p", "v")).build()));

        // Trino renames with get + create + delete
        Table table = glue.getTable(request -> request.databaseName(database).name("before")).table();
        glue.createTable(request -> request.databaseName(database).tableInput(TableInput.builder()
                .name("after")
                .description(table.description())
                .owner(table.owner())
                .storageDescriptor(table.storageDescriptor())
                .partitionKeys(table.partitionKeys())
                .tableType(table.tableType())
                .parameters(table.parameters())
                .build()));
        glue.deleteTable(request -> request.databaseName(database).name("before"));

        assertThat(glue.getTables(request -> request.databaseName(database)).tableList())
                .extracting(Table::name)
                .containsExactly("after");
        Table renamed = glue.getTable(request -> request.databaseName(database).name("after")).table();
        assertThat(renamed.storageDescriptor()).isEqualTo(table.storageDescriptor());
        assertThat(renamed.parameters()).isEqualTo(Map.of("p", "v"));
    }

    @Test
    void testDeleteTable()
    {
        String database = createDatabase();
        glue.createTable(request -> request.databaseName(database).tableInput(simpleTable("dropped")));

        glue.deleteTable(request -> request.databaseName(database).name("dropped"));

        assertThatThrownBy(() -> glue.getTable(request -> request.databaseName(database).name("dropped")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.deleteTable(request -> request.databaseName(database).name("dropped")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Table %s.dropped not found".formatted(database));
        // a table created again under the same name starts a new history
        glue.createTable(request -> request.databaseName(database).tableInput(simpleTable("dropped")));
        assertThat(glue.getTable(request -> request.databaseName(database).name("dropped")).table().versionId()).isEqualTo("0");
    }

    private String createDatabase()
    {
        String name = "db_" + randomUUID().toString().replace("-", "");
        glue.createDatabase(request -> request.databaseInput(input -> input.name(name)));
        return name;
    }
}
