package io.lakehouse.materializer.generate;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import static java.util.Objects.requireNonNull;

/**
 * Writes landing files to S3 with path-style requests, as S3-compatible stores expect.
 */
public final class S3LandingWriter
        implements AutoCloseable
{
    private final S3Options options;
    private final S3Client client;

    public S3LandingWriter(S3Options options)
    {
        this.options = requireNonNull(options, "options is null");
        this.client = S3Client.builder()
                .endpointOverride(options.endpoint())
                .region(Region.of(options.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(options.accessKey(), options.secretKey())))
                .forcePathStyle(true)
                // S3-compatible stores do not all understand the SDK's aws-chunked uploads and default trailing checksums;
                // landing files are small byte arrays, signed whole
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

    public void put(LandingLocation location, String key, byte[] content)
    {
        requireNonNull(location, "location is null");
        requireNonNull(key, "key is null");
        requireNonNull(content, "content is null");
        try {
            client.putObject(request -> request.bucket(location.bucket()).key(key), RequestBody.fromBytes(content));
        }
        catch (SdkException e) {
            throw failure("write " + location.uri(key), e);
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
