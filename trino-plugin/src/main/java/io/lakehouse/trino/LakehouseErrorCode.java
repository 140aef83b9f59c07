package io.lakehouse.trino;

import io.trino.spi.ErrorCode;
import io.trino.spi.ErrorCodeSupplier;
import io.trino.spi.ErrorType;

import static io.trino.spi.ErrorType.EXTERNAL;
import static io.trino.spi.ErrorType.USER_ERROR;

public enum LakehouseErrorCode
        implements ErrorCodeSupplier
{
    LANDING_FILESYSTEM_ERROR(0, EXTERNAL),
    LANDING_BAD_DATA(1, USER_ERROR),
    LANDING_EMPTY_DATASET(2, USER_ERROR),
    LANDING_INVALID_OPTIONS(3, USER_ERROR),
    LANDING_SCHEMA_MISMATCH(4, USER_ERROR),
    CURATED_CATALOG_ERROR(5, EXTERNAL),
    MATERIALIZER_UNAVAILABLE(6, EXTERNAL),
    LINEAGE_NOT_REPORTED(7, USER_ERROR);

    private final ErrorCode errorCode;

    LakehouseErrorCode(int code, ErrorType type)
    {
        errorCode = new ErrorCode(code + 0x0731_0000, name(), type);
    }

    @Override
    public ErrorCode toErrorCode()
    {
        return errorCode;
    }
}
