package io.lakehouse.trino;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.lakehouse.trino.curated.CuratedConfig;
import io.lakehouse.trino.curated.CuratedLayers;
import io.lakehouse.trino.files.ReadFilesTableFunctionProvider;
import io.lakehouse.trino.landing.LandingDatasets;
import io.lakehouse.trino.landing.LandingPageSourceProvider;
import io.lakehouse.trino.landing.LandingSplitManager;
import io.lakehouse.trino.landing.LandingStats;
import io.lakehouse.trino.lineage.QueryLineageConfig;
import io.lakehouse.trino.lineage.QueryLineageTable;
import io.lakehouse.trino.materializer.FreshnessTable;
import io.lakehouse.trino.materializer.LineageTable;
import io.lakehouse.trino.materializer.MaterializerApi;
import io.lakehouse.trino.materializer.MaterializerServiceConfig;
import io.lakehouse.trino.materializer.RunsTable;
import io.trino.spi.connector.SystemTable;
import io.trino.spi.function.table.ConnectorTableFunction;

import static com.google.inject.multibindings.Multibinder.newSetBinder;
import static io.airlift.configuration.ConfigBinder.configBinder;
import static org.weakref.jmx.guice.ExportBinder.newExporter;

public final class LakehouseModule
        implements Module
{
    @Override
    public void configure(Binder binder)
    {
        configBinder(binder).bindConfig(LakehouseConfig.class);
        configBinder(binder).bindConfig(CuratedConfig.class);
        configBinder(binder).bindConfig(MaterializerServiceConfig.class);
        configBinder(binder).bindConfig(QueryLineageConfig.class);
        binder.bind(MaterializerApi.class).in(Scopes.SINGLETON);
        Multibinder<SystemTable> systemTables = newSetBinder(binder, SystemTable.class);
        systemTables.addBinding().to(RunsTable.class).in(Scopes.SINGLETON);
        systemTables.addBinding().to(FreshnessTable.class).in(Scopes.SINGLETON);
        systemTables.addBinding().to(LineageTable.class).in(Scopes.SINGLETON);
        systemTables.addBinding().to(QueryLineageTable.class).in(Scopes.SINGLETON);
        binder.bind(CuratedLayers.class).in(Scopes.SINGLETON);
        binder.bind(LakehouseConnector.class).in(Scopes.SINGLETON);
        binder.bind(LakehouseMetadata.class).in(Scopes.SINGLETON);
        binder.bind(LandingDatasets.class).in(Scopes.SINGLETON);
        binder.bind(LandingStats.class).in(Scopes.SINGLETON);
        newExporter(binder).export(LandingStats.class).withGeneratedName();
        binder.bind(LandingSplitManager.class).in(Scopes.SINGLETON);
        binder.bind(LandingPageSourceProvider.class).in(Scopes.SINGLETON);
        newSetBinder(binder, ConnectorTableFunction.class).addBinding().toProvider(ReadFilesTableFunctionProvider.class).in(Scopes.SINGLETON);
    }
}
