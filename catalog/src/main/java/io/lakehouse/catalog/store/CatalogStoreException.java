package io.lakehouse.catalog.store;

/**
 * The catalog database failed in a way the client cannot fix by changing the request.
 */
public class CatalogStoreException
        extends RuntimeException
{
    public CatalogStoreException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
