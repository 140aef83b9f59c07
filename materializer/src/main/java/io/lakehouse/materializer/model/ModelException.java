package io.lakehouse.materializer.model;

import java.nio.file.Path;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A model file that cannot be used as written. The message starts with {@code file:line:column} so editors and
 * terminals can jump to the offending place.
 */
public class ModelException
        extends RuntimeException
{
    private final Path file;
    private final int line;
    private final int column;

    public ModelException(Path file, int line, int column, String message)
    {
        this(file, line, column, message, null);
    }

    public ModelException(Path file, int line, int column, String message, Throwable cause)
    {
        super(formatMessage(file, line, column, message), cause);
        checkArgument(line >= 1, "line must be at least 1");
        checkArgument(column >= 1, "column must be at least 1");
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public Path getFile()
    {
        return file;
    }

    public int getLine()
    {
        return line;
    }

    public int getColumn()
    {
        return column;
    }

    private static String formatMessage(Path file, int line, int column, String message)
    {
        requireNonNull(file, "file is null");
        requireNonNull(message, "message is null");
        return "%s:%s:%s: %s".formatted(file, line, column, message);
    }
}
