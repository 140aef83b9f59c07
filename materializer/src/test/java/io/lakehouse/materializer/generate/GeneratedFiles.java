package io.lakehouse.materializer.generate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The content of generated landing files, for tests.
 */
final class GeneratedFiles
{
    private GeneratedFiles() {}

    static byte[] bytes(LandingFile file)
    {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            file.content().writeTo(output);
            if (!file.fileName().endsWith(".gz")) {
                return output.toByteArray();
            }
            try (InputStream input = new GZIPInputStream(new ByteArrayInputStream(output.toByteArray()))) {
                return input.readAllBytes();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(LandingFile file, Charset charset)
    {
        return new String(bytes(file), charset).lines().toList();
    }
}
