package io.lakehouse.materializer.launcher;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The production profile {@code etc/production} as shipped: a coordinator and a worker started from its
 * configuration (AWS catalogs need no AWS access to start), clients authenticated by password over TLS only, nodes
 * by the shared secret, and no secret in the server logs.
 */
@TestInstance(PER_CLASS)
final class TestProductionProfile
{
    private static final String PASSWORD = "correct horse battery staple";
    private static final String INTERNAL_SECRET = "internal-secret-" + System.nanoTime();
    private static final String KEYSTORE_PASSWORD = "keystore-secret-" + System.nanoTime();

    private final Path projectRoot = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private final List<Process> servers = new ArrayList<>();
    private Path directory;
    private int httpsPort;
    private int httpPort;

    @BeforeAll
    void startCluster()
            throws Exception
    {
        Launcher.create(Map.of()).run(900, "install");
        directory = Files.createTempDirectory("lakehouse-production");
        Path keystore = directory.resolve("keystore.jks");
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "trino", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD);
        Path passwords = directory.resolve("password.db");
        Files.writeString(passwords, "analyst:" + BCrypt.withDefaults().hashToString(10, PASSWORD.toCharArray()) + "\n");

        httpsPort = Launcher.freePorts(1);
        httpPort = Launcher.freePorts(1);
        Map<String, String> environment = new HashMap<>();
        environment.put("LAKEHOUSE_COORDINATOR_HOST", "127.0.0.1");
        environment.put("LAKEHOUSE_TLS_KEYSTORE", keystore.toString());
        environment.put("LAKEHOUSE_TLS_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
        environment.put("LAKEHOUSE_INTERNAL_SECRET", INTERNAL_SECRET);
        environment.put("LAKEHOUSE_PASSWORD_FILE", passwords.toString());
        environment.put("LAKEHOUSE_LANDING_LOCATION", "s3://landing/");
        environment.put("LAKEHOUSE_WAREHOUSE", "s3://lake/");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("LAKEHOUSE_MATERIALIZER_URL", "http://127.0.0.1:9200");
        String discovery = "-Ddiscovery.uri=https://127.0.0.1:" + httpsPort;
        servers.add(startServer("coordinator", environment, "-Dhttp-server.https.port=" + httpsPort, "-Dhttp-server.http.port=" + httpPort, discovery));
        servers.add(startServer("worker", environment, "-Dhttp-server.https.port=" + Launcher.freePorts(1), "-Dhttp-server.http.port=" + Launcher.freePorts(1), discovery));
    }

    @AfterAll
    void stopCluster()
            throws InterruptedException
    {
        for (Process server : servers) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void passwordOverTlsRunsQueriesOnTheWorker()
            throws Exception
    {
        try (Connection connection = connect(PASSWORD);
                Statement statement = connection.createStatement()) {
            awaitWorker(statement);
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM tpch.tiny.nation")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(25);
            }
            try (ResultSet rows = statement.executeQuery("SELECT current_user")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("analyst");
            }
            try (ResultSet rows = statement.executeQuery("SHOW CATALOGS")) {
                List<String> catalogs = new ArrayList<>();
                while (rows.next()) {
                    catalogs.add(rows.getString(1));
                }
                assertThat(catalogs).contains("lakehouse", "lake", "tpch");
            }
        }
    }

    @Test
    void wrongPasswordAndPlainHttpAreRefused()
            throws Exception
    {
        assertThatThrownBy(() -> connect("wrong password").createStatement().executeQuery("SELECT 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Invalid credentials");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:%s/v1/statement".formatted(httpPort)))
                        .header("X-Trino-User", "analyst")
                        .POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(401, 403);
    }

    @Test
    void secretsNeverReachTheLogs()
            throws IOException
    {
        for (String role : List.of("coordinator", "worker")) {
            String log = Files.readString(directory.resolve(role + ".log"), UTF_8);
            assertThat(log).contains("SERVER STARTED").doesNotContain(INTERNAL_SECRET).doesNotContain(KEYSTORE_PASSWORD);
        }
    }

    private Connection connect(String password)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", "analyst");
        properties.setProperty("password", password);
        properties.setProperty("SSL", "true");
        properties.setProperty("SSLVerification", "NONE");
        return DriverManager.getConnection("jdbc:trino://127.0.0.1:%s".formatted(httpsPort), properties);
    }

    private static void awaitWorker(Statement statement)
            throws SQLException, InterruptedException
    {
        for (int attempt = 0; attempt < 60; attempt++) {
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM system.runtime.nodes WHERE coordinator = false AND state = 'active'")) {
                rows.next();
                if (rows.getLong(1) == 1) {
                    return;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the worker did not join the coordinator");
    }

    private Process startServer(String role, Map<String, String> environment, String... properties)
            throws IOException, InterruptedException
    {
        Path dataDirectory = Files.createDirectories(directory.resolve(role + "-data"));
        List<String> command = new ArrayList<>(List.of(
                projectRoot.resolve(".lakehouse/dist/trino-server-476/bin/launcher").toString(),
                "run",
                "--etc-dir=" + projectRoot.resolve("etc/production/" + role),
                "--data-dir=" + dataDirectory,
                "-J-Xmx1G"));
        command.addAll(List.of(properties));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(role + ".log").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        Path log = directory.resolve(role + ".log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!Files.readString(log, UTF_8).contains("SERVER STARTED")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("Trino %s did not start:%n%s".formatted(role, tail(Files.readString(log, UTF_8))));
            }
            Thread.sleep(1000);
        }
        return process;
    }

    private static String tail(String text)
    {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    private static void run(String... command)
            throws IOException, InterruptedException
    {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
