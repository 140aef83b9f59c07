package io.lakehouse.catalog;

import com.google.common.collect.ImmutableMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsType;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableVersion;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.lakehouse.catalog.TestGlueEndpointDatabases.simpleTable;
import static io.lakehouse.catalog.TestingGlueEndpoint.createGlueClient;
import static io.lakehouse.catalog.TestingGlueEndpoint.endpointProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestGlueEndpointLifecycle
{
    @Test
    void testCatalogSurvivesRestart()
    {
        try (TestingGlueEndpoint endpoint = new TestingGlueEndpoint()) {
            GlueClient glue = endpoint.client();
            glue.createDatabase(request -> request.databaseInput(input -> input.name("durable").parameters(Map.of("k", "v"))));
            glue.createTable(request -> request.databaseName("durable").tableInput(simpleTable("facts").toBuilder()
                    .partitionKeys(Column.builder().name("day").type("string").build())
                    .build()));
            glue.updateTable(request -> request.databaseName("durable").tableInput(simpleTable("facts").toBuilder()
                    .partitionKeys(Column.builder().name("day").type("string").build())
                    .parameters(Map.of("numRows", "3"))
                    .build()));
            glue.createPartition(request -> request.databaseName("durable").tableName("facts").partitionInput(PartitionInput.builder()
                    .values("2024-01-01")
                    .storageDescriptor(simpleTable("facts").storageDescriptor())
                    .build()));
            ColumnStatistics statistics = ColumnStatistics.builder()
                    .columnName("id")
                    .columnType("bigint")
                    .analyzedTime(Instant.parse("2025-01-01T00:00:00Z"))
                    .statisticsData(data -> data
                            .type(ColumnStatisticsType.DECIMAL)
                            .decimalColumnStatisticsData(decimal -> decimal
                                    .minimumValue(value -> value.unscaledValue(SdkBytes.fromByteArray(BigInteger.ONE.toByteArray())).scale(0))
                                    .maximumValue(value -> value.unscaledValue(SdkBytes.fromByteArray(BigInteger.TEN.toByteArray())).scale(0))
                                    .numberOfNulls(0L)
                                    .numberOfDistinctValues(10L)))
                    .build();
            glue.updateColumnStatisticsForTable(request -> request.databaseName("durable").tableName("facts").columnStatisticsList(statistics));
            glue.createUserDefinedFunction(request -> request.databaseName("durable").functionInput(input -> input.functionName("trino__f__00").className("TrinoFunction")));
            Table before = glue.getTable(request -> request.databaseName("durable").name("facts")).table();

            endpoint.restart();
            GlueClient restarted = endpoint.client();

            assertThat(restarted.getDatabase(request -> request.name("durable")).database().parameters()).isEqualTo(Map.of("k", "v"));
            assertThat(restarted.getTable(request -> request.databaseName("durable").name("facts")).table()).isEqualTo(before);
            assertThat(restarted.getTableVersions(request -> request.databaseName("durable").tableName("facts")).tableVersions())
                    .extracting(TableVersion::versionId)
                    .containsExactly("1", "0");
            assertThat(restarted.getPartitions(request -> request.databaseName("durable").tableName("facts")).partitions())
                    .extracting(Partition::values)
                    .containsExactly(List.of("2024-01-01"));
            assertThat(restarted.getColumnStatisticsForTable(request -> request.databaseName("durable").tableName("facts").columnNames("id")).columnStatisticsList())
                    .containsExactly(statistics);
            assertThat(restarted.getUserDefinedFunction(request -> request.databaseName("durable").functionName("trino__f__00")).userDefinedFunction().className())
                    .isEqualTo("TrinoFunction");
        }
    }

    @Test
    void testClosedEndpointReleasesDatabaseAndPort()
    {
        try (TestingGlueEndpoint endpoint = new TestingGlueEndpoint()) {
            String databaseUrl = endpoint.databaseUrl();
            endpoint.client().createDatabase(request -> request.databaseInput(input -> input.name("shared")));

            // a second endpoint in the same JVM opens the same database while the first one is running
            try (GlueEndpoint second = GlueEndpoint.start(endpointProperties(databaseUrl));
                    GlueClient secondClient = createGlueClient(second.getBaseUri())) {
                assertThat(second.getBaseUri()).isNotEqualTo(endpoint.baseUri());
                assertThat(secondClient.getDatabase(request -> request.name("shared")).database().name()).isEqualTo("shared");
            }

            assertThat(endpoint.client().getDatabase(request -> request.name("shared")).database().name()).isEqualTo("shared");
        }
    }

    @Test
    void testInvalidConfigurationNamesTheProperty()
    {
        assertThatThrownBy(() -> GlueEndpoint.start(ImmutableMap.of()))
                .hasMessageContaining("catalog.database-url")
                .hasMessageContaining("is required");
        assertThatThrownBy(() -> GlueEndpoint.start(ImmutableMap.of("catalog.database-url", "jdbc:mysql://localhost/catalog")))
                .hasMessageContaining("catalog.database-url")
                .hasMessageContaining("must be an H2 JDBC URL");
        assertThatThrownBy(() -> GlueEndpoint.start(ImmutableMap.of("catalog.database-url", "jdbc:h2:mem:typo", "catalog.databse-user", "x")))
                .hasMessageContaining("Configuration property 'catalog.databse-user' was not used");
    }

    @Test
    void testDatabaseOfAnH2ServerFailsStartWithWhatToUseInstead()
    {
        assertThatThrownBy(() -> GlueEndpoint.start(endpointProperties("jdbc:h2:tcp://127.0.0.1:1/catalog")))
                .hasMessageContaining("Unsupported H2 database 'jdbc:h2:tcp://127.0.0.1:1/catalog'")
                .hasMessageContaining("jdbc:postgresql://host:port/database");
    }

    @Test
    void testUnreachablePostgreSqlFailsStartNamingTheDatabase()
    {
        assertThatThrownBy(() -> GlueEndpoint.start(endpointProperties("jdbc:postgresql://127.0.0.1:1/catalog")))
                .hasMessageContaining("Cannot open the catalog database jdbc:postgresql://127.0.0.1:1/catalog")
                .hasMessageContaining("Connection to 127.0.0.1:1 refused")
                .hasMessageContaining("that the PostgreSQL server is running and accepts connections from this host");
    }
}
