package io.lakehouse.materializer.generate;

import static java.util.Objects.requireNonNull;

/**
 * One review of the vendor's daily file, as in the seed's {@code movie_review.csv}: the reviewing customer's id and
 * the review's text.
 */
public record MovieReview(int cid, String reviewText)
{
    public MovieReview
    {
        requireNonNull(reviewText, "reviewText is null");
    }
}
