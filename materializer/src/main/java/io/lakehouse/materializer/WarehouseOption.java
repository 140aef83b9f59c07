package io.lakehouse.materializer;

import io.lakehouse.materializer.execution.Warehouse;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * The {@code --warehouse} option, shared by {@code plan} and {@code run}.
 */
final class WarehouseOption
{
    @Option(
            names = "--warehouse",
            paramLabel = "<location>",
            defaultValue = "${env:LAKEHOUSE_WAREHOUSE:-s3://lake/}",
            description = "Location of new schemas, schema s at <location>/s/; an empty value creates schemas without a location (default: ${DEFAULT-VALUE}, env LAKEHOUSE_WAREHOUSE)")
    String location;

    Optional<Warehouse> warehouse()
    {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Warehouse(location));
    }
}
