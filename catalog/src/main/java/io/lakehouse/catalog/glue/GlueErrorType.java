package io.lakehouse.catalog.glue;

import static java.util.Objects.requireNonNull;

/**
 * Error types of the AWS Glue API, spelled as Glue sends them in {@code __type} and
 * {@code x-amzn-ErrorType}, so that AWS SDKs map them to their typed exceptions.
 */
public enum GlueErrorType
{
    ENTITY_NOT_FOUND("EntityNotFoundException", 400),
    ALREADY_EXISTS("AlreadyExistsException", 400),
    INVALID_INPUT("InvalidInputException", 400),
    CONCURRENT_MODIFICATION("ConcurrentModificationException", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    INTERNAL_SERVICE("InternalServiceException", 500);

    private final String code;
    private final int httpStatus;

    GlueErrorType(String code, int httpStatus)
    {
        this.code = requireNonNull(code, "code is null");
        this.httpStatus = httpStatus;
    }

    public String code()
    {
        return code;
    }

    public int httpStatus()
    {
        return httpStatus;
    }
}
