package io.lakehouse.trino.format.text;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.google.common.collect.ImmutableSet;

import java.nio.charset.Charset;
import java.util.Set;

import static com.google.common.base.Preconditions.checkArgument;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * How a delimited text file is written. {@code quote} and {@code escape} are byte values, or {@link #NONE}.
 * With a quote character, fields follow RFC 4180: a quoted field may hold delimiters and line breaks, and a doubled
 * quote inside it is one quote character.
 */
public record TextDialect(byte delimiter, int quote, int escape, boolean header, Set<String> nullStrings, String encoding)
{
    public static final int NONE = -1;
    public static final Set<String> DEFAULT_NULL_STRINGS = ImmutableSet.of("", "\\N");

    public static final TextDialect TSV = new TextDialect((byte) '\t', NONE, NONE, true, DEFAULT_NULL_STRINGS, UTF_8.name());
    public static final TextDialect CSV = new TextDialect((byte) ',', '"', NONE, true, DEFAULT_NULL_STRINGS, UTF_8.name());

    public TextDialect
    {
        checkArgument(delimiter != '\n' && delimiter != '\r', "delimiter cannot be a line break");
        checkArgument(quote == NONE || (quote >= 0 && quote < 128 && quote != delimiter), "quote must be an ASCII character other than the delimiter");
        checkArgument(escape == NONE || (escape >= 0 && escape < 128 && escape != delimiter), "escape must be an ASCII character other than the delimiter");
        nullStrings = ImmutableSet.copyOf(requireNonNull(nullStrings, "nullStrings is null"));
        requireNonNull(encoding, "encoding is null");
        Charset charset = Charset.forName(encoding);
        checkArgument(charset.equals(UTF_8) || charset.equals(ISO_8859_1), "only UTF-8 and ISO-8859-1 text is supported, not %s", encoding);
        encoding = charset.name();
    }

    public Charset charset()
    {
        return Charset.forName(encoding);
    }

    public TextDialect withDelimiter(byte delimiter)
    {
        return new TextDialect(delimiter, quote, escape, header, nullStrings, encoding);
    }

    public TextDialect withQuote(int quote)
    {
        return new TextDialect(delimiter, quote, escape, header, nullStrings, encoding);
    }

    public TextDialect withEscape(int escape)
    {
        return new TextDialect(delimiter, quote, escape, header, nullStrings, encoding);
    }

    public TextDialect withHeader(boolean header)
    {
        return new TextDialect(delimiter, quote, escape, header, nullStrings, encoding);
    }

    public TextDialect withNullStrings(Set<String> nullStrings)
    {
        return new TextDialect(delimiter, quote, escape, header, nullStrings, encoding);
    }

    public TextDialect withCharset(Charset charset)
    {
        return new TextDialect(delimiter, quote, escape, header, nullStrings, charset.name());
    }

    /**
     * Whether a record can never span lines, so a file can be read in byte ranges that start at line breaks.
     */
    @JsonIgnore
    public boolean isLineOriented()
    {
        return quote == NONE && escape == NONE;
    }
}
