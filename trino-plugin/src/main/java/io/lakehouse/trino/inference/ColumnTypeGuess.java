package io.lakehouse.trino.inference;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.format.LandingColumn;
import io.trino.spi.type.Type;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.TimestampType.createTimestampType;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * The narrowest type that every sampled value of one column fits, as a person would choose it by hand: numbers with
 * leading zeros (codes, zip codes) and comma-joined lists stay varchar; day/month order is taken from values that
 * disambiguate it, and month-first when none does. A column without values (all null, or no rows) is
 * {@link LandingColumn#withoutValues without values}: the file gives no evidence of its type.
 */
final class ColumnTypeGuess
{
    private static final Pattern INTEGER = Pattern.compile("[+-]?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(0|[1-9][0-9]*)?\\.[0-9]+");
    private static final Pattern DOUBLE_TEXT = Pattern.compile("[+-]?((0|[1-9][0-9]*)(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern ISO_TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.([0-9]{1,9}))?)?");

    // in order of preference when several fit every value: ISO first, then month-first as in US exports
    private static final List<String> DATE_PATTERNS = ImmutableList.of("M/d/uuuu", "d/M/uuuu", "d.M.uuuu", "uuuu/M/d");
    private static final List<String> TIMESTAMP_PATTERNS = ImmutableList.of(
            "M/d/uuuu H:mm", "M/d/uuuu H:mm:ss", "d/M/uuuu H:mm", "d/M/uuuu H:mm:ss", "d.M.uuuu H:mm", "d.M.uuuu H:mm:ss", "uuuu/M/d H:mm:ss");

    private boolean isBoolean = true;
    private boolean isInteger = true;
    private boolean isDecimal = true;
    private boolean isDouble = true;
    private boolean isIsoDate = true;
    private boolean isIsoTimestamp = true;
    private final List<String> datePatterns = new ArrayList<>(DATE_PATTERNS);
    private final List<String> timestampPatterns = new ArrayList<>(TIMESTAMP_PATTERNS);
    private int integerDigits;
    private int scale;
    private int fractionDigits;
    private long values;

    public void add(String value)
    {
        values++;
        String lower = value.toLowerCase(Locale.ENGLISH);
        isBoolean &= lower.equals("true") || lower.equals("false");
        boolean integer = INTEGER.matcher(value).matches();
        boolean decimal = !integer && DECIMAL.matcher(value).matches();
        if (integer && value.length() > 18) {
            // beyond bigint: keep as decimal(38, 0) when it fits, otherwise text
            isInteger &= fitsBigint(value);
        }
        else {
            isInteger &= integer;
        }
        if (integer || decimal) {
            BigDecimal number = new BigDecimal(value);
            integerDigits = Math.max(integerDigits, number.precision() - number.scale());
            scale = Math.max(scale, Math.max(number.scale(), 0));
        }
        isDecimal &= integer || decimal;
        isDouble &= DOUBLE_TEXT.matcher(value).matches();
        isIsoDate &= ISO_DATE.matcher(value).matches() && parses(value, DateTimeFormatter.ISO_LOCAL_DATE, false);
        var timestamp = ISO_TIMESTAMP.matcher(value);
        if (timestamp.matches() && parses(value.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME, true)) {
            if (timestamp.group(3) != null) {
                fractionDigits = Math.max(fractionDigits, timestamp.group(3).length());
            }
        }
        else {
            isIsoTimestamp = false;
        }
        if (!datePatterns.isEmpty()) {
            datePatterns.removeIf(pattern -> !parses(value, formatter(pattern), false));
        }
        if (!timestampPatterns.isEmpty()) {
            timestampPatterns.removeIf(pattern -> !parses(value, formatter(pattern), true));
        }
    }

    public LandingColumn toColumn(String name)
    {
        if (values == 0) {
            return LandingColumn.withoutValues(name);
        }
        if (isBoolean) {
            return new LandingColumn(name, BOOLEAN);
        }
        if (isInteger) {
            return new LandingColumn(name, BIGINT);
        }
        if (isDecimal && integerDigits + scale <= 38) {
            int precision = integerDigits + scale <= 18 ? 18 : 38;
            return new LandingColumn(name, createDecimalType(precision, scale));
        }
        if (isDouble) {
            return new LandingColumn(name, DOUBLE);
        }
        if (isIsoDate) {
            return new LandingColumn(name, DATE);
        }
        if (!datePatterns.isEmpty()) {
            return new LandingColumn(name, DATE, Optional.of(datePatterns.getFirst()));
        }
        if (isIsoTimestamp) {
            return new LandingColumn(name, timestampType(fractionDigits));
        }
        if (!timestampPatterns.isEmpty()) {
            return new LandingColumn(name, timestampType(0), Optional.of(timestampPatterns.getFirst()));
        }
        return new LandingColumn(name, VARCHAR);
    }

    /**
     * Whether {@code value} is not a value of the type this guess settled on, i.e. it would have changed the guess.
     */
    public static boolean contradicts(LandingColumn column, String value)
    {
        ColumnTypeGuess guess = new ColumnTypeGuess();
        guess.add(value);
        Type type = column.type();
        if (type.equals(VARCHAR)) {
            return false;
        }
        if (type.equals(BOOLEAN)) {
            return !guess.isBoolean;
        }
        if (type.equals(BIGINT)) {
            return !guess.isInteger;
        }
        if (type.equals(DOUBLE)) {
            return !guess.isDouble;
        }
        if (type.equals(DATE)) {
            return column.pattern().isEmpty() ? !guess.isIsoDate : !guess.datePatterns.contains(column.pattern().get());
        }
        if (type.getBaseName().equals("decimal")) {
            return !guess.isDecimal;
        }
        if (type.getBaseName().equals("timestamp")) {
            return column.pattern().isEmpty() ? !guess.isIsoTimestamp : !guess.timestampPatterns.contains(column.pattern().get());
        }
        return false;
    }

    private static Type timestampType(int fractionDigits)
    {
        return createTimestampType(fractionDigits <= 3 ? 3 : 6);
    }

    private static boolean fitsBigint(String value)
    {
        try {
            Long.parseLong(value);
            return true;
        }
        catch (NumberFormatException e) {
            return false;
        }
    }

    private static DateTimeFormatter formatter(String pattern)
    {
        return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    private static boolean parses(String value, DateTimeFormatter formatter, boolean withTime)
    {
        if (value.isEmpty() || !Character.isDigit(value.charAt(0))) {
            return false;
        }
        try {
            if (withTime) {
                LocalDateTime.parse(value, formatter);
            }
            else {
                LocalDate.parse(value, formatter);
            }
            return true;
        }
        catch (DateTimeParseException e) {
            return false;
        }
    }
}
