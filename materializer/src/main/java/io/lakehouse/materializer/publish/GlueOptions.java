package io.lakehouse.materializer.publish;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

import java.net.URI;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * How to reach the Glue Data Catalog the Trino catalog of the models is registered in: the local endpoint
 * ({@code LAKEHOUSE_GLUE_ENDPOINT}) with static keys, or AWS Glue with the SDK's default credentials when no
 * endpoint and no keys are given.
 */
public record GlueOptions(Optional<URI> endpoint, String region, Optional<String> accessKey, Optional<String> secretKey)
{
    public GlueOptions
    {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        checkArgument(accessKey.isPresent() == secretKey.isPresent(), "Glue access key and secret key must be given together");
    }

    public GlueClient createClient()
    {
        GlueClientBuilder builder = GlueClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private AwsCredentialsProvider credentials()
    {
        if (accessKey.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey.orElseThrow()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
