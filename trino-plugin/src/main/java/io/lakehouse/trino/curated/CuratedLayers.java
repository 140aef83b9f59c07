package io.lakehouse.trino.curated;

import com.google.common.collect.ImmutableList;
import com.google.inject.Inject;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.CatalogSchemaTableName;
import io.trino.spi.connector.SchemaTableName;
import jakarta.annotation.PreDestroy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Table;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import static io.lakehouse.trino.LakehouseErrorCode.CURATED_CATALOG_ERROR;

/**
 * The catalogued layers as schemas of this connector: their names come from the Glue catalog, and reading, writing
 * and describing their tables is redirected to the Trino catalog that owns them.
 */
public final class CuratedLayers
{
    private final Optional<String> catalog;
    private final Optional<GlueClient> glue;

    @Inject
    public CuratedLayers(CuratedConfig config)
    {
        this.catalog = config.getCatalog();
        this.glue = catalog.map(_ -> createClient(config));
    }

    public boolean isEnabled()
    {
        return catalog.isPresent();
    }

    public List<String> listSchemas()
    {
        return glue.map(client -> call(() -> client.getDatabasesPaginator(request -> {}).stream()
                        .flatMap(page -> page.databaseList().stream())
                        .map(Database::name)
                        .map(name -> name.toLowerCase(Locale.ENGLISH))
                        .sorted()
                        .collect(ImmutableList.toImmutableList())))
                .orElse(ImmutableList.of());
    }

    public boolean schemaExists(String schema)
    {
        return glue.map(client -> call(() -> {
            try {
                client.getDatabase(request -> request.name(schema));
                return true;
            }
            catch (EntityNotFoundException e) {
                return false;
            }
        })).orElse(false);
    }

    public List<SchemaTableName> listTables(String schema)
    {
        return glue.map(client -> call(() -> {
            try {
                return client.getTablesPaginator(request -> request.databaseName(schema)).stream()
                        .flatMap(page -> page.tableList().stream())
                        .map(Table::name)
                        .map(table -> new SchemaTableName(schema, table))
                        .collect(ImmutableList.toImmutableList());
            }
            catch (EntityNotFoundException e) {
                return ImmutableList.<SchemaTableName>of();
            }
        })).orElse(ImmutableList.of());
    }

    public Optional<CatalogSchemaTableName> redirect(SchemaTableName table)
    {
        return catalog.map(name -> new CatalogSchemaTableName(name, table));
    }

    @PreDestroy
    public void close()
    {
        glue.ifPresent(GlueClient::close);
    }

    private <T> T call(Supplier<T> request)
    {
        try {
            return request.get();
        }
        catch (SdkException e) {
            throw new TrinoException(CURATED_CATALOG_ERROR, "Cannot read the Glue catalog of the curated layers (%s): %s".formatted(catalog.orElseThrow(), e.getMessage()), e);
        }
    }

    private static GlueClient createClient(CuratedConfig config)
    {
        GlueClientBuilder builder = GlueClient.builder()
                .region(Region.of(config.getGlueRegion()))
                .httpClientBuilder(ApacheHttpClient.builder());
        config.getGlueEndpoint().ifPresent(builder::endpointOverride);
        if (config.getGlueAccessKey().isPresent() && config.getGlueSecretKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(config.getGlueAccessKey().get(), config.getGlueSecretKey().get())));
        }
        else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
