package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.lakehouse.materializer.generate.GeneratedFiles.lines;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestImdbFile
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);

    @Test
    void testLinesUseImdbNullMarkerBooleansAndCommaLists()
    {
        assertThat(ImdbFile.line(new TitleBasics("tt0000001", "movie", "Ocean's Harbor", "Das Boot", false, OptionalInt.of(1999), OptionalInt.empty(), OptionalInt.of(121), ImmutableList.of("Drama", "War"))))
                .isEqualTo("tt0000001\tmovie\tOcean's Harbor\tDas Boot\t0\t1999\t\\N\t121\tDrama,War");
        assertThat(ImdbFile.line(new TitleBasics("tt0000002", "tvSeries", "\"Lonely Kingdom", "\"Lonely Kingdom", true, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), ImmutableList.of())))
                .isEqualTo("tt0000002\ttvSeries\t\"Lonely Kingdom\t\"Lonely Kingdom\t1\t\\N\t\\N\t\\N\t\\N");
        assertThat(ImdbFile.line(new TitleRating("tt0000001", new BigDecimal("7.0"), 1234))).isEqualTo("tt0000001\t7.0\t1234");
        assertThat(ImdbFile.line(new TitleCrew("tt0000001", ImmutableList.of("nm0000003", "nm0000004"), ImmutableList.of()))).isEqualTo("tt0000001\tnm0000003,nm0000004\t\\N");
        assertThat(ImdbFile.line(new TitlePrincipal("tt0000001", 1, "nm0000001", "actress", Optional.empty(), ImmutableList.of("Dr. Rosa", "Nurse"))))
                .isEqualTo("tt0000001\t1\tnm0000001\tactress\t\\N\t[\"Dr. Rosa\",\"Nurse\"]");
        assertThat(ImdbFile.line(new TitlePrincipal("tt0000001", 7, "nm0000012", "writer", Optional.of("novel"), ImmutableList.of())))
                .isEqualTo("tt0000001\t7\tnm0000012\twriter\tnovel\t\\N");
        assertThat(ImdbFile.line(new NameBasics("nm0000001", "Zoë Müller", OptionalInt.of(1899), OptionalInt.of(1987), ImmutableList.of("actress", "soundtrack"), ImmutableList.of("tt0000001"))))
                .isEqualTo("nm0000001\tZoë Müller\t1899\t1987\tactress,soundtrack\ttt0000001");
    }

    @Test
    void testFilesAreGzipTsvWithImdbHeaderInTheirDatasetFolder()
    {
        ImdbGenerator generator = new ImdbGenerator(TitleBasicsGenerator.DEFAULT_SEED, new ScaleFactor(0.0001));

        assertThat(List.of(ImdbFile.values())).extracting(file -> file.landingFile(generator, DS).key()).containsExactly(
                "title_basics/ds=2024-01-01/title.basics.tsv.gz",
                "title_ratings/ds=2024-01-01/title.ratings.tsv.gz",
                "title_crew/ds=2024-01-01/title.crew.tsv.gz",
                "title_principals/ds=2024-01-01/title.principals.tsv.gz",
                "name_basics/ds=2024-01-01/name.basics.tsv.gz");
        List<String> lines = lines(ImdbFile.TITLE_BASICS.landingFile(generator, DS), UTF_8);
        assertThat(lines.getFirst()).isEqualTo("tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres");
        assertThat(lines).hasSize(211).allSatisfy(line -> assertThat(line.split("\t", -1)).hasSize(9));
        assertThat(lines(ImdbFile.NAME_BASICS.landingFile(generator, DS), UTF_8).getFirst()).isEqualTo("nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles");
    }

    @Test
    void testValuesThatWouldBreakTheFormatAreRejected()
    {
        assertThatThrownBy(() -> new TitleBasics("tt1", "movie", "Tab\there", "x", false, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), ImmutableList.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TitleBasics("tt1", "movie", "x", "x", false, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), ImmutableList.of("Sci,Fi")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TitleCrew("tt1", ImmutableList.of("nm1,nm2"), ImmutableList.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TitlePrincipal("tt1", 1, "nm1", "actor", Optional.empty(), ImmutableList.of("The \"Kid\"")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TitleRating("tt1", new BigDecimal("7.25"), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
