package io.lakehouse.materializer.model;

import com.google.common.collect.ImmutableList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Loads every {@code .sql} file below a directory as a model, in path order.
 */
public final class ModelLoader
{
    private final ModelParser parser;

    public ModelLoader(ModelParser parser)
    {
        this.parser = requireNonNull(parser, "parser is null");
    }

    public List<Model> load(Path directory)
    {
        requireNonNull(directory, "directory is null");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("Model directory '%s' does not exist; run from the project root or pass --models <dir>".formatted(directory));
        }
        List<Path> files;
        try (Stream<Path> paths = Files.walk(directory)) {
            files = paths
                    // Query.SQL is a model too: a file left out for the case of its name would be a model silently not run
                    .filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(toImmutableList());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list model files in '%s': %s".formatted(directory, e.getMessage()), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No model files (*.sql) found in '%s'".formatted(directory));
        }

        ImmutableList.Builder<Model> models = ImmutableList.builder();
        for (Path file : files) {
            models.add(loadFile(file));
        }
        return models.build();
    }

    private Model loadFile(Path file)
    {
        String text;
        try {
            text = Files.readString(file, UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read model file '%s': %s".formatted(file, e.getMessage()), e);
        }
        return parser.parse(file, text);
    }
}
