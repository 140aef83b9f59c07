package io.lakehouse.trino.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.google.common.collect.ImmutableList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * What one benchmark measured, in the form the combined report ({@link BenchmarkReport}) reads: our figures against
 * the peers' measured in the same run, with their targets, and detail lines. A benchmark run with the system property
 * {@value #RESULTS_PROPERTY} set to a folder writes its result there as {@code <name>.json}.
 *
 * @param name file name and identifier, such as {@code landing-scan}
 * @param title heading in the report
 * @param setup what was measured, at which sizes
 * @param loadAverage the machine's load average before and after the measurement
 * @param failure set when the run is not valid, for example when the engines returned different results
 */
public record BenchmarkResult(String name, String title, String setup, String loadAverage, List<Comparison> comparisons, List<String> details, Optional<String> failure)
{
    public static final String RESULTS_PROPERTY = "bench.results";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT);

    public BenchmarkResult
    {
        checkArgument(name.matches("[a-z0-9-]+"), "name must be lower case letters, digits and dashes: %s", name);
        requireNonNull(title, "title is null");
        requireNonNull(setup, "setup is null");
        requireNonNull(loadAverage, "loadAverage is null");
        comparisons = ImmutableList.copyOf(comparisons);
        details = ImmutableList.copyOf(details);
        requireNonNull(failure, "failure is null");
    }

    /**
     * Writes this result into the folder of {@value #RESULTS_PROPERTY} when the property is set.
     */
    public Optional<Path> writeToResultsFolder()
    {
        String folder = System.getProperty(RESULTS_PROPERTY, "");
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(write(Path.of(folder)));
    }

    public Path write(Path folder)
    {
        Path file = folder.resolve(name + ".json");
        try {
            Files.createDirectories(folder);
            MAPPER.writeValue(file.toFile(), this);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the benchmark result " + file, e);
        }
        return file;
    }

    public static BenchmarkResult read(Path file)
    {
        try {
            return MAPPER.readValue(file.toFile(), BenchmarkResult.class);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the benchmark result %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    /**
     * A measured value: a time or a cost, so lower is better.
     */
    public record Figure(String label, double value, String unit)
    {
        public Figure
        {
            requireNonNull(label, "label is null");
            checkArgument(Double.isFinite(value) && value >= 0, "value must be a non-negative number: %s", value);
            requireNonNull(unit, "unit is null");
        }

        public static Figure seconds(String label, double seconds)
        {
            return new Figure(label, seconds, "s");
        }

        public String format()
        {
            return "%s %s".formatted(number(value), unit);
        }
    }

    /**
     * What is met when our figure, or its ratio to the peer's, is at most {@code atMost}.
     */
    public record Target(Measure measure, double atMost)
    {
        public enum Measure
        {
            RATIO, FIGURE
        }

        public Target
        {
            requireNonNull(measure, "measure is null");
            checkArgument(atMost > 0, "atMost must be positive: %s", atMost);
        }

        public static Target ratioAtMost(double atMost)
        {
            return new Target(Measure.RATIO, atMost);
        }

        public static Target figureAtMost(double atMost)
        {
            return new Target(Measure.FIGURE, atMost);
        }
    }

    /**
     * One row of the report: our figure, optionally a peer's in the same unit, and optionally a target.
     */
    public record Comparison(String name, Figure ours, Optional<Figure> peer, Optional<Target> target)
    {
        public Comparison
        {
            requireNonNull(name, "name is null");
            requireNonNull(ours, "ours is null");
            requireNonNull(peer, "peer is null");
            requireNonNull(target, "target is null");
            peer.ifPresent(figure -> checkArgument(figure.unit().equals(ours.unit()), "%s: our figure is in %s, the peer's in %s", name, ours.unit(), figure.unit()));
            checkArgument(target.map(Target::measure).orElse(Target.Measure.FIGURE) != Target.Measure.RATIO || peer.isPresent(), "%s: a target on the ratio needs a peer", name);
        }

        public static Comparison againstPeer(String name, Figure ours, Figure peer, Optional<Target> target)
        {
            return new Comparison(name, ours, Optional.of(peer), target);
        }

        public static Comparison againstTarget(String name, Figure ours, Target target)
        {
            return new Comparison(name, ours, Optional.empty(), Optional.of(target));
        }

        /**
         * Our figure divided by the peer's; below 1 we are faster.
         */
        public OptionalDouble ratio()
        {
            return peer.filter(figure -> figure.value() > 0)
                    .map(figure -> OptionalDouble.of(ours.value() / figure.value()))
                    .orElse(OptionalDouble.empty());
        }

        public Optional<Boolean> met()
        {
            return target.map(target -> switch (target.measure()) {
                case FIGURE -> ours.value() <= target.atMost();
                case RATIO -> ratio().orElse(Double.POSITIVE_INFINITY) <= target.atMost();
            });
        }

        public Optional<String> describeTarget()
        {
            return target.map(target -> switch (target.measure()) {
                case FIGURE -> "≤ %s %s".formatted(number(target.atMost()), ours.unit());
                case RATIO -> "≤ %.2f×".formatted(target.atMost());
            });
        }
    }

    /**
     * Three significant digits at most, and at least one decimal: 0.342, 7.71, 23.4, 184.9, 1,024.0.
     */
    static String number(double value)
    {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.1f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (value >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
