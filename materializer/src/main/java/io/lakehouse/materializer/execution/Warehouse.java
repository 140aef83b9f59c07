package io.lakehouse.materializer.execution;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Where schemas created by the materializer keep their data, such as {@code s3://lake/}: schema {@code bronze}
 * is created at {@code s3://lake/bronze/}. Metastores without a default location (Glue) need it.
 */
public record Warehouse(String location)
{
    public Warehouse
    {
        requireNonNull(location, "location is null");
        checkArgument(location.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.+"), "Invalid warehouse location '%s': expected a location such as s3://lake/", location);
    }

    public String schemaLocation(String schema)
    {
        return (location.endsWith("/") ? location : location + "/") + schema + "/";
    }
}
