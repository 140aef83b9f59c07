package io.lakehouse.trino.format.text;

import io.lakehouse.trino.format.MalformedRecordException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static io.lakehouse.trino.format.text.ByteMatches.WORD_BYTES;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Splits delimited text into records and fields. Field bytes are unquoted, unescaped and always UTF-8 (ISO-8859-1
 * input is transcoded), held in one reusable record buffer until the next call to {@link #next()}.
 * <p>
 * A reader may cover a byte range of a file: it then starts after the first line break at or after its start (the
 * previous range owns the line in progress) and reads every record that starts before its end.
 */
public final class DelimitedRecordReader
{
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final long LINE_BREAK_PATTERN = ByteMatches.pattern((byte) '\n');

    private final InputStream input;
    private final byte delimiter;
    private final long delimiterPattern;
    private final int quote;
    private final int escape;
    private final boolean latin1;
    private final int maxRecordLength;
    private final long endPosition;

    private byte[] buffer = new byte[BUFFER_SIZE];
    // unquoted UTF-8 records are split where they lie in the read buffer, without copying
    private final boolean inPlace;
    private int bufferPosition;
    private int bufferLimit;
    private boolean endOfInput;
    // bytes of the input consumed before buffer[0]
    private long bufferStart;

    private byte[] record = new byte[1024];
    private int recordLength;
    // where the record starts in the read buffer, when split in place
    private int recordStart;
    private int[] fieldStarts = new int[32];
    private int[] fieldEnds = new int[32];
    private boolean[] fieldQuoted = new boolean[32];
    private int fieldCount;
    private int fieldsToLocate = Integer.MAX_VALUE;

    private long line = 1;
    // after a record too long to hold, the rest of its line is skipped before the next record
    private boolean skipRestOfLine;
    private long recordLine;
    private long recordStartPosition;

    /**
     * @param startPosition position of the first byte of {@code input} in the file
     * @param skipPartialLine whether the input starts inside a line owned by the previous range (range readers pass
     * true and open the input one byte before their start)
     * @param endPosition records starting at or after this position of the file are left to the next range
     */
    public DelimitedRecordReader(InputStream input, TextDialect dialect, int maxRecordLength, long startPosition, boolean skipPartialLine, long endPosition)
            throws IOException
    {
        this.input = requireNonNull(input, "input is null");
        this.delimiter = dialect.delimiter();
        this.delimiterPattern = ByteMatches.pattern(delimiter);
        this.quote = dialect.quote();
        this.escape = dialect.escape();
        this.latin1 = dialect.charset().equals(ISO_8859_1);
        this.inPlace = quote == TextDialect.NONE && escape == TextDialect.NONE && !latin1;
        this.maxRecordLength = maxRecordLength;
        this.endPosition = endPosition;
        this.bufferStart = startPosition;
        if (skipPartialLine) {
            skipPastLineBreak();
        }
        else if (startPosition == 0 && dialect.charset().equals(UTF_8)) {
            skipByteOrderMark();
        }
    }

    public static DelimitedRecordReader forWholeInput(InputStream input, TextDialect dialect, int maxRecordLength)
            throws IOException
    {
        return new DelimitedRecordReader(input, dialect, maxRecordLength, 0, false, Long.MAX_VALUE);
    }

    /**
     * Reads the next record, skipping blank lines.
     *
     * @return false when no record starts before the end of this reader's range
     * @throws MalformedRecordException for a record longer than the limit or a quoted field that never closes
     */
    public boolean next()
            throws IOException, MalformedRecordException
    {
        if (skipRestOfLine) {
            skipRestOfLine = false;
            if (skipPastLineBreak()) {
                line++;
            }
        }
        while (true) {
            if (!fill()) {
                return false;
            }
            recordStartPosition = bufferStart + bufferPosition;
            if (recordStartPosition >= endPosition) {
                return false;
            }
            recordLine = line;
            if (inPlace ? readRecordInPlace() : readRecord()) {
                return true;
            }
        }
    }

    /**
     * Locates only the first {@code count} fields of each record: the positions of later fields are not kept, though
     * they are still counted by {@link #fieldCount()}. Unquoted records are then split only as far as needed.
     */
    public void locateOnlyFirstFields(int count)
    {
        checkArgument(count >= 0, "count is negative");
        this.fieldsToLocate = count;
    }

    public int fieldCount()
    {
        return fieldCount;
    }

    public byte[] buffer()
    {
        return inPlace ? buffer : record;
    }

    /**
     * Where the field starts in {@link #buffer()}; {@code field} must be one of the fields located.
     */
    public int fieldStart(int field)
    {
        if (inPlace) {
            return field == 0 ? recordStart : fieldEnds[field - 1] + 1;
        }
        return fieldStarts[field];
    }

    public int fieldLength(int field)
    {
        return fieldEnds[field] - fieldStart(field);
    }

    /**
     * Whether the field was written in quotes, so an empty quoted field is an empty string rather than a missing value.
     */
    public boolean isQuoted(int field)
    {
        return fieldQuoted[field];
    }

    public String fieldAsString(int field)
    {
        return new String(buffer(), fieldStart(field), fieldLength(field), UTF_8);
    }

    /**
     * Line of the file (counted from this reader's start, 1-based) where the current record starts.
     */
    public long recordLine()
    {
        return recordLine;
    }

    /**
     * Bytes consumed from the input so far.
     */
    public long position()
    {
        return bufferStart + bufferPosition;
    }

    public long retainedSize()
    {
        return buffer.length + record.length + fieldStarts.length * 9L;
    }

    /**
     * Reads one unquoted record where it lies in the read buffer; false for a blank line. A record that runs past the
     * end of the buffer is moved to its start, and the buffer grows for a record longer than itself. Delimiters and
     * line breaks are searched eight bytes at a time; past the fields to locate, delimiters are only counted.
     */
    private boolean readRecordInPlace()
            throws IOException, MalformedRecordException
    {
        byte[] buffer = this.buffer;
        int limit = bufferLimit;
        long delimiters = delimiterPattern;
        int toLocate = fieldsToLocate;
        int start = bufferPosition;
        int position = start;
        // in place, fieldEnds holds the delimiters' positions: a field starts after the previous one's end
        int[] ends = fieldEnds;
        int fields = 0;
        while (true) {
            int wordsEnd = limit - WORD_BYTES;
            // words while fields are still to locate: up to eight delimiter positions a word, the first four written
            // whether or not there are as many (those past the count are overwritten later), so that no branch depends
            // on how many delimiters a word holds
            while (fields < toLocate && position <= wordsEnd) {
                if (fields + WORD_BYTES >= ends.length) {
                    ends = growFields();
                }
                long word = ByteMatches.word(buffer, position);
                long lineBreaks = ByteMatches.in(word, LINE_BREAK_PATTERN);
                long fieldEnds = ByteMatches.before(ByteMatches.in(word, delimiters), lineBreaks);
                int count = Long.bitCount(fieldEnds);
                ends[fields] = position + ByteMatches.firstIndex(fieldEnds);
                fieldEnds &= fieldEnds - 1;
                ends[fields + 1] = position + ByteMatches.firstIndex(fieldEnds);
                fieldEnds &= fieldEnds - 1;
                ends[fields + 2] = position + ByteMatches.firstIndex(fieldEnds);
                fieldEnds &= fieldEnds - 1;
                ends[fields + 3] = position + ByteMatches.firstIndex(fieldEnds);
                for (int field = fields + 4; field < fields + count; field++) {
                    fieldEnds &= fieldEnds - 1;
                    ends[field] = position + ByteMatches.firstIndex(fieldEnds);
                }
                fields += count;
                if (lineBreaks != 0) {
                    return endRecordAtLineBreak(start, fields, position + ByteMatches.firstIndex(lineBreaks));
                }
                position += WORD_BYTES;
            }
            // words past the fields to locate: delimiters are only counted
            while (fields >= toLocate && position <= wordsEnd) {
                long word = ByteMatches.word(buffer, position);
                long lineBreaks = ByteMatches.in(word, LINE_BREAK_PATTERN);
                fields += Long.bitCount(ByteMatches.before(ByteMatches.in(word, delimiters), lineBreaks));
                if (lineBreaks != 0) {
                    return endRecordAtLineBreak(start, fields, position + ByteMatches.firstIndex(lineBreaks));
                }
                position += WORD_BYTES;
            }
            if (position <= wordsEnd) {
                continue;
            }
            if (position == limit) {
                int shift = refillKeeping(start);
                if (shift < 0) {
                    // end of input: the last line has no line break
                    bufferPosition = position;
                    if (position == start) {
                        fieldCount = 0;
                        return false;
                    }
                    endRecord(start, fields, position);
                    return true;
                }
                start -= shift;
                position -= shift;
                for (int field = 0; field < Math.min(fields, ends.length); field++) {
                    ends[field] -= shift;
                }
                buffer = this.buffer;
                limit = bufferLimit;
                continue;
            }
            // fewer than eight bytes before the end of the buffer
            byte value = buffer[position];
            if (value == '\n') {
                return endRecordAtLineBreak(start, fields, position);
            }
            if (value == delimiter) {
                if (fields < toLocate) {
                    if (fields == ends.length) {
                        ends = growFields();
                    }
                    ends[fields] = position;
                }
                fields++;
            }
            position++;
        }
    }

    /**
     * Ends the record starting at {@code start} at the line break at {@code lineBreak} (a carriage return before it is
     * part of the line break); false for a blank line.
     */
    private boolean endRecordAtLineBreak(int start, int delimiters, int lineBreak)
    {
        bufferPosition = lineBreak + 1;
        line++;
        int end = lineBreak > start && buffer[lineBreak - 1] == '\r' ? lineBreak - 1 : lineBreak;
        if (end == start && delimiters == 0) {
            fieldCount = 0;
            return false;
        }
        endRecord(start, delimiters, end);
        return true;
    }

    private void endRecord(int start, int delimiters, int end)
    {
        recordStart = start;
        if (delimiters < fieldsToLocate) {
            if (delimiters == fieldEnds.length) {
                growFields();
            }
            fieldEnds[delimiters] = end;
        }
        fieldCount = delimiters + 1;
    }

    /**
     * Moves the bytes from {@code keepFrom} to the start of the buffer and reads more after them.
     *
     * @return how far the kept bytes moved, or -1 when the input had already ended
     */
    private int refillKeeping(int keepFrom)
            throws IOException, MalformedRecordException
    {
        if (endOfInput) {
            return -1;
        }
        int kept = bufferLimit - keepFrom;
        if (kept == buffer.length) {
            if (buffer.length >= maxRecordLength) {
                bufferPosition = bufferLimit;
                skipRestOfLine = true;
                throw new MalformedRecordException(recordLine, Optional.empty(), Optional.empty(),
                        "the record starting on line %s is longer than %s bytes; check the delimiter and quote character, or raise the maximum record length".formatted(recordLine, maxRecordLength));
            }
            buffer = Arrays.copyOf(buffer, Math.min(maxRecordLength, buffer.length * 2));
        }
        System.arraycopy(buffer, keepFrom, buffer, 0, kept);
        bufferStart += keepFrom;
        bufferLimit = kept;
        int read = input.read(buffer, kept, buffer.length - kept);
        if (read < 0) {
            // the kept bytes moved all the same; the next call reports the end
            endOfInput = true;
        }
        else {
            bufferLimit += read;
        }
        return keepFrom;
    }

    /**
     * Reads one record from the current position; false for a blank line.
     */
    private boolean readRecord()
            throws IOException, MalformedRecordException
    {
        recordLength = 0;
        fieldCount = 0;
        int fieldStart = 0;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        boolean atFieldStart = true;
        boolean blank = true;
        // the first byte after a closing quote that is not a delimiter or line break, and its line: the rest of the
        // record is read as usual, so that a record skipped for it leaves the reader at the next record
        int strayAfterQuote = -1;
        long strayLine = 0;
        while (true) {
            if (bufferPosition == bufferLimit && !fill()) {
                if (quoted) {
                    throw new MalformedRecordException(recordLine, Optional.empty(), Optional.empty(),
                            "a quoted field opened on line %s is not closed before the end of the file; check the quote character or set quote to none".formatted(recordLine));
                }
                if (blank) {
                    return false;
                }
                addField(fieldStart, fieldWasQuoted);
                return endRecord(strayAfterQuote, strayLine);
            }
            byte value = buffer[bufferPosition++];
            if (quoted) {
                if (value == quote) {
                    if (peek() == quote) {
                        bufferPosition++;
                        append(value);
                    }
                    else {
                        quoted = false;
                    }
                }
                else if (value == escape && escape != TextDialect.NONE) {
                    appendEscaped();
                }
                else {
                    if (value == '\n') {
                        line++;
                    }
                    append(value);
                }
                continue;
            }
            if (value == delimiter) {
                addField(fieldStart, fieldWasQuoted);
                fieldStart = recordLength;
                fieldWasQuoted = false;
                atFieldStart = true;
                blank = false;
                continue;
            }
            if (value == '\n' || value == '\r') {
                if (value == '\r' && peek() == '\n') {
                    bufferPosition++;
                }
                line++;
                if (blank) {
                    return false;
                }
                addField(fieldStart, fieldWasQuoted);
                return endRecord(strayAfterQuote, strayLine);
            }
            // outside the quotes, a field that was quoted has had its closing quote
            if (fieldWasQuoted && strayAfterQuote < 0) {
                strayAfterQuote = value & 0xFF;
                strayLine = line;
            }
            blank = false;
            if (atFieldStart && value == quote) {
                quoted = true;
                fieldWasQuoted = true;
                atFieldStart = false;
                continue;
            }
            atFieldStart = false;
            if (value == escape && escape != TextDialect.NONE) {
                appendEscaped();
            }
            else {
                append(value);
            }
        }
    }

    /**
     * A record whose quoted field is followed by more text ({@code "a"b}) is refused rather than read as {@code ab}: such
     * text is most often a quote character meant literally, which may also have joined the following lines into
     * this record.
     */
    private boolean endRecord(int strayAfterQuote, long strayLine)
            throws MalformedRecordException
    {
        if (strayAfterQuote >= 0) {
            throw new MalformedRecordException(recordLine, Optional.empty(), Optional.empty(),
                    "a quoted field is followed by %s on line %s where a delimiter or the end of the line was expected".formatted(describeByte(strayAfterQuote), strayLine),
                    Optional.of("Double each quote character inside a quoted field (\"\"), or, if the file's quote characters are text, declare \"quote\": \"none\" in " +
                            "_lakehouse.json of the dataset folder"));
        }
        return true;
    }

    private static String describeByte(int value)
    {
        return value >= 0x20 && value < 0x7F ? "'" + (char) value + "'" : "byte 0x%02X".formatted(value);
    }

    private void appendEscaped()
            throws IOException, MalformedRecordException
    {
        if (bufferPosition == bufferLimit && !fill()) {
            return;
        }
        byte escaped = buffer[bufferPosition++];
        if (escaped == '\n') {
            line++;
        }
        append(escaped);
    }

    private int peek()
            throws IOException
    {
        if (bufferPosition == bufferLimit && !fill()) {
            return -1;
        }
        return buffer[bufferPosition];
    }

    private void append(byte value)
            throws MalformedRecordException
    {
        if (recordLength + 2 > record.length) {
            if (record.length >= maxRecordLength) {
                skipRestOfLine = true;
                throw new MalformedRecordException(recordLine, Optional.empty(), Optional.empty(),
                        "the record starting on line %s is longer than %s bytes; check the delimiter and quote character, or raise the maximum record length".formatted(recordLine, maxRecordLength));
            }
            record = Arrays.copyOf(record, Math.min(maxRecordLength, record.length * 2));
        }
        if (latin1 && value < 0) {
            int character = value & 0xFF;
            record[recordLength++] = (byte) (0xC0 | (character >> 6));
            record[recordLength++] = (byte) (0x80 | (character & 0x3F));
        }
        else {
            record[recordLength++] = value;
        }
    }

    private void addField(int start, boolean wasQuoted)
    {
        if (fieldCount == fieldStarts.length) {
            growFields();
        }
        fieldStarts[fieldCount] = start;
        fieldEnds[fieldCount] = recordLength;
        fieldQuoted[fieldCount] = wasQuoted;
        fieldCount++;
    }

    private int[] growFields()
    {
        fieldStarts = Arrays.copyOf(fieldStarts, fieldStarts.length * 2);
        fieldEnds = Arrays.copyOf(fieldEnds, fieldStarts.length);
        fieldQuoted = Arrays.copyOf(fieldQuoted, fieldStarts.length);
        return fieldEnds;
    }

    private boolean skipPastLineBreak()
            throws IOException
    {
        while (fill()) {
            byte value = buffer[bufferPosition++];
            if (value == '\n') {
                return true;
            }
        }
        return false;
    }

    private void skipByteOrderMark()
            throws IOException
    {
        if (!fill()) {
            return;
        }
        // the input may hand over fewer bytes than the mark at first
        while (bufferLimit < UTF8_BOM.length && !endOfInput) {
            int read = input.read(buffer, bufferLimit, buffer.length - bufferLimit);
            if (read < 0) {
                endOfInput = true;
            }
            else {
                bufferLimit += read;
            }
        }
        if (bufferLimit < UTF8_BOM.length) {
            return;
        }
        if (Arrays.equals(buffer, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length)) {
            bufferPosition = UTF8_BOM.length;
        }
    }

    /**
     * Makes sure a byte is available; false at the end of the input.
     */
    private boolean fill()
            throws IOException
    {
        if (bufferPosition < bufferLimit) {
            return true;
        }
        if (endOfInput) {
            return false;
        }
        bufferStart += bufferLimit;
        bufferPosition = 0;
        bufferLimit = 0;
        while (bufferLimit == 0) {
            int read = input.read(buffer, 0, buffer.length);
            if (read < 0) {
                endOfInput = true;
                return false;
            }
            bufferLimit = read;
        }
        return true;
    }
}
