package io.lakehouse.materializer.reliability;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Starts a main class of this module as a child JVM on the test JVM's classpath, its output appended to a file,
 * so that a test can kill it with SIGKILL ({@link Process#destroyForcibly()} on Linux) at any point.
 */
final class JavaProcess
{
    private JavaProcess() {}

    static Process start(Class<?> mainClass, List<String> arguments, Path output)
            throws IOException
    {
        return start(mainClass, arguments, Map.of(), output);
    }

    static Process start(Class<?> mainClass, List<String> arguments, Map<String, String> environment, Path output)
            throws IOException
    {
        requireNonNull(mainClass, "mainClass is null");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED",
                "-Duser.timezone=UTC",
                "-cp", classpath(),
                mainClass.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(output.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String classpath()
    {
        // Surefire starts tests from a manifest-only jar; it keeps the real classpath in this property
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
