package io.lakehouse.catalog;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestGlueEndpointDatabases
{
    private final TestingGlueEndpoint endpoint = new TestingGlueEndpoint();
    private final GlueClient glue = endpoint.client();

    @AfterAll
    void tearDown()
    {
        endpoint.close();
    }

    @Test
    void testCreatedDatabaseKeepsInputAndGainsServerFields()
    {
        Instant before = Instant.now().minusSeconds(1);
        glue.createDatabase(request -> request.databaseInput(DatabaseInput.builder()
                .name("Sales")
                .description("sales data")
                .locationUri("s3://warehouse/sales")
                .parameters(Map.of("owner", "finance"))
                .build()));

        Database database = glue.getDatabase(request -> request.name("sales")).database();
        assertThat(database.name()).isEqualTo("sales");
        assertThat(database.description()).isEqualTo("sales data");
        assertThat(database.locationUri()).isEqualTo("s3://warehouse/sales");
        assertThat(database.parameters()).isEqualTo(Map.of("owner", "finance"));
        assertThat(database.catalogId()).isEqualTo("000000000000");
        assertThat(database.createTime()).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void testDatabaseNamesAreCaseInsensitive()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("MixedCase")));

        assertThat(glue.getDatabase(request -> request.name("MIXEDCASE")).database().name()).isEqualTo("mixedcase");
        assertThatThrownBy(() -> glue.createDatabase(request -> request.databaseInput(input -> input.name("mixedcase"))))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("Database mixedcase already exists");
    }

    @Test
    void testGetMissingDatabaseFailsWithEntityNotFound()
    {
        assertThatThrownBy(() -> glue.getDatabase(request -> request.name("no_such_database")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Database no_such_database not found");
    }

    @Test
    void testGetDatabasesReturnsEveryDatabaseAcrossPages()
    {
        for (int i = 0; i < 7; i++) {
            String name = "paged_%s".formatted(i);
            glue.createDatabase(request -> request.databaseInput(input -> input.name(name)));
        }

        List<GetDatabasesResponse> pages = glue.getDatabasesPaginator(request -> request.maxResults(3)).stream().toList();

        assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
        assertThat(pages).allSatisfy(page -> assertThat(page.databaseList()).hasSizeLessThanOrEqualTo(3));
        assertThat(pages.stream().flatMap(page -> page.databaseList().stream()).map(Database::name))
                .doesNotHaveDuplicates()
                .contains("paged_0", "paged_1", "paged_2", "paged_3", "paged_4", "paged_5", "paged_6");
    }

    @Test
    void testUpdateDatabaseReplacesDefinitionAndKeepsCreateTime()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("updated").description("before").parameters(Map.of("a", "1"))));
        Instant createTime = glue.getDatabase(request -> request.name("updated")).database().createTime();

        glue.updateDatabase(request -> request.name("updated").databaseInput(input -> input.name("updated").description("after").parameters(Map.of("b", "2"))));

        Database database = glue.getDatabase(request -> request.name("updated")).database();
        assertThat(database.description()).isEqualTo("after");
        assertThat(database.parameters()).isEqualTo(Map.of("b", "2"));
        assertThat(database.createTime()).isEqualTo(createTime);
    }

    @Test
    void testUpdateDatabaseWithNewNameMovesItsTables()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("old_name")));
        glue.createTable(request -> request.databaseName("old_name").tableInput(simpleTable("orders")));

        glue.updateDatabase(request -> request.name("old_name").databaseInput(input -> input.name("new_name")));

        assertThatThrownBy(() -> glue.getDatabase(request -> request.name("old_name")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(glue.getTable(request -> request.databaseName("new_name").name("orders")).table().databaseName()).isEqualTo("new_name");
    }

    @Test
    void testUpdateMissingDatabaseFailsWithEntityNotFound()
    {
        assertThatThrownBy(() -> glue.updateDatabase(request -> request.name("missing_update").databaseInput(input -> input.name("missing_update"))))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Database missing_update not found");
    }

    @Test
    void testDeleteDatabaseDeletesItsTables()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("doomed")));
        glue.createTable(request -> request.databaseName("doomed").tableInput(simpleTable("t")));

        glue.deleteDatabase(request -> request.name("doomed"));

        assertThatThrownBy(() -> glue.getDatabase(request -> request.name("doomed")))
                .isInstanceOf(EntityNotFoundException.class);
        glue.createDatabase(request -> request.databaseInput(input -> input.name("doomed")));
        assertThat(glue.getTables(request -> request.databaseName("doomed")).tableList()).isEmpty();
        assertThatThrownBy(() -> glue.deleteDatabase(request -> request.name("never_created")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Database never_created not found");
    }

    static TableInput simpleTable(String name)
    {
        return TableInput.builder()
                .name(name)
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(Column.builder().name("id").type("bigint").build())
                        .location("s3://warehouse/" + name)
                        .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                        .serdeInfo(SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe").build())
                        .build())
                .build();
    }
}
