package io.lakehouse.catalog.glue;

import static java.util.Objects.requireNonNull;

/**
 * A failure reported to the client as a Glue error response. The message is sent verbatim,
 * so it names the entity involved and what the caller can do about it.
 */
public class GlueException
        extends RuntimeException
{
    private final GlueErrorType errorType;

    public GlueException(GlueErrorType errorType, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.errorType = requireNonNull(errorType, "errorType is null");
    }

    public GlueException(GlueErrorType errorType, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.errorType = requireNonNull(errorType, "errorType is null");
    }

    public GlueErrorType getErrorType()
    {
        return errorType;
    }
}
