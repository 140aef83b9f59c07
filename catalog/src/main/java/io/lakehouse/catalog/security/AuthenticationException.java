package io.lakehouse.catalog.security;

import static java.util.Objects.requireNonNull;

/**
 * A request was refused before it reached the catalog. The message is sent to the client, so it
 * says what was wrong with the signature without revealing the secret key.
 */
public class AuthenticationException
        extends RuntimeException
{
    private final AuthenticationFailure failure;

    public AuthenticationException(AuthenticationFailure failure, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.failure = requireNonNull(failure, "failure is null");
    }

    public AuthenticationFailure getFailure()
    {
        return failure;
    }
}
