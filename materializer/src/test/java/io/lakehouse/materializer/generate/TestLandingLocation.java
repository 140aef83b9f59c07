package io.lakehouse.materializer.generate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestLandingLocation
{
    @Test
    void testBucketRoot()
    {
        LandingLocation location = LandingLocation.parse("s3://landing/");

        assertThat(location).isEqualTo(new LandingLocation("landing", ""));
        assertThat(location.key("title_basics/ds=2024-01-01/title.basics.tsv.gz")).isEqualTo("title_basics/ds=2024-01-01/title.basics.tsv.gz");
        assertThat(location.uri("a/b")).isEqualTo("s3://landing/a/b");
    }

    @Test
    void testBucketWithPrefix()
    {
        assertThat(LandingLocation.parse("s3://raw/imdb")).isEqualTo(new LandingLocation("raw", "imdb/"));
        assertThat(LandingLocation.parse("s3://raw/imdb/").key("x")).isEqualTo("imdb/x");
    }

    @Test
    void testLocationMustBeS3()
    {
        assertThatThrownBy(() -> LandingLocation.parse("landing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid landing location 'landing': expected s3://bucket/ or s3://bucket/prefix/");
        assertThatThrownBy(() -> LandingLocation.parse("http://localhost:9000/landing"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
