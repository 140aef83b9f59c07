package io.lakehouse.materializer.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Text content of landing files, gzip-compressed or not.
 */
final class TextFiles
{
    private static final int BUFFER_SIZE = 64 * 1024;

    private TextFiles() {}

    @FunctionalInterface
    interface Lines
    {
        /**
         * @return the number of records written
         */
        long write(Writer writer)
                throws IOException;
    }

    static long gzip(OutputStream output, Charset charset, Lines lines)
            throws IOException
    {
        GZIPOutputStream gzip = new GZIPOutputStream(output, BUFFER_SIZE)
        {
            {
                // generation is bound by compression at the default level; readers decompress either as fast
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        Writer writer = new BufferedWriter(new OutputStreamWriter(gzip, charset), BUFFER_SIZE);
        long records = lines.write(writer);
        writer.flush();
        // finish the gzip trailer without closing the output, which belongs to the caller
        gzip.finish();
        return records;
    }

    static long plain(OutputStream output, Charset charset, Lines lines)
            throws IOException
    {
        Writer writer = new BufferedWriter(new OutputStreamWriter(output, charset), BUFFER_SIZE);
        long records = lines.write(writer);
        writer.flush();
        return records;
    }
}
