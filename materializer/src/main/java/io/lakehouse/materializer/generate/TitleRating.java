package io.lakehouse.materializer.generate;

import java.math.BigDecimal;

import static com.google.common.base.Preconditions.checkArgument;
import static io.lakehouse.materializer.generate.TsvValues.requireTsvSafe;
import static java.util.Objects.requireNonNull;

/**
 * One row of IMDb's {@code title.ratings.tsv.gz}: the weighted average of the votes, with one decimal.
 */
public record TitleRating(String tconst, BigDecimal averageRating, long numVotes)
{
    private static final BigDecimal LOWEST = BigDecimal.ONE;
    private static final BigDecimal HIGHEST = BigDecimal.TEN;

    public TitleRating
    {
        requireTsvSafe(tconst, "tconst");
        requireNonNull(averageRating, "averageRating is null");
        checkArgument(averageRating.scale() == 1 && averageRating.compareTo(LOWEST) >= 0 && averageRating.compareTo(HIGHEST) <= 0, "averageRating must be 1.0 to 10.0 with one decimal: %s", averageRating);
        checkArgument(numVotes > 0, "numVotes must be positive: %s", numVotes);
    }
}
