package io.lakehouse.catalog.security;

/**
 * How the catalog authenticates Glue requests.
 */
public enum AuthenticationType
{
    /**
     * Every request must carry a valid AWS Signature Version 4 made with the configured access key.
     */
    SIGV4,
    /**
     * Every request is accepted, signed or not; only for a catalog that nobody else can reach.
     */
    NONE,
}
