package io.lakehouse.materializer.launcher;

import io.trino.jdbc.TrinoResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * Scale-out is Trino's own: a coordinator and two workers, separate server processes with their own ports, node ids
 * and data folders, all loading the lakehouse plugin, run the demo pipeline; the coordinator only plans, the workers
 * read the landing files and write the Parquet table.
 */
@TestInstance(PER_CLASS)
final class TestMultiNodeEndToEnd
{
    private Launcher launcher;

    @BeforeAll
    void runDemoOnThreeNodes()
            throws Exception
    {
        launcher = Launcher.create(Map.of("LAKEHOUSE_TRINO_WORKERS", "2", "LAKEHOUSE_TRINO_WORKER_HEAP", "1G"));
        launcher.run(1200, "demo", "2024-01-02", "1", "0.002");
    }

    @AfterAll
    void stop()
            throws Exception
    {
        List<Long> pids = launcher.pids();
        launcher.run(180, "down");
        assertThat(pids).noneMatch(TestLauncherEndToEnd::isAlive);
    }

    @Test
    void workersReadAndWriteTheLakeWhileTheCoordinatorPlans()
            throws Exception
    {
        assertThat(launcher.pids()).as("s3proxy, catalog, postgres, trino, two workers and materializer").hasSize(7).allMatch(TestLauncherEndToEnd::isAlive);
        try (Connection connection = DriverManager.getConnection(launcher.jdbcUrl("lakehouse", "landing"), "e2e", null);
                Statement statement = connection.createStatement()) {
            assertThat(activeNodes(statement)).containsExactlyInAnyOrder("lakehouse-coordinator", "lakehouse-worker-1", "lakehouse-worker-2");

            String queryId;
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM lakehouse.bronze.title_basics")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isPositive();
                queryId = rows.unwrap(TrinoResultSet.class).getQueryId();
            }
            Set<String> nodes = new HashSet<>();
            try (ResultSet tasks = statement.executeQuery("SELECT DISTINCT node_id FROM system.runtime.tasks WHERE query_id = '" + queryId + "'")) {
                while (tasks.next()) {
                    nodes.add(tasks.getString(1));
                }
            }
            assertThat(nodes).isNotEmpty().allMatch(node -> node.startsWith("lakehouse-worker-"));
        }
    }

    private static Set<String> activeNodes(Statement statement)
            throws SQLException, InterruptedException
    {
        // a worker that announced itself is listed once the coordinator's node manager refreshes
        for (int attempt = 0; ; attempt++) {
            Set<String> nodes = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT node_id FROM system.runtime.nodes WHERE state = 'active'")) {
                while (rows.next()) {
                    nodes.add(rows.getString(1));
                }
            }
            if (nodes.size() == 3 || attempt == 30) {
                return nodes;
            }
            Thread.sleep(1000);
        }
    }
}
