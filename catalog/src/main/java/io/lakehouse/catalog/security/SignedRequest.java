package io.lakehouse.catalog.security;

import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ListMultimap;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP request exactly as received, which is what a signature covers: the method, the path
 * and query as sent (still percent-encoded), the headers, and the body bytes.
 *
 * @param headers header values by lower-case header name, in the order received
 */
public record SignedRequest(String method, String rawPath, String rawQuery, ListMultimap<String, String> headers, byte[] body)
{
    public SignedRequest
    {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        headers = ImmutableListMultimap.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }

    /**
     * Builds the request from headers named in any case, as HTTP servers hand them over.
     */
    public static SignedRequest of(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body)
    {
        ImmutableListMultimap.Builder<String, String> lowerCaseHeaders = ImmutableListMultimap.builder();
        headers.forEach((name, values) -> lowerCaseHeaders.putAll(name.toLowerCase(Locale.ROOT), values));
        return new SignedRequest(method, rawPath, rawQuery, lowerCaseHeaders.build(), body);
    }
}
