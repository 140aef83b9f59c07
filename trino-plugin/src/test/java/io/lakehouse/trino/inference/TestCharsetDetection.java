package io.lakehouse.trino.inference;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

final class TestCharsetDetection
{
    @Test
    void sampleCutAnywhereInsideAMultiByteCharacterIsStillUtf8()
    {
        // "é" is two bytes, "€" three and "𝄞" four: the sample's end falls at every offset inside and before each
        byte[] text = ("a".repeat(100) + "é€𝄞b").getBytes(UTF_8);
        for (int length = 100; length <= text.length; length++) {
            assertThat(CharsetDetection.detect(Arrays.copyOf(text, 4096), length, false))
                    .as("sample of %s bytes", length)
                    .isEqualTo(UTF_8);
        }
    }

    @Test
    void latin1TextIsLatin1()
    {
        byte[] text = "InvoiceNo,Description\n536365,CAFÉ CRÈME MUG\n".getBytes(ISO_8859_1);
        assertThat(CharsetDetection.detect(text, text.length, true)).isEqualTo(ISO_8859_1);
        assertThat(CharsetDetection.detect(text, text.length, false)).isEqualTo(ISO_8859_1);
    }

    @Test
    void wholeFileEndingInsideACharacterIsNotUtf8()
    {
        byte[] text = "name\nCafé".getBytes(UTF_8);
        assertThat(CharsetDetection.detect(text, text.length - 1, true)).isEqualTo(ISO_8859_1);
        assertThat(CharsetDetection.detect(text, text.length, true)).isEqualTo(UTF_8);
    }
}
