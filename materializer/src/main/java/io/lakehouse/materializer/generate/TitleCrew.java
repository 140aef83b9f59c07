package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.util.List;

import static io.lakehouse.materializer.generate.TsvValues.requireListElement;
import static io.lakehouse.materializer.generate.TsvValues.requireTsvSafe;
import static java.util.Objects.requireNonNull;

/**
 * One row of IMDb's {@code title.crew.tsv.gz}: the {@code nconst}s of a title's directors and writers, each list
 * empty when unknown.
 */
public record TitleCrew(String tconst, List<String> directors, List<String> writers)
{
    public TitleCrew
    {
        requireTsvSafe(tconst, "tconst");
        directors = ImmutableList.copyOf(requireNonNull(directors, "directors is null"));
        writers = ImmutableList.copyOf(requireNonNull(writers, "writers is null"));
        directors.forEach(director -> requireListElement(director, "director"));
        writers.forEach(writer -> requireListElement(writer, "writer"));
    }
}
