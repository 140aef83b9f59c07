package io.lakehouse.materializer.pipeline;

import com.google.common.collect.HashMultiset;
import com.google.common.collect.ImmutableMultiset;
import com.google.common.collect.Multiset;
import com.google.common.collect.Multisets;
import com.google.common.hash.Hashing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * The rows of a query result in a form two engines agree on, their count and an order-independent checksum: each row
 * is written as text (numbers without trailing zeros whatever their type, doubles to 12 significant digits,
 * timestamps and dates in ISO form, arrays element by element) and the checksum is the sum of the rows' 64-bit
 * hashes.
 */
record TableDigest(long rows, long checksum, Multiset<String> content)
{
    private static final MathContext DOUBLE_DIGITS = new MathContext(12);

    TableDigest
    {
        content = ImmutableMultiset.copyOf(requireNonNull(content, "content is null"));
    }

    static TableDigest of(ResultSet result)
            throws SQLException
    {
        int columns = result.getMetaData().getColumnCount();
        Multiset<String> content = HashMultiset.create();
        long checksum = 0;
        while (result.next()) {
            List<String> values = new ArrayList<>(columns);
            for (int column = 1; column <= columns; column++) {
                values.add(canonical(result.getObject(column)));
            }
            String row = String.join(" | ", values);
            content.add(row);
            checksum += Hashing.murmur3_128().hashString(row, UTF_8).asLong();
        }
        return new TableDigest(content.size(), checksum, content);
    }

    /**
     * A few rows only this digest has and a few only {@code other} has, for a failure message.
     */
    String differenceFrom(TableDigest other, String name, String otherName)
    {
        return "%s has %,d rows (checksum %016x), %s has %,d rows (checksum %016x)%n  only in %s: %s%n  only in %s: %s".formatted(
                name, rows, checksum, otherName, other.rows, other.checksum,
                name, sample(Multisets.difference(content, other.content)),
                otherName, sample(Multisets.difference(other.content, content)));
    }

    boolean matches(TableDigest other)
    {
        return rows == other.rows && checksum == other.checksum;
    }

    private static String sample(Multiset<String> rows)
    {
        return rows.stream().sorted().limit(5).collect(joining("\n      ", "%,d rows%n      ".formatted(rows.size()), ""));
    }

    static String canonical(Object value)
            throws SQLException
    {
        return switch (value) {
            case null -> "NULL";
            case Array array -> canonical(array.getArray());
            case Object[] elements -> {
                List<String> canonical = new ArrayList<>();
                for (Object element : elements) {
                    canonical.add(canonical(element));
                }
                yield canonical.stream().collect(joining(", ", "[", "]"));
            }
            case List<?> elements -> canonical(elements.toArray());
            case Double number -> decimal(new BigDecimal(number).round(DOUBLE_DIGITS));
            case Float number -> decimal(new BigDecimal(number).round(DOUBLE_DIGITS));
            case BigDecimal number -> decimal(number);
            case BigInteger number -> number.toString();
            case Number number -> decimal(new BigDecimal(number.toString()));
            case Timestamp timestamp -> timestamp.toLocalDateTime().toString();
            case Date date -> date.toLocalDate().toString();
            case Temporal temporal -> temporal.toString();
            case String text -> "'" + text.replace("'", "''") + "'";
            default -> value.toString();
        };
    }

    private static String decimal(BigDecimal number)
    {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}
