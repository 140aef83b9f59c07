package io.lakehouse.catalog.security;

import static java.util.Objects.requireNonNull;

/**
 * The AWS error types of refused requests, spelled as AWS services send them in {@code __type},
 * so that SDKs recognize them (an SDK treats InvalidSignatureException as a possible clock skew
 * and corrects its clock from the response's Date header before retrying).
 */
public enum AuthenticationFailure
{
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException"),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException"),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException"),
    INVALID_SIGNATURE("InvalidSignatureException");

    // AWS answers every refused signature with 403 Forbidden
    private static final int HTTP_FORBIDDEN = 403;

    private final String code;

    AuthenticationFailure(String code)
    {
        this.code = requireNonNull(code, "code is null");
    }

    public String code()
    {
        return code;
    }

    public int httpStatus()
    {
        return HTTP_FORBIDDEN;
    }
}
