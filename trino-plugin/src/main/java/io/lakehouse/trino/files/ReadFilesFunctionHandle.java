package io.lakehouse.trino.files;

import io.lakehouse.trino.landing.LandingTableHandle;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;

import static java.util.Objects.requireNonNull;

public record ReadFilesFunctionHandle(LandingTableHandle table)
        implements ConnectorTableFunctionHandle
{
    public ReadFilesFunctionHandle
    {
        requireNonNull(table, "table is null");
    }
}
