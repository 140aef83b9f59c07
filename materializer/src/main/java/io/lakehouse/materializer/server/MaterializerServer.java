package io.lakehouse.materializer.server;

import com.google.common.collect.ImmutableList;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.airlift.bootstrap.Bootstrap;
import io.airlift.bootstrap.LifeCycleManager;
import io.airlift.http.server.HttpServerInfo;
import io.airlift.http.server.HttpServerModule;
import io.airlift.jaxrs.JaxrsModule;
import io.airlift.json.JsonModule;
import io.airlift.node.NodeModule;
import io.lakehouse.materializer.logging.TaskContextHandler;
import org.weakref.jmx.MBeanExporter;

import java.io.Closeable;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The materializer as a service: the scheduler loop, the HTTP API, the web UI ({@code /ui}) and the metrics (JMX
 * and {@code /metrics}), bootstrapped with Airlift from configuration
 * properties ({@code materializer.*}, {@code http-server.*}, {@code node.*}).
 */
public final class MaterializerServer
        implements Closeable
{
    private final LifeCycleManager lifeCycleManager;
    private final MBeanExporter exporter;
    private final URI baseUri;

    private MaterializerServer(LifeCycleManager lifeCycleManager, MBeanExporter exporter, URI baseUri)
    {
        this.lifeCycleManager = requireNonNull(lifeCycleManager, "lifeCycleManager is null");
        this.exporter = requireNonNull(exporter, "exporter is null");
        this.baseUri = requireNonNull(baseUri, "baseUri is null");
    }

    public static MaterializerServer start(Map<String, String> properties, boolean initializeLogging)
    {
        Bootstrap bootstrap = new Bootstrap(modules()).setRequiredConfigurationProperties(properties);
        if (!initializeLogging) {
            bootstrap = bootstrap.doNotInitializeLogging().quiet();
        }
        Injector injector = bootstrap.initialize();
        if (initializeLogging) {
            // every line logged while a task executes names its run, model and interval
            TaskContextHandler.installOnRootLogger();
        }
        return new MaterializerServer(injector.getInstance(LifeCycleManager.class), injector.getInstance(MBeanExporter.class), injector.getInstance(HttpServerInfo.class).getHttpUri());
    }

    static List<Module> modules()
    {
        return ImmutableList.of(
                new NodeModule(),
                new HttpServerModule(),
                new JsonModule(),
                new JaxrsModule(),
                new MaterializerModule());
    }

    public URI getBaseUri()
    {
        return baseUri;
    }

    @Override
    public void close()
    {
        lifeCycleManager.stop();
        // the beans live in the platform MBean server, which outlives this server (tests start several in one JVM)
        exporter.unexportAllAndReportMissing();
    }
}
