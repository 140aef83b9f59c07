package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * IMDb's five dataset files (developer.imdb.com/non-commercial-datasets) in their format: gzip-compressed UTF-8,
 * tab-separated without quoting, a header row, {@code \N} for a missing value, booleans as 0 and 1, lists joined by
 * commas. Each lands in its own dataset folder: {@code title.basics.tsv.gz} is table {@code title_basics}.
 */
public enum ImdbFile
{
    TITLE_BASICS("title_basics", "title.basics.tsv.gz", "tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear", "endYear", "runtimeMinutes", "genres") {
        @Override
        long writeRows(ImdbGenerator generator, LocalDate ds, Writer writer)
                throws IOException
        {
            int titles = generator.titleCount(ds);
            for (int number = 1; number <= titles; number++) {
                writeLine(writer, line(generator.title(number)));
            }
            return titles;
        }
    },
    TITLE_RATINGS("title_ratings", "title.ratings.tsv.gz", "tconst", "averageRating", "numVotes") {
        @Override
        long writeRows(ImdbGenerator generator, LocalDate ds, Writer writer)
                throws IOException
        {
            long rows = 0;
            int titles = generator.titleCount(ds);
            for (int number = 1; number <= titles; number++) {
                Optional<TitleRating> rating = generator.rating(number, ds);
                if (rating.isPresent()) {
                    writeLine(writer, line(rating.get()));
                    rows++;
                }
            }
            return rows;
        }
    },
    TITLE_CREW("title_crew", "title.crew.tsv.gz", "tconst", "directors", "writers") {
        @Override
        long writeRows(ImdbGenerator generator, LocalDate ds, Writer writer)
                throws IOException
        {
            int titles = generator.titleCount(ds);
            for (int number = 1; number <= titles; number++) {
                writeLine(writer, line(generator.crew(number)));
            }
            return titles;
        }
    },
    TITLE_PRINCIPALS("title_principals", "title.principals.tsv.gz", "tconst", "ordering", "nconst", "category", "job", "characters") {
        @Override
        long writeRows(ImdbGenerator generator, LocalDate ds, Writer writer)
                throws IOException
        {
            long rows = 0;
            int titles = generator.titleCount(ds);
            for (int number = 1; number <= titles; number++) {
                for (TitlePrincipal principal : generator.principals(number)) {
                    writeLine(writer, line(principal));
                    rows++;
                }
            }
            return rows;
        }
    },
    NAME_BASICS("name_basics", "name.basics.tsv.gz", "nconst", "primaryName", "birthYear", "deathYear", "primaryProfession", "knownForTitles") {
        @Override
        long writeRows(ImdbGenerator generator, LocalDate ds, Writer writer)
                throws IOException
        {
            int people = generator.personCount(ds);
            for (int number = 1; number <= people; number++) {
                writeLine(writer, line(generator.person(number)));
            }
            return people;
        }
    };

    private static final String NULL = "\\N";

    private final String dataset;
    private final String fileName;
    private final List<String> columns;

    ImdbFile(String dataset, String fileName, String... columns)
    {
        this.dataset = dataset;
        this.fileName = fileName;
        this.columns = ImmutableList.copyOf(columns);
    }

    public String dataset()
    {
        return dataset;
    }

    public String fileName()
    {
        return fileName;
    }

    /**
     * The header row's column names, as IMDb spells them.
     */
    public List<String> columns()
    {
        return columns;
    }

    public LandingFile landingFile(ImdbGenerator generator, LocalDate ds)
    {
        requireNonNull(generator, "generator is null");
        requireNonNull(ds, "ds is null");
        return new LandingFile(dataset, ds, fileName, output -> TextFiles.gzip(output, UTF_8, writer -> {
            writeLine(writer, String.join("\t", columns));
            return writeRows(generator, ds, writer);
        }));
    }

    abstract long writeRows(ImdbGenerator generator, LocalDate ds, Writer writer)
            throws IOException;

    static String line(TitleBasics title)
    {
        return String.join("\t",
                title.tconst(),
                title.titleType(),
                title.primaryTitle(),
                title.originalTitle(),
                title.adult() ? "1" : "0",
                value(title.startYear()),
                value(title.endYear()),
                value(title.runtimeMinutes()),
                list(title.genres()));
    }

    static String line(TitleRating rating)
    {
        return String.join("\t", rating.tconst(), rating.averageRating().toPlainString(), String.valueOf(rating.numVotes()));
    }

    static String line(TitleCrew crew)
    {
        return String.join("\t", crew.tconst(), list(crew.directors()), list(crew.writers()));
    }

    static String line(TitlePrincipal principal)
    {
        return String.join("\t",
                principal.tconst(),
                String.valueOf(principal.ordering()),
                principal.nconst(),
                principal.category(),
                principal.job().orElse(NULL),
                principal.characters().isEmpty() ? NULL : principal.characters().stream().map(character -> "\"" + character + "\"").collect(joining(",", "[", "]")));
    }

    static String line(NameBasics person)
    {
        return String.join("\t",
                person.nconst(),
                person.primaryName(),
                value(person.birthYear()),
                value(person.deathYear()),
                list(person.primaryProfession()),
                list(person.knownForTitles()));
    }

    private static void writeLine(Writer writer, String line)
            throws IOException
    {
        writer.write(line);
        writer.write('\n');
    }

    private static String value(OptionalInt value)
    {
        return value.isPresent() ? String.valueOf(value.getAsInt()) : NULL;
    }

    private static String list(List<String> values)
    {
        return values.isEmpty() ? NULL : String.join(",", values);
    }
}
