package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestTitleBasicsTsv
{
    private static final TitleBasics MOVIE = new TitleBasics("tt0000001", "movie", "Ocean's Harbor", "Das Boot", false, OptionalInt.of(1999), OptionalInt.empty(), OptionalInt.of(121), ImmutableList.of("Drama", "War"));
    private static final TitleBasics UNKNOWN = new TitleBasics("tt0000002", "tvSeries", "Lonely Kingdom", "Lonely Kingdom", true, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), ImmutableList.of());

    @Test
    void testWritesGzipTsvWithHeaderRowAndNullMarkers()
            throws IOException
    {
        byte[] file = TitleBasicsTsv.gzip(ImmutableList.of(MOVIE, UNKNOWN));

        assertThat(gunzip(file).split("\n", -1)).containsExactly(
                "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres",
                "tt0000001\tmovie\tOcean's Harbor\tDas Boot\t0\t1999\t\\N\t121\tDrama,War",
                "tt0000002\ttvSeries\tLonely Kingdom\tLonely Kingdom\t1\t\\N\t\\N\t\\N\t\\N",
                "");
    }

    @Test
    void testGeneratedFileHasNineFieldsOnEveryLine()
            throws IOException
    {
        List<TitleBasics> titles = new TitleBasicsGenerator(TitleBasicsGenerator.DEFAULT_SEED).generate(LocalDate.of(2024, 1, 1));

        List<String> lines = gunzip(TitleBasicsTsv.gzip(titles)).lines().toList();

        assertThat(lines).hasSize(titles.size() + 1);
        assertThat(lines).allSatisfy(line -> assertThat(line.split("\t", -1)).hasSize(9));
    }

    @Test
    void testObjectKeyIsAHivePartitionFolderOfTheDataset()
    {
        assertThat(TitleBasicsTsv.objectKey(LocalDate.of(2024, 1, 1))).isEqualTo("title_basics/ds=2024-01-01/title.basics.tsv.gz");
    }

    @Test
    void testValuesThatWouldBreakTheFormatAreRejected()
    {
        assertThatThrownBy(() -> new TitleBasics("tt1", "movie", "Tab\there", "x", false, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), ImmutableList.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TitleBasics("tt1", "movie", "x", "x", false, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), ImmutableList.of("Sci,Fi")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String gunzip(byte[] file)
            throws IOException
    {
        try (InputStream input = new GZIPInputStream(new ByteArrayInputStream(file))) {
            return new String(input.readAllBytes(), UTF_8);
        }
    }
}
