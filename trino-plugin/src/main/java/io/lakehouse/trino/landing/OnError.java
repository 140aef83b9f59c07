package io.lakehouse.trino.landing;

/**
 * What a query does with a record that does not decode: fail naming file, line, column and value (the default), or
 * skip it, counting it and leaving it visible in the table's {@code $rejects} companion.
 */
public enum OnError
{
    FAIL,
    SKIP
}
