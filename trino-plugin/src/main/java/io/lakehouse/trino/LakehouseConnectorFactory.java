package io.lakehouse.trino;

import com.google.inject.Injector;
import io.airlift.bootstrap.Bootstrap;
import io.lakehouse.trino.lineage.RecentQueryLineage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.trino.filesystem.manager.FileSystemModule;
import io.trino.plugin.base.CatalogNameModule;
import io.trino.plugin.base.jmx.ConnectorObjectNameGeneratorModule;
import io.trino.plugin.base.jmx.MBeanServerModule;
import io.trino.spi.NodeManager;
import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorContext;
import io.trino.spi.connector.ConnectorFactory;
import io.trino.spi.type.TypeManager;
import org.weakref.jmx.guice.MBeanModule;

import java.util.Map;

import static io.trino.plugin.base.Versions.checkStrictSpiVersionMatch;
import static java.util.Objects.requireNonNull;

public final class LakehouseConnectorFactory
        implements ConnectorFactory
{
    public static final String CONNECTOR_NAME = "lakehouse";

    private final RecentQueryLineage lineage;

    /**
     * @param lineage what the plugin's event listener reports, shown by {@code system.query_lineage}
     */
    public LakehouseConnectorFactory(RecentQueryLineage lineage)
    {
        this.lineage = requireNonNull(lineage, "lineage is null");
    }

    @Override
    public String getName()
    {
        return CONNECTOR_NAME;
    }

    @Override
    public Connector create(String catalogName, Map<String, String> config, ConnectorContext context)
    {
        requireNonNull(catalogName, "catalogName is null");
        requireNonNull(config, "config is null");
        checkStrictSpiVersionMatch(context, this);

        Bootstrap app = new Bootstrap(
                new CatalogNameModule(catalogName),
                new MBeanModule(),
                new ConnectorObjectNameGeneratorModule("io.lakehouse.trino", "lakehouse"),
                new MBeanServerModule(),
                new FileSystemModule(catalogName, context.getNodeManager(), context.getOpenTelemetry(), false),
                new LakehouseModule(),
                binder -> {
                    binder.bind(OpenTelemetry.class).toInstance(context.getOpenTelemetry());
                    binder.bind(Tracer.class).toInstance(context.getTracer());
                    binder.bind(NodeManager.class).toInstance(context.getNodeManager());
                    binder.bind(TypeManager.class).toInstance(context.getTypeManager());
                    binder.bind(RecentQueryLineage.class).toInstance(lineage);
                });

        Injector injector = app
                .doNotInitializeLogging()
                .setRequiredConfigurationProperties(config)
                .initialize();

        return injector.getInstance(LakehouseConnector.class);
    }
}
