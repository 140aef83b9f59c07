package io.lakehouse.catalog;

import com.google.common.collect.ImmutableList;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.airlift.bootstrap.ApplicationConfigurationException;
import io.airlift.bootstrap.Bootstrap;
import io.airlift.http.server.HttpServerInfo;
import io.airlift.http.server.HttpServerModule;
import io.airlift.json.JsonModule;
import io.airlift.log.Logger;
import io.airlift.node.NodeModule;

import java.util.List;

/**
 * Runs the catalog as a standalone server, configured by the properties file named in {@code -Dconfig}.
 */
public final class CatalogServer
{
    private CatalogServer() {}

    public static void main(String[] args)
    {
        if (System.getProperty("config") == null) {
            System.err.println("Catalog server needs its configuration: start it with -Dconfig=/path/to/catalog.properties " +
                    "holding at least node.environment, http-server.http.port and catalog.database-url");
            System.exit(2);
        }

        Logger log = Logger.get(CatalogServer.class);
        try {
            Injector injector = new Bootstrap(modules()).initialize();
            log.info("======== LAKEHOUSE CATALOG STARTED: Glue endpoint at %s ========", injector.getInstance(HttpServerInfo.class).getHttpUri());
        }
        catch (ApplicationConfigurationException e) {
            log.error("Catalog server failed to start because of invalid configuration in %s:\n%s", System.getProperty("config"), e.getMessage());
            System.exit(1);
        }
        catch (Throwable e) {
            log.error(e, "Catalog server failed to start: %s", e.getMessage());
            System.exit(1);
        }
    }

    static List<Module> modules()
    {
        return ImmutableList.of(
                new NodeModule(),
                new HttpServerModule(),
                new JsonModule(),
                new CatalogModule());
    }
}
