package io.lakehouse.trino.inference;

import java.nio.charset.Charset;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What a user declared about a delimited dataset; inference only guesses what is left empty.
 * {@code quote} and {@code escape} use {@link io.lakehouse.trino.format.text.TextDialect#NONE} for "none".
 */
public record TextHints(
        Optional<Byte> delimiter,
        OptionalInt quote,
        OptionalInt escape,
        Optional<Boolean> header,
        Optional<Set<String>> nullStrings,
        Optional<Charset> charset)
{
    public static final TextHints NONE = new TextHints(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public TextHints
    {
        requireNonNull(delimiter, "delimiter is null");
        requireNonNull(quote, "quote is null");
        requireNonNull(escape, "escape is null");
        requireNonNull(header, "header is null");
        requireNonNull(nullStrings, "nullStrings is null");
        requireNonNull(charset, "charset is null");
    }
}
