package io.lakehouse.trino.format.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.json.JsonLinesFormat.LocalTimestamp;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.fasterxml.jackson.core.JsonParser.NumberType.BIG_INTEGER;
import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;
import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.lakehouse.trino.format.json.JsonLinesFormat.JSON_FACTORY;
import static io.lakehouse.trino.format.json.JsonLinesFormat.contentStart;
import static io.lakehouse.trino.format.json.JsonLinesFormat.isBlank;
import static io.lakehouse.trino.format.json.JsonLinesFormat.parseIsoDate;
import static io.lakehouse.trino.format.json.JsonLinesFormat.parseIsoTimestamp;
import static io.lakehouse.trino.format.json.JsonLinesFormat.withoutByteOrderMark;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.Decimals.MAX_PRECISION;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.TimestampType.createTimestampType;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.lang.Math.max;
import static java.util.Objects.requireNonNull;

/**
 * Infers the columns of JSON-lines data from a sample of its lines, as a data engineer reading them would:
 * <ul>
 *     <li>the columns are the top-level keys, in the order first seen, lower-cased (keys equal ignoring case are one
 *     column);</li>
 *     <li>a key's type fits every value seen for it: {@code boolean}; {@code bigint} for integers, {@code double} once a
 *     number has a fraction or exponent; {@code date} when every string is {@code yyyy-MM-dd}; {@code timestamp(3)}
 *     when every string is {@code yyyy-MM-dd[T| ]HH:mm[:ss[.fraction]]} without zone ({@code timestamp(6)},
 *     {@code timestamp(9)} or {@code timestamp(12)} when longer fractions are seen); {@code varchar} for other
 *     strings; {@code row} for objects, their fields inferred the same way; {@code array} for arrays, of the type
 *     inferred from all their elements;</li>
 *     <li>a key seen only as null is {@code varchar} {@link LandingColumn#withoutValues without values}: the sample
 *     gives no evidence of its type, so the other files of the table decide it;</li>
 *     <li>a key seen only as an empty object, or with values of different kinds (a number and a string, an object
 *     and a scalar), and a row field or array element seen only as null, is {@code varchar}: the decoder then reads
 *     each value as its JSON text, so nothing is lost, and the user can cast what they need.</li>
 * </ul>
 * Lines that are not a JSON object are ignored: the decoder reports them when the data is read.
 */
public final class JsonSchemaInference
{
    private JsonSchemaInference() {}

    /**
     * @param sampleLines the first lines of the data, blank ones included
     */
    public static List<LandingColumn> infer(List<String> sampleLines)
    {
        Shape record = new Shape();
        for (String line : requireNonNull(sampleLines, "sampleLines is null")) {
            String content = withoutByteOrderMark(line);
            if (content.isBlank()) {
                continue;
            }
            try {
                if (isObject(JSON_FACTORY.createParser(content))) {
                    observeRecord(JSON_FACTORY.createParser(content), record);
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return columns(record);
    }

    /**
     * @param sampleLines the first lines of the data as UTF-8 bytes, without line terminators, blank ones included
     */
    public static List<LandingColumn> inferFromUtf8(List<byte[]> sampleLines)
    {
        Shape record = new Shape();
        for (byte[] line : requireNonNull(sampleLines, "sampleLines is null")) {
            int start = contentStart(line, line.length);
            if (isBlank(line, start, line.length)) {
                continue;
            }
            try {
                if (isObject(JSON_FACTORY.createParser(line, start, line.length - start))) {
                    observeRecord(JSON_FACTORY.createParser(line, start, line.length - start), record);
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return columns(record);
    }

    /**
     * Whether the line is one well-formed JSON object, checked before observing any of it, so that a line broken
     * half-way through does not contribute its first half.
     */
    private static boolean isObject(JsonParser parser)
            throws IOException
    {
        try (parser) {
            if (parser.nextToken() != START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        }
        catch (IOException _) {
            return false;
        }
    }

    private static void observeRecord(JsonParser parser, Shape record)
            throws IOException
    {
        try (parser) {
            parser.nextToken();
            observe(parser, record);
        }
    }

    private static List<LandingColumn> columns(Shape record)
    {
        if (record.fields == null) {
            return ImmutableList.of();
        }
        return record.fields.entrySet().stream()
                .map(entry -> column(entry.getKey(), entry.getValue()))
                .collect(toImmutableList());
    }

    private static LandingColumn column(String name, Shape shape)
    {
        return shape.sawValue() ? new LandingColumn(name, shape.type()) : LandingColumn.withoutValues(name);
    }

    private static void observe(JsonParser parser, Shape shape)
            throws IOException
    {
        JsonToken token = parser.currentToken();
        switch (token) {
            case VALUE_NULL -> {}
            case VALUE_TRUE, VALUE_FALSE -> shape.sawBoolean = true;
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() != BIG_INTEGER) {
                    shape.sawInteger = true;
                }
                else if (parser.getTextLength() - (parser.getText().startsWith("-") ? 1 : 0) <= MAX_PRECISION) {
                    shape.sawDecimalInteger = true;
                }
                else {
                    shape.sawFloat = true;
                }
            }
            case VALUE_NUMBER_FLOAT -> shape.sawFloat = true;
            case VALUE_STRING -> observeString(parser.getText(), shape);
            case START_OBJECT -> {
                shape.sawObject = true;
                if (shape.fields == null) {
                    shape.fields = new LinkedHashMap<>();
                }
                while (parser.nextToken() == FIELD_NAME) {
                    String name = parser.currentName().toLowerCase(Locale.ROOT);
                    parser.nextToken();
                    if (name.isEmpty()) {
                        // neither a column nor a row field can be named ""
                        parser.skipChildren();
                        continue;
                    }
                    observe(parser, shape.fields.computeIfAbsent(name, _ -> new Shape()));
                }
            }
            case START_ARRAY -> {
                shape.sawArray = true;
                if (shape.elements == null) {
                    shape.elements = new Shape();
                }
                while (parser.nextToken() != END_ARRAY) {
                    observe(parser, shape.elements);
                }
            }
            default -> throw new IllegalStateException("Unexpected JSON token: " + token);
        }
    }

    private static void observeString(String value, Shape shape)
    {
        shape.sawString = true;
        if (shape.allDates && parseIsoDate(value) == null) {
            shape.allDates = false;
        }
        if (shape.allTimestamps) {
            LocalTimestamp timestamp = parseIsoTimestamp(value, false);
            if (timestamp == null) {
                shape.allTimestamps = false;
            }
            else {
                shape.maxFractionDigits = max(shape.maxFractionDigits, timestamp.fractionDigits());
            }
        }
    }

    /**
     * What was seen of the values of one key, one row field or the elements of one array.
     */
    private static final class Shape
    {
        private boolean sawBoolean;
        private boolean sawInteger;
        // integers too large for a bigint, of at most 38 digits
        private boolean sawDecimalInteger;
        private boolean sawFloat;
        private boolean sawString;
        private boolean allDates = true;
        private boolean allTimestamps = true;
        private int maxFractionDigits;
        private boolean sawObject;
        private Map<String, Shape> fields;
        private boolean sawArray;
        private Shape elements;

        Type type()
        {
            if (kinds() != 1) {
                // nothing but nulls, or values of different kinds
                return VARCHAR;
            }
            if (sawBoolean) {
                return BOOLEAN;
            }
            if (sawNumber()) {
                if (sawFloat) {
                    return DOUBLE;
                }
                return sawDecimalInteger ? DecimalType.createDecimalType(MAX_PRECISION, 0) : BIGINT;
            }
            if (sawString) {
                if (allDates) {
                    return DATE;
                }
                if (allTimestamps) {
                    return createTimestampType(timestampPrecision(maxFractionDigits));
                }
                return VARCHAR;
            }
            if (sawObject) {
                if (fields.isEmpty()) {
                    // only {} seen: nothing to make a row of
                    return VARCHAR;
                }
                return RowType.from(fields.entrySet().stream()
                        .map(entry -> RowType.field(entry.getKey(), entry.getValue().type()))
                        .collect(toImmutableList()));
            }
            // only [] seen gives elements that are nothing but nulls so far: varchar
            return new ArrayType(elements.type());
        }

        boolean sawValue()
        {
            return kinds() > 0;
        }

        /**
         * How many kinds of value were seen: none means only nulls.
         */
        private int kinds()
        {
            return count(sawBoolean) + count(sawNumber()) + count(sawString) + count(sawObject) + count(sawArray);
        }

        private boolean sawNumber()
        {
            return sawInteger || sawDecimalInteger || sawFloat;
        }

        private static int timestampPrecision(int fractionDigits)
        {
            if (fractionDigits <= 3) {
                return 3;
            }
            if (fractionDigits <= 6) {
                return 6;
            }
            return fractionDigits <= 9 ? 9 : 12;
        }

        private static int count(boolean seen)
        {
            return seen ? 1 : 0;
        }
    }
}
