package io.lakehouse.catalog.security;

/**
 * Decides whether a request may reach the catalog.
 */
public interface RequestAuthenticator
{
    /**
     * Returns when the request is authentic.
     *
     * @throws AuthenticationException naming what is wrong with the request's credentials
     */
    void authenticate(SignedRequest request);
}
