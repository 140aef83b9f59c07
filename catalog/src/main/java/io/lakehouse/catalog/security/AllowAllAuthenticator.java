package io.lakehouse.catalog.security;

/**
 * Accepts every request, signed or not ({@code catalog.authentication=NONE}).
 */
public final class AllowAllAuthenticator
        implements RequestAuthenticator
{
    @Override
    public void authenticate(SignedRequest request) {}
}
