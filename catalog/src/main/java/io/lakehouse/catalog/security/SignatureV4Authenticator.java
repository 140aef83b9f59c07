package io.lakehouse.catalog.security;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableSortedSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.net.URLDecoder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

import static com.google.common.hash.Hashing.sha256;
import static io.lakehouse.catalog.security.AuthenticationFailure.INCOMPLETE_SIGNATURE;
import static io.lakehouse.catalog.security.AuthenticationFailure.INVALID_SIGNATURE;
import static io.lakehouse.catalog.security.AuthenticationFailure.MISSING_AUTHENTICATION_TOKEN;
import static io.lakehouse.catalog.security.AuthenticationFailure.UNRECOGNIZED_CLIENT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Verifies AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) the way AWS
 * services do: the signature must be made with the configured access key for service
 * {@code glue}, cover the host and every {@code x-amz-*} header and the body, and be at most
 * 15 minutes away from the server's clock. The region of the credential scope is not checked,
 * so clients may name any region.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create a signed AWS API request</a>
 */
public final class SignatureV4Authenticator
        implements RequestAuthenticator
{
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "glue";
    private static final String TERMINATOR = "aws4_request";
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Splitter COMMA = Splitter.on(',').trimResults().omitEmptyStrings();
    private static final Splitter SLASH = Splitter.on('/');
    private static final Splitter SEMICOLON = Splitter.on(';');
    private static final HexFormat HEX = HexFormat.of();
    private static final HexFormat UPPER_CASE_HEX = HexFormat.of().withUpperCase();

    private final String accessKey;
    private final byte[] secretKey;
    private final Clock clock;

    public SignatureV4Authenticator(String accessKey, String secretKey, Clock clock)
    {
        this.accessKey = requireNonNull(accessKey, "accessKey is null");
        this.secretKey = ("AWS4" + requireNonNull(secretKey, "secretKey is null")).getBytes(UTF_8);
        this.clock = requireNonNull(clock, "clock is null");
    }

    public String accessKey()
    {
        return accessKey;
    }

    @Override
    public void authenticate(SignedRequest request)
    {
        List<String> authorizations = request.headers().get("authorization");
        if (authorizations.isEmpty()) {
            if (request.rawQuery().contains("X-Amz-Signature=")) {
                throw new AuthenticationException(INCOMPLETE_SIGNATURE, "Signatures in the query string (presigned URLs) are not accepted; sign the request with an Authorization header");
            }
            throw new AuthenticationException(MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token: the request has no Authorization header. " +
                    "Sign it with AWS Signature Version 4 using the catalog's access key (hive.metastore.glue.aws-access-key and aws-secret-key in Trino, static credentials in an AWS SDK)");
        }
        if (authorizations.size() > 1) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE, "The request has %s Authorization headers; send exactly one".formatted(authorizations.size()));
        }
        Authorization authorization = Authorization.parse(authorizations.getFirst());

        if (!authorization.accessKey().equals(accessKey)) {
            throw new AuthenticationException(UNRECOGNIZED_CLIENT, "The security token included in the request is invalid: access key %s is not known to this catalog. Sign with the access key configured as catalog.access-key"
                    .formatted(authorization.accessKey()));
        }
        if (!authorization.service().equals(SERVICE)) {
            throw new AuthenticationException(INVALID_SIGNATURE, "Credential should be scoped to correct service: '%s', but was '%s'".formatted(SERVICE, authorization.service()));
        }

        String amzDate = singleHeader(request, "x-amz-date")
                .orElseThrow(() -> new AuthenticationException(INCOMPLETE_SIGNATURE, "The request must carry the signing time in the X-Amz-Date header, for example X-Amz-Date: 20250101T120000Z"));
        Instant signedAt = parseAmzDate(amzDate);
        if (!authorization.date().equals(amzDate.substring(0, 8))) {
            throw new AuthenticationException(INVALID_SIGNATURE, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s'".formatted(authorization.date(), amzDate.substring(0, 8)));
        }
        checkClockSkew(amzDate, signedAt);
        checkSignedHeaders(request, authorization);

        String payloadHash = sha256().hashBytes(request.body()).toString();
        Optional<String> declaredPayloadHash = singleHeader(request, "x-amz-content-sha256");
        if (declaredPayloadHash.isPresent() && !declaredPayloadHash.get().equals(payloadHash)) {
            throw new AuthenticationException(INVALID_SIGNATURE, "The X-Amz-Content-SHA256 header does not match the SHA-256 of the request body; the body was changed after signing, or was not signed (unsigned payloads are not accepted)");
        }

        String canonicalRequest = canonicalRequest(request, authorization.signedHeaders(), payloadHash);
        String scope = String.join("/", authorization.date(), authorization.region(), authorization.service(), TERMINATOR);
        String stringToSign = String.join("\n", ALGORITHM, amzDate, scope, sha256().hashString(canonicalRequest, UTF_8).toString());
        byte[] signingKey = hmac(hmac(hmac(hmac(secretKey, authorization.date()), authorization.region()), authorization.service()), TERMINATOR);
        byte[] expected = HEX.formatHex(hmac(signingKey, stringToSign)).getBytes(UTF_8);
        if (!MessageDigest.isEqual(expected, authorization.signature().getBytes(UTF_8))) {
            throw new AuthenticationException(INVALID_SIGNATURE, ("The request signature we calculated does not match the signature you provided. " +
                    "Check that the client's secret key is the one configured as catalog.secret-key, and that nothing changes the request after signing (a proxy rewriting headers or the body). " +
                    "The canonical request was:\n%s\nThe string to sign was:\n%s").formatted(canonicalRequest, stringToSign));
        }
    }

    private void checkClockSkew(String amzDate, Instant signedAt)
    {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_CLOCK_SKEW))) {
            throw new AuthenticationException(INVALID_SIGNATURE, "Signature expired: %s is now earlier than %s (%s - 15 min.). Check the client's clock, or resend the request"
                    .formatted(amzDate, AMZ_DATE.format(now.minus(MAX_CLOCK_SKEW)), AMZ_DATE.format(now)));
        }
        if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new AuthenticationException(INVALID_SIGNATURE, "Signature not yet current: %s is still later than %s (%s + 15 min.). Check the client's clock"
                    .formatted(amzDate, AMZ_DATE.format(now.plus(MAX_CLOCK_SKEW)), AMZ_DATE.format(now)));
        }
    }

    private static void checkSignedHeaders(SignedRequest request, Authorization authorization)
    {
        SortedSet<String> signed = authorization.signedHeaders();
        if (!signed.contains("host")) {
            throw new AuthenticationException(INVALID_SIGNATURE, "The host header must be signed; SignedHeaders were %s".formatted(String.join(";", signed)));
        }
        for (String name : request.headers().keySet()) {
            if (name.startsWith("x-amz-") && !signed.contains(name)) {
                throw new AuthenticationException(INVALID_SIGNATURE, "Header %s must be signed, as every x-amz-* header; SignedHeaders were %s".formatted(name, String.join(";", signed)));
            }
        }
        for (String name : signed) {
            if (!request.headers().containsKey(name)) {
                throw new AuthenticationException(INVALID_SIGNATURE, "Signed header %s is missing from the request".formatted(name));
            }
        }
    }

    private static String canonicalRequest(SignedRequest request, SortedSet<String> signedHeaders, String payloadHash)
    {
        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(canonicalPath(request.rawPath())).append('\n')
                .append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            List<String> values = request.headers().get(name).stream()
                    .map(value -> value.strip().replaceAll(" +", " "))
                    .toList();
            canonical.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        return canonical.append('\n')
                .append(String.join(";", signedHeaders)).append('\n')
                .append(payloadHash)
                .toString();
    }

    /**
     * Services other than S3 sign the path as sent, percent-encoded once more.
     */
    private static String canonicalPath(String rawPath)
    {
        if (rawPath.isEmpty()) {
            return "/";
        }
        return uriEncode(rawPath, false);
    }

    private static String canonicalQuery(String rawQuery)
    {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String> parameters = new ArrayList<>();
        for (String parameter : Splitter.on('&').omitEmptyStrings().split(rawQuery)) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            parameters.add(uriEncode(percentDecode(name), true) + "=" + uriEncode(percentDecode(value), true));
        }
        // sorting "name=value" strings orders by name first, since '=' sorts before every encoded character
        return String.join("&", ImmutableSortedSet.copyOf(parameters));
    }

    private static String uriEncode(String value, boolean encodeSlash)
    {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                encoded.append(c);
            }
            else {
                encoded.append('%').append(UPPER_CASE_HEX.toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    private static String percentDecode(String value)
    {
        return URLDecoder.decode(value.replace("+", "%2B"), UTF_8);
    }

    private static Instant parseAmzDate(String amzDate)
    {
        try {
            return Instant.from(AMZ_DATE.parse(amzDate));
        }
        catch (DateTimeParseException e) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE, "X-Amz-Date must be an ISO-8601 basic timestamp such as 20250101T120000Z, but was '%s'".formatted(amzDate));
        }
    }

    private static Optional<String> singleHeader(SignedRequest request, String name)
    {
        List<String> values = request.headers().get(name);
        if (values.size() > 1) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE, "The request has %s %s headers; send exactly one".formatted(values.size(), name));
        }
        return values.stream().findFirst().map(String::strip);
    }

    private static byte[] hmac(byte[] key, String data)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * The parts of {@code Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=<a;b>, Signature=<hex>}.
     */
    private record Authorization(String accessKey, String date, String region, String service, SortedSet<String> signedHeaders, String signature)
    {
        static Authorization parse(String header)
        {
            String value = header.strip();
            if (!value.startsWith(ALGORITHM + " ")) {
                throw new AuthenticationException(INCOMPLETE_SIGNATURE, "The Authorization header must start with %s, the AWS Signature Version 4 algorithm; other schemes (Signature Version 2, Basic, Bearer) are not accepted"
                        .formatted(ALGORITHM));
            }
            Map<String, String> parameters;
            try {
                parameters = COMMA.withKeyValueSeparator(Splitter.on('=').limit(2).trimResults()).split(value.substring(ALGORITHM.length() + 1));
            }
            catch (IllegalArgumentException e) {
                throw incomplete(header);
            }
            String credential = parameters.get("Credential");
            String signedHeaders = parameters.get("SignedHeaders");
            String signature = parameters.get("Signature");
            if (credential == null || signedHeaders == null || signature == null) {
                throw incomplete(header);
            }
            List<String> scope = SLASH.splitToList(credential);
            if (scope.size() != 5 || !scope.get(4).equals(TERMINATOR) || scope.get(1).length() != 8) {
                throw new AuthenticationException(INCOMPLETE_SIGNATURE, "The Credential of the Authorization header must be <access key>/<yyyyMMdd>/<region>/%s/%s, but was '%s'"
                        .formatted(SERVICE, TERMINATOR, credential));
            }
            ImmutableSortedSet<String> headers = ImmutableSortedSet.copyOf(SEMICOLON.split(signedHeaders.toLowerCase(Locale.ROOT)));
            return new Authorization(scope.get(0), scope.get(1), scope.get(2), scope.get(3), headers, signature.toLowerCase(Locale.ROOT));
        }

        private static AuthenticationException incomplete(String header)
        {
            return new AuthenticationException(INCOMPLETE_SIGNATURE, "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters separated by commas. Authorization=%s"
                    .formatted(header));
        }
    }
}
