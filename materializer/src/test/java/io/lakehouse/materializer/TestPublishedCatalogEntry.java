package io.lakehouse.materializer;

import io.lakehouse.catalog.refresh.ColumnStatistic;
import io.lakehouse.materializer.publish.GlueCatalog;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.google.common.collect.ImmutableMap.toImmutableMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * After {@code materializer run}, what Trino and Glue show of a published table: its statistics (row count,
 * distinct values, nulls) in {@code SHOW STATS} at once, although Trino caches statistics, the model's
 * description and column descriptions as comments (also in trino-jdbc's {@code DatabaseMetaData}, as DBeaver reads
 * them, under catalog {@code lakehouse} with the ledger's system tables), and the publication (run, data interval,
 * row count, publish time, source models) in the table's and partition's parameters.
 */
@TestInstance(PER_CLASS)
final class TestPublishedCatalogEntry
{
    private static final Pattern RUN_ID = Pattern.compile("Run (\\w+) on Trino");

    private TestingLakehouse lakehouse;
    private GlueCatalog glue;

    @BeforeAll
    void start()
            throws Exception
    {
        lakehouse = new TestingLakehouse();
        glue = lakehouse.glueCatalog();
    }

    @AfterAll
    void stop()
            throws IOException
    {
        glue.close();
        lakehouse.close();
    }

    @Test
    void testRunPublishesStatisticsCommentsAndPublicationWithTheData(@TempDir Path models)
            throws IOException, SQLException
    {
        // day d keeps the nations with nationkey < 10 d; regionkey is NULL for nations 0 to 4
        Files.writeString(models.resolve("nations.sql"), """
                MODEL (
                  name lake.refreshed.nations,
                  kind FULL,
                  description 'TPC-H nations known on the day',
                  column_descriptions (nationkey = 'nation id', name = 'nation name')
                );
                SELECT nationkey, name, CASE WHEN nationkey < 5 THEN NULL ELSE regionkey END AS regionkey
                FROM tpch.tiny.nation WHERE nationkey < day_of_month({{ ds }}) * 10
                """);
        Files.writeString(models.resolve("nation_days.sql"), """
                MODEL (
                  name lake.refreshed.nation_days,
                  kind INCREMENTAL_BY_TIME_RANGE,
                  time_column ds,
                  start '2024-01-01',
                  description 'Nations by day'
                );
                SELECT nationkey, name, {{ ds }} AS ds FROM lake.refreshed.nations
                """);

        run(models, "2024-01-01");
        // Trino caches statistics it read: the second publish must replace them
        assertThat(tableRowCount("lake.refreshed.nations")).isEqualTo(10.0);
        assertThat(tableRowCount("lake.refreshed.nation_days")).isEqualTo(10.0);
        String runId = run(models, "2024-01-02");

        Map<String, MaterializedRow> stats = stats("lake.refreshed.nations");
        assertThat(stats.get("").getField(4)).isEqualTo(20.0);
        assertThat((Double) stats.get("nationkey").getField(2)).isCloseTo(20.0, within(1.0));
        assertThat(stats.get("nationkey").getField(3)).isEqualTo(0.0);
        assertThat(stats.get("nationkey").getField(5)).isEqualTo("0");
        assertThat(stats.get("nationkey").getField(6)).isEqualTo("19");
        assertThat((Double) stats.get("name").getField(2)).isCloseTo(20.0, within(1.0));
        assertThat((Double) stats.get("name").getField(1)).isPositive();
        assertThat(stats.get("regionkey").getField(3)).isEqualTo(0.25);

        assertThat(lakehouse.query("SELECT comment FROM system.metadata.table_comments WHERE catalog_name = 'lake' AND schema_name = 'refreshed' AND table_name = 'nations'").getOnlyValue())
                .isEqualTo("TPC-H nations known on the day");
        assertThat(lakehouse.query("SHOW COLUMNS FROM lake.refreshed.nations").getMaterializedRows())
                .extracting(row -> row.getField(0), row -> row.getField(3))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("nationkey", "nation id"),
                        org.assertj.core.groups.Tuple.tuple("name", "nation name"),
                        org.assertj.core.groups.Tuple.tuple("regionkey", ""));

        Table table = glue.getTable("refreshed", "nations").orElseThrow();
        assertThat(table.parameters())
                .containsEntry("lakehouse.run-id", runId)
                .containsEntry("lakehouse.data-interval-start", "2024-01-02T00:00:00Z")
                .containsEntry("lakehouse.data-interval-end", "2024-01-03T00:00:00Z")
                .containsEntry("lakehouse.row-count", "20")
                .containsEntry("lakehouse.source-models", "tpch.tiny.nation")
                .containsEntry("numRows", "20")
                .containsEntry("lakehouse.model-file", models.resolve("nations.sql").toString());
        assertThat(Instant.parse(table.parameters().get("lakehouse.published-at"))).isBefore(Instant.now()).isAfter(Instant.now().minusSeconds(600));
        assertThat(table.storageDescriptor().location()).contains("nations__stg_" + runId);

        // the incremental model: the interval's partition carries its publication and statistics
        Partition partition = glue.getPartition("refreshed", "nation_days", List.of("2024-01-02")).orElseThrow();
        assertThat(partition.parameters())
                .containsEntry("lakehouse.run-id", runId)
                .containsEntry("lakehouse.data-interval-start", "2024-01-02T00:00:00Z")
                .containsEntry("lakehouse.row-count", "20")
                .containsEntry("numRows", "20");
        assertThat(glue.partitionStatistics("refreshed", "nation_days", List.of("2024-01-02"), List.of("nationkey", "name")))
                .extracting(ColumnStatistic::column)
                .containsExactlyInAnyOrder("nationkey", "name");
        assertThat(glue.getTable("refreshed", "nation_days").orElseThrow().parameters())
                .containsEntry("lakehouse.run-id", runId)
                .containsEntry("lakehouse.source-models", "lake.refreshed.nations")
                .doesNotContainKey("numRows");
        Map<String, MaterializedRow> partitionStats = stats("lake.refreshed.nation_days");
        assertThat(partitionStats.get("").getField(4)).isEqualTo(30.0);
        assertThat((Double) partitionStats.get("nationkey").getField(2)).isCloseTo(20.0, within(1.0));
        assertThat(lakehouse.query("SELECT comment FROM system.metadata.table_comments WHERE catalog_name = 'lake' AND schema_name = 'refreshed' AND table_name = 'nation_days'").getOnlyValue())
                .isEqualTo("Nations by day");

        // DBeaver's view: trino-jdbc's DatabaseMetaData under catalog lakehouse, where the curated layers and the ledger's tables appear
        try (Connection connection = DriverManager.getConnection(lakehouse.trinoServer().uri().toString().replaceFirst("^http", "jdbc:trino"), "dbeaver", null)) {
            DatabaseMetaData metadata = connection.getMetaData();
            assertThat(column(metadata.getSchemas("lakehouse", null), "TABLE_SCHEM")).contains("landing", "refreshed", "system");
            assertThat(column(metadata.getTables("lakehouse", "refreshed", "%", new String[] {"TABLE"}), "TABLE_NAME")).containsExactlyInAnyOrder("nations", "nation_days");
            try (ResultSet columns = metadata.getColumns("lakehouse", "refreshed", "nations", "%")) {
                assertThat(column(columns, "REMARKS")).containsExactly("nation id", "nation name", null);
            }
            assertThat(column(metadata.getColumns("lakehouse", "refreshed", "nation_days", "%"), "COLUMN_NAME")).containsExactly("nationkey", "name", "ds");
            assertThat(column(metadata.getTables("lakehouse", "system", "%", null), "TABLE_NAME")).contains("runs", "freshness", "lineage", "query_lineage");
            assertThat(column(metadata.getColumns("lakehouse", "system", "runs", "%"), "COLUMN_NAME")).contains("run_id", "state", "started_at", "finished_at");
            try (Statement statement = connection.createStatement();
                    ResultSet comments = statement.executeQuery("SELECT comment FROM system.metadata.table_comments WHERE catalog_name = 'lakehouse' AND schema_name = 'refreshed' AND table_name = 'nations'")) {
                assertThat(column(comments, "comment")).containsExactly("TPC-H nations known on the day");
            }
        }
    }

    private static List<String> column(ResultSet rows, String name)
            throws SQLException
    {
        try (rows) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(name));
            }
            return values;
        }
    }

    private double tableRowCount(String table)
    {
        return (Double) stats(table).get("").getField(4);
    }

    private Map<String, MaterializedRow> stats(String table)
    {
        MaterializedResult result = lakehouse.query("SHOW STATS FOR " + table);
        return result.getMaterializedRows().stream()
                .collect(toImmutableMap(row -> row.getField(0) == null ? "" : (String) row.getField(0), row -> row));
    }

    private String run(Path models, String ds)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MaterializerCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(
                "run", "--ds", ds,
                "--models", models.toString(),
                "--server", lakehouse.trinoServer().uri().toString(),
                "--glue-endpoint", lakehouse.glueEndpoint().toString(),
                "--ledger", "jdbc:h2:file:" + models.resolve("ledger") + ";AUTO_SERVER=TRUE",
                "--warehouse", "s3://lake/");
        assertThat(err.toString()).isEmpty();
        assertThat(exitCode).as(out.toString()).isZero();
        Matcher runId = RUN_ID.matcher(out.toString());
        assertThat(runId.find()).as(out.toString()).isTrue();
        return runId.group(1);
    }
}
