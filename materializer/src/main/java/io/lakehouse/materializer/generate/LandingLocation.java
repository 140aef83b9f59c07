package io.lakehouse.materializer.generate;

import java.net.URI;
import java.net.URISyntaxException;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * The root of the landing zone in S3, such as {@code s3://landing/} or {@code s3://raw/imdb/}.
 *
 * @param prefix the key prefix below the bucket, empty or ending in {@code /}
 */
public record LandingLocation(String bucket, String prefix)
{
    public LandingLocation
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
        checkArgument(!bucket.isEmpty(), "bucket is empty");
        checkArgument(prefix.isEmpty() || (prefix.endsWith("/") && !prefix.startsWith("/")), "prefix must be empty or end with '/': %s", prefix);
    }

    public static LandingLocation parse(String location)
    {
        requireNonNull(location, "location is null");
        URI uri;
        try {
            uri = new URI(location);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid landing location '%s': %s".formatted(location, e.getMessage()), e);
        }
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("Invalid landing location '%s': expected s3://bucket/ or s3://bucket/prefix/".formatted(location));
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+", "");
        return new LandingLocation(uri.getHost(), path.isEmpty() || path.endsWith("/") ? path : path + "/");
    }

    public String key(String relativeKey)
    {
        return prefix + relativeKey;
    }

    public String uri(String key)
    {
        return "s3://%s/%s".formatted(bucket, key);
    }
}
