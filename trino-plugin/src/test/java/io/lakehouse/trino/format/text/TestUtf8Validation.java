package io.lakehouse.trino.format.text;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

final class TestUtf8Validation
{
    // the bytes at the edges of table 3-7's ranges, and ASCII
    private static final byte[] EDGE_BYTES = HexFormat.of().parseHex("00417F808F909FA0BFC0C1C2DFE0E1ECEDEEEFF0F1F3F4F5FF");

    @Test
    void wellFormedTextIsValidAtAnyOffset()
    {
        for (String text : new String[] {"", "a", "tvEpisode", "The last night of the city", "Café", "Dvořák in Łódź", "€", "😀 and 𝄞", "\uD7FF\uE000\uFFFD", "\uDBFF\uDFFF"}) {
            for (int padding = 0; padding < 9; padding++) {
                byte[] bytes = ("#".repeat(padding) + text + "#".repeat(padding)).getBytes(UTF_8);
                int length = bytes.length - 2 * padding;
                assertThat(Utf8Validation.firstInvalid(bytes, padding, length)).as("%s at %s", text, padding).isEqualTo(-1);
                assertThat(Utf8Validation.escapeInvalid(bytes, padding, length)).isEqualTo(text);
            }
        }
    }

    @Test
    void bytesAroundTheValueAreNotChecked()
    {
        byte[] bytes = bytes("EBEB 616263 C3A9 EBEBEBEBEBEBEBEBEB");
        for (int length = 0; length <= 5; length++) {
            assertThat(Utf8Validation.isValid(bytes, 2, length)).as("length %s", length).isEqualTo(length != 4);
        }
        assertThat(Utf8Validation.firstInvalid(bytes, 2, bytes.length - 2)).isEqualTo(7);
    }

    @Test
    void firstInvalidByteIsFound()
    {
        assertInvalid("4361 66EB", 3, "Caf\\xEB");
        assertInvalid("7469746C65 EB 2061206C6F6E67657220746974 6C65", 5, "title\\xEB a longer title");
        // a sequence cut at the end of the value
        assertInvalid("61 E282", 1, "a\\xE2\\x82");
        assertInvalid("F09F98", 0, "\\xF0\\x9F\\x98");
        // a lone continuation byte, overlong forms, surrogates, code points above U+10FFFF, bytes never used
        assertInvalid("80", 0, "\\x80");
        assertInvalid("C080", 0, "\\xC0\\x80");
        assertInvalid("E08080", 0, "\\xE0\\x80\\x80");
        assertInvalid("EDA080", 0, "\\xED\\xA0\\x80");
        assertInvalid("F4908080", 0, "\\xF4\\x90\\x80\\x80");
        assertInvalid("4142434445464748 FF", 8, "ABCDEFGH\\xFF");
        // the bytes after an invalid one are still checked
        assertInvalid("EB C3A9 E9", 0, "\\xEBé\\xE9");
    }

    @Test
    void agreesWithTheJdkDecoder()
            throws CharacterCodingException
    {
        CharsetDecoder decoder = UTF_8.newDecoder();
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 100_000; round++) {
            byte[] bytes = new byte[random.nextInt(14)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = EDGE_BYTES[random.nextInt(EDGE_BYTES.length)];
            }
            boolean valid = isValidForJdk(decoder, bytes);
            assertThat(Utf8Validation.isValid(bytes, 0, bytes.length)).as(() -> HexFormat.of().formatHex(bytes)).isEqualTo(valid);
            if (valid) {
                assertThat(Utf8Validation.escapeInvalid(bytes, 0, bytes.length)).isEqualTo(decoder.decode(ByteBuffer.wrap(bytes)).toString());
            }
        }
    }

    private static void assertInvalid(String hex, int firstInvalid, String escaped)
    {
        byte[] bytes = bytes(hex);
        assertThat(Utf8Validation.firstInvalid(bytes, 0, bytes.length)).as(hex).isEqualTo(firstInvalid);
        assertThat(Utf8Validation.isValid(bytes, 0, bytes.length)).isFalse();
        assertThat(Utf8Validation.escapeInvalid(bytes, 0, bytes.length)).isEqualTo(escaped);
    }

    private static byte[] bytes(String hex)
    {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static boolean isValidForJdk(CharsetDecoder decoder, byte[] bytes)
    {
        try {
            decoder.reset().decode(ByteBuffer.wrap(bytes));
            return true;
        }
        catch (CharacterCodingException e) {
            return false;
        }
    }
}
