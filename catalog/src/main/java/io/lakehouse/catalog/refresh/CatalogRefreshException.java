package io.lakehouse.catalog.refresh;

/**
 * A refresh failed. The message names the table, the step that failed and why; steps before it are written,
 * and since every step is idempotent, repeating the whole refresh completes it.
 */
public class CatalogRefreshException
        extends RuntimeException
{
    public CatalogRefreshException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
