package io.lakehouse.trino.lineage;

import com.google.inject.Injector;
import io.airlift.bootstrap.Bootstrap;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.EventListenerFactory;

import java.util.Map;

import static io.airlift.configuration.ConfigBinder.configBinder;
import static java.util.Objects.requireNonNull;

/**
 * {@code event-listener.name=lakehouse-lineage}: the listener that feeds {@code system.query_lineage}.
 */
public final class LineageEventListenerFactory
        implements EventListenerFactory
{
    public static final String NAME = "lakehouse-lineage";

    private final RecentQueryLineage lineage;

    public LineageEventListenerFactory(RecentQueryLineage lineage)
    {
        this.lineage = requireNonNull(lineage, "lineage is null");
    }

    @Override
    public String getName()
    {
        return NAME;
    }

    @Override
    public EventListener create(Map<String, String> config, EventListenerContext context)
    {
        requireNonNull(config, "config is null");
        Injector injector = new Bootstrap(binder -> configBinder(binder).bindConfig(LineageListenerConfig.class))
                .doNotInitializeLogging()
                .setRequiredConfigurationProperties(config)
                .initialize();
        lineage.listenerStarted(injector.getInstance(LineageListenerConfig.class).getRetainedQueries());
        return new LineageEventListener(lineage);
    }
}
