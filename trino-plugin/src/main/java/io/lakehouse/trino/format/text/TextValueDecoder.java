package io.lakehouse.trino.format.text;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.lakehouse.trino.format.LandingColumn;
import io.trino.spi.TrinoException;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.VariableWidthBlockBuilder;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static io.trino.spi.type.Chars.truncateToLengthAndTrimSpaces;
import static io.trino.spi.type.Varchars.truncateToLength;
import static io.trino.spi.type.Timestamps.MICROSECONDS_PER_SECOND;
import static io.trino.spi.type.Timestamps.NANOSECONDS_PER_MICROSECOND;
import static java.lang.Float.floatToRawIntBits;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Turns the text of one field into a value of one column's type. A decoder holds the last decoded value until it is
 * written, so a record is decoded completely before any of its values reaches a block.
 */
public abstract sealed class TextValueDecoder
{
    /**
     * Decodes {@code length} bytes of UTF-8 at {@code offset}; false when the text is not a value of the type.
     */
    public abstract boolean decode(byte[] bytes, int offset, int length);

    /**
     * Writes the value of the last successful {@link #decode}.
     */
    public abstract void write(BlockBuilder output);

    public static TextValueDecoder create(LandingColumn column)
    {
        Type type = column.type();
        if (type instanceof VarcharType || type instanceof CharType) {
            return new VarcharDecoder(type);
        }
        if (type instanceof BooleanType) {
            return new BooleanDecoder();
        }
        if (type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType) {
            return new IntegerDecoder(type);
        }
        if (type instanceof DoubleType || type instanceof RealType) {
            return new DoubleDecoder(type);
        }
        if (type instanceof DecimalType decimalType) {
            return new DecimalDecoder(decimalType);
        }
        if (type instanceof DateType) {
            return new DateDecoder(column.pattern().map(DateTimeFormatter::ofPattern));
        }
        if (type instanceof TimestampType timestampType && timestampType.isShort()) {
            return new TimestampDecoder(timestampType, column.pattern().map(DateTimeFormatter::ofPattern));
        }
        throw new TrinoException(NOT_SUPPORTED, "Column %s: type %s cannot be read from delimited text; use varchar, boolean, an integer type, double, real, decimal, date or timestamp(0..6)".formatted(column.name(), type));
    }

    private static final class VarcharDecoder
            extends TextValueDecoder
    {
        private final Type type;
        // unbounded varchar, the common case, is copied straight from the record's bytes
        private final boolean unbounded;
        private byte[] bytes;
        private int offset;
        private int length;

        private VarcharDecoder(Type type)
        {
            this.type = type;
            this.unbounded = type instanceof VarcharType varchar && varchar.isUnbounded();
        }

        @Override
        public boolean decode(byte[] bytes, int offset, int length)
        {
            this.bytes = bytes;
            this.offset = offset;
            this.length = length;
            return true;
        }

        @Override
        public void write(BlockBuilder output)
        {
            if (unbounded) {
                ((VariableWidthBlockBuilder) output).writeEntry(bytes, offset, length);
                return;
            }
            Slice value = Slices.wrappedBuffer(bytes, offset, length);
            type.writeSlice(output, type instanceof VarcharType varchar ? truncateToLength(value, varchar) : truncateToLengthAndTrimSpaces(value, (CharType) type));
        }
    }

    private static final class BooleanDecoder
            extends TextValueDecoder
    {
        private boolean value;

        @Override
        public boolean decode(byte[] bytes, int offset, int length)
        {
            if (equalsIgnoreCase(bytes, offset, length, "true") || equalsIgnoreCase(bytes, offset, length, "t")) {
                value = true;
                return true;
            }
            if (equalsIgnoreCase(bytes, offset, length, "false") || equalsIgnoreCase(bytes, offset, length, "f")) {
                value = false;
                return true;
            }
            return false;
        }

        @Override
        public void write(BlockBuilder output)
        {
            BooleanType.BOOLEAN.writeBoolean(output, value);
        }
    }

    private static final class IntegerDecoder
            extends TextValueDecoder
    {
        // 18 decimal digits always fit in a long
        private static final int MAX_DIGITS_WITHOUT_OVERFLOW = 18;

        private final Type type;
        private final long min;
        private final long max;
        private long value;

        private IntegerDecoder(Type type)
        {
            this.type = type;
            if (type instanceof IntegerType) {
                min = Integer.MIN_VALUE;
                max = Integer.MAX_VALUE;
            }
            else if (type instanceof SmallintType) {
                min = Short.MIN_VALUE;
                max = Short.MAX_VALUE;
            }
            else if (type instanceof TinyintType) {
                min = Byte.MIN_VALUE;
                max = Byte.MAX_VALUE;
            }
            else {
                min = Long.MIN_VALUE;
                max = Long.MAX_VALUE;
            }
        }

        @Override
        public boolean decode(byte[] bytes, int offset, int length)
        {
            int end = offset + length;
            int position = offset;
            boolean negative = false;
            if (position < end && (bytes[position] == '-' || bytes[position] == '+')) {
                negative = bytes[position] == '-';
                position++;
            }
            if (position == end) {
                return false;
            }
            if (end - position <= MAX_DIGITS_WITHOUT_OVERFLOW) {
                long result = 0;
                for (; position < end; position++) {
                    int digit = bytes[position] - '0';
                    if (digit < 0 || digit > 9) {
                        return false;
                    }
                    result = result * 10 + digit;
                }
                if (negative) {
                    result = -result;
                }
                if (result < min || result > max) {
                    return false;
                }
                value = result;
                return true;
            }
            // accumulate negatively so Long.MIN_VALUE fits
            long result = 0;
            for (; position < end; position++) {
                int digit = bytes[position] - '0';
                if (digit < 0 || digit > 9) {
                    return false;
                }
                if (result < (Long.MIN_VALUE + digit) / 10) {
                    return false;
                }
                result = result * 10 - digit;
            }
            if (!negative) {
                if (result == Long.MIN_VALUE) {
                    return false;
                }
                result = -result;
            }
            if (result < min || result > max) {
                return false;
            }
            value = result;
            return true;
        }

        @Override
        public void write(BlockBuilder output)
        {
            type.writeLong(output, value);
        }
    }

    private static final class DoubleDecoder
            extends TextValueDecoder
    {
        private final Type type;
        private double value;

        private DoubleDecoder(Type type)
        {
            this.type = type;
        }

        @Override
        public boolean decode(byte[] bytes, int offset, int length)
        {
            if (length == 0 || isLetterOrBlank(bytes[offset + length - 1]) && !isSpecialDouble(bytes, offset, length)) {
                return false;
            }
            try {
                value = Double.parseDouble(new String(bytes, offset, length, UTF_8));
                return true;
            }
            catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public void write(BlockBuilder output)
        {
            if (type instanceof RealType) {
                type.writeLong(output, floatToRawIntBits((float) value));
            }
            else {
                type.writeDouble(output, value);
            }
        }

        // Java accepts "1d", "1f" and surrounding blanks; a data file's number does not
        private static boolean isLetterOrBlank(byte value)
        {
            return value == 'd' || value == 'D' || value == 'f' || value == 'F' || value == ' ' || value == '\t';
        }

        private static boolean isSpecialDouble(byte[] bytes, int offset, int length)
        {
            return equalsIgnoreCase(bytes, offset, length, "NaN") || equalsIgnoreCase(bytes, offset, length, "Infinity")
                    || equalsIgnoreCase(bytes, offset, length, "-Infinity");
        }
    }

    private static final class DecimalDecoder
            extends TextValueDecoder
    {
        private static final long[] LONG_POWERS_OF_TEN = new long[19];

        static {
            LONG_POWERS_OF_TEN[0] = 1;
            for (int i = 1; i < LONG_POWERS_OF_TEN.length; i++) {
                LONG_POWERS_OF_TEN[i] = LONG_POWERS_OF_TEN[i - 1] * 10;
            }
        }

        private final DecimalType type;
        private long shortValue;
        private Int128 longValue;

        private DecimalDecoder(DecimalType type)
        {
            this.type = type;
        }

        @Override
        public boolean decode(byte[] bytes, int offset, int length)
        {
            if (length == 0) {
                return false;
            }
            if (type.isShort() && decodeShort(bytes, offset, length)) {
                return true;
            }
            for (int i = offset; i < offset + length; i++) {
                byte value = bytes[i];
                if (!(value >= '0' && value <= '9' || value == '.' || value == '-' || value == '+')) {
                    return false;
                }
            }
            BigDecimal value;
            try {
                value = new BigDecimal(new String(bytes, offset, length, UTF_8)).setScale(type.getScale(), RoundingMode.UNNECESSARY);
            }
            catch (NumberFormatException | ArithmeticException e) {
                return false;
            }
            if (value.precision() > type.getPrecision()) {
                return false;
            }
            if (type.isShort()) {
                shortValue = value.unscaledValue().longValueExact();
            }
            else {
                longValue = Decimals.valueOf(value.unscaledValue());
            }
            return true;
        }

        /**
         * Plain {@code [-]digits[.digits]} text with at most 18 digits, without allocating; false leaves the general path to decide.
         */
        private boolean decodeShort(byte[] bytes, int offset, int length)
        {
            int position = offset;
            int end = offset + length;
            boolean negative = bytes[position] == '-';
            if (negative || bytes[position] == '+') {
                position++;
            }
            long unscaled = 0;
            int digits = 0;
            int fraction = -1;
            for (; position < end; position++) {
                byte value = bytes[position];
                if (value == '.' && fraction < 0) {
                    fraction = 0;
                    continue;
                }
                if (value < '0' || value > '9' || digits == 18) {
                    return false;
                }
                unscaled = unscaled * 10 + (value - '0');
                digits++;
                if (fraction >= 0) {
                    fraction++;
                }
            }
            int scale = Math.max(fraction, 0);
            if (digits == 0 || scale > type.getScale() || digits + type.getScale() - scale > 18) {
                return false;
            }
            for (int i = scale; i < type.getScale(); i++) {
                unscaled *= 10;
            }
            if (unscaled >= LONG_POWERS_OF_TEN[type.getPrecision()]) {
                return false;
            }
            shortValue = negative ? -unscaled : unscaled;
            return true;
        }

        @Override
        public void write(BlockBuilder output)
        {
            if (type.isShort()) {
                type.writeLong(output, shortValue);
            }
            else {
                type.writeObject(output, longValue);
            }
        }
    }

    private static final class DateDecoder
            extends TextValueDecoder
    {
        private final Optional<DateTimeFormatter> pattern;
        private long days;

        private DateDecoder(Optional<DateTimeFormatter> pattern)
        {
            this.pattern = pattern;
        }

        @Override
        public boolean decode(byte[] bytes, int offset, int length)
        {
            if (pattern.isEmpty() && length == 10 && bytes[offset + 4] == '-' && bytes[offset + 7] == '-') {
                int year = digits(bytes, offset, 4);
                int month = digits(bytes, offset + 5, 2);
                int day = digits(bytes, offset + 8, 2);
                if (year < 0 || month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
                    return false;
                }
                days = LocalDate.of(year, month, day).toEpochDay();
                return true;
            }
            try {
                String text = new String(bytes, offset, length, UTF_8);
                days = (pattern.isPresent() ? LocalDate.parse(text, pattern.get()) : LocalDate.parse(text)).toEpochDay();
                return true;
            }
            catch (DateTimeParseException e) {
                return false;
            }
        }

        @Override
        public void write(BlockBuilder output)
        {
            DateType.DATE.writeLong(output, days);
        }
    }

    private static final class TimestampDecoder
            extends TextValueDecoder
    {
        private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE)
                .optionalStart().appendLiteral('T').optionalEnd()
                .optionalStart().appendLiteral(' ').optionalEnd()
                .appendValue(ChronoField.HOUR_OF_DAY, 2)
                .appendLiteral(':')
                .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
                .optionalStart()
                .appendLiteral(':')
                .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
                .optionalStart()
                .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                .toFormatter();

        private final TimestampType type;
        private final DateTimeFormatter formatter;
        private final long roundingDivisor;
        private long epochMicros;

        private TimestampDecoder(TimestampType type, Optional<DateTimeFormatter> pattern)
        {
            this.type = type;
            this.formatter = pattern.orElse(ISO);
            this.roundingDivisor = (long) Math.pow(10, 6 - type.getPrecision());
        }

        @Override
        public boolean decode(byte[] bytes, int offset, int length)
        {
            LocalDateTime value;
            try {
                value = LocalDateTime.parse(new String(bytes, offset, length, UTF_8), formatter);
            }
            catch (DateTimeParseException e) {
                return false;
            }
            long micros = value.toEpochSecond(ZoneOffset.UTC) * MICROSECONDS_PER_SECOND + value.getNano() / NANOSECONDS_PER_MICROSECOND;
            epochMicros = Math.floorDiv(micros + roundingDivisor / 2, roundingDivisor) * roundingDivisor;
            return true;
        }

        @Override
        public void write(BlockBuilder output)
        {
            type.writeLong(output, epochMicros);
        }
    }

    private static int digits(byte[] bytes, int offset, int count)
    {
        int value = 0;
        for (int i = offset; i < offset + count; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static boolean equalsIgnoreCase(byte[] bytes, int offset, int length, String expected)
    {
        if (length != expected.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (Character.toLowerCase(bytes[offset + i]) != Character.toLowerCase(expected.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
