package io.lakehouse.materializer.generate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static io.lakehouse.materializer.generate.GeneratedFiles.bytes;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

final class TestMovieReviewGenerator
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);
    private static final ScaleFactor SCALE = new ScaleFactor(0.01);

    private final CustomerGenerator customers = new CustomerGenerator(TitleBasicsGenerator.DEFAULT_SEED, SCALE);
    private final MovieReviewGenerator generator = new MovieReviewGenerator(TitleBasicsGenerator.DEFAULT_SEED, SCALE, customers);

    @Test
    void testReviewsAreByTheShopsCustomersAndDifferByDay()
    {
        List<MovieReview> reviews = generator.reviews(DS);

        assertThat(reviews).hasSize(500);
        assertThat(reviews).extracting(MovieReview::cid).allMatch(cid -> cid >= CustomerGenerator.FIRST_CUSTOMER_ID && cid <= customers.lastCustomerId());
        assertThat(new MovieReviewGenerator(TitleBasicsGenerator.DEFAULT_SEED, SCALE, customers).reviews(DS)).isEqualTo(reviews);
        assertThat(generator.reviews(DS.plusDays(1))).isNotEqualTo(reviews);
    }

    @Test
    void testWordGoodAppearsAloneCapitalisedWithPunctuationAndNegated()
    {
        List<List<String>> tokens = generator.reviews(DS).stream()
                .map(review -> Arrays.asList(review.reviewText().toLowerCase(Locale.ENGLISH).split("\\s")))
                .toList();

        assertThat(tokens).filteredOn(words -> words.contains("good")).hasSizeBetween(50, 450);
        assertThat(tokens).anySatisfy(words -> assertThat(words).contains("good.").doesNotContain("good"));
        assertThat(tokens).anySatisfy(words -> assertThat(words).contains("good!"));
        assertThat(generator.reviews(DS)).extracting(MovieReview::reviewText)
                .anySatisfy(text -> assertThat(text).contains("not good"))
                .anySatisfy(text -> assertThat(text).contains("Good fun"))
                .anySatisfy(text -> assertThat(text).contains("<br /><br />"));
    }

    @Test
    void testFileIsCsvWithQuotedReviews()
    {
        LandingFile file = generator.landingFile(DS);
        List<List<String>> records = CsvRecords.parse(new String(bytes(file), UTF_8));

        assertThat(file.key()).isEqualTo("movie_review/ds=2024-01-01/movie_review.csv");
        assertThat(records.getFirst()).containsExactly("cid", "review_str");
        assertThat(records.subList(1, records.size()))
                .extracting(record -> new MovieReview(Integer.parseInt(record.get(0)), record.get(1)))
                .containsExactlyElementsOf(generator.reviews(DS));
        assertThat(records).anySatisfy(record -> assertThat(record.get(1)).contains("\"twist\""));
    }
}
