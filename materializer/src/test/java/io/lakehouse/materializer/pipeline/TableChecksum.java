package io.lakehouse.materializer.pipeline;

import com.google.common.hash.Hashing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The row count and order-independent checksum of a query result, computed as {@link TableDigest} does (the same
 * text for a row whatever the engine) but without keeping the rows, for tables of millions of rows.
 */
public record TableChecksum(long rows, long checksum)
{
    public static TableChecksum of(ResultSet result)
            throws SQLException
    {
        int columns = result.getMetaData().getColumnCount();
        long rows = 0;
        long checksum = 0;
        List<String> values = new ArrayList<>(columns);
        while (result.next()) {
            values.clear();
            for (int column = 1; column <= columns; column++) {
                values.add(TableDigest.canonical(result.getObject(column)));
            }
            checksum += Hashing.murmur3_128().hashString(String.join(" | ", values), UTF_8).asLong();
            rows++;
        }
        return new TableChecksum(rows, checksum);
    }

    @Override
    public String toString()
    {
        return "%,d rows, checksum %016x".formatted(rows, checksum);
    }
}
