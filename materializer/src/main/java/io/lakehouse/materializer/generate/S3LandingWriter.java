package io.lakehouse.materializer.generate;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.io.IOException;
import java.io.UncheckedIOException;

import static java.util.Objects.requireNonNull;

/**
 * Writes landing files to S3 with path-style requests, as S3-compatible stores expect.
 */
public final class S3LandingWriter
        implements AutoCloseable
{
    // S3's minimum part size is 5 MB; larger parts mean fewer requests for the gigabyte files of scale factor 1
    static final int DEFAULT_PART_SIZE = 16 * 1024 * 1024;

    /**
     * A landing file in the object store.
     */
    public record WrittenFile(String uri, long records, long bytes)
    {
        public WrittenFile
        {
            requireNonNull(uri, "uri is null");
        }
    }

    private final S3Options options;
    private final int partSize;
    private final S3Client client;

    public S3LandingWriter(S3Options options)
    {
        this(options, DEFAULT_PART_SIZE);
    }

    S3LandingWriter(S3Options options, int partSize)
    {
        this.options = requireNonNull(options, "options is null");
        this.partSize = partSize;
        this.client = S3Client.builder()
                .endpointOverride(options.endpoint())
                .region(Region.of(options.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(options.accessKey(), options.secretKey())))
                .forcePathStyle(true)
                // S3-compatible stores do not all understand the SDK's aws-chunked uploads and default trailing checksums;
                // landing files are sent as byte arrays of at most one part, signed whole
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public void createBucketIfMissing(String bucket)
    {
        requireNonNull(bucket, "bucket is null");
        try {
            try {
                client.headBucket(request -> request.bucket(bucket));
            }
            catch (NoSuchBucketException e) {
                client.createBucket(request -> request.bucket(bucket));
            }
        }
        catch (SdkException e) {
            throw failure("create bucket " + bucket, e);
        }
    }

    /**
     * Writes a generated file below the landing location, streaming it in parts; a file that fails half-way is
     * not left behind.
     */
    public WrittenFile write(LandingLocation location, LandingFile file)
    {
        requireNonNull(location, "location is null");
        requireNonNull(file, "file is null");
        String key = location.key(file.key());
        S3UploadStream output = new S3UploadStream(client, location.bucket(), key, partSize);
        try {
            long records = file.content().writeTo(output);
            output.close();
            return new WrittenFile(location.uri(key), records, output.size());
        }
        catch (IOException | RuntimeException e) {
            try {
                output.abort();
            }
            catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            if (e instanceof SdkException sdkException) {
                throw failure("write " + location.uri(key), sdkException);
            }
            if (e instanceof IOException ioException) {
                throw new UncheckedIOException("Cannot generate %s: %s".formatted(location.uri(key), e.getMessage()), ioException);
            }
            throw (RuntimeException) e;
        }
    }

    private IllegalStateException failure(String action, SdkException e)
    {
        return new IllegalStateException("Cannot %s through S3 endpoint %s as %s: %s. Check --s3-endpoint and the S3 credentials (env LAKEHOUSE_S3_ENDPOINT, LAKEHOUSE_S3_ACCESS_KEY, LAKEHOUSE_S3_SECRET_KEY)."
                .formatted(action, options.endpoint(), options.accessKey(), e.getMessage()), e);
    }

    @Override
    public void close()
    {
        client.close();
    }
}
