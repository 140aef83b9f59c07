package io.lakehouse.trino;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.lakehouse.trino.landing.LandingDatasets;
import io.lakehouse.trino.landing.LandingPageSourceProvider;
import io.lakehouse.trino.landing.LandingSplitManager;

import static io.airlift.configuration.ConfigBinder.configBinder;

public final class LakehouseModule
        implements Module
{
    @Override
    public void configure(Binder binder)
    {
        configBinder(binder).bindConfig(LakehouseConfig.class);
        binder.bind(LakehouseConnector.class).in(Scopes.SINGLETON);
        binder.bind(LakehouseMetadata.class).in(Scopes.SINGLETON);
        binder.bind(LandingDatasets.class).in(Scopes.SINGLETON);
        binder.bind(LandingSplitManager.class).in(Scopes.SINGLETON);
        binder.bind(LandingPageSourceProvider.class).in(Scopes.SINGLETON);
    }
}
