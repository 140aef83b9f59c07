package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.OptionalInt;

import static com.google.common.base.Preconditions.checkArgument;
import static io.lakehouse.materializer.generate.TsvValues.requireListElement;
import static io.lakehouse.materializer.generate.TsvValues.requireTsvSafe;
import static java.util.Objects.requireNonNull;

/**
 * One row of IMDb's {@code name.basics.tsv.gz}.
 *
 * @param primaryProfession at most three professions, the main one first; empty when unknown
 * @param knownForTitles at most four {@code tconst}s; empty when unknown
 */
public record NameBasics(String nconst, String primaryName, OptionalInt birthYear, OptionalInt deathYear, List<String> primaryProfession, List<String> knownForTitles)
{
    public NameBasics
    {
        requireTsvSafe(nconst, "nconst");
        requireTsvSafe(primaryName, "primaryName");
        requireNonNull(birthYear, "birthYear is null");
        requireNonNull(deathYear, "deathYear is null");
        primaryProfession = ImmutableList.copyOf(requireNonNull(primaryProfession, "primaryProfession is null"));
        knownForTitles = ImmutableList.copyOf(requireNonNull(knownForTitles, "knownForTitles is null"));
        checkArgument(primaryProfession.size() <= 3, "at most three professions: %s", primaryProfession);
        checkArgument(knownForTitles.size() <= 4, "at most four known-for titles: %s", knownForTitles);
        primaryProfession.forEach(profession -> requireListElement(profession, "profession"));
        knownForTitles.forEach(title -> requireListElement(title, "knownForTitle"));
    }
}
