package io.lakehouse.catalog.store;

/**
 * Another transaction changed the same catalog entries first; repeating the request
 * sees the committed state and usually succeeds.
 */
public class ConcurrentCatalogUpdateException
        extends RuntimeException
{
    public ConcurrentCatalogUpdateException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
