package io.lakehouse.trino.benchmark;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.benchmark.BenchmarkResult.Comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static com.google.common.base.Preconditions.checkArgument;
import static java.lang.Math.toIntExact;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The one Markdown report of {@code bin/lakehouse bench all}: the machine, the date, the commit, and one table of every
 * benchmark's figures against the peers measured in the same run and the targets, then each benchmark's details. It
 * reads the {@code *.json} results the benchmarks wrote ({@link BenchmarkResult}); a benchmark that wrote none is
 * listed as failed.
 * <p>
 * Options: {@code --results DIR}, {@code --output FILE}, {@code --expect name,...} (the benchmarks that were run, in
 * report order), {@code --commit ID}, {@code --command TEXT} (how it was run), {@code --load-before "1 5 15"},
 * {@code --duration-seconds N}, and {@code --readme FILE} to replace the summary between the markers
 * {@value #README_BEGIN} and {@value #README_END} there.
 */
public final class BenchmarkReport
{
    static final String README_BEGIN = "<!-- benchmarks:begin -->";
    static final String README_END = "<!-- benchmarks:end -->";

    private final Run run;
    private final List<String> expected;
    private final Map<String, BenchmarkResult> results;

    /**
     * @param run how and where the benchmarks ran
     * @param expected the benchmarks that were run, in report order
     * @param results what they wrote; results not expected follow the expected ones
     */
    public BenchmarkReport(Run run, List<String> expected, List<BenchmarkResult> results)
    {
        this.run = requireNonNull(run, "run is null");
        Map<String, BenchmarkResult> byName = new LinkedHashMap<>();
        results.forEach(result -> byName.put(result.name(), result));
        this.results = byName;
        this.expected = Stream.concat(expected.stream(), byName.keySet().stream()).distinct().collect(ImmutableList.toImmutableList());
    }

    /**
     * @param commit the git commit, with a note when the work tree had changes
     * @param command how the run was started, with its sizes
     */
    public record Run(BenchmarkMachine machine, LocalDate date, String commit, String command, String loadBefore, String loadAfter, Optional<Duration> duration)
    {
        public Run
        {
            requireNonNull(machine, "machine is null");
            requireNonNull(date, "date is null");
            requireNonNull(commit, "commit is null");
            requireNonNull(command, "command is null");
            requireNonNull(loadBefore, "loadBefore is null");
            requireNonNull(loadAfter, "loadAfter is null");
            requireNonNull(duration, "duration is null");
        }
    }

    public static void main(String[] args)
            throws IOException
    {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("--results", ".lakehouse/bench/results");
        defaults.put("--output", "bench/results/latest.md");
        defaults.put("--expect", "");
        defaults.put("--commit", "unknown");
        defaults.put("--command", "bin/lakehouse bench all");
        defaults.put("--load-before", "unknown");
        defaults.put("--duration-seconds", "");
        defaults.put("--readme", "");
        Map<String, String> options = BenchmarkOptions.parse(args, defaults);
        Path folder = Path.of(options.get("--results"));
        List<BenchmarkResult> results;
        try (Stream<Path> files = Files.list(folder)) {
            results = files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(BenchmarkResult::read)
                    .toList();
        }
        Run run = new Run(
                BenchmarkMachine.current(),
                LocalDate.now(),
                options.get("--commit"),
                options.get("--command"),
                options.get("--load-before"),
                BenchmarkMachine.loadAverage(),
                Optional.of(options.get("--duration-seconds")).filter(seconds -> !seconds.isEmpty()).map(seconds -> Duration.ofSeconds(Long.parseLong(seconds))));
        List<String> expected = Stream.of(options.get("--expect").split(",")).filter(name -> !name.isEmpty()).toList();
        BenchmarkReport report = new BenchmarkReport(run, expected, results);

        Path output = Path.of(options.get("--output"));
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        Files.writeString(output, report.toMarkdown(), UTF_8);
        System.out.println(report.summary(output.getFileName().toString()));
        System.out.println("[bench] report written to " + output);
        if (!options.get("--readme").isEmpty()) {
            Path readme = Path.of(options.get("--readme"));
            Path relative = readme.toAbsolutePath().getParent().relativize(output.toAbsolutePath());
            Files.writeString(readme, replaceSummary(Files.readString(readme, UTF_8), report.summary(relative.toString())), UTF_8);
            System.out.println("[bench] table updated in " + readme);
        }
    }

    public String toMarkdown()
    {
        StringBuilder markdown = new StringBuilder("# Benchmarks\n\n");
        markdown.append(header());
        markdown.append(table());
        for (String name : expected) {
            markdown.append("\n## ");
            BenchmarkResult result = results.get(name);
            if (result == null) {
                markdown.append(name).append("\n\n**No result**: the benchmark failed before writing one; see its output in the run's log.\n");
                continue;
            }
            markdown.append(result.title()).append("\n\n");
            markdown.append(result.setup()).append(" Load average (1, 5, 15 min): ").append(result.loadAverage()).append(".\n");
            result.failure().ifPresent(failure -> markdown.append("\n**Failed**: ").append(failure).append("\n"));
            if (!result.details().isEmpty()) {
                markdown.append("\n");
                result.details().forEach(detail -> markdown.append("- ").append(detail).append("\n"));
            }
        }
        return markdown.toString();
    }

    /**
     * The header and the table, with a link to the full report, for the README.
     */
    public String summary(String fullReport)
    {
        return header() + table() + "\nDetails of each benchmark: [%s](%s).\n".formatted(fullReport, fullReport);
    }

    private String header()
    {
        return """
                Measured on %s with `%s` at commit %s%s.

                Machine: %s. Load average (1, 5, 15 min): %s before, %s after%s.

                """.formatted(
                run.date(),
                run.command(),
                run.commit(),
                run.duration().map(duration -> ", in %d min".formatted(toIntExact(Math.round(duration.toSeconds() / 60.0)))).orElse(""),
                run.machine().describe(),
                run.loadBefore(),
                run.loadAfter(),
                " (a load above the %s cores means processes waited for one; other work on the machine counts too)".formatted(run.machine().cores()));
    }

    private String table()
    {
        StringBuilder table = new StringBuilder();
        table.append("| benchmark | our figure | peer figure | ratio | target | met? |\n");
        table.append("|---|---|---|---:|---|---|\n");
        for (String name : expected) {
            BenchmarkResult result = results.get(name);
            if (result == null) {
                table.append("| %s | no result | | | | **failed** |\n".formatted(name));
                continue;
            }
            for (Comparison comparison : result.comparisons()) {
                table.append("| %s: %s | %s | %s | %s | %s | %s |\n".formatted(
                        result.title(),
                        comparison.name(),
                        figure(comparison.ours()),
                        comparison.peer().map(BenchmarkReport::figure).orElse("—"),
                        comparison.ratio().isPresent() ? "%.2f×".formatted(comparison.ratio().getAsDouble()) : "—",
                        comparison.describeTarget().orElse("—"),
                        result.failure().isPresent() ? "**failed**" : comparison.met().map(met -> met ? "yes" : "**no**").orElse("—")));
            }
        }
        table.append("\nRatio = our figure ÷ the peer's, both measured in the same run; every figure is a time or a cost, so below 1× we are faster.\n");
        return table.toString();
    }

    private static String figure(BenchmarkResult.Figure figure)
    {
        return "%s %s".formatted(figure.label(), figure.format());
    }

    static String replaceSummary(String readme, String summary)
    {
        int begin = readme.indexOf(README_BEGIN);
        int end = readme.indexOf(README_END);
        checkArgument(begin >= 0 && end > begin, "the README has no %s ... %s section for the benchmark table", README_BEGIN, README_END);
        return readme.substring(0, begin + README_BEGIN.length()) + "\n" + summary + readme.substring(end);
    }
}
