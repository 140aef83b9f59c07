package io.lakehouse.materializer.execution;

import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.ModelLoader;
import io.lakehouse.materializer.model.ModelParser;
import io.lakehouse.materializer.template.TemplateVariables;
import io.trino.plugin.memory.MemoryPlugin;
import io.trino.plugin.tpch.TpchPlugin;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.trino.testing.TestingSession.testSessionBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestModelRunner
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);

    private final AtomicInteger runs = new AtomicInteger();
    private QueryRunner queryRunner;

    @BeforeAll
    void startTrino()
            throws Exception
    {
        queryRunner = DistributedQueryRunner.builder(testSessionBuilder().setCatalog("memory").setSchema("default").build())
                .setWorkerCount(0)
                .build();
        queryRunner.installPlugin(new MemoryPlugin());
        queryRunner.createCatalog("memory", "memory", Map.of());
        queryRunner.installPlugin(new TpchPlugin());
        queryRunner.createCatalog("tpch", "tpch", Map.of());
    }

    @AfterAll
    void stopTrino()
    {
        queryRunner.close();
        queryRunner = null;
    }

    @Test
    void testMaterializesModelsInDependencyOrder(@TempDir Path directory)
            throws Exception
    {
        // the silver model sorts first by path and reads bronze by a schema-qualified name, so only the graph orders them
        write(directory.resolve("test/1_silver/nations_per_region.sql"), """
                MODEL (name memory.order_silver.nations_per_region, kind FULL);
                SELECT regionkey, count(*) AS nations, max(ds) AS ds
                FROM order_bronze.nations
                GROUP BY regionkey
                """);
        write(directory.resolve("test/2_bronze/nations.sql"), """
                MODEL (name memory.order_bronze.nations, kind FULL, description 'TPC-H nations');
                SELECT nationkey, name, regionkey, {{ ds }} AS ds
                FROM tpch.tiny.nation
                """);

        List<ModelResult> results = run(directory, DS);

        assertThat(results).extracting(result -> result.model().name().toString())
                .containsExactly("memory.order_bronze.nations", "memory.order_silver.nations_per_region");
        assertThat(results).extracting(ModelResult::rows).containsExactly(25L, 5L);
        assertThat(results).allSatisfy(result -> assertThat(result.queryId()).matches("\\d{8}_\\d{6}_\\d{5}_\\w{5}"));
        assertThat(queryRunner.execute("SELECT count(*), count(DISTINCT name), max(ds) FROM memory.order_bronze.nations").getMaterializedRows().getFirst().getFields())
                .containsExactly(25L, 25L, DS);
        assertThat(queryRunner.execute("SELECT sum(nations), count(*), max(ds) FROM memory.order_silver.nations_per_region").getMaterializedRows().getFirst().getFields())
                .containsExactly(25L, 5L, DS);
        assertThat(tables("order_bronze")).containsExactly("nations");
        assertThat(tables("order_silver")).containsExactly("nations_per_region");
    }

    @Test
    void testRerunReplacesTables(@TempDir Path directory)
            throws Exception
    {
        write(directory.resolve("rerun.sql"), """
                MODEL (name memory.rerun.regions, kind FULL);
                SELECT regionkey, name, {{ ds }} AS ds FROM tpch.tiny.region
                """);

        run(directory, DS);
        List<ModelResult> rerun = run(directory, DS.plusDays(1));

        assertThat(rerun).extracting(ModelResult::rows).containsExactly(5L);
        assertThat(queryRunner.execute("SELECT count(*), min(ds), max(ds) FROM memory.rerun.regions").getMaterializedRows().getFirst().getFields())
                .containsExactly(5L, DS.plusDays(1), DS.plusDays(1));
        assertThat(tables("rerun")).containsExactly("regions");
    }

    @Test
    void testFailingQueryNamesTheFileAndLeavesTheTableAndNoStagingTable(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("failing.sql");
        write(file, """
                MODEL (name memory.failing.nations, kind FULL);
                SELECT nationkey, name FROM tpch.tiny.nation
                """);
        run(directory, DS);

        write(file, """
                MODEL (name memory.failing.nations, kind FULL);
                SELECT nationkey, CAST(name AS integer) AS name FROM tpch.tiny.nation
                """);

        assertThatThrownBy(() -> run(directory, DS))
                .isInstanceOf(ModelExecutionException.class)
                .hasMessageContaining("Model memory.failing.nations (%s) failed while writing staging table memory.failing.nations__stg_".formatted(file))
                .hasMessageContaining("Cannot cast 'ALGERIA' to INT")
                .hasMessageContaining("was dropped")
                .hasMessageContaining("memory.failing.nations is unchanged");
        assertThat(tables("failing")).containsExactly("nations");
        assertThat(queryRunner.execute("SELECT count(*) FROM memory.failing.nations").getOnlyValue()).isEqualTo(25L);
    }

    @Test
    void testFailureAfterStagingTableWasWrittenDropsIt(@TempDir Path directory)
            throws Exception
    {
        // a view where the table should go: the staging table is written, then replacing the view fails
        queryRunner.execute("CREATE SCHEMA memory.blocked");
        queryRunner.execute("CREATE VIEW memory.blocked.nations AS SELECT 1 AS x");
        Path file = directory.resolve("blocked.sql");
        write(file, """
                MODEL (name memory.blocked.nations, kind FULL);
                SELECT nationkey, name FROM tpch.tiny.nation
                """);

        assertThatThrownBy(() -> run(directory, DS))
                .isInstanceOf(ModelExecutionException.class)
                .hasMessageContaining("Model memory.blocked.nations (%s) failed".formatted(file))
                .hasMessageMatching("(?s).*The staging table memory\\.blocked\\.nations__stg_\\w+ was dropped\\..*");
        assertThat(tables("blocked")).containsExactly("nations");
        assertThat(queryRunner.execute("SELECT x FROM memory.blocked.nations").getOnlyValue()).isEqualTo(1);
    }

    @Test
    void testAnalysisErrorPointsAtTheLineOfTheModelFile(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("unknown_column.sql");
        write(file, """
                MODEL (
                  name memory.unknown_column.nations,
                  kind FULL
                );
                SELECT
                  nationkey,
                  no_such_column
                FROM tpch.tiny.nation
                """);

        assertThatThrownBy(() -> run(directory, DS))
                .isInstanceOf(ModelExecutionException.class)
                .hasMessageContaining("Column 'no_such_column' cannot be resolved")
                .hasMessageContaining("at %s:7".formatted(file));
        assertThat(tables("unknown_column")).isEmpty();
    }

    @Test
    void testRunStopsAtTheFirstFailingModel(@TempDir Path directory)
            throws Exception
    {
        write(directory.resolve("a.sql"), "MODEL (name memory.stops.a, kind FULL);\nSELECT CAST('x' AS integer) AS broken");
        write(directory.resolve("b.sql"), "MODEL (name memory.stops.b, kind FULL);\nSELECT * FROM memory.stops.a");

        assertThatThrownBy(() -> run(directory, DS))
                .isInstanceOfSatisfying(ModelExecutionException.class, e -> assertThat(e.getModel().name().table()).isEqualTo("a"));
        assertThat(tables("stops")).isEmpty();
    }

    @Test
    void testCancelStopsTheRunningQueryAndDropsTheStagingTable(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("slow.sql");
        write(file, "MODEL (name memory.cancelled.lineitems, kind FULL);\nSELECT count(*) AS lineitems FROM tpch.sf1000.lineitem");
        List<Model> models = new ModelLoader(new ModelParser()).load(directory);

        try (Connection connection = connect(); ExecutorService executor = Executors.newSingleThreadExecutor()) {
            ModelRunner runner = new ModelRunner(connection, new RunContext(new RunId("test_cancel"), TemplateVariables.forDs(DS), Optional.empty()));
            Future<List<ModelResult>> run = executor.submit(() -> runner.run(models, new RunListener() {}));
            while (runningQueries("CREATE TABLE memory.cancelled.lineitems__stg_test_cancel%") == 0) {
                assertThat(run).isNotDone();
                Thread.sleep(50);
            }

            runner.cancel();

            assertThatThrownBy(run::get)
                    .cause()
                    .isInstanceOf(ModelExecutionException.class)
                    .hasMessageContaining("Model memory.cancelled.lineitems (%s) failed while writing staging table".formatted(file))
                    .hasMessageContaining("was dropped");
        }
        assertThat(tables("cancelled")).isEmpty();
        assertThat(runningQueries("CREATE TABLE memory.cancelled.lineitems__stg_test_cancel%")).isZero();
    }

    private long runningQueries(String pattern)
    {
        return (long) queryRunner.execute("SELECT count(*) FROM system.runtime.queries WHERE state NOT IN ('FINISHED', 'FAILED') AND query LIKE '%s'".formatted(pattern)).getOnlyValue();
    }

    private Connection connect()
            throws SQLException
    {
        URI server = queryRunner.getCoordinator().getBaseUrl();
        return DriverManager.getConnection("jdbc:trino://" + server.getHost() + ":" + server.getPort(), "lakehouse", null);
    }

    private List<ModelResult> run(Path directory, LocalDate ds)
            throws SQLException
    {
        List<Model> models = ModelGraph.of(new ModelLoader(new ModelParser()).load(directory)).models();
        try (Connection connection = connect()) {
            RunContext context = new RunContext(new RunId("test_run_" + runs.incrementAndGet()), TemplateVariables.forDs(ds), Optional.empty());
            return new ModelRunner(connection, context).run(models, new RunListener() {});
        }
    }

    private List<String> tables(String schema)
    {
        return queryRunner.execute("SELECT table_name FROM memory.information_schema.tables WHERE table_schema = '%s' ORDER BY table_name".formatted(schema))
                .getOnlyColumn()
                .map(String.class::cast)
                .collect(toImmutableList());
    }

    private static void write(Path file, String content)
            throws IOException
    {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
