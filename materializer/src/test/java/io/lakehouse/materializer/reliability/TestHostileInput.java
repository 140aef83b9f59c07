package io.lakehouse.materializer.reliability;

import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.execution.TaskPlan;
import io.lakehouse.materializer.execution.Warehouse;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.ModelLoader;
import io.lakehouse.materializer.model.ModelParser;
import io.lakehouse.materializer.schedule.Interval;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.SingleColumn;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.StringLiteral;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * Input that tries to become SQL or to leave its place: template values with SQL in them stay string literals, and
 * names and paths with {@code ../} are refused. Signed Glue calls are proven by the catalog's
 * {@code TestGlueEndpointAuthentication} (unsigned, wrong key, changed body or operation, expired), API tokens by
 * {@code TestMaterializerServer}, landing dataset names by the connector's {@code TestLandingConnector}.
 */
@TestInstance(PER_CLASS)
final class TestHostileInput
{
    private static final String INJECTION = "x'; DROP TABLE lake.hostile.victim; --";

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
    void declaredVariableWithSqlInItIsRenderedAsOneStringLiteral(@TempDir Path models)
            throws Exception
    {
        lakehouse.query("CREATE SCHEMA IF NOT EXISTS lake.hostile WITH (location = 's3://lake/hostile/')");
        lakehouse.query("CREATE TABLE lake.hostile.victim AS SELECT 1 AS id");
        Files.writeString(models.resolve("notes.sql"), """
                MODEL (name lake.hostile.notes, kind FULL, variables (note = '%s'));
                SELECT {{ note }} AS note, {{ ds }} AS ds
                """.formatted(INJECTION.replace("'", "''")));
        ModelGraph graph = TestingLakehouse.models(models);
        Model model = graph.models().getFirst();

        Statement statement = new SqlParser().createStatement(TaskPlan.of(model, new Interval(LocalDate.of(2024, 1, 1).atStartOfDay(), LocalDate.of(2024, 1, 2).atStartOfDay()), new RunId("hostile_1"), Optional.of(new Warehouse("s3://lake/"))).stage());
        QuerySpecification select = (QuerySpecification) ((Query) ((CreateTableAsSelect) statement).getQuery()).getQueryBody();
        assertThat(((SingleColumn) select.getSelect().getSelectItems().getFirst()).getExpression()).isEqualTo(new StringLiteral(INJECTION));

        try (Materializer materializer = lakehouse.materializer("hostile", "instance-a")) {
            RunSummary summary = materializer.run(TestingLakehouse.nextRunId(), "run", materializer.planner().forDate(graph.models(), LocalDate.of(2024, 1, 1)), graph, RunOptions.sequential(), new TaskListener() {});
            assertThat(summary.isSuccess()).as("run: %s", summary).isTrue();
        }
        assertThat(lakehouse.query("SELECT note FROM lake.hostile.notes").getOnlyValue()).isEqualTo(INJECTION);
        assertThat(lakehouse.query("SELECT id FROM lake.hostile.victim").getOnlyValue()).isEqualTo(1);
    }

    @Test
    void modelNamesThatWouldLeaveTheWarehouseAreRefused(@TempDir Path models)
            throws IOException
    {
        ModelLoader loader = new ModelLoader(new ModelParser());
        for (String name : List.of("lake.\"../bronze\".t", "lake.\"..\".t", "lake.\"a/b\".t", "lake.bronze.\"../t\"")) {
            Path directory = Files.createDirectories(models.resolve("m" + Math.abs(name.hashCode())));
            Files.writeString(directory.resolve("m.sql"), "MODEL (name %s, kind FULL);\nSELECT 1 AS one\n".formatted(name));
            assertThatThrownBy(() -> loader.load(directory))
                    .as("model name %s", name)
                    .hasMessageContaining(directory.resolve("m.sql").toString());
        }
    }

    @Test
    void readFilesRefusesPathsThatClimbOutOfTheirFolder()
    {
        lakehouse.s3().putObject("lake", "secret/data.csv", "secret\nleaked\n".getBytes(StandardCharsets.UTF_8));
        lakehouse.s3().putObject("landing", "open/data.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(lakehouse.query("SELECT a FROM TABLE(lakehouse.system.read_files(path => 's3://landing/open/'))").getOnlyValue()).isEqualTo(1L);
        for (String path : List.of("s3://landing/open/../../lake/secret/", "s3://landing/../lake/secret/", "s3://landing/open/..", "s3://landing/%2e%2e/lake/secret/")) {
            assertThatThrownBy(() -> lakehouse.query("SELECT * FROM TABLE(lakehouse.system.read_files(path => '%s'))".formatted(path)))
                    .as("path %s", path)
                    .hasMessageNotContaining("leaked");
        }
    }
}
