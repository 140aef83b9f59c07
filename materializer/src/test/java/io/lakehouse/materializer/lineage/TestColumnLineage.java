package io.lakehouse.materializer.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.server.MaterializerApiClient;
import io.lakehouse.materializer.server.MaterializerServer;
import io.trino.Session;
import io.trino.spi.security.Identity;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * Column-level lineage from Trino's analyzer: the lakehouse plugin's event listener reports each staging query's
 * output columns with their source columns, the materializer records them per model (staging tables named back to
 * their model), and they are served by the API, the web UI and {@code lakehouse.system.lineage}.
 */
@TestInstance(PER_CLASS)
final class TestColumnLineage
{
    private static final String TOKEN = "test-token";

    private TestingLakehouse lakehouse;
    private MaterializerServer server;
    private MaterializerApiClient api;
    private String runId;

    @BeforeAll
    void start()
            throws Exception
    {
        int port = TestingLakehouse.freePort();
        lakehouse = new TestingLakehouse(Map.of(), Map.of("lakehouse.materializer.uri", "http://127.0.0.1:" + port, "lakehouse.query-lineage.admin-users", "auditor"));
        Path models = lakehouse.directory().resolve("models");
        write(models.resolve("bronze/nations.sql"), """
                MODEL (name lake.lineage_bronze.nations, kind FULL);
                SELECT nationkey, name, regionkey FROM tpch.tiny.nation
                """);
        write(models.resolve("bronze/regions.sql"), """
                MODEL (name lake.lineage_bronze.regions, kind FULL);
                SELECT regionkey, name AS region_name FROM tpch.tiny.region
                """);
        write(models.resolve("silver/nation_regions.sql"), """
                MODEL (name lake.lineage_silver.nation_regions, kind FULL);
                SELECT n.nationkey, upper(n.name) AS nation, r.region_name AS region, n.nationkey * 10 + r.regionkey AS code, 'tpch' AS origin
                FROM lake.lineage_bronze.nations n
                JOIN lake.lineage_bronze.regions r ON n.regionkey = r.regionkey
                """);
        write(models.resolve("silver/nation_names.sql"), """
                MODEL (name lake.lineage_silver.nation_names, kind VIEW);
                SELECT nationkey, nation FROM lake.lineage_silver.nation_regions
                """);
        server = MaterializerServer.start(lakehouse.serverProperties(models, "lineage", TOKEN)
                .put("http-server.http.port", String.valueOf(port))
                .put("materializer.scheduler-enabled", "false")
                .buildOrThrow(), false);

        api = new MaterializerApiClient(server.getBaseUri());
        HttpResponse<String> accepted = api.post("/v1/runs", "{\"ds\": \"2024-01-01\"}", TOKEN);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        runId = api.json(accepted).get("runId").asText();
        JsonNode log = api.awaitRun(runId);
        assertThat(log.get("state").asText()).as(log.toString()).isEqualTo("SUCCEEDED");
    }

    @AfterAll
    void stop()
            throws IOException
    {
        server.close();
        lakehouse.close();
    }

    @Test
    void modelJoiningTwoModelsHasEachColumnsSourceColumnsThroughTheApi()
            throws Exception
    {
        JsonNode lineage = api.get("/v1/models/lake.lineage_silver.nation_regions/lineage");

        assertThat(lineage).extracting(TestColumnLineage::describe).containsExactly(
                "1 nationkey bigint <- lake.lineage_bronze.nations.nationkey",
                "2 nation varchar(25) <- lake.lineage_bronze.nations.name",
                "3 region varchar(25) <- lake.lineage_bronze.regions.region_name",
                "4 code bigint <- lake.lineage_bronze.nations.nationkey",
                "4 code bigint <- lake.lineage_bronze.regions.regionkey",
                "5 origin varchar(4) <- none");
        assertThat(lineage).allSatisfy(row -> assertThat(row.get("runId").asText()).isEqualTo(runId));
        // a source model's lineage reaches the tables it reads; a view's lineage is recorded too
        assertThat(api.get("/v1/models/lake.lineage_bronze.regions/lineage")).extracting(TestColumnLineage::describe).containsExactly(
                "1 regionkey bigint <- tpch.tiny.region.regionkey",
                "2 region_name varchar(25) <- tpch.tiny.region.name");
        assertThat(api.get("/v1/models/lake.lineage_silver.nation_names/lineage")).extracting(TestColumnLineage::describe).containsExactly(
                "1 nationkey bigint <- lake.lineage_silver.nation_regions.nationkey",
                "2 nation varchar(25) <- lake.lineage_silver.nation_regions.nation");
        System.out.println("lineage rows recorded: %s for %s models".formatted(api.get("/v1/lineage").size(), 4));
    }

    @Test
    void lineageIsQueryableFromSqlAndNamesTheModelNotItsStagingTable()
            throws Exception
    {
        assertThat(lakehouse.query("""
                SELECT column_name, source_table, source_column FROM lakehouse.system.lineage
                WHERE model = 'lake.lineage_silver.nation_regions' AND source_table IS NOT NULL
                ORDER BY column_name, source_table""").getMaterializedRows().stream().map(row -> row.getField(0) + " <- " + row.getField(1) + "." + row.getField(2)).toList())
                .containsExactly(
                        "code <- nations.nationkey",
                        "code <- regions.regionkey",
                        "nation <- nations.name",
                        "nationkey <- nations.nationkey",
                        "region <- regions.region_name");

        // Trino reported the staging table the query wrote; the ledger has it under the model's name
        String queryId = null;
        for (JsonNode task : api.get("/v1/runs/" + runId).get("tasks")) {
            if (task.get("model").asText().equals("lake.lineage_silver.nation_regions")) {
                queryId = task.get("queryId").asText();
            }
        }
        // a user sees their own queries' lineage (the materializer runs as user lakehouse), an admin everyone's
        String staged = "SELECT DISTINCT query_user, output_table FROM lakehouse.system.query_lineage WHERE query_id = '%s'".formatted(queryId);
        List<Object> expected = List.of("lakehouse", "nation_regions__stg_%s__20240101".formatted(runId));
        assertThat(queryAs("lakehouse", staged)).singleElement().isEqualTo(expected);
        assertThat(queryAs("auditor", staged)).singleElement().isEqualTo(expected);
        assertThat(queryAs("analyst", staged)).isEmpty();
        assertThat(queryAs("analyst", "SELECT count(*) FROM lakehouse.system.query_lineage")).singleElement().isEqualTo(List.of(0L));
        assertThat(lakehouse.query("SELECT count(DISTINCT model) FROM lakehouse.system.lineage").getOnlyValue()).isEqualTo(4L);
    }

    @Test
    void modelPageShowsEachColumnsSources()
            throws Exception
    {
        HttpResponse<String> page = api.getResponse("/ui/models/lake.lineage_silver.nation_regions");

        assertThat(page.statusCode()).isEqualTo(200);
        String table = page.body().substring(page.body().indexOf("<table class=\"columns-table\" id=\"column-lineage\">"));
        table = table.substring(0, table.indexOf("</table>"));
        assertThat(table)
                .contains("<td class=\"mono\">region</td>")
                .contains("lake.lineage_bronze.regions</a><span class=\"mono\">.region_name</span>")
                .contains("no column (a literal or expression)");
    }

    private static String describe(JsonNode row)
    {
        String source = row.get("sourceTable").isNull() ? "none"
                : "%s.%s.%s.%s".formatted(row.get("sourceCatalog").asText(), row.get("sourceSchema").asText(), row.get("sourceTable").asText(), row.get("sourceColumn").asText());
        return "%s %s %s <- %s".formatted(row.get("position").asInt(), row.get("column").asText(), row.get("type").asText(), source);
    }

    private static void write(Path file, String content)
            throws IOException
    {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private List<List<Object>> queryAs(String user, String sql)
    {
        Session session = Session.builder(lakehouse.trino().getDefaultSession()).setIdentity(Identity.ofUser(user)).build();
        return lakehouse.trino().execute(session, sql).getMaterializedRows().stream()
                .map(MaterializedRow::getFields)
                .toList();
    }
}
