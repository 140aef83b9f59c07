package io.lakehouse.catalog;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.lakehouse.catalog.TestingGlueEndpoint.ACCESS_KEY;
import static io.lakehouse.catalog.TestingGlueEndpoint.SECRET_KEY;
import static io.lakehouse.catalog.TestingGlueEndpoint.createGlueClient;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link CatalogServer} the way the launcher does: a separate JVM with {@code -Dconfig}.
 */
final class TestCatalogServer
{
    private static final Pattern STARTED = Pattern.compile("LAKEHOUSE CATALOG STARTED: Glue endpoint at (\\S+)");

    @Test
    void testServerStartsFromPropertiesFileAndServesGlue()
            throws Exception
    {
        Path directory = Files.createTempDirectory("catalog-server");
        try {
            Path config = writeConfig(directory, List.of(
                    "node.environment=test",
                    "node.internal-address=127.0.0.1",
                    "http-server.http.port=0",
                    "http-server.log.enabled=false",
                    "catalog.database-url=jdbc:h2:file:" + directory.resolve("catalog").toAbsolutePath(),
                    "catalog.access-key=" + ACCESS_KEY,
                    "catalog.secret-key=" + SECRET_KEY));
            Process server = startServer(config);
            try (BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), UTF_8));
                    GlueClient glue = createGlueClient(awaitStarted(output))) {
                glue.createDatabase(request -> request.databaseInput(input -> input.name("from_server")));
                assertThat(glue.getDatabase(request -> request.name("from_server")).database().name()).isEqualTo("from_server");
            }
            finally {
                server.destroy();
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        finally {
            deleteRecursively(directory, ALLOW_INSECURE);
        }
    }

    @Test
    void testAcknowledgedChangesSurviveKilledServer()
            throws Exception
    {
        Path directory = Files.createTempDirectory("catalog-server");
        try {
            Path config = writeConfig(directory, List.of(
                    "node.environment=test",
                    "node.internal-address=127.0.0.1",
                    "http-server.http.port=0",
                    "http-server.log.enabled=false",
                    "catalog.database-url=jdbc:h2:file:" + directory.resolve("catalog").toAbsolutePath(),
                    "catalog.access-key=" + ACCESS_KEY,
                    "catalog.secret-key=" + SECRET_KEY));

            Process killed = startServer(config);
            try (BufferedReader output = new BufferedReader(new InputStreamReader(killed.getInputStream(), UTF_8));
                    GlueClient glue = createGlueClient(awaitStarted(output))) {
                glue.createDatabase(request -> request.databaseInput(input -> input.name("acknowledged")));
            }
            finally {
                // no shutdown hooks, no orderly close of the database
                killed.destroyForcibly();
                assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            Process restarted = startServer(config);
            try (BufferedReader output = new BufferedReader(new InputStreamReader(restarted.getInputStream(), UTF_8));
                    GlueClient glue = createGlueClient(awaitStarted(output))) {
                assertThat(glue.getDatabase(request -> request.name("acknowledged")).database().name()).isEqualTo("acknowledged");
            }
            finally {
                restarted.destroy();
                assertThat(restarted.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        finally {
            deleteRecursively(directory, ALLOW_INSECURE);
        }
    }

    @Test
    void testInvalidConfigurationExitsWithErrorNamingTheProperty()
            throws Exception
    {
        Path directory = Files.createTempDirectory("catalog-server");
        try {
            Path config = writeConfig(directory, List.of(
                    "node.environment=test",
                    "http-server.http.port=0",
                    "catalog.database-url=jdbc:mysql://localhost/catalog"));
            Process server = startServer(config);
            String output = new String(server.getInputStream().readAllBytes(), UTF_8);

            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isEqualTo(1);
            assertThat(output)
                    .contains("Catalog server failed to start because of invalid configuration in " + config)
                    .contains("catalog.database-url")
                    .contains("must be an H2 JDBC URL");
        }
        finally {
            deleteRecursively(directory, ALLOW_INSECURE);
        }
    }

    @Test
    void testMissingConfigFileArgumentExitsWithUsage()
            throws Exception
    {
        Process server = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"), CatalogServer.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(server.getInputStream().readAllBytes(), UTF_8);

        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(2);
        assertThat(output).contains("start it with -Dconfig=/path/to/catalog.properties");
    }

    private static Process startServer(Path config)
            throws IOException
    {
        return new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"), "-Dconfig=" + config, CatalogServer.class.getName())
                .redirectErrorStream(true)
                .start();
    }

    private static URI awaitStarted(BufferedReader output)
            throws IOException
    {
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher matcher = STARTED.matcher(line);
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
        }
        throw new AssertionError("Catalog server exited before logging that it started:\n" + seen);
    }

    private static Path writeConfig(Path directory, List<String> lines)
            throws IOException
    {
        return Files.write(directory.resolve("catalog.properties"), lines, UTF_8);
    }

    private static String javaCommand()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
