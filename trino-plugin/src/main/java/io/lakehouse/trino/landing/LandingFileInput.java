package io.lakehouse.trino.landing;

import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.TrinoInputStream;
import io.trino.hive.formats.compression.Codec;
import io.trino.hive.formats.compression.CompressionKind;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The decompressed bytes of a landing file; the codec follows the file extension (gzip, zstd, bzip2, deflate, and
 * Hadoop's snappy and lz4 framing), as in Trino's Hive connector.
 */
final class LandingFileInput
{
    private LandingFileInput() {}

    public static Optional<CompressionKind> compression(String fileName)
    {
        return CompressionKind.forFile(fileName);
    }

    public static InputStream open(TrinoInputFile file)
            throws IOException
    {
        TrinoInputStream input = file.newStream();
        Optional<CompressionKind> compression = compression(file.location().fileName());
        if (compression.equals(Optional.of(CompressionKind.GZIP)) && IsalGzipInputStream.isAvailable()) {
            return new IsalGzipInputStream(input);
        }
        Optional<Codec> codec = compression.map(CompressionKind::createCodec);
        if (codec.isEmpty()) {
            return input;
        }
        try {
            return codec.get().createStreamDecompressor(input);
        }
        catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }
}
