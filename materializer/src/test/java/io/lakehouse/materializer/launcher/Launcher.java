package io.lakehouse.materializer.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * {@code bin/lakehouse} run as a user runs it, with its own home folder and free ports so that tests do not meet a
 * developer's running services; the Trino download is shared with the checkout.
 */
final class Launcher
{
    private static final int MAX_WORKERS = 3;
    private static final int FIRST_PORT = 20000;
    private static final int LAST_PORT = 32000;
    // ports handed to launchers of this JVM, whose services may not listen yet
    private static final Set<Integer> RESERVED = new HashSet<>();

    private final Path projectRoot;
    private final Path home;
    private final Map<String, String> environment = new HashMap<>();

    private Launcher(Path projectRoot, Path home)
    {
        this.projectRoot = requireNonNull(projectRoot, "projectRoot is null");
        this.home = requireNonNull(home, "home is null");
    }

    public static Launcher create(Map<String, String> settings)
            throws IOException
    {
        Path projectRoot = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Launcher launcher = new Launcher(projectRoot, Files.createTempDirectory("lakehouse-e2e"));
        launcher.environment.put("LAKEHOUSE_HOME", launcher.home.toString());
        // the Trino server tarball is large: share the checkout's download cache
        launcher.environment.put("LAKEHOUSE_DIST", projectRoot.resolve(".lakehouse/dist").toString());
        launcher.environment.put("LAKEHOUSE_SKIP_BUILD", "1");
        // workers listen on the coordinator's port + 1, + 2, …: the coordinator gets a block of free ports
        launcher.environment.put("LAKEHOUSE_TRINO_PORT", String.valueOf(freePorts(1 + MAX_WORKERS)));
        launcher.environment.put("LAKEHOUSE_S3_PORT", String.valueOf(freePorts(1)));
        launcher.environment.put("LAKEHOUSE_CATALOG_PORT", String.valueOf(freePorts(1)));
        launcher.environment.put("LAKEHOUSE_POSTGRES_PORT", String.valueOf(freePorts(1)));
        launcher.environment.put("LAKEHOUSE_MATERIALIZER_PORT", String.valueOf(freePorts(1)));
        launcher.environment.putAll(settings);
        return launcher;
    }

    public Path home()
    {
        return home;
    }

    public String trinoPort()
    {
        return environment.get("LAKEHOUSE_TRINO_PORT");
    }

    public String jdbcUrl(String catalog, String schema)
    {
        return "jdbc:trino://127.0.0.1:%s/%s/%s".formatted(trinoPort(), catalog, schema);
    }

    /**
     * Runs {@code bin/lakehouse arguments…} and returns its output; fails on a non-zero exit unless {@code mayFail}.
     */
    public String run(int timeoutSeconds, String... arguments)
            throws IOException, InterruptedException
    {
        return run(timeoutSeconds, false, arguments);
    }

    public String run(int timeoutSeconds, boolean mayFail, String... arguments)
            throws IOException, InterruptedException
    {
        List<String> command = new ArrayList<>();
        command.add(projectRoot.resolve("bin/lakehouse").toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(home, "launcher", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(projectRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // bin/lakehouse test exports its defaults (ports, endpoints); this run must derive them from its own ports
        builder.environment().keySet().removeIf(name -> name.startsWith("LAKEHOUSE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/lakehouse %s did not finish within %s s:%n%s".formatted(String.join(" ", arguments), timeoutSeconds, Files.readString(output, UTF_8)));
        }
        String text = Files.readString(output, UTF_8);
        if (process.exitValue() != 0 && !mayFail) {
            throw new AssertionError("bin/lakehouse %s failed with exit code %s:%n%s%nlogs in %s".formatted(String.join(" ", arguments), process.exitValue(), text, home.resolve("logs")));
        }
        return text;
    }

    /**
     * The pids of the processes the launcher started, from its pid files.
     */
    public List<Long> pids()
            throws IOException
    {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(home.resolve("run"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".pid")).toList()) {
                pids.add(Long.parseLong(Files.readString(file).trim()));
            }
        }
        return pids;
    }

    /**
     * The first of {@code count} consecutive ports nothing listens on, below Linux's ephemeral range (32768 and up):
     * a port the kernel hands out to outgoing connections could be taken by one before a service binds it, which
     * matters for workers that bind a minute after the ports were chosen.
     */
    static synchronized int freePorts(int count)
    {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(FIRST_PORT, LAST_PORT - count);
            if (IntStream.range(first, first + count).allMatch(Launcher::isFree)) {
                IntStream.range(first, first + count).forEach(RESERVED::add);
                return first;
            }
        }
        throw new IllegalStateException("no %s consecutive free ports between %s and %s".formatted(count, FIRST_PORT, LAST_PORT));
    }

    private static boolean isFree(int port)
    {
        if (RESERVED.contains(port)) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
