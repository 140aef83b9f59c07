package io.lakehouse.materializer.generate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

final class TestTitleBasicsGenerator
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);

    private final TitleBasicsGenerator generator = new TitleBasicsGenerator(TitleBasicsGenerator.DEFAULT_SEED);

    @Test
    void testSameSeedAndDateGiveTheSameFile()
    {
        TitleBasicsGenerator other = new TitleBasicsGenerator(TitleBasicsGenerator.DEFAULT_SEED);

        assertThat(other.generate(DS)).isEqualTo(generator.generate(DS));
        assertThat(TitleBasicsTsv.gzip(other.generate(DS))).isEqualTo(TitleBasicsTsv.gzip(generator.generate(DS)));
    }

    @Test
    void testDifferentSeedGivesDifferentTitles()
    {
        assertThat(new TitleBasicsGenerator(7).generate(DS)).isNotEqualTo(generator.generate(DS));
    }

    @Test
    void testEachDayIsASnapshotOfAGrowingCatalog()
    {
        List<TitleBasics> first = generator.generate(DS);
        List<TitleBasics> next = generator.generate(DS.plusDays(1));

        assertThat(first).hasSize(300);
        assertThat(next).hasSize(302);
        assertThat(next.subList(0, first.size())).isEqualTo(first);
    }

    @Test
    void testCatalogSizeStaysAFewHundredTitles()
    {
        assertThat(generator.generate(LocalDate.of(1990, 1, 1))).hasSize(100);
        assertThat(generator.generate(LocalDate.of(2030, 1, 1))).hasSize(999);
    }

    @Test
    void testTitlesLookLikeImdbTitles()
    {
        List<TitleBasics> titles = generator.generate(DS);

        assertThat(titles).extracting(TitleBasics::tconst)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, titles.size()).mapToObj("tt%07d"::formatted).toList());
        assertThat(titles).allSatisfy(title -> {
            assertThat(title.genres()).hasSizeLessThanOrEqualTo(3).isSorted().doesNotHaveDuplicates();
            assertThat(title.primaryTitle()).isNotBlank();
            title.startYear().ifPresent(year -> assertThat(year).isBetween(1894, 2024));
            title.endYear().ifPresent(year -> {
                assertThat(title.titleType()).isIn("tvSeries", "tvMiniSeries");
                assertThat(year).isGreaterThan(title.startYear().orElseThrow());
            });
        });
        assertThat(titles).extracting(TitleBasics::titleType).contains("movie", "short", "tvEpisode", "tvSeries");
        assertThat(titles).anySatisfy(title -> assertThat(title.startYear()).isEmpty());
        assertThat(titles).anySatisfy(title -> assertThat(title.runtimeMinutes()).isEmpty());
        assertThat(titles).anySatisfy(title -> assertThat(title.genres()).isEmpty());
        assertThat(titles).anySatisfy(title -> assertThat(title.genres()).hasSize(3));
        assertThat(titles).anySatisfy(title -> assertThat(title.originalTitle()).isNotEqualTo(title.primaryTitle()));
        assertThat(titles).anySatisfy(title -> assertThat(title.primaryTitle()).contains("'"));
        assertThat(titles).filteredOn(TitleBasics::adult).hasSizeLessThan(titles.size() / 10);
    }
}
