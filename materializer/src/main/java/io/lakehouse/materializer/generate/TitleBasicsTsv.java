package io.lakehouse.materializer.generate;

import com.google.common.base.Joiner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.GZIPOutputStream;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * IMDb's file format for titles: gzip-compressed, tab-separated, a header row, {@code \N} for a missing value,
 * booleans as 0 and 1, lists joined by commas.
 */
public final class TitleBasicsTsv
{
    public static final String DATASET = "title_basics";
    public static final String FILE_NAME = "title.basics.tsv.gz";
    public static final String HEADER = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres";

    private static final String NULL = "\\N";
    private static final Joiner TAB = Joiner.on('\t');

    private TitleBasicsTsv() {}

    /**
     * Where the file of {@code ds} goes below the landing location: a Hive-style {@code ds=} partition folder of
     * the dataset's folder.
     */
    public static String objectKey(LocalDate ds)
    {
        return "%s/ds=%s/%s".formatted(DATASET, ds, FILE_NAME);
    }

    public static byte[] gzip(List<TitleBasics> titles)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes); Writer writer = new OutputStreamWriter(gzip, UTF_8)) {
            write(titles, writer);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void write(List<TitleBasics> titles, Writer writer)
            throws IOException
    {
        writer.write(HEADER);
        writer.write('\n');
        for (TitleBasics title : titles) {
            writer.write(line(title));
            writer.write('\n');
        }
    }

    static String line(TitleBasics title)
    {
        return TAB.join(
                title.tconst(),
                title.titleType(),
                title.primaryTitle(),
                title.originalTitle(),
                title.adult() ? "1" : "0",
                value(title.startYear()),
                value(title.endYear()),
                value(title.runtimeMinutes()),
                title.genres().isEmpty() ? NULL : String.join(",", title.genres()));
    }

    private static String value(OptionalInt value)
    {
        return value.isPresent() ? String.valueOf(value.getAsInt()) : NULL;
    }
}
