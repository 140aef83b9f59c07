package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static io.lakehouse.materializer.generate.TsvValues.requireTsvSafe;
import static java.util.Objects.requireNonNull;

/**
 * One row of IMDb's {@code title.principals.tsv.gz}: a person credited on a title, in billing order.
 *
 * @param characters the characters played; written as a JSON array, as IMDb does, and {@code \N} when empty
 */
public record TitlePrincipal(String tconst, int ordering, String nconst, String category, Optional<String> job, List<String> characters)
{
    public TitlePrincipal
    {
        requireTsvSafe(tconst, "tconst");
        checkArgument(ordering >= 1, "ordering must be positive: %s", ordering);
        requireTsvSafe(nconst, "nconst");
        requireTsvSafe(category, "category");
        requireNonNull(job, "job is null").ifPresent(value -> requireTsvSafe(value, "job"));
        characters = ImmutableList.copyOf(requireNonNull(characters, "characters is null"));
        characters.forEach(character -> {
            requireTsvSafe(character, "character");
            checkArgument(!character.contains("\"") && !character.contains("\\"), "character contains a quote or backslash: %s", character);
        });
    }
}
