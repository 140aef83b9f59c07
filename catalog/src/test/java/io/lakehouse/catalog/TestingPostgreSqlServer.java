package io.lakehouse.catalog;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.GROUP_READ;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;

/**
 * A real PostgreSQL server for tests, from the binaries zonky publishes on Maven Central, so that
 * tests need nothing installed. PostgreSQL refuses to run as root, as CI containers often do, so as
 * root the server runs as user {@code nobody} through {@code setpriv}. One server per JVM is shared
 * by the test classes; each caller gets a database of its own.
 */
final class TestingPostgreSqlServer
        implements Closeable
{
    static final String USER = "postgres";
    private static final String NOBODY = "65534";

    private static TestingPostgreSqlServer shared;

    private final Path directory;
    private final Path binaries;
    private final Path data;
    private final int port;
    private final boolean dropPrivileges;
    private final AtomicInteger databases = new AtomicInteger();

    private TestingPostgreSqlServer()
            throws IOException, InterruptedException
    {
        directory = Files.createTempDirectory("lakehouse-postgresql");
        binaries = directory.resolve("binaries");
        data = directory.resolve("data");
        dropPrivileges = System.getProperty("user.name").equals("root");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        extractBinaries();
        Files.createDirectories(data);
        if (dropPrivileges) {
            // nobody must reach the binaries and own the data directory
            Files.setPosixFilePermissions(directory, EnumSet.of(OWNER_READ, OWNER_WRITE, OWNER_EXECUTE, GROUP_READ, GROUP_EXECUTE, OTHERS_READ, OTHERS_EXECUTE));
            UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(data, users.lookupPrincipalByName("nobody"));
        }
        run(binary("initdb"), "-A", "trust", "-U", USER, "-D", data.toString(), "-E", "UTF-8", "--locale=C", "--no-sync");
        // durability does not matter for a test server that is deleted afterwards
        run(binary("pg_ctl"), "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "start",
                "-o", "-p %s -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c max_connections=200".formatted(port));
    }

    /**
     * The server of this JVM, started on first use and stopped when the JVM exits.
     */
    static synchronized TestingPostgreSqlServer shared()
    {
        if (shared == null) {
            try {
                shared = new TestingPostgreSqlServer();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /**
     * Creates an empty database and returns its JDBC URL.
     */
    String createDatabase()
    {
        String name = "catalog_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException e) {
            throw new RuntimeException("Cannot create database %s on the test PostgreSQL server: %s".formatted(name, e.getMessage()), e);
        }
        return jdbcUrl(name);
    }

    @Override
    public void close()
    {
        try {
            run(binary("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            deleteRecursively(directory, ALLOW_INSECURE);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    private String jdbcUrl(String database)
    {
        return "jdbc:postgresql://127.0.0.1:%s/%s".formatted(port, database);
    }

    private String binary(String name)
    {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void run(String... command)
            throws IOException, InterruptedException
    {
        List<String> commandLine = new ArrayList<>();
        if (dropPrivileges) {
            commandLine.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        commandLine.addAll(List.of(command));
        Process process = new ProcessBuilder(commandLine)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("Test PostgreSQL server: %s failed:%n%s".formatted(String.join(" ", commandLine), output));
        }
    }

    private void extractBinaries()
            throws IOException
    {
        String system = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac") ? "Darwin" : "Linux";
        String architecture = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture);
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = binaries.resolve(entry.getName()).normalize();
                if (!target.startsWith(binaries)) {
                    throw new IOException("PostgreSQL archive entry %s points outside the target directory".formatted(entry.getName()));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    continue;
                }
                Files.copy(tar, target);
                Files.setPosixFilePermissions(target, permissions(entry.getMode()));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode)
    {
        Set<PosixFilePermission> permissions = EnumSet.of(OWNER_READ, OWNER_WRITE, GROUP_READ, OTHERS_READ);
        if ((mode & 0100) != 0) {
            permissions.addAll(EnumSet.of(OWNER_EXECUTE, GROUP_EXECUTE, OTHERS_EXECUTE));
        }
        return permissions;
    }
}
