package io.lakehouse.trino.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The machine a benchmark runs on, as its report names it. Other processes skew wall times, so reports also give the
 * load average before and after.
 */
public record BenchmarkMachine(String cpuModel, int cores, long memoryBytes, String operatingSystem, String java)
{
    public BenchmarkMachine
    {
        requireNonNull(cpuModel, "cpuModel is null");
        requireNonNull(operatingSystem, "operatingSystem is null");
        requireNonNull(java, "java is null");
    }

    public static BenchmarkMachine current()
    {
        String cpuModel = firstValue(Path.of("/proc/cpuinfo"), "model name", ':').orElse("unknown CPU");
        String distribution = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", '=')
                .map(name -> name.replace("\"", "") + ", ")
                .orElse("");
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return new BenchmarkMachine(
                cpuModel,
                Runtime.getRuntime().availableProcessors(),
                memory,
                "%s%s %s (%s)".formatted(distribution, System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch")),
                "Java %s (%s)".formatted(Runtime.version(), System.getProperty("java.vendor")));
    }

    /**
     * The load average over 1, 5 and 15 minutes, or "unknown" where {@code /proc/loadavg} does not exist.
     */
    public static String loadAverage()
    {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", fields[0], fields[1], fields[2]);
        }
        catch (IOException e) {
            return "unknown";
        }
    }

    public String describe()
    {
        return "%s, %s cores, %s GiB RAM; %s; %s".formatted(cpuModel, cores, Math.round(memoryBytes / (double) (1L << 30)), operatingSystem, java);
    }

    private static Optional<String> firstValue(Path file, String key, char separator)
    {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(key) && line.indexOf(separator) > 0)
                    .map(line -> line.substring(line.indexOf(separator) + 1).strip())
                    .findFirst();
        }
        catch (IOException e) {
            // not Linux: the value stays unknown
            return Optional.empty();
        }
    }
}
