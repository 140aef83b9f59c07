package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.lakehouse.materializer.generate.RandomStreams.percent;
import static io.lakehouse.materializer.generate.RandomStreams.pick;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The movie review vendor's daily file: CSV with header {@code cid,review_str}, reviews written like IMDb's user
 * reviews (several sentences, commas, quoted words, {@code <br />} line breaks), by the shop's customers.
 * "good" appears in some reviews as a word of its own, sometimes capitalised or with punctuation attached, and
 * sometimes negated, so the seed's naive classifier has real cases to get right and wrong.
 */
public final class MovieReviewGenerator
{
    public static final String DATASET = "movie_review";
    public static final String FILE_NAME = "movie_review.csv";
    public static final String HEADER = "cid,review_str";

    private static final int REVIEWS_PER_DAY_AT_SCALE_ONE = 50_000;
    private static final int MIN_REVIEWS_PER_DAY = 150;

    private static final List<String> OPENINGS = ImmutableList.of(
            "I watched this movie last night with my family.",
            "This film was recommended to me by a friend.",
            "Once again the director has dragged out a movie for far longer than necessary.",
            "I had high hopes for this one after reading the book.",
            "Saw it at the cinema on opening night.",
            "My wife and I rented this on a rainy Sunday.",
            "I am not usually a fan of musicals, but here we are.",
            "After all the hype I finally sat down to watch it.");
    private static final List<String> POSITIVE = ImmutableList.of(
            "The acting was good and the story kept me guessing",
            "It is a good film, one of the best of the year",
            "Good fun for the whole family",
            "The soundtrack is wonderful and the photography is stunning",
            "A really good script, sharp and funny",
            "The lead gives a moving, \"career-defining\" performance",
            "Honestly it was good",
            "Everything about it felt fresh and alive");
    private static final List<String> NEGATIVE = ImmutableList.of(
            "The plot made no sense at all",
            "It was not good, not even close",
            "A complete waste of two hours",
            "The dialogue was awful and the pacing was worse",
            "The so-called \"twist\" was obvious from the first scene",
            "I wanted to like it, but it was just boring",
            "The special effects looked cheap",
            "Nothing here is as good as the trailer promised");
    private static final List<String> NEUTRAL = ImmutableList.of(
            "The cast includes a few familiar faces",
            "It runs a little over two hours",
            "The film is set in a small town in the 1970s",
            "There is a sequel, which I have not seen yet",
            "The DVD has some deleted scenes and a commentary track",
            "Some of it was filmed in Montréal and Zürich");
    private static final List<String> ENDINGS = ImmutableList.of(
            "Recommended.", "Skip it.", "7/10.", "3/10.", "Watch it if you get the chance.", "Good.", "Not good.", "Meh.", "GOOD!");

    private final long seed;
    private final int reviewsPerDay;
    private final CustomerGenerator customers;

    public MovieReviewGenerator(long seed, ScaleFactor scale, CustomerGenerator customers)
    {
        requireNonNull(scale, "scale is null");
        this.seed = seed;
        this.customers = requireNonNull(customers, "customers is null");
        this.reviewsPerDay = scale.count(REVIEWS_PER_DAY_AT_SCALE_ONE, MIN_REVIEWS_PER_DAY);
    }

    public List<MovieReview> reviews(LocalDate ds)
    {
        SplittableRandom random = RandomStreams.stream(seed, 11, ds.toEpochDay());
        List<MovieReview> reviews = new ArrayList<>(reviewsPerDay);
        for (int i = 0; i < reviewsPerDay; i++) {
            reviews.add(new MovieReview(customers.pickActive(random), text(random)));
        }
        return reviews;
    }

    public LandingFile landingFile(LocalDate ds)
    {
        requireNonNull(ds, "ds is null");
        return new LandingFile(DATASET, ds, FILE_NAME, output -> TextFiles.plain(output, UTF_8, writer -> write(reviews(ds), writer)));
    }

    static long write(List<MovieReview> reviews, Writer writer)
            throws IOException
    {
        writer.write(HEADER);
        writer.write('\n');
        for (MovieReview review : reviews) {
            writer.write(String.valueOf(review.cid()));
            writer.write(',');
            writer.write(Csv.quoted(review.reviewText()));
            writer.write('\n');
        }
        return reviews.size();
    }

    private static String text(SplittableRandom random)
    {
        List<String> sentences = new ArrayList<>();
        sentences.add(pick(random, OPENINGS));
        boolean positive = percent(random, 45);
        int body = random.nextInt(1, 5);
        for (int i = 0; i < body; i++) {
            String sentence = switch (random.nextInt(5)) {
                case 0, 1 -> pick(random, positive ? POSITIVE : NEGATIVE);
                case 2 -> pick(random, positive ? NEGATIVE : POSITIVE);
                default -> pick(random, NEUTRAL);
            };
            sentences.add(sentence + (percent(random, 15) ? "!" : "."));
        }
        if (percent(random, 60)) {
            sentences.add(pick(random, ENDINGS));
        }
        StringBuilder text = new StringBuilder();
        for (String sentence : sentences) {
            if (!text.isEmpty()) {
                text.append(percent(random, 20) ? "<br /><br />" : " ");
            }
            text.append(sentence);
        }
        return text.toString();
    }
}
