package io.lakehouse.trino.files;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.lakehouse.trino.landing.LandingDatasets;
import io.trino.plugin.base.classloader.ClassLoaderSafeConnectorTableFunction;
import io.trino.spi.function.table.ConnectorTableFunction;

import static java.util.Objects.requireNonNull;

public final class ReadFilesTableFunctionProvider
        implements Provider<ConnectorTableFunction>
{
    private final Provider<LandingDatasets> landing;

    @Inject
    public ReadFilesTableFunctionProvider(Provider<LandingDatasets> landing)
    {
        this.landing = requireNonNull(landing, "landing is null");
    }

    @Override
    public ConnectorTableFunction get()
    {
        return new ClassLoaderSafeConnectorTableFunction(new ReadFilesTableFunction(landing), getClass().getClassLoader());
    }
}
