package io.lakehouse.trino.inference;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * UTF-8 (with or without byte order mark) when the sample is valid UTF-8, otherwise ISO-8859-1, which every byte
 * sequence is: exports of older systems such as the UCI Online Retail data set are Latin-1.
 */
final class CharsetDetection
{
    private CharsetDetection() {}

    public static Charset detect(byte[] sample, int length, boolean complete)
    {
        CharsetDecoder decoder = UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // a sample cut in the middle of a multi-byte character is still UTF-8: unless the sample is the whole file,
        // an incomplete sequence at its end is left undecoded instead of being reported
        CoderResult result = decoder.decode(ByteBuffer.wrap(sample, 0, length), CharBuffer.allocate(length), complete);
        if (result.isError()) {
            return ISO_8859_1;
        }
        return UTF_8;
    }
}
