package io.lakehouse.materializer.server;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.execution.TrinoServer;
import io.lakehouse.materializer.execution.Warehouse;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.metrics.FreshnessMonitor;
import io.lakehouse.materializer.metrics.MaterializerStats;
import io.lakehouse.materializer.publish.GlueCatalog;
import io.lakehouse.materializer.publish.GlueOptions;
import io.opentelemetry.api.OpenTelemetry;
import io.lakehouse.materializer.web.UiSessions;
import io.lakehouse.materializer.web.WebUiResource;
import io.opentelemetry.api.trace.Tracer;
import org.weakref.jmx.guice.MBeanModule;

import javax.management.MBeanServer;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import static io.airlift.configuration.ConfigBinder.configBinder;
import static io.airlift.jaxrs.JaxrsBinder.jaxrsBinder;
import static org.weakref.jmx.guice.ExportBinder.newExporter;

public class MaterializerModule
        implements Module
{
    @Override
    public void configure(Binder binder)
    {
        configBinder(binder).bindConfig(MaterializerConfig.class);
        binder.bind(RunService.class).in(Scopes.SINGLETON);
        binder.bind(SchedulerLoop.class).in(Scopes.SINGLETON);
        jaxrsBinder(binder).bind(MaterializerResource.class);
        jaxrsBinder(binder).bind(MetricsResource.class);
        jaxrsBinder(binder).bind(WebUiResource.class);
        binder.bind(UiSessions.class).in(Scopes.SINGLETON);

        binder.bind(MBeanServer.class).toInstance(ManagementFactory.getPlatformMBeanServer());
        binder.install(new MBeanModule());
        binder.bind(MaterializerStats.class).in(Scopes.SINGLETON);
        newExporter(binder).export(MaterializerStats.class).withGeneratedName();
        binder.bind(FreshnessMonitor.class).in(Scopes.SINGLETON);

        // the HTTP server's tracing filter needs these; the materializer does not export traces
        binder.bind(OpenTelemetry.class).toInstance(OpenTelemetry.noop());
    }

    @Provides
    @Singleton
    public static Tracer createTracer(OpenTelemetry openTelemetry)
    {
        return openTelemetry.getTracer("lakehouse-materializer");
    }

    @Provides
    @Singleton
    public static Materializer createMaterializer(MaterializerConfig config)
    {
        Ledger ledger = Ledger.open(config.getLedgerUrl(), config.getLedgerUser(), config.getLedgerPassword(), Clock.systemUTC());
        GlueOptions glue = new GlueOptions(config.getGlueEndpoint().map(URI::create), config.getGlueRegion(), config.getGlueAccessKey(), config.getGlueSecretKey());
        Optional<Warehouse> warehouse = config.getWarehouse().isBlank() ? Optional.empty() : Optional.of(new Warehouse(config.getWarehouse()));
        TrinoServer trino = new TrinoServer(URI.create(config.getTrinoUrl()), config.getTrinoUser());
        return new Materializer(Materializer.sessions(trino), new GlueCatalog(glue.createClient()), ledger, warehouse, Materializer.defaultInstance());
    }
}
