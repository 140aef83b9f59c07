package io.lakehouse.trino.landing;

import io.lakehouse.trino.format.ChunkedInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

final class TestIsalGzipInputStream
{
    /**
     * Skipped without Debian's libisal2, which {@code bin/lakehouse test} installs; with it, the stream must load it.
     */
    @BeforeAll
    static void requireLibrary()
    {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libisal.so.2")), "ISA-L (Debian package libisal2) is not installed");
        assertThat(IsalGzipInputStream.isAvailable()).as("ISA-L 2.30 loaded from libisal2").isTrue();
    }

    @Test
    void inflatesLikeTheJdk()
            throws Exception
    {
        SplittableRandom random = new SplittableRandom(7);
        for (int size : new int[] {0, 1, 100, 64 * 1024, 256 * 1024, 256 * 1024 + 1, 3_000_000}) {
            byte[] text = text(random, size);
            byte[] gzip = gzip(text);
            for (int readSize : new int[] {1, 7, 8192, 1 << 20}) {
                assertThat(readAll(new IsalGzipInputStream(new ChunkedInputStream(gzip, 0, 1000)), readSize))
                        .as("%s bytes read %s at a time", size, readSize)
                        .isEqualTo(text);
            }
        }
    }

    @Test
    void readsConcatenatedMembersAndIgnoresTrailingZeros()
            throws Exception
    {
        byte[] first = "a\tb\n".repeat(1000).getBytes(UTF_8);
        byte[] second = "c\td\n".getBytes(UTF_8);
        byte[] gzip = concat(gzip(first), gzip(second), new byte[10]);
        assertThat(readAll(new IsalGzipInputStream(new ByteArrayInputStream(gzip)), 8192)).isEqualTo(concat(first, second));
        // the second member's header split from the first member's trailer across reads
        assertThat(readAll(new IsalGzipInputStream(new ChunkedInputStream(gzip, 0, 3)), 8192)).isEqualTo(concat(first, second));
    }

    @Test
    void rejectsTruncatedAndCorruptInput()
            throws Exception
    {
        byte[] gzip = gzip(text(new SplittableRandom(1), 500_000));
        for (int length : new int[] {5, gzip.length / 2, gzip.length - 4}) {
            assertThatThrownBy(() -> readAll(new IsalGzipInputStream(new ByteArrayInputStream(Arrays.copyOf(gzip, length))), 8192))
                    .as("first %s bytes", length)
                    .isInstanceOf(IOException.class);
        }
        byte[] corrupt = gzip.clone();
        for (int i = 100; i < 200; i++) {
            corrupt[i] = (byte) 0xFF;
        }
        assertThatThrownBy(() -> readAll(new IsalGzipInputStream(new ByteArrayInputStream(corrupt)), 8192))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> readAll(new IsalGzipInputStream(new ByteArrayInputStream(Arrays.copyOf(gzip, gzip.length / 2))), 8192))
                .isInstanceOf(EOFException.class)
                .hasMessage("Unexpected end of gzip input");
        // shorter than a gzip header
        assertThatThrownBy(() -> readAll(new IsalGzipInputStream(new ByteArrayInputStream("a\tb\n1\t2\n".getBytes(UTF_8))), 8192))
                .hasMessage("Not in GZIP format");
        assertThatThrownBy(() -> readAll(new IsalGzipInputStream(new ChunkedInputStream("plain text, not gzip".getBytes(UTF_8), 0, 1)), 8192))
                .hasMessage("Not in GZIP format");
        assertThatThrownBy(() -> readAll(new IsalGzipInputStream(new ByteArrayInputStream(new byte[0])), 8192))
                .isInstanceOf(EOFException.class);
    }

    private static byte[] text(SplittableRandom random, int size)
    {
        byte[] alphabet = "tt0123456789\tmovie short\\N\n".getBytes(UTF_8);
        byte[] text = new byte[size];
        for (int i = 0; i < size; i++) {
            text[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return text;
    }

    private static byte[] gzip(byte[] bytes)
            throws IOException
    {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(output)) {
            gzip.write(bytes);
        }
        return output.toByteArray();
    }

    private static byte[] concat(byte[]... parts)
    {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            output.writeBytes(part);
        }
        return output.toByteArray();
    }

    private static byte[] readAll(InputStream input, int readSize)
            throws IOException
    {
        try (input) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            byte[] buffer = new byte[readSize];
            for (int read = input.read(buffer, 0, readSize); read >= 0; read = input.read(buffer, 0, readSize)) {
                output.write(buffer, 0, read);
            }
            return output.toByteArray();
        }
    }
}
