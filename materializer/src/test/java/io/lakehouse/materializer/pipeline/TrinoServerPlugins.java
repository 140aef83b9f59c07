package io.lakehouse.materializer.pipeline;

import com.google.inject.Key;
import io.trino.metadata.HandleResolver;
import io.trino.server.PluginClassLoader;
import io.trino.server.PluginManager;
import io.trino.server.testing.TestingTrinoServer;
import io.trino.spi.Plugin;
import io.trino.testing.DistributedQueryRunner;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static com.google.common.collect.MoreCollectors.onlyElement;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.util.Objects.requireNonNull;

/**
 * Plugins of the Trino server distribution that are not published as Maven artifacts of their own (the PostgreSQL
 * connector), loaded as the server loads them: the jars of {@code plugin/<name>/} in an isolated class loader that
 * shares only the SPI with the test's class path. They are extracted once from the {@code io.trino:trino-server}
 * tarball (system property {@code trino.server.tarball}) into {@code trino.server.plugins}. The tarball stores a jar
 * that several plugins share once and hard links to it from the other plugins' folders, so a plugin's folder is
 * extracted together with the files its links point to.
 */
final class TrinoServerPlugins
{
    private static final String COMPLETE = ".complete";

    private TrinoServerPlugins() {}

    /**
     * Installs the plugins of these names, in this order (a plugin that needs another one's types comes after it).
     */
    static void install(DistributedQueryRunner queryRunner, String... names)
    {
        for (Plugin plugin : load(names)) {
            // as the server does for the plugins of its plugin folder: handles of a plugin's classes are sent between
            // stages with the id of their class loader
            for (TestingTrinoServer server : queryRunner.getServers()) {
                server.getInstance(Key.get(HandleResolver.class)).registerClassLoader((PluginClassLoader) plugin.getClass().getClassLoader());
            }
            queryRunner.installPlugin(plugin);
        }
    }

    private static synchronized List<Plugin> load(String... names)
    {
        Path plugins = Path.of(property("trino.server.plugins"));
        List<String> missing = Stream.of(names)
                .filter(name -> !Files.exists(plugins.resolve(name).resolve(COMPLETE)))
                .collect(toImmutableList());
        if (!missing.isEmpty()) {
            extract(Path.of(property("trino.server.tarball")), missing, plugins);
        }
        return Stream.of(names)
                .map(name -> load(name, plugins.resolve(name)))
                .collect(toImmutableList());
    }

    private static Plugin load(String name, Path directory)
    {
        List<URL> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(file -> file.toString().endsWith(".jar"))
                    .sorted()
                    .map(TrinoServerPlugins::url)
                    .collect(toImmutableList());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list the jars of Trino plugin %s in %s".formatted(name, directory), e);
        }
        ClassLoader classLoader = PluginManager.createClassLoader(name, jars);
        return ServiceLoader.load(Plugin.class, classLoader).stream()
                .filter(provider -> provider.type().getClassLoader() == classLoader)
                .map(ServiceLoader.Provider::get)
                .collect(onlyElement());
    }

    private static void extract(Path tarball, List<String> plugins, Path directory)
    {
        try {
            // first pass: the plugins' files (plugin/file), and for hard links the entries they point to
            Map<String, List<Path>> sources = new HashMap<>();
            forEachEntry(tarball, (entry, _) -> {
                Path file = pluginFile(entry.getName(), plugins);
                if (file != null) {
                    sources.computeIfAbsent(entry.isLink() ? entry.getLinkName() : entry.getName(), _ -> new ArrayList<>()).add(directory.resolve(file));
                }
            });
            for (String plugin : plugins) {
                if (sources.values().stream().flatMap(List::stream).noneMatch(file -> file.getParent().equals(directory.resolve(plugin)))) {
                    throw new IllegalStateException("Trino server tarball %s has no plugin/%s/".formatted(tarball, plugin));
                }
                Files.createDirectories(directory.resolve(plugin));
            }
            // second pass: copy every source entry to the plugins' files it provides
            forEachEntry(tarball, (entry, input) -> {
                List<Path> files = sources.get(entry.getName());
                if (files != null && !entry.isLink()) {
                    Files.copy(input, files.getFirst(), REPLACE_EXISTING);
                    for (Path file : files.subList(1, files.size())) {
                        Files.copy(files.getFirst(), file, REPLACE_EXISTING);
                    }
                }
            });
            for (String plugin : plugins) {
                Files.createFile(directory.resolve(plugin).resolve(COMPLETE));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the plugins %s of %s".formatted(plugins, tarball), e);
        }
    }

    private interface EntryConsumer
    {
        void accept(TarArchiveEntry entry, InputStream content)
                throws IOException;
    }

    private static void forEachEntry(Path tarball, EntryConsumer consumer)
            throws IOException
    {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball), 1 << 20), 1 << 16))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isDirectory()) {
                    consumer.accept(entry, tar);
                }
            }
        }
    }

    /**
     * {@code <plugin>/<file>} of a tarball entry {@code trino-server-<version>/plugin/<plugin>/<file>} of one of the
     * plugins, or null for other entries.
     */
    private static Path pluginFile(String entryName, List<String> plugins)
    {
        String[] parts = entryName.split("/");
        return parts.length == 4 && parts[1].equals("plugin") && plugins.contains(parts[2]) ? Path.of(parts[2], parts[3]) : null;
    }

    private static String property(String name)
    {
        return requireNonNull(System.getProperty(name), () -> "system property %s is not set: run the tests through Maven".formatted(name));
    }

    private static URL url(Path file)
    {
        try {
            return file.toUri().toURL();
        }
        catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
