package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

/**
 * All sample data of one seed and scale. The data sets share their entities: the shop's customers buy, review movies
 * and appear in the customer feed under the same ids, and the IMDb files refer to each other's titles and people.
 */
public final class LandingDataGenerator
{
    private final ImdbGenerator imdb;
    private final CustomerGenerator customers;
    private final OnlineRetailGenerator retail;
    private final MovieReviewGenerator reviews;
    private final CustomerFeedGenerator feed;

    public LandingDataGenerator(long seed, ScaleFactor scale)
    {
        requireNonNull(scale, "scale is null");
        this.imdb = new ImdbGenerator(seed, scale);
        this.customers = new CustomerGenerator(seed, scale);
        this.retail = new OnlineRetailGenerator(seed, scale, customers);
        this.reviews = new MovieReviewGenerator(seed, scale, customers);
        this.feed = new CustomerFeedGenerator(seed, customers);
    }

    public List<LandingFile> files(LandingDataset dataset, LocalDate ds)
    {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(ds, "ds is null");
        return switch (dataset) {
            case IMDB -> Arrays.stream(ImdbFile.values())
                    .map(file -> file.landingFile(imdb, ds))
                    .collect(toImmutableList());
            case RETAIL -> ImmutableList.of(retail.landingFile(ds));
            case REVIEWS -> ImmutableList.of(reviews.landingFile(ds));
            case CUSTOMERS -> ImmutableList.of(feed.landingFile(ds));
        };
    }

    public OnlineRetailGenerator retail()
    {
        return retail;
    }
}
