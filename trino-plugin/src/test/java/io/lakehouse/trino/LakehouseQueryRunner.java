package io.lakehouse.trino;

import com.google.common.collect.ImmutableMap;
import io.airlift.log.Logger;
import io.trino.plugin.hive.HivePlugin;
import io.trino.plugin.tpch.TpchPlugin;
import io.trino.testing.DistributedQueryRunner;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.trino.testing.TestingSession.testSessionBuilder;

/**
 * An in-process Trino with the catalogs of {@code etc/catalog}: {@code lakehouse} (this plugin), {@code lake} (Hive
 * connector on the Glue endpoint and S3) and {@code tpch}.
 */
public final class LakehouseQueryRunner
{
    private LakehouseQueryRunner() {}

    public static DistributedQueryRunner create(URI s3Endpoint, URI glueEndpoint)
            throws Exception
    {
        return create(s3Endpoint, glueEndpoint, Map.of());
    }

    public static DistributedQueryRunner create(URI s3Endpoint, URI glueEndpoint, Map<String, String> coordinatorProperties)
            throws Exception
    {
        DistributedQueryRunner queryRunner = DistributedQueryRunner.builder(testSessionBuilder()
                        .setCatalog("lakehouse")
                        .setSchema("landing")
                        .build())
                .setWorkerCount(0)
                .setCoordinatorProperties(coordinatorProperties)
                .build();
        try {
            queryRunner.installPlugin(new LakehousePlugin());
            queryRunner.installPlugin(new HivePlugin());
            queryRunner.installPlugin(new TpchPlugin());
            queryRunner.createCatalog("lakehouse", "lakehouse", ImmutableMap.<String, String>builder()
                    .put("lakehouse.landing-location", "s3://landing/")
                    .putAll(s3Properties(s3Endpoint))
                    .buildOrThrow());
            queryRunner.createCatalog("lake", "hive", ImmutableMap.<String, String>builder()
                    .put("hive.metastore", "glue")
                    .put("hive.metastore.glue.region", S3ProxyServer.REGION)
                    .put("hive.metastore.glue.endpoint-url", glueEndpoint.toString())
                    .put("hive.metastore.glue.aws-access-key", S3ProxyServer.ACCESS_KEY)
                    .put("hive.metastore.glue.aws-secret-key", S3ProxyServer.SECRET_KEY)
                    .putAll(s3Properties(s3Endpoint))
                    .buildOrThrow());
            queryRunner.createCatalog("tpch", "tpch");
            return queryRunner;
        }
        catch (Throwable e) {
            queryRunner.close();
            throw e;
        }
    }

    private static Map<String, String> s3Properties(URI s3Endpoint)
    {
        return ImmutableMap.<String, String>builder()
                .put("fs.native-s3.enabled", "true")
                .put("s3.endpoint", s3Endpoint.toString())
                .put("s3.region", S3ProxyServer.REGION)
                .put("s3.path-style-access", "true")
                .put("s3.aws-access-key", S3ProxyServer.ACCESS_KEY)
                .put("s3.aws-secret-key", S3ProxyServer.SECRET_KEY)
                .buildOrThrow();
    }

    /**
     * A development server on port 8080 with S3Proxy and the Glue endpoint under a temporary folder.
     */
    public static void main(String[] args)
            throws Exception
    {
        Path data = Files.createTempDirectory("lakehouse-dev");
        S3ProxyServer s3 = S3ProxyServer.start(data.resolve("s3"), "landing", "lake");
        TestingGlueCatalog glue = TestingGlueCatalog.start(data.resolve("catalog"));
        DistributedQueryRunner server = create(s3.getEndpoint(), glue.getEndpoint(), Map.of("http-server.http.port", "8080"));
        Logger log = Logger.get(LakehouseQueryRunner.class);
        log.info("======== SERVER STARTED ========");
        log.info("\n====\n%s\nS3: %s, Glue: %s, data: %s\n====", server.getCoordinator().getBaseUrl(), s3.getEndpoint(), glue.getEndpoint(), data);
    }
}
