package io.lakehouse.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import io.airlift.log.Logger;
import io.lakehouse.catalog.glue.CatalogId;
import io.lakehouse.catalog.glue.ColumnStatisticsOperations;
import io.lakehouse.catalog.glue.DatabaseOperations;
import io.lakehouse.catalog.glue.FunctionOperations;
import io.lakehouse.catalog.glue.GlueOperations;
import io.lakehouse.catalog.glue.GlueServlet;
import io.lakehouse.catalog.glue.PartitionOperations;
import io.lakehouse.catalog.glue.TableOperations;
import io.lakehouse.catalog.security.AllowAllAuthenticator;
import io.lakehouse.catalog.security.RequestAuthenticator;
import io.lakehouse.catalog.security.SignatureV4Authenticator;
import io.lakehouse.catalog.store.CatalogStore;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.servlet.Servlet;

import java.time.Clock;

import static io.airlift.configuration.ConfigBinder.configBinder;

public class CatalogModule
        implements Module
{
    private static final Logger log = Logger.get(CatalogModule.class);

    @Override
    public void configure(Binder binder)
    {
        configBinder(binder).bindConfig(CatalogConfig.class);
        binder.bind(Clock.class).toInstance(Clock.systemUTC());

        binder.bind(DatabaseOperations.class).in(Scopes.SINGLETON);
        binder.bind(TableOperations.class).in(Scopes.SINGLETON);
        binder.bind(PartitionOperations.class).in(Scopes.SINGLETON);
        binder.bind(ColumnStatisticsOperations.class).in(Scopes.SINGLETON);
        binder.bind(FunctionOperations.class).in(Scopes.SINGLETON);
        binder.bind(GlueOperations.class).in(Scopes.SINGLETON);
        // the Glue API is the server's only resource
        binder.bind(Servlet.class).to(GlueServlet.class).in(Scopes.SINGLETON);

        // the HTTP server's tracing filter needs these; the catalog does not export traces
        binder.bind(OpenTelemetry.class).toInstance(OpenTelemetry.noop());
    }

    @Provides
    @Singleton
    public static Tracer createTracer(OpenTelemetry openTelemetry)
    {
        return openTelemetry.getTracer("lakehouse-catalog");
    }

    @Provides
    @Singleton
    public static CatalogId createCatalogId(CatalogConfig config)
    {
        return new CatalogId(config.getCatalogId());
    }

    @Provides
    @Singleton
    public static CatalogStore createCatalogStore(CatalogConfig config, ObjectMapper objectMapper)
    {
        return new CatalogStore(
                config.getDatabaseUrl(),
                config.getDatabaseUser(),
                config.getDatabasePassword(),
                config.getDatabaseMaxConnections(),
                objectMapper);
    }

    @Provides
    @Singleton
    public static RequestAuthenticator createRequestAuthenticator(CatalogConfig config, Clock clock)
    {
        return switch (config.getAuthentication()) {
            case SIGV4 -> {
                log.info("Glue requests must carry an AWS Signature Version 4 made with access key %s", config.getAccessKey());
                yield new SignatureV4Authenticator(config.getAccessKey(), config.getSecretKey(), clock);
            }
            case NONE -> {
                log.warn("""

                        ===============================================================================
                        CATALOG AUTHENTICATION IS OFF (catalog.authentication=NONE): requests are not
                        signed or checked, so anyone who can reach this port can read, change and drop
                        every database and table; catalog.access-key and catalog.secret-key are ignored.
                        Remove catalog.authentication and set the keys before anyone else can reach it.
                        ===============================================================================""");
                yield new AllowAllAuthenticator();
            }
        };
    }
}
