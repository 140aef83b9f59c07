package io.lakehouse.trino.format;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A record that cannot be decoded: where it is, which column and value failed (when one did), why, and what to do
 * about it when that is more particular than fixing the file or declaring the column's type.
 */
public class MalformedRecordException
        extends Exception
{
    private final long lineNumber;
    private final Optional<String> column;
    private final Optional<String> value;
    private final String reason;
    private final Optional<String> remedy;

    public MalformedRecordException(long lineNumber, Optional<String> column, Optional<String> value, String reason)
    {
        this(lineNumber, column, value, reason, Optional.empty());
    }

    public MalformedRecordException(long lineNumber, Optional<String> column, Optional<String> value, String reason, Optional<String> remedy)
    {
        // no stack trace: in SKIP mode a file may hold many malformed records, and the location is in the fields
        super(reason, null, false, false);
        this.lineNumber = lineNumber;
        this.column = requireNonNull(column, "column is null");
        this.value = requireNonNull(value, "value is null");
        this.reason = requireNonNull(reason, "reason is null");
        this.remedy = requireNonNull(remedy, "remedy is null");
    }

    public long lineNumber()
    {
        return lineNumber;
    }

    public Optional<String> column()
    {
        return column;
    }

    public Optional<String> value()
    {
        return value;
    }

    public String reason()
    {
        return reason;
    }

    public Optional<String> remedy()
    {
        return remedy;
    }

    /**
     * The same failure at a line number shifted by {@code lines} (when the decoder read a byte range that does not start the file).
     */
    public MalformedRecordException shiftedBy(long lines)
    {
        return new MalformedRecordException(lineNumber + lines, column, value, reason, remedy);
    }
}
