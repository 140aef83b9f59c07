package io.lakehouse.materializer.generate;

/**
 * The sample data sets the generator writes, each a set of landing tables.
 */
public enum LandingDataset
{
    /**
     * IMDb's five files, one full snapshot a day: {@code title_basics}, {@code title_ratings}, {@code title_crew},
     * {@code title_principals}, {@code name_basics}.
     */
    IMDB,
    /**
     * The shop's daily invoice lines, {@code online_retail} (Latin-1 CSV), also loaded into the OLTP database.
     */
    RETAIL,
    /**
     * The vendor's daily movie reviews, {@code movie_review} (CSV).
     */
    REVIEWS,
    /**
     * The daily customer feed, {@code customer_feed} (gzip JSON lines with nested objects).
     */
    CUSTOMERS
}
