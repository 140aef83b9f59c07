package io.lakehouse.materializer.generate;

import com.google.common.base.Splitter;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.lakehouse.materializer.generate.GeneratedFiles.bytes;
import static io.lakehouse.materializer.generate.GeneratedFiles.lines;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summarizingInt;
import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

final class TestImdbGenerator
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);
    private static final ScaleFactor SCALE = new ScaleFactor(0.002);

    private final ImdbGenerator generator = new ImdbGenerator(TitleBasicsGenerator.DEFAULT_SEED, SCALE);

    @Test
    void testSameSeedAndDateGiveTheSameFiles()
    {
        ImdbGenerator other = new ImdbGenerator(TitleBasicsGenerator.DEFAULT_SEED, SCALE);

        for (ImdbFile file : ImdbFile.values()) {
            assertThat(bytes(file.landingFile(other, DS))).as(file.fileName()).isEqualTo(bytes(file.landingFile(generator, DS)));
        }
    }

    @Test
    void testDifferentSeedGivesDifferentData()
    {
        ImdbGenerator other = new ImdbGenerator(7, SCALE);

        for (ImdbFile file : ImdbFile.values()) {
            assertThat(bytes(file.landingFile(other, DS))).as(file.fileName()).isNotEqualTo(bytes(file.landingFile(generator, DS)));
        }
    }

    @Test
    void testEachDayIsASnapshotOfAGrowingCatalog()
    {
        assertThat(generator.titleCount(DS)).isEqualTo(4_200);
        assertThat(generator.titleCount(DS.plusDays(1))).isEqualTo(4_202);
        assertThat(generator.titleCount(DS.minusDays(30))).isEqualTo(4_200);
        assertThat(new ImdbGenerator(1, new ScaleFactor(1)).titleCount(DS)).isEqualTo(2_100_000);
        assertThat(new ImdbGenerator(1, new ScaleFactor(0.00001)).titleCount(DS)).isEqualTo(100);

        List<String> first = lines(ImdbFile.TITLE_BASICS.landingFile(generator, DS), UTF_8);
        List<String> next = lines(ImdbFile.TITLE_BASICS.landingFile(generator, DS.plusDays(1)), UTF_8);
        assertThat(next).hasSize(first.size() + 2);
        assertThat(next.subList(0, first.size())).isEqualTo(first);

        // ratings of the same titles gain votes
        assertThat(generator.rating(ratedTitle(), DS.plusDays(100)).orElseThrow().numVotes())
                .isGreaterThan(generator.rating(ratedTitle(), DS).orElseThrow().numVotes());
    }

    @Test
    void testFilesReferOnlyToTitlesAndPeopleOfTheSameSnapshot()
    {
        int titles = generator.titleCount(DS);
        int people = generator.personCount(DS);
        Set<String> tconsts = new HashSet<>(IntStream.rangeClosed(1, titles).mapToObj(TitleBasicsGenerator::tconst).toList());
        Set<String> nconsts = new HashSet<>(IntStream.rangeClosed(1, people).mapToObj(NameBasicsGenerator::nconst).toList());

        List<List<String>> crew = rows(ImdbFile.TITLE_CREW);
        assertThat(crew).extracting(row -> row.get(0)).containsExactlyElementsOf(tconsts.stream().sorted().toList());
        assertThat(crew).allSatisfy(row -> {
            assertThat(list(row.get(1))).isSubsetOf(nconsts).doesNotHaveDuplicates();
            assertThat(list(row.get(2))).isSubsetOf(nconsts).doesNotHaveDuplicates();
        });
        assertThat(rows(ImdbFile.TITLE_RATINGS)).allSatisfy(row -> assertThat(tconsts).contains(row.get(0)));
        assertThat(rows(ImdbFile.TITLE_PRINCIPALS)).allSatisfy(row -> {
            assertThat(tconsts).contains(row.get(0));
            assertThat(nconsts).contains(row.get(2));
        });
        assertThat(rows(ImdbFile.NAME_BASICS)).allSatisfy(row -> assertThat(list(row.get(5))).isSubsetOf(tconsts));
    }

    @Test
    void testTitlesLookLikeImdbTitles()
    {
        List<TitleBasics> titles = IntStream.rangeClosed(1, generator.titleCount(DS)).mapToObj(generator::title).toList();

        assertThat(titles).extracting(TitleBasics::tconst).startsWith("tt0000001", "tt0000002");
        assertThat(titles).allSatisfy(title -> {
            assertThat(title.genres()).hasSizeLessThanOrEqualTo(3).isSorted().doesNotHaveDuplicates();
            assertThat(title.primaryTitle()).isNotBlank();
            title.startYear().ifPresent(year -> assertThat(year).isBetween(1894, 2024));
            title.endYear().ifPresent(year -> {
                assertThat(title.titleType()).isIn("tvSeries", "tvMiniSeries");
                assertThat(year).isGreaterThan(title.startYear().orElseThrow());
            });
        });
        Map<String, Long> types = titles.stream().collect(groupingBy(TitleBasics::titleType, counting()));
        assertThat(types.get("tvEpisode")).isGreaterThan(types.get("movie"));
        assertThat(types.get("movie")).isGreaterThan(types.get("short"));
        assertThat(titles).anySatisfy(title -> assertThat(title.startYear()).isEmpty());
        assertThat(titles).anySatisfy(title -> assertThat(title.runtimeMinutes()).isEmpty());
        assertThat(titles).anySatisfy(title -> assertThat(title.genres()).isEmpty());
        assertThat(titles).anySatisfy(title -> assertThat(title.genres()).hasSize(3));
        assertThat(titles).anySatisfy(title -> assertThat(title.originalTitle()).isNotEqualTo(title.primaryTitle()));
        assertThat(titles).anySatisfy(title -> assertThat(title.primaryTitle()).contains("'"));
        assertThat(titles).anySatisfy(title -> assertThat(title.primaryTitle()).startsWith("Episode #"));
        // stray quotes, as in IMDb's files: a CSV reader would take them for quoting
        assertThat(titles).anySatisfy(title -> assertThat(title.primaryTitle()).startsWith("\"").satisfies(text -> assertThat(text.chars().filter(c -> c == '"').count()).isOdd()));
        assertThat(titles).anySatisfy(title -> assertThat(title.primaryTitle()).matches("\\w+ \".*\""));
        assertThat(titles).filteredOn(TitleBasics::adult).hasSizeLessThan(titles.size() / 10);
    }

    @Test
    void testCreditsConcentrateOnProlificPeople()
    {
        List<List<String>> principals = rows(ImdbFile.TITLE_PRINCIPALS);
        Map<String, Long> creditsPerActor = principals.stream()
                .filter(row -> row.get(3).equals("actor") || row.get(3).equals("actress"))
                .collect(groupingBy(row -> row.get(2), counting()));

        assertThat(creditsPerActor.values().stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(30);
        assertThat(creditsPerActor.values().stream().filter(credits -> credits == 1).count()).isGreaterThan(creditsPerActor.size() / 4);
        // billing order 1..n without gaps, cast before crew
        Map<String, List<List<String>>> byTitle = principals.stream().collect(groupingBy(row -> row.get(0)));
        assertThat(byTitle.values()).allSatisfy(credits -> assertThat(credits).extracting(row -> Integer.parseInt(row.get(1)))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, credits.size()).boxed().toList()));
        assertThat(principals).extracting(row -> row.get(3)).contains("actor", "actress", "self", "director", "writer", "producer", "composer", "cinematographer", "editor");
        assertThat(principals).filteredOn(row -> row.get(3).equals("actress")).allSatisfy(row -> assertThat(row.get(5)).matches("\\\\N|\\[\"[^\"]+\"(,\"[^\"]+\")*]"));
        assertThat(principals).filteredOn(row -> row.get(3).equals("cinematographer")).allSatisfy(row -> assertThat(row.get(4)).isEqualTo("director of photography"));
    }

    @Test
    void testDirectorsOfCrewAreCreditedAsDirectorPrincipals()
    {
        Map<String, String> firstDirector = rows(ImdbFile.TITLE_CREW).stream()
                .filter(row -> !row.get(1).equals("\\N"))
                .collect(toMap(row -> row.get(0), row -> list(row.get(1)).getFirst()));

        List<List<String>> directorCredits = rows(ImdbFile.TITLE_PRINCIPALS).stream().filter(row -> row.get(3).equals("director")).toList();
        assertThat(directorCredits).isNotEmpty().allSatisfy(row -> assertThat(row.get(2)).isEqualTo(firstDirector.get(row.get(0))));
    }

    @Test
    void testCareersSpanAnEraAndStartAfterBirth()
    {
        Map<String, IntSummaryStatistics> careers = rows(ImdbFile.TITLE_PRINCIPALS).stream()
                .filter(row -> generator.title(Integer.parseInt(row.get(0).substring(2))).startYear().isPresent())
                .collect(groupingBy(row -> row.get(2), summarizingInt(row -> generator.title(Integer.parseInt(row.get(0).substring(2))).startYear().getAsInt())));
        List<IntSummaryStatistics> busy = careers.values().stream().filter(career -> career.getCount() >= 5).toList();

        // an era is a fifth of the 131 years from 1894
        assertThat(busy).hasSizeGreaterThan(50).allSatisfy(career -> assertThat(career.getMax() - career.getMin()).isLessThanOrEqualTo(27));
        Map<String, Integer> births = rows(ImdbFile.NAME_BASICS).stream()
                .filter(row -> !row.get(2).equals("\\N") && careers.containsKey(row.get(0)))
                .collect(toMap(row -> row.get(0), row -> Integer.parseInt(row.get(2))));
        assertThat(births).hasSizeGreaterThan(100);
        assertThat(births.entrySet().stream().filter(birth -> birth.getValue() < careers.get(birth.getKey()).getMin()).count())
                .isGreaterThan(births.size() * 95L / 100);
    }

    @Test
    void testPeopleLookLikeImdbPeople()
    {
        List<List<String>> people = rows(ImdbFile.NAME_BASICS);

        assertThat(people).extracting(row -> row.get(0)).startsWith("nm0000001", "nm0000002");
        assertThat(people).extracting(row -> list(row.get(4)).size()).allMatch(size -> size <= 3);
        assertThat(people).extracting(row -> list(row.get(5)).size()).allMatch(size -> size <= 4);
        assertThat(people).anySatisfy(row -> assertThat(row.get(2)).isEqualTo("\\N"));
        assertThat(people).anySatisfy(row -> assertThat(row.get(3)).matches("\\d{4}"));
        assertThat(people).anySatisfy(row -> assertThat(row.get(4)).contains(","));
        assertThat(people).anySatisfy(row -> assertThat(row.get(1)).matches(".*[^\\x00-\\x7F].*"));
        assertThat(people).filteredOn(row -> !row.get(3).equals("\\N")).allSatisfy(row -> assertThat(Integer.parseInt(row.get(3))).isGreaterThan(Integer.parseInt(row.get(2))));
    }

    @Test
    void testScaleFactorOneIsAboutOneGigabyteOfTsv()
    {
        // a hundredth of scale 1 is about 10 MB: 9.9 MB of uncompressed TSV
        ImdbGenerator hundredth = new ImdbGenerator(TitleBasicsGenerator.DEFAULT_SEED, new ScaleFactor(0.01));
        long bytes = Arrays.stream(ImdbFile.values())
                .mapToLong(file -> bytes(file.landingFile(hundredth, DS)).length)
                .sum();

        assertThat(bytes).isBetween(9_000_000L, 11_000_000L);
    }

    private int ratedTitle()
    {
        return IntStream.rangeClosed(1, generator.titleCount(DS))
                .filter(number -> generator.rating(number, DS).filter(rating -> rating.numVotes() > 1000).isPresent())
                .findFirst()
                .orElseThrow();
    }

    private List<List<String>> rows(ImdbFile file)
    {
        List<String> lines = lines(file.landingFile(generator, DS), UTF_8);
        assertThat(lines.getFirst()).isEqualTo(String.join("\t", file.columns()));
        return lines.stream()
                .skip(1)
                .map(line -> Splitter.on('\t').splitToList(line))
                .peek(fields -> assertThat(fields).hasSize(file.columns().size()))
                .toList();
    }

    private static List<String> list(String value)
    {
        return value.equals("\\N") ? List.of() : Splitter.on(',').splitToList(value);
    }
}
