package io.lakehouse.catalog.glue;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * The id of the one catalog this endpoint serves; in AWS it is the account id.
 */
public record CatalogId(String value)
{
    public CatalogId
    {
        requireNonNull(value, "value is null");
        checkArgument(!value.isEmpty(), "value is empty");
    }
}
