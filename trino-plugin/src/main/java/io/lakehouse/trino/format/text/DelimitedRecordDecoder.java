package io.lakehouse.trino.format.text;

import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.MalformedRecordException;
import io.lakehouse.trino.format.RecordDecoder;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.CharType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Records of a delimited file as column values. Fields are matched to columns by the file's own field names (its
 * header, or {@code column_1…} without one), so files of a dataset may order or omit columns differently.
 */
public final class DelimitedRecordDecoder
        implements RecordDecoder
{
    private static final int MISSING = -1;
    private static final int MAX_VALUE_IN_MESSAGE = 100;
    private static final String NOT_UTF8 = "the value is not valid UTF-8 (invalid bytes are shown as \\xNN), although the part of the file read to infer "
            + "the schema is (or UTF-8 is declared)";
    private static final Optional<String> CONVERT_TO_UTF8 = Optional.of("Convert the file to UTF-8, or declare its encoding in _lakehouse.json of the dataset folder, "
            + "e.g. \"encoding\": \"ISO-8859-1\"");

    private final DelimitedRecordReader reader;
    private final Closeable input;
    private final int fileFieldCount;
    private final List<LandingColumn> columns;
    private final int[] fieldOfColumn;
    private final TextValueDecoder[] decoders;
    // text columns of a file read as UTF-8, whose bytes go into values as they are (ISO-8859-1 is transcoded)
    private final boolean[] checkUtf8;
    private final byte[][] nullStrings;
    // bit n set when a null string is n bytes long (n < 64), so most values are told apart by their length alone
    private final long nullStringLengths;
    private final boolean longNullString;
    private final boolean[] nulls;
    private boolean headerPending;

    public DelimitedRecordDecoder(DelimitedRecordReader reader, Closeable input, TextDialect dialect, List<String> fileFields, List<LandingColumn> columns, boolean skipHeader)
    {
        this.reader = requireNonNull(reader, "reader is null");
        this.input = requireNonNull(input, "input is null");
        this.fileFieldCount = fileFields.size();
        this.columns = List.copyOf(columns);
        this.fieldOfColumn = new int[columns.size()];
        this.decoders = new TextValueDecoder[columns.size()];
        this.checkUtf8 = new boolean[columns.size()];
        for (int column = 0; column < columns.size(); column++) {
            fieldOfColumn[column] = fileFields.indexOf(columns.get(column).name());
            decoders[column] = TextValueDecoder.create(columns.get(column));
            checkUtf8[column] = dialect.charset().equals(UTF_8) && isText(columns.get(column).type());
        }
        this.nullStrings = dialect.nullStrings().stream().map(value -> value.getBytes(UTF_8)).toArray(byte[][]::new);
        long lengths = 0;
        boolean longString = false;
        for (byte[] nullString : nullStrings) {
            if (nullString.length < Long.SIZE) {
                lengths |= 1L << nullString.length;
            }
            else {
                longString = true;
            }
        }
        this.nullStringLengths = lengths;
        this.longNullString = longString;
        // fields after the last one read need not be located, only counted
        reader.locateOnlyFirstFields(Arrays.stream(fieldOfColumn).max().orElse(MISSING) + 1);
        this.nulls = new boolean[columns.size()];
        this.headerPending = skipHeader;
    }

    @Override
    public boolean next()
            throws IOException, MalformedRecordException
    {
        if (headerPending) {
            headerPending = false;
            if (!reader.next()) {
                return false;
            }
        }
        if (!reader.next()) {
            return false;
        }
        if (reader.fieldCount() != fileFieldCount) {
            throw new MalformedRecordException(reader.recordLine(), Optional.empty(), Optional.empty(),
                    "expected %s fields as in the header, found %s; check the delimiter and quote character".formatted(fileFieldCount, reader.fieldCount()));
        }
        byte[] buffer = reader.buffer();
        for (int column = 0; column < fieldOfColumn.length; column++) {
            int field = fieldOfColumn[column];
            if (field == MISSING) {
                nulls[column] = true;
                continue;
            }
            int start = reader.fieldStart(field);
            int length = reader.fieldLength(field);
            nulls[column] = !reader.isQuoted(field) && isNullString(buffer, start, length);
            if (nulls[column]) {
                continue;
            }
            if (checkUtf8[column] && !Utf8Validation.isValid(buffer, start, length)) {
                throw malformedValue(column, Utf8Validation.escapeInvalid(buffer, start, length), NOT_UTF8, CONVERT_TO_UTF8);
            }
            if (!decoders[column].decode(buffer, start, length)) {
                throw malformedValue(column, reader.fieldAsString(field), expectation(columns.get(column)), Optional.empty());
            }
        }
        return true;
    }

    @Override
    public long lineNumber()
    {
        return reader.recordLine();
    }

    @Override
    public void writeValue(int column, BlockBuilder output)
    {
        if (nulls[column]) {
            output.appendNull();
        }
        else {
            decoders[column].write(output);
        }
    }

    @Override
    public long bytesRead()
    {
        return reader.position();
    }

    @Override
    public long retainedSize()
    {
        return reader.retainedSize();
    }

    @Override
    public void close()
            throws IOException
    {
        input.close();
    }

    private boolean isNullString(byte[] buffer, int start, int length)
    {
        if (length < Long.SIZE ? (nullStringLengths & (1L << length)) == 0 : !longNullString) {
            return false;
        }
        for (byte[] nullString : nullStrings) {
            if (nullString.length == length && Arrays.equals(buffer, start, start + length, nullString, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private MalformedRecordException malformedValue(int column, String value, String reason, Optional<String> remedy)
    {
        return new MalformedRecordException(reader.recordLine(), Optional.of(columns.get(column).name()), Optional.of(shorten(value)), reason, remedy);
    }

    private static boolean isText(Type type)
    {
        return type instanceof VarcharType || type instanceof CharType;
    }

    private static String expectation(LandingColumn column)
    {
        return "expected a value of type %s%s".formatted(column.type(), column.pattern().map(pattern -> " in the form " + pattern).orElse(""));
    }

    private static String shorten(String value)
    {
        return value.length() <= MAX_VALUE_IN_MESSAGE ? value : value.substring(0, MAX_VALUE_IN_MESSAGE) + "…";
    }
}
