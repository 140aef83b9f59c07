package io.lakehouse.materializer.generate;

import io.lakehouse.materializer.generate.S3LandingWriter.WrittenFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestS3LandingWriter
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);
    private static final int PART_SIZE = 1024;

    @Test
    void testCreatesMissingBucketAndPutsSmallFileWithOnePathStyleRequest()
            throws Exception
    {
        try (RecordingS3Endpoint endpoint = new RecordingS3Endpoint();
                S3LandingWriter writer = new S3LandingWriter(options(endpoint.uri()), PART_SIZE)) {
            LandingLocation location = LandingLocation.parse("s3://landing/imdb/");

            writer.createBucketIfMissing(location.bucket());
            WrittenFile written = writer.write(location, file(bytes("content")));

            assertThat(written).isEqualTo(new WrittenFile("s3://landing/imdb/title_basics/ds=2024-01-01/title.basics.tsv.gz", 1, 7));
            assertThat(endpoint.buckets()).containsExactly("landing");
            assertThat(endpoint.objects()).containsOnlyKeys("landing/imdb/title_basics/ds=2024-01-01/title.basics.tsv.gz");
            assertThat(endpoint.objects().get("landing/imdb/title_basics/ds=2024-01-01/title.basics.tsv.gz")).asString(UTF_8).isEqualTo("content");
            assertThat(endpoint.requests()).extracting(RecordingS3Endpoint.Request::method).containsExactly("HEAD", "PUT", "PUT");
            assertThat(endpoint.requests()).allSatisfy(request -> assertThat(request.header("Authorization")).contains("Credential=lakehouse/"));
        }
    }

    @Test
    void testLargeFileIsStreamedAsMultipartUploadOfFixedSizeParts()
            throws Exception
    {
        byte[] content = new byte[PART_SIZE * 3 + 100];
        new Random(42).nextBytes(content);
        try (RecordingS3Endpoint endpoint = new RecordingS3Endpoint();
                S3LandingWriter writer = new S3LandingWriter(options(endpoint.uri()), PART_SIZE)) {
            writer.createBucketIfMissing("landing");
            WrittenFile written = writer.write(LandingLocation.parse("s3://landing/"), file(content));

            assertThat(written.bytes()).isEqualTo(content.length);
            assertThat(endpoint.objects().get("landing/title_basics/ds=2024-01-01/title.basics.tsv.gz")).isEqualTo(content);
            assertThat(endpoint.requests().stream().filter(request -> request.query().contains("partNumber=")))
                    .extracting(request -> request.body().length)
                    .containsExactly(PART_SIZE, PART_SIZE, PART_SIZE, 100);
            assertThat(endpoint.openUploads()).isEmpty();
        }
    }

    @Test
    void testFailureWhileGeneratingAbortsUploadAndLeavesNoObject()
            throws Exception
    {
        try (RecordingS3Endpoint endpoint = new RecordingS3Endpoint();
                S3LandingWriter writer = new S3LandingWriter(options(endpoint.uri()), PART_SIZE)) {
            writer.createBucketIfMissing("landing");
            LandingFile failing = new LandingFile("title_basics", DS, "title.basics.tsv.gz", output -> {
                output.write(new byte[PART_SIZE * 2]);
                throw new IOException("disk on fire");
            });

            assertThatThrownBy(() -> writer.write(LandingLocation.parse("s3://landing/"), failing))
                    .hasMessage("Cannot generate s3://landing/title_basics/ds=2024-01-01/title.basics.tsv.gz: disk on fire");
            assertThat(endpoint.objects()).isEmpty();
            assertThat(endpoint.openUploads()).isEmpty();
            assertThat(endpoint.requests()).extracting(RecordingS3Endpoint.Request::method).contains("DELETE");
        }
    }

    @Test
    void testExistingBucketIsKept()
            throws Exception
    {
        try (RecordingS3Endpoint endpoint = new RecordingS3Endpoint();
                S3LandingWriter writer = new S3LandingWriter(options(endpoint.uri()))) {
            writer.createBucketIfMissing("landing");
            writer.createBucketIfMissing("landing");

            assertThat(endpoint.requests()).extracting(RecordingS3Endpoint.Request::method).containsExactly("HEAD", "PUT", "HEAD");
        }
    }

    @Test
    void testUnreachableEndpointNamesEndpointAndWhatToCheck()
    {
        try (S3LandingWriter writer = new S3LandingWriter(options(URI.create("http://127.0.0.1:1")))) {
            assertThatThrownBy(() -> writer.write(LandingLocation.parse("s3://landing/"), file(new byte[0])))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Cannot write s3://landing/title_basics/ds=2024-01-01/title.basics.tsv.gz through S3 endpoint http://127.0.0.1:1 as lakehouse: ")
                    .hasMessageEndingWith("Check --s3-endpoint and the S3 credentials (env LAKEHOUSE_S3_ENDPOINT, LAKEHOUSE_S3_ACCESS_KEY, LAKEHOUSE_S3_SECRET_KEY).")
                    .hasMessageNotContaining("lakehouse-secret");
        }
    }

    private static S3Options options(URI endpoint)
    {
        return new S3Options(endpoint, "lakehouse", "lakehouse-secret", "us-east-1");
    }

    private static LandingFile file(byte[] content)
    {
        return new LandingFile("title_basics", DS, "title.basics.tsv.gz", output -> {
            // in uneven pieces, as a compressor writes
            for (int offset = 0; offset < content.length; offset += 333) {
                output.write(Arrays.copyOfRange(content, offset, Math.min(content.length, offset + 333)));
            }
            return 1;
        });
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(UTF_8);
    }
}
