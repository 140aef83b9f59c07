package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.OptionalInt;

import static com.google.common.base.Preconditions.checkArgument;
import static io.lakehouse.materializer.generate.TsvValues.requireListElement;
import static io.lakehouse.materializer.generate.TsvValues.requireTsvSafe;
import static java.util.Objects.requireNonNull;

/**
 * One row of IMDb's {@code title.basics.tsv.gz}.
 *
 * @param genres at most three genres; empty when unknown
 */
public record TitleBasics(
        String tconst,
        String titleType,
        String primaryTitle,
        String originalTitle,
        boolean adult,
        OptionalInt startYear,
        OptionalInt endYear,
        OptionalInt runtimeMinutes,
        List<String> genres)
{
    public TitleBasics
    {
        requireTsvSafe(tconst, "tconst");
        requireTsvSafe(titleType, "titleType");
        requireTsvSafe(primaryTitle, "primaryTitle");
        requireTsvSafe(originalTitle, "originalTitle");
        requireNonNull(startYear, "startYear is null");
        requireNonNull(endYear, "endYear is null");
        requireNonNull(runtimeMinutes, "runtimeMinutes is null");
        genres = ImmutableList.copyOf(requireNonNull(genres, "genres is null"));
        checkArgument(genres.size() <= 3, "at most three genres: %s", genres);
        genres.forEach(genre -> requireListElement(genre, "genre"));
    }
}
