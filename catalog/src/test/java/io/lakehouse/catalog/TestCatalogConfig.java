package io.lakehouse.catalog;

import com.google.common.collect.ImmutableMap;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static io.airlift.testing.ValidationAssertions.assertFailsValidation;
import static io.airlift.testing.ValidationAssertions.assertValidates;

final class TestCatalogConfig
{
    @Test
    void testDefaults()
    {
        assertRecordedDefaults(recordDefaults(CatalogConfig.class)
                .setDatabaseUrl(null)
                .setDatabaseUser("sa")
                .setDatabasePassword("")
                .setDatabaseMaxConnections(16)
                .setCatalogId("000000000000"));
    }

    @Test
    void testExplicitPropertyMappings()
    {
        Map<String, String> properties = ImmutableMap.<String, String>builder()
                .put("catalog.database-url", "jdbc:h2:file:/var/lib/lakehouse/catalog")
                .put("catalog.database-user", "catalog")
                .put("catalog.database-password", "secret")
                .put("catalog.database-max-connections", "4")
                .put("catalog.catalog-id", "123456789012")
                .buildOrThrow();

        CatalogConfig expected = new CatalogConfig()
                .setDatabaseUrl("jdbc:h2:file:/var/lib/lakehouse/catalog")
                .setDatabaseUser("catalog")
                .setDatabasePassword("secret")
                .setDatabaseMaxConnections(4)
                .setCatalogId("123456789012");

        assertFullMapping(properties, expected);
    }

    @Test
    void testValidation()
    {
        assertValidates(new CatalogConfig().setDatabaseUrl("jdbc:h2:file:/var/lib/lakehouse/catalog"));
        assertFailsValidation(new CatalogConfig(), "databaseUrl", "is required, for example jdbc:h2:file:/var/lib/lakehouse/catalog", NotNull.class);
        assertFailsValidation(
                new CatalogConfig().setDatabaseUrl("jdbc:postgresql://localhost/catalog"),
                "databaseUrl",
                "must be an H2 JDBC URL such as jdbc:h2:file:/var/lib/lakehouse/catalog; other databases are not supported yet",
                Pattern.class);
        assertFailsValidation(new CatalogConfig().setDatabaseUrl("jdbc:h2:mem:x").setDatabaseMaxConnections(0), "databaseMaxConnections", "must be greater than or equal to 1", Min.class);
    }
}
