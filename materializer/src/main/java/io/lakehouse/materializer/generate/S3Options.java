package io.lakehouse.materializer.generate;

import java.net.URI;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * How to reach an S3-compatible object store (MinIO, S3Proxy, AWS) with static credentials.
 */
public record S3Options(URI endpoint, String accessKey, String secretKey, String region)
{
    public S3Options
    {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        requireNonNull(region, "region is null");
        checkArgument("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()), "Invalid S3 endpoint '%s': expected http://host:port or https://host:port", endpoint);
    }

    @Override
    public String toString()
    {
        // keep the secret key out of logs and error messages
        return "S3Options[endpoint=%s, accessKey=%s, region=%s]".formatted(endpoint, accessKey, region);
    }
}
