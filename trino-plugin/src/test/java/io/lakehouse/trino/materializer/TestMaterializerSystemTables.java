package io.lakehouse.trino.materializer;

import com.google.common.collect.ImmutableMap;
import io.lakehouse.trino.LakehouseQueryRunner;
import io.lakehouse.trino.S3ProxyServer;
import io.trino.testing.DistributedQueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The tables of schema {@code system} as DBeaver lists them, and their errors when the materializer service is not
 * configured or not answering. The materializer module's server test reads them from a running service.
 */
@TestInstance(PER_CLASS)
final class TestMaterializerSystemTables
{
    private Path directory;
    private S3ProxyServer s3;
    private DistributedQueryRunner queryRunner;
    private int closedPort;

    @BeforeAll
    void start()
            throws Exception
    {
        directory = Files.createTempDirectory("lakehouse-system-tables");
        s3 = S3ProxyServer.start(directory.resolve("s3"), "landing");
        queryRunner = LakehouseQueryRunner.builder(s3.getEndpoint()).build();
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        queryRunner.createCatalog("lakehouse_unreachable", "lakehouse", ImmutableMap.<String, String>builder()
                .putAll(LakehouseQueryRunner.s3Properties(s3.getEndpoint()))
                .put("lakehouse.landing-location", "s3://landing/")
                .put("lakehouse.materializer.uri", "http://127.0.0.1:" + closedPort)
                .put("lakehouse.materializer.timeout", "2s")
                .buildOrThrow());
    }

    @AfterAll
    void stop()
            throws IOException
    {
        queryRunner.close();
        s3.close();
        deleteRecursively(directory, ALLOW_INSECURE);
    }

    @Test
    void testTablesAndColumnsAreListedWithComments()
    {
        assertThat(queryRunner.execute("SHOW TABLES FROM lakehouse.system").getOnlyColumnAsSet()).containsExactlyInAnyOrder("runs", "freshness", "lineage", "query_lineage");
        assertThat(queryRunner.execute("""
                SELECT column_name, data_type FROM lakehouse.information_schema.columns
                WHERE table_schema = 'system' AND table_name = 'freshness' ORDER BY ordinal_position""")
                .getMaterializedRows().stream().map(row -> row.getField(0) + " " + row.getField(1)).toList())
                .containsExactly(
                        "model varchar", "kind varchar", "cron varchar", "owner varchar", "description varchar", "upstream array(varchar)",
                        "latest_interval varchar", "latest_interval_end timestamp(3) with time zone", "published_at timestamp(3) with time zone",
                        "missing_intervals bigint", "stale boolean", "latest_failure varchar");
        assertThat(queryRunner.execute("SELECT comment FROM lakehouse.information_schema.columns WHERE table_schema = 'system' AND table_name = 'runs' AND column_name = 'state'").getOnlyValue())
                .isEqualTo("RUNNING, SUCCEEDED, FAILED or CANCELLED");
    }

    @Test
    void testUnconfiguredServiceNamesTheProperty()
    {
        assertThatThrownBy(() -> queryRunner.execute("SELECT * FROM lakehouse.system.runs"))
                .hasMessageContaining("The materializer service is not configured: set lakehouse.materializer.uri");
    }

    @Test
    void testServiceNotAnsweringNamesTheAddress()
    {
        assertThatThrownBy(() -> queryRunner.execute("SELECT * FROM lakehouse_unreachable.system.freshness"))
                .hasMessageContaining("Cannot read http://127.0.0.1:%s/v1/models from the materializer service".formatted(closedPort))
                .hasMessageContaining("Start it (bin/lakehouse up, or materializer serve) or fix lakehouse.materializer.uri");
    }
}
