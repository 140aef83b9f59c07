package io.lakehouse.materializer.generate;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestS3LandingWriter
{
    @Test
    void testCreatesMissingBucketAndPutsObjectWithPathStyleRequest()
            throws Exception
    {
        try (RecordingS3Endpoint endpoint = new RecordingS3Endpoint();
                S3LandingWriter writer = new S3LandingWriter(new S3Options(endpoint.uri(), "lakehouse", "lakehouse-secret", "us-east-1"))) {
            LandingLocation location = LandingLocation.parse("s3://landing/imdb/");

            writer.createBucketIfMissing(location.bucket());
            writer.put(location, location.key("title_basics/ds=2024-01-01/title.basics.tsv.gz"), "content".getBytes(UTF_8));

            assertThat(endpoint.buckets()).containsExactly("landing");
            assertThat(endpoint.objects()).containsOnlyKeys("landing/imdb/title_basics/ds=2024-01-01/title.basics.tsv.gz");
            assertThat(endpoint.objects().get("landing/imdb/title_basics/ds=2024-01-01/title.basics.tsv.gz")).asString(UTF_8).isEqualTo("content");
            assertThat(endpoint.requests()).allSatisfy(request -> assertThat(request.header("Authorization")).contains("Credential=lakehouse/"));
        }
    }

    @Test
    void testExistingBucketIsKept()
            throws Exception
    {
        try (RecordingS3Endpoint endpoint = new RecordingS3Endpoint();
                S3LandingWriter writer = new S3LandingWriter(new S3Options(endpoint.uri(), "lakehouse", "lakehouse-secret", "us-east-1"))) {
            writer.createBucketIfMissing("landing");
            writer.createBucketIfMissing("landing");

            assertThat(endpoint.requests()).extracting(RecordingS3Endpoint.Request::method).containsExactly("HEAD", "PUT", "HEAD");
        }
    }

    @Test
    void testUnreachableEndpointNamesEndpointAndWhatToCheck()
    {
        try (S3LandingWriter writer = new S3LandingWriter(new S3Options(URI.create("http://127.0.0.1:1"), "lakehouse", "lakehouse-secret", "us-east-1"))) {
            assertThatThrownBy(() -> writer.put(LandingLocation.parse("s3://landing/"), "x", new byte[0]))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Cannot write s3://landing/x through S3 endpoint http://127.0.0.1:1 as lakehouse: ")
                    .hasMessageEndingWith("Check --s3-endpoint and the S3 credentials (env LAKEHOUSE_S3_ENDPOINT, LAKEHOUSE_S3_ACCESS_KEY, LAKEHOUSE_S3_SECRET_KEY).")
                    .hasMessageNotContaining("lakehouse-secret");
        }
    }
}
