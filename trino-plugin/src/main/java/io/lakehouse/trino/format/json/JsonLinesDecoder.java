package io.lakehouse.trino.format.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.google.common.collect.ImmutableList;
import io.airlift.slice.DynamicSliceOutput;
import io.airlift.slice.Slice;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.MalformedRecordException;
import io.lakehouse.trino.format.RecordDecoder;
import io.lakehouse.trino.format.json.JsonLinesFormat.LocalTimestamp;
import io.trino.hive.formats.line.LineBuffer;
import io.trino.hive.formats.line.LineReader;
import io.trino.spi.TrinoException;
import io.trino.spi.block.ArrayBlockBuilder;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.MapBlockBuilder;
import io.trino.spi.block.RowBlockBuilder;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.LongTimestamp;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeUtils;
import io.trino.spi.type.VarcharType;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static com.fasterxml.jackson.core.JsonParser.NumberType.BIG_INTEGER;
import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NULL;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_STRING;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static io.airlift.slice.SizeOf.instanceSize;
import static io.airlift.slice.SizeOf.sizeOf;
import static io.airlift.slice.Slices.utf8Slice;
import static io.lakehouse.trino.format.json.JsonLinesFormat.JSON_FACTORY;
import static io.lakehouse.trino.format.json.JsonLinesFormat.contentStart;
import static io.lakehouse.trino.format.json.JsonLinesFormat.isBlank;
import static io.lakehouse.trino.format.json.JsonLinesFormat.kind;
import static io.lakehouse.trino.format.json.JsonLinesFormat.parseIsoDate;
import static io.lakehouse.trino.format.json.JsonLinesFormat.parseIsoTimestamp;
import static io.trino.spi.StandardErrorCode.INVALID_COLUMN_PROPERTY;
import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.Decimals.MAX_PRECISION;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.Timestamps.MICROSECONDS_PER_SECOND;
import static io.trino.spi.type.Timestamps.PICOSECONDS_PER_MICROSECOND;
import static io.trino.spi.type.Timestamps.PICOSECONDS_PER_NANOSECOND;
import static io.trino.spi.type.Timestamps.PICOSECONDS_PER_SECOND;
import static io.trino.spi.type.Timestamps.round;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.spi.type.Varchars.truncateToLength;
import static java.lang.Float.floatToRawIntBits;
import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;
import static java.lang.Math.toIntExact;
import static java.lang.String.format;
import static java.math.RoundingMode.UNNECESSARY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Decodes JSON lines: one JSON object per line, its keys matched to the columns by name ignoring case. A column
 * without a key is null. A key of a table column that the query does not read is skipped; a key that is no column of
 * the table (nor a field of a {@code row} column's type), typically one that first appears after the sample the
 * schema was inferred from, makes the record malformed, as its value would otherwise be lost. Blank lines are
 * skipped, but counted in line numbers.
 * <p>
 * A value is converted to its column's type only when nothing is lost or invented on the way: a string in a
 * {@code bigint} column, {@code 3.5} in an {@code integer} column, a number too large for its column, a number with
 * more decimal places than its {@code decimal} column's scale (trailing zeros aside) or a date that does not match
 * the column's pattern make the record malformed. The exception is {@code varchar}, which takes any value: a number
 * or boolean as its JSON text, an object or array as its compact JSON text. Fractions of seconds are rounded half up
 * to a {@code timestamp} column's precision, as {@code CAST} does; {@code NaN} and {@code Infinity}, which Python
 * writes by default, are read into {@code double} and {@code real} columns.
 * <p>
 * A record is one line: pretty-printed JSON, an object spread over several lines, is not JSON lines.
 * <p>
 * Supported types: {@code boolean}, {@code tinyint}, {@code smallint}, {@code integer}, {@code bigint}, {@code real},
 * {@code double}, {@code decimal(p, s)}, {@code varchar(n)}, {@code date}, {@code timestamp(p)}, and {@code row},
 * {@code array} and {@code map} (with {@code varchar} keys) of these.
 */
public final class JsonLinesDecoder
        implements RecordDecoder
{
    /**
     * The longest line read by the decoders created without a {@link LineBuffer}.
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 << 20;

    private static final int INSTANCE_SIZE = instanceSize(JsonLinesDecoder.class);
    private static final int MAX_REPORTED_VALUE_LENGTH = 100;

    private final LineReader lineReader;
    private final LineBuffer lineBuffer;
    private final List<LandingColumn> columns;
    private final FieldIndex tableColumnIndex;
    private final int[] decodedColumns;
    private final ValueDecoder[] decoders;
    private final ValueSlot[] values;

    private long lineNumber;
    private long recordLineNumber;
    private boolean hasRecord;
    private boolean finished;

    public JsonLinesDecoder(LineReader lineReader, List<String> tableColumns, List<LandingColumn> columns)
    {
        this(lineReader, new LineBuffer(1 << 10, DEFAULT_MAX_LINE_LENGTH), tableColumns, columns);
    }

    /**
     * @param lineBuffer the buffer lines are read into; its maximum length is the longest line accepted (a longer line
     * fails {@link #next()} with an {@link IOException})
     * @param tableColumns the names of all the table's data columns: a key of one that is not in {@code columns} is
     * skipped, a key of none makes its record malformed
     * @param columns the columns to decode, each one of {@code tableColumns}
     */
    public JsonLinesDecoder(LineReader lineReader, LineBuffer lineBuffer, List<String> tableColumns, List<LandingColumn> columns)
    {
        this.lineReader = requireNonNull(lineReader, "lineReader is null");
        this.lineBuffer = requireNonNull(lineBuffer, "lineBuffer is null");
        this.columns = ImmutableList.copyOf(requireNonNull(columns, "columns is null"));
        List<String> tableColumnNames = ImmutableList.copyOf(requireNonNull(tableColumns, "tableColumns is null"));
        this.tableColumnIndex = new FieldIndex(tableColumnNames.stream().map(Optional::of).toList());
        this.decodedColumns = decodedColumns(tableColumnNames, this.columns);
        this.decoders = this.columns.stream()
                .map(column -> createDecoder(column.type(), column.pattern(), column.name(), column.name()))
                .toArray(ValueDecoder[]::new);
        this.values = new ValueSlot[this.columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = new ValueSlot();
        }
    }

    /**
     * For each table column, its position among the decoded columns, or -1 when it is not decoded.
     */
    private static int[] decodedColumns(List<String> tableColumns, List<LandingColumn> columns)
    {
        List<String> names = columns.stream().map(LandingColumn::name).toList();
        checkArgument(tableColumns.containsAll(names), "columns %s are not all among the table columns %s", names, tableColumns);
        FieldIndex columnIndex = new FieldIndex(names.stream().map(Optional::of).toList());
        return tableColumns.stream().mapToInt(columnIndex::indexOf).toArray();
    }

    @Override
    public boolean next()
            throws IOException, MalformedRecordException
    {
        hasRecord = false;
        while (!finished) {
            if (!lineReader.readLine(lineBuffer)) {
                finished = true;
                return false;
            }
            lineNumber++;
            byte[] line = lineBuffer.getBuffer();
            int end = lineBuffer.getLength();
            int start = contentStart(line, end);
            if (isBlank(line, start, end)) {
                continue;
            }
            recordLineNumber = lineNumber;
            decodeRecord(line, start, end - start);
            hasRecord = true;
            return true;
        }
        return false;
    }

    private void decodeRecord(byte[] line, int offset, int length)
            throws IOException, MalformedRecordException
    {
        for (ValueSlot value : values) {
            value.setNull();
        }
        try (JsonParser parser = JSON_FACTORY.createParser(line, offset, length)) {
            JsonToken token = parser.nextToken();
            if (token != START_OBJECT) {
                throw malformedLine(line, offset, length, "expected a JSON object, found " + kind(token));
            }
            while (parser.nextToken() == FIELD_NAME) {
                String key = parser.currentName();
                int tableColumn = tableColumnIndex.indexOf(key);
                JsonToken valueToken = parser.nextToken();
                if (tableColumn < 0) {
                    throw unknownKey(parser, key);
                }
                int column = decodedColumns[tableColumn];
                if (column < 0) {
                    // a column the query does not read
                    parser.skipChildren();
                    continue;
                }
                if (valueToken == VALUE_NULL) {
                    // a key may repeat: the last value wins, as in JavaScript
                    values[column].setNull();
                    continue;
                }
                try {
                    decoders[column].decode(parser, values[column]);
                }
                catch (MalformedValueException e) {
                    throw new MalformedRecordException(recordLineNumber, Optional.of(e.column()), Optional.of(shorten(e.value())), e.getMessage(), e.remedy());
                }
            }
            // the parser checked the object is well-formed up to its end; what follows it must be nothing
            if (parser.nextToken() != null) {
                throw malformedLine(line, offset, length, "invalid JSON: unexpected content after the object");
            }
        }
        catch (JsonProcessingException e) {
            throw malformedLine(line, offset, length, "invalid JSON: " + describe(e));
        }
    }

    /**
     * A key that is no column: its value would be lost, with no sign of it, were the key skipped.
     */
    private MalformedRecordException unknownKey(JsonParser parser, String key)
            throws IOException
    {
        String reason = "key '%s' is not a column of the table: it does not occur in the part of the files read to infer the schema".formatted(key);
        String remedy = "Declare it under \"columns\" in _lakehouse.json of the dataset folder, e.g. \"columns\": {\"%s\": \"varchar\"}".formatted(key.toLowerCase(Locale.ROOT));
        return new MalformedRecordException(recordLineNumber, Optional.of(key), Optional.of(shorten(valueText(parser))), reason, Optional.of(remedy));
    }

    private MalformedRecordException malformedLine(byte[] line, int offset, int length, String reason)
    {
        return new MalformedRecordException(recordLineNumber, Optional.empty(), Optional.of(shorten(new String(line, offset, length, UTF_8))), reason);
    }

    private static String describe(JsonProcessingException e)
    {
        String message = requireNonNull(e.getOriginalMessage(), "message is null");
        // Jackson appends where an unclosed object started, as a source location that says nothing to a user
        int startMarker = message.indexOf(" (start marker at");
        if (startMarker >= 0) {
            message = message.substring(0, startMarker);
        }
        if (e.getLocation() != null && e.getLocation().getColumnNr() > 0) {
            message += " at byte " + e.getLocation().getColumnNr();
        }
        return message;
    }

    private static String shorten(String value)
    {
        if (value.length() <= MAX_REPORTED_VALUE_LENGTH) {
            return value;
        }
        int end = MAX_REPORTED_VALUE_LENGTH;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "...";
    }

    @Override
    public long lineNumber()
    {
        return recordLineNumber;
    }

    @Override
    public void writeValue(int column, BlockBuilder output)
    {
        checkState(hasRecord, "no current record");
        values[column].write(columns.get(column).type(), output);
    }

    @Override
    public long bytesRead()
    {
        return lineReader.getBytesRead();
    }

    @Override
    public long retainedSize()
    {
        return INSTANCE_SIZE + lineReader.getRetainedSize() + lineBuffer.getRetainedSize() + sizeOf(values) + sizeOf(decoders);
    }

    @Override
    public void close()
            throws IOException
    {
        lineReader.close();
    }

    /**
     * @param column the name of the column the values are in
     * @param path the column name, followed for a nested value by the fields and elements leading to it
     * ({@code address.zip}, {@code tags[]}), as messages show it
     */
    private static ValueDecoder createDecoder(Type type, Optional<String> pattern, String column, String path)
    {
        Location location = new Location(column, path);
        if (BOOLEAN.equals(type)) {
            return new BooleanDecoder(location);
        }
        if (BIGINT.equals(type)) {
            return new IntegralDecoder(type, location, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (INTEGER.equals(type)) {
            return new IntegralDecoder(type, location, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (SMALLINT.equals(type)) {
            return new IntegralDecoder(type, location, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (TINYINT.equals(type)) {
            return new IntegralDecoder(type, location, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (DOUBLE.equals(type)) {
            return new DoubleDecoder(location);
        }
        if (REAL.equals(type)) {
            return new RealDecoder(location);
        }
        if (type instanceof DecimalType decimalType) {
            return new DecimalDecoder(decimalType, location);
        }
        if (type instanceof VarcharType varcharType) {
            return new VarcharDecoder(varcharType, location);
        }
        if (DATE.equals(type)) {
            return new DateDecoder(formatter(pattern, path), location);
        }
        if (type instanceof TimestampType timestampType) {
            return new TimestampDecoder(timestampType, formatter(pattern, path), location);
        }
        if (type instanceof ArrayType arrayType) {
            return new ArrayDecoder(arrayType, createDecoder(arrayType.getElementType(), pattern, column, path + "[]"), location);
        }
        if (type instanceof MapType mapType && mapType.getKeyType() instanceof VarcharType) {
            // [] as in jq, where .[] iterates the values of objects as well as arrays
            return new MapDecoder(mapType, createDecoder(mapType.getValueType(), pattern, column, path + "[]"), location);
        }
        if (type instanceof RowType rowType) {
            List<ValueDecoder> fieldDecoders = new ArrayList<>();
            for (RowType.Field field : rowType.getFields()) {
                fieldDecoders.add(createDecoder(field.getType(), pattern, column, path + "." + field.getName().orElse("")));
            }
            return new RowDecoder(rowType, fieldDecoders, location);
        }
        throw new TrinoException(NOT_SUPPORTED, format("Column '%s' has type %s, which cannot be read from JSON", path, type.getDisplayName()));
    }

    private static Optional<DateTimeFormatter> formatter(Optional<String> pattern, String path)
    {
        try {
            return pattern.map(value -> DateTimeFormatter.ofPattern(value, Locale.ENGLISH));
        }
        catch (IllegalArgumentException e) {
            throw new TrinoException(INVALID_COLUMN_PROPERTY, format("Column '%s' has an invalid date pattern '%s': %s", path, pattern.orElseThrow(), e.getMessage()), e);
        }
    }

    /**
     * The current value of a column, or of one element of a nested value while it is decoded. Scalars are held unboxed,
     * so decoding a flat record allocates little beyond the strings it holds; a row, array or map is held as an
     * {@code Object[]}, {@code List} or {@code Map} of boxed native values.
     */
    private static final class ValueSlot
    {
        private boolean isNull = true;
        private long longValue;
        private double doubleValue;
        private boolean booleanValue;
        private Object objectValue;

        void setNull()
        {
            isNull = true;
            objectValue = null;
        }

        void setLong(long value)
        {
            isNull = false;
            longValue = value;
        }

        void setDouble(double value)
        {
            isNull = false;
            doubleValue = value;
        }

        void setBoolean(boolean value)
        {
            isNull = false;
            booleanValue = value;
        }

        void setObject(Object value)
        {
            isNull = false;
            objectValue = value;
        }

        Object toNativeValue(Type type)
        {
            if (isNull) {
                return null;
            }
            Class<?> javaType = type.getJavaType();
            if (javaType == long.class) {
                return longValue;
            }
            if (javaType == double.class) {
                return doubleValue;
            }
            if (javaType == boolean.class) {
                return booleanValue;
            }
            return objectValue;
        }

        void write(Type type, BlockBuilder output)
        {
            if (isNull) {
                output.appendNull();
                return;
            }
            Class<?> javaType = type.getJavaType();
            if (javaType == long.class) {
                type.writeLong(output, longValue);
            }
            else if (javaType == double.class) {
                type.writeDouble(output, doubleValue);
            }
            else if (javaType == boolean.class) {
                type.writeBoolean(output, booleanValue);
            }
            else {
                writeNativeValue(type, output, objectValue);
            }
        }
    }

    private static void writeNativeValue(Type type, BlockBuilder output, Object value)
    {
        if (value == null) {
            output.appendNull();
            return;
        }
        switch (type) {
            case RowType rowType -> {
                Object[] fieldValues = (Object[]) value;
                ((RowBlockBuilder) output).buildEntry(fieldBuilders -> {
                    for (int i = 0; i < fieldValues.length; i++) {
                        writeNativeValue(rowType.getFields().get(i).getType(), fieldBuilders.get(i), fieldValues[i]);
                    }
                });
            }
            case ArrayType arrayType -> {
                List<?> elements = (List<?>) value;
                ((ArrayBlockBuilder) output).buildEntry(elementBuilder -> {
                    for (Object element : elements) {
                        writeNativeValue(arrayType.getElementType(), elementBuilder, element);
                    }
                });
            }
            case MapType mapType -> {
                Map<?, ?> entries = (Map<?, ?>) value;
                ((MapBlockBuilder) output).buildEntry((keyBuilder, valueBuilder) -> {
                    for (Map.Entry<?, ?> entry : entries.entrySet()) {
                        mapType.getKeyType().writeSlice(keyBuilder, (Slice) entry.getKey());
                        writeNativeValue(mapType.getValueType(), valueBuilder, entry.getValue());
                    }
                });
            }
            default -> TypeUtils.writeNativeValue(type, output, value);
        }
    }

    /**
     * Field positions by name ignoring case, without lower-casing names that are already lower case.
     */
    private static final class FieldIndex
    {
        private final Map<String, Integer> positions = new HashMap<>();

        /**
         * @param names the field names; a field without one matches no key, and is always null
         */
        FieldIndex(List<Optional<String>> names)
        {
            for (int i = 0; i < names.size(); i++) {
                int position = i;
                // with two names equal ignoring case, the first is the one a key matches
                names.get(i).ifPresent(name -> positions.putIfAbsent(name.toLowerCase(Locale.ROOT), position));
            }
        }

        int indexOf(String name)
        {
            Integer position = positions.get(name);
            if (position == null) {
                position = positions.get(name.toLowerCase(Locale.ROOT));
            }
            return position == null ? -1 : position;
        }
    }

    /**
     * A value that does not fit its column: the column as the error names it (for a key that is no field, the key's
     * path, such as {@code address.zip}), the value's text, why (with where, for a nested value), and what to do when
     * that is more particular than declaring the column's type.
     */
    private static final class MalformedValueException
            extends Exception
    {
        private final String column;
        private final String value;
        private final Optional<String> remedy;

        MalformedValueException(String column, String value, String reason, Optional<String> remedy)
        {
            // no stack trace: the message says all there is to know
            super(reason, null, false, false);
            this.column = requireNonNull(column, "column is null");
            this.value = requireNonNull(value, "value is null");
            this.remedy = requireNonNull(remedy, "remedy is null");
        }

        Optional<String> remedy()
        {
            return remedy;
        }

        String column()
        {
            return column;
        }

        String value()
        {
            return value;
        }
    }

    /**
     * Where a decoder's values are in a record: a column, or a value nested in one.
     */
    private record Location(String column, String path)
    {
        Location
        {
            requireNonNull(column, "column is null");
            requireNonNull(path, "path is null");
        }

        boolean nested()
        {
            return !path.equals(column);
        }

        String describe(String reason)
        {
            return nested() ? reason + " at " + path : reason;
        }
    }

    /**
     * Decodes the JSON value at the parser's current token, which is neither null nor the end of an object or array.
     */
    private abstract static class ValueDecoder
    {
        protected final Type type;
        protected final Location location;

        ValueDecoder(Type type, Location location)
        {
            this.type = requireNonNull(type, "type is null");
            this.location = requireNonNull(location, "location is null");
        }

        abstract void decode(JsonParser parser, ValueSlot slot)
                throws IOException, MalformedValueException;

        final MalformedValueException mismatch(JsonParser parser)
                throws IOException
        {
            return malformed(parser, "expected %s, found %s".formatted(type.getDisplayName(), kind(parser.currentToken())));
        }

        final MalformedValueException outOfRange(JsonParser parser)
                throws IOException
        {
            return malformed(parser, "value out of range for " + type.getDisplayName());
        }

        final MalformedValueException malformed(JsonParser parser, String reason)
                throws IOException
        {
            return new MalformedValueException(location.column(), valueText(parser), location.describe(reason), Optional.empty());
        }

        final MalformedValueException malformed(JsonParser parser, String reason, String remedy)
                throws IOException
        {
            return new MalformedValueException(location.column(), valueText(parser), location.describe(reason), Optional.of(remedy));
        }
    }

    /**
     * The text of the value at the parser's current token, as an error shows it: an object or array as compact JSON.
     */
    private static String valueText(JsonParser parser)
            throws IOException
    {
        JsonToken token = parser.currentToken();
        return (token == START_OBJECT || token == START_ARRAY) ? jsonText(parser).toStringUtf8() : parser.getText();
    }

    private static final class BooleanDecoder
            extends ValueDecoder
    {
        BooleanDecoder(Location location)
        {
            super(BOOLEAN, location);
        }

        @Override
        void decode(JsonParser parser, ValueSlot slot)
                throws IOException, MalformedValueException
        {
            switch (parser.currentToken()) {
                case VALUE_TRUE -> slot.setBoolean(true);
                case VALUE_FALSE -> slot.setBoolean(false);
                default -> throw mismatch(parser);
            }
        }
    }

    private static final class IntegralDecoder
            extends ValueDecoder
    {
        private final long min;
        private final long max;

        IntegralDecoder(Type type, Location location, long min, long max)
        {
            super(type, location);
            this.min = min;
            this.max = max;
        }

        @Override
        void decode(JsonParser parser, ValueSlot slot)
                throws IOException, MalformedValueException
        {
            long value;
            if (parser.currentToken() == VALUE_NUMBER_INT) {
                if (parser.getNumberType() == BIG_INTEGER) {
                    throw outOfRange(parser);
                }
                value = parser.getLongValue();
            }
            else if (parser.currentToken() == VALUE_NUMBER_FLOAT) {
                if (parser.isNaN()) {
                    throw malformed(parser, "expected %s, found %s".formatted(type.getDisplayName(), parser.getText()));
                }
                // 3.0 and 3e2 are integers written as floats, as some JSON writers (JavaScript's among them) do
                BigDecimal decimal = parser.getDecimalValue().stripTrailingZeros();
                if (decimal.scale() > 0) {
                    throw malformed(parser, "expected %s, found a number with a fraction".formatted(type.getDisplayName()));
                }
                try {
                    value = decimal.longValueExact();
                }
                catch (ArithmeticException _) {
                    throw outOfRange(parser);
                }
            }
            else {
                throw mismatch(parser);
            }
            if (value < min || value > max) {
                throw outOfRange(parser);
            }
            slot.setLong(value);
        }
    }

    private static final class DoubleDecoder
            extends ValueDecoder
    {
        DoubleDecoder(Location location)
        {
            super(DOUBLE, location);
        }

        @Override
        void decode(JsonParser parser, ValueSlot slot)
                throws IOException, MalformedValueException
        {
            if (parser.currentToken() != VALUE_NUMBER_INT && parser.currentToken() != VALUE_NUMBER_FLOAT) {
                throw mismatch(parser);
            }
            double value = parser.getDoubleValue();
            // NaN and Infinity written as such are kept; a finite number too large for a double is not made infinite
            if (Double.isInfinite(value) && !parser.isNaN()) {
                throw outOfRange(parser);
            }
            slot.setDouble(value);
        }
    }

    private static final class RealDecoder
            extends ValueDecoder
    {
        RealDecoder(Location location)
        {
            super(REAL, location);
        }

        @Override
        void decode(JsonParser parser, ValueSlot slot)
                throws IOException, MalformedValueException
        {
            if (parser.currentToken() != VALUE_NUMBER_INT && parser.currentToken() != VALUE_NUMBER_FLOAT) {
                throw mismatch(parser);
            }
            float value = parser.getFloatValue();
            if (Float.isInfinite(value) && !parser.isNaN()) {
                throw outOfRange(parser);
            }
            slot.setLong(floatToRawIntBits(value));
        }
    }

    private static final class DecimalDecoder
            extends ValueDecoder
    {
        private final DecimalType decimalType;

        DecimalDecoder(DecimalType decimalType, Location location)
        {
            super(decimalType, location);
            this.decimalType = decimalType;
        }

        @Override
        void decode(JsonParser parser, ValueSlot slot)
                throws IOException, MalformedValueException
        {
            if (parser.currentToken() != VALUE_NUMBER_INT && parser.currentToken() != VALUE_NUMBER_FLOAT) {
                throw mismatch(parser);
            }
            if (parser.isNaN()) {
                throw malformed(parser, "expected %s, found %s".formatted(type.getDisplayName(), parser.getText()));
            }
            BigDecimal value;
            try {
                value = toScale(parser, parser.getDecimalValue());
            }
            catch (NumberFormatException _) {
                throw outOfRange(parser);
            }
            if (decimalType.isShort()) {
                slot.setLong(value.unscaledValue().longValueExact());
            }
            else {
                slot.setObject(Int128.valueOf(value.unscaledValue()));
            }
        }

        /**
         * The value at the column's scale, exactly: a value that would need rounding is malformed.
         */
        private BigDecimal toScale(JsonParser parser, BigDecimal value)
                throws IOException, MalformedValueException
        {
            int scale = decimalType.getScale();
            if (value.signum() == 0) {
                // 0E-999999999 too
                return BigDecimal.ZERO.setScale(scale);
            }
            // decide on the digits first: setScale on 1e-999999999 or 1e999999999 would take forever
            long integerDigits = (long) value.precision() - value.scale();
            if (integerDigits > decimalType.getPrecision() - scale) {
                throw outOfRange(parser);
            }
            // only trailing zeros can be dropped without rounding, and a number has fewer of them than it has digits
            if ((long) value.scale() - scale >= value.precision()) {
                throw tooManyDecimalPlaces(parser, value);
            }
            try {
                return value.setScale(scale, UNNECESSARY);
            }
            catch (ArithmeticException _) {
                throw tooManyDecimalPlaces(parser, value);
            }
        }

        private MalformedValueException tooManyDecimalPlaces(JsonParser parser, BigDecimal value)
                throws IOException
        {
            return malformed(
                    parser,
                    "value has more decimal places than %s allows, and rounding would lose them".formatted(type.getDisplayName()),
                    "Declare a wider type in _lakehouse.json of the dataset folder" + widerType(value).map(wider -> ", e.g. " + wider).orElse(""));
        }

        /**
         * The decimal type with the column's integer digits and all the value's decimal places, when there is one.
         */
        private Optional<String> widerType(BigDecimal value)
        {
            if (value.precision() > MAX_PRECISION) {
                // stripping the trailing zeros off a long number is slow: no example
                return Optional.empty();
            }
            int places = value.stripTrailingZeros().scale();
            long precision = (long) decimalType.getPrecision() - decimalType.getScale() + places;
            return precision <= MAX_PRECISION ? Optional.of(createDecimalType(toIntExact(precision), places).getDisplayName()) : Optional.empty();
        }
    }

    private static final class VarcharDecoder
            extends ValueDecoder
    {
        private final VarcharType varcharType;

        VarcharDecoder(VarcharType varcharType, Location location)
        {
            super(varcharType, location);
            this.varcharType = varcharType;
        }

        @Override
        void decode(JsonParser parser, ValueSlot slot)
                throws IOException
        {
            Slice value = switch (parser.currentToken()) {
                case START_OBJECT, START_ARRAY -> jsonText(parser);
                // for a number this is the text as written: 1.50 stays 1.50
                default -> utf8Slice(parser.getText());
            };
            slot.setObject(truncateToLength(value, varcharType));
        }
    }

    private static final class DateDecoder
            extends ValueDecoder
    {
        private final Optional<DateTimeFormatter> formatter;
        private final String expected;

        DateDecoder(Optional<DateTimeFormatter> formatter, Location location)
        {
            super(DATE, location);
            this.formatter = requireNonNull(formatter, "formatter is null");
            this.expected = formatter.map(value -> "expected date matching pattern '" + value + "'")
                    .orElse("expected date in ISO-8601 format yyyy-MM-dd");
        }

        @Override
        void decode(JsonParser parser, ValueSlot slot)
                throws IOException, MalformedValueException
        {
            if (parser.currentToken() != VALUE_STRING) {
                throw mismatch(parser);
            }
            String text = parser.getText();
            LocalDate date;
            if (formatter.isEmpty()) {
                date = parseIsoDate(text);
            }
            else {
                try {
                    date = formatter.get().parse(text).query(TemporalQueries.localDate());
                }
                catch (DateTimeException _) {
                    date = null;
                }
            }
            if (date == null) {
                throw malformed(parser, expected);
            }
            slot.setLong(date.toEpochDay());
        }
    }

    private static final class TimestampDecoder
            extends ValueDecoder
    {
        private final TimestampType timestampType;
        private final Optional<DateTimeFormatter> formatter;
        private final String expected;

        TimestampDecoder(TimestampType timestampType, Optional<DateTimeFormatter> formatter, Location location)
        {
            super(timestampType, location);
            this.timestampType = timestampType;
            this.formatter = requireNonNull(formatter, "formatter is null");
            this.expected = formatter.map(value -> "expected %s matching pattern '%s'".formatted(timestampType.getDisplayName(), value))
                    .orElse("expected %s in ISO-8601 format yyyy-MM-dd HH:mm:ss[.fraction] without time zone".formatted(timestampType.getDisplayName()));
        }

        @Override
        void decode(JsonParser parser, ValueSlot slot)
                throws IOException, MalformedValueException
        {
            if (parser.currentToken() != VALUE_STRING) {
                throw mismatch(parser);
            }
            String text = parser.getText();
            // as CAST(varchar AS timestamp) does, a date alone is midnight
            LocalTimestamp timestamp = formatter.isEmpty() ? parseIsoTimestamp(text, true) : parseWithPattern(text);
            if (timestamp == null) {
                throw malformed(parser, expected);
            }

            long epochSecond = timestamp.epochSecond();
            // fraction digits beyond the precision are rounded half up, as CAST does
            long picosOfSecond = round(timestamp.picosOfSecond(), TimestampType.MAX_PRECISION - timestampType.getPrecision());
            if (picosOfSecond == PICOSECONDS_PER_SECOND) {
                epochSecond++;
                picosOfSecond = 0;
            }
            long epochMicros;
            try {
                epochMicros = addExact(multiplyExact(epochSecond, MICROSECONDS_PER_SECOND), picosOfSecond / PICOSECONDS_PER_MICROSECOND);
            }
            catch (ArithmeticException _) {
                throw outOfRange(parser);
            }
            if (timestampType.isShort()) {
                slot.setLong(epochMicros);
            }
            else {
                slot.setObject(new LongTimestamp(epochMicros, toIntExact(picosOfSecond % PICOSECONDS_PER_MICROSECOND)));
            }
        }

        private LocalTimestamp parseWithPattern(String text)
        {
            try {
                TemporalAccessor parsed = formatter.orElseThrow().parse(text);
                LocalDate date = parsed.query(TemporalQueries.localDate());
                if (date == null) {
                    return null;
                }
                LocalTime time = parsed.query(TemporalQueries.localTime());
                if (time == null) {
                    time = LocalTime.MIDNIGHT;
                }
                return new LocalTimestamp(date.toEpochDay() * 86_400 + time.toSecondOfDay(), (long) time.getNano() * PICOSECONDS_PER_NANOSECOND, 9);
            }
            catch (DateTimeException _) {
                return null;
            }
        }
    }

    private static final class ArrayDecoder
            extends ValueDecoder
    {
        private final ValueDecoder elementDecoder;
        private final Type elementType;
        private final ValueSlot element = new ValueSlot();

        ArrayDecoder(ArrayType arrayType, ValueDecoder elementDecoder, Location location)
        {
            super(arrayType, location);
            this.elementDecoder = requireNonNull(elementDecoder, "elementDecoder is null");
            this.elementType = arrayType.getElementType();
        }

        @Override
        void decode(JsonParser parser, ValueSlot slot)
                throws IOException, MalformedValueException
        {
            if (parser.currentToken() != START_ARRAY) {
                throw mismatch(parser);
            }
            List<Object> elements = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != END_ARRAY) {
                if (token == VALUE_NULL) {
                    elements.add(null);
                    continue;
                }
                elementDecoder.decode(parser, element);
                elements.add(element.toNativeValue(elementType));
                element.setNull();
            }
            slot.setObject(elements);
        }
    }

    private static final class MapDecoder
            extends ValueDecoder
    {
        private final VarcharType keyType;
        private final ValueDecoder valueDecoder;
        private final Type valueType;
        private final ValueSlot value = new ValueSlot();

        MapDecoder(MapType mapType, ValueDecoder valueDecoder, Location location)
        {
            super(mapType, location);
            this.keyType = (VarcharType) mapType.getKeyType();
            this.valueDecoder = requireNonNull(valueDecoder, "valueDecoder is null");
            this.valueType = mapType.getValueType();
        }

        @Override
        void decode(JsonParser parser, ValueSlot slot)
                throws IOException, MalformedValueException
        {
            if (parser.currentToken() != START_OBJECT) {
                throw mismatch(parser);
            }
            // a key may repeat (or repeat once truncated to the key type's length): the last value wins
            Map<Slice, Object> entries = new LinkedHashMap<>();
            while (parser.nextToken() == FIELD_NAME) {
                Slice key = truncateToLength(utf8Slice(parser.currentName()), keyType);
                if (parser.nextToken() == VALUE_NULL) {
                    entries.put(key, null);
                    continue;
                }
                valueDecoder.decode(parser, value);
                entries.put(key, value.toNativeValue(valueType));
                value.setNull();
            }
            slot.setObject(entries);
        }
    }

    private static final class RowDecoder
            extends ValueDecoder
    {
        private final RowType rowType;
        private final List<Type> fieldTypes;
        private final FieldIndex fieldIndex;
        private final ValueDecoder[] fieldDecoders;
        private final ValueSlot field = new ValueSlot();

        RowDecoder(RowType rowType, List<ValueDecoder> fieldDecoders, Location location)
        {
            super(rowType, location);
            this.rowType = rowType;
            this.fieldTypes = rowType.getTypeParameters();
            this.fieldIndex = new FieldIndex(rowType.getFields().stream()
                    .map(RowType.Field::getName)
                    .toList());
            this.fieldDecoders = fieldDecoders.toArray(ValueDecoder[]::new);
        }

        @Override
        void decode(JsonParser parser, ValueSlot slot)
                throws IOException, MalformedValueException
        {
            if (parser.currentToken() != START_OBJECT) {
                throw mismatch(parser);
            }
            Object[] fieldValues = new Object[fieldDecoders.length];
            while (parser.nextToken() == FIELD_NAME) {
                String key = parser.currentName();
                int position = fieldIndex.indexOf(key);
                JsonToken valueToken = parser.nextToken();
                if (position < 0) {
                    throw unknownField(parser, key);
                }
                if (valueToken == VALUE_NULL) {
                    fieldValues[position] = null;
                    continue;
                }
                fieldDecoders[position].decode(parser, field);
                fieldValues[position] = field.toNativeValue(fieldTypes.get(position));
                field.setNull();
            }
            slot.setObject(fieldValues);
        }

        /**
         * A key that is none of the row's fields: its value would be lost, with no sign of it, were the key skipped.
         */
        private MalformedValueException unknownField(JsonParser parser, String key)
                throws IOException
        {
            List<RowType.Field> fields = new ArrayList<>(rowType.getFields());
            fields.add(RowType.field(key.toLowerCase(Locale.ROOT), VARCHAR));
            String example = RowType.from(fields).getDisplayName();
            String reason = "key '%s' is not a field of column %s: it does not occur in the part of the files read to infer the schema".formatted(key, location.column());
            String remedy = "Declare the column under \"columns\" in _lakehouse.json of the dataset folder %s"
                    .formatted(location.nested() ? "with a type in which %s is %s".formatted(location.path(), example) : "as " + example);
            return new MalformedValueException(location.path() + "." + key, valueText(parser), reason, Optional.of(remedy));
        }
    }

    /**
     * The compact JSON text of the object or array at the parser's current token, numbers written exactly as they
     * were (a copy through Jackson's own {@code copyCurrentStructure} would turn 1.50 into 1.5).
     */
    private static Slice jsonText(JsonParser parser)
            throws IOException
    {
        DynamicSliceOutput output = new DynamicSliceOutput(64);
        try (JsonGenerator generator = JSON_FACTORY.createGenerator((OutputStream) output)) {
            int depth = 0;
            do {
                JsonToken token = parser.currentToken();
                switch (token) {
                    case START_OBJECT -> {
                        generator.writeStartObject();
                        depth++;
                    }
                    case START_ARRAY -> {
                        generator.writeStartArray();
                        depth++;
                    }
                    case END_OBJECT -> {
                        generator.writeEndObject();
                        depth--;
                    }
                    case END_ARRAY -> {
                        generator.writeEndArray();
                        depth--;
                    }
                    case FIELD_NAME -> generator.writeFieldName(parser.currentName());
                    case VALUE_STRING -> generator.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
                    case VALUE_TRUE -> generator.writeBoolean(true);
                    case VALUE_FALSE -> generator.writeBoolean(false);
                    case VALUE_NULL -> generator.writeNull();
                    default -> throw new IllegalStateException("Unexpected JSON token: " + token);
                }
            }
            while (depth > 0 && parser.nextToken() != null);
        }
        return output.slice();
    }
}
