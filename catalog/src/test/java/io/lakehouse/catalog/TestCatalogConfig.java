package io.lakehouse.catalog;

import com.google.common.collect.ImmutableMap;
import jakarta.validation.constraints.AssertTrue;
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
import static io.lakehouse.catalog.security.AuthenticationType.NONE;
import static io.lakehouse.catalog.security.AuthenticationType.SIGV4;

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
                .setCatalogId("000000000000")
                .setAuthentication(SIGV4)
                .setAccessKey(null)
                .setSecretKey(null));
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
                .put("catalog.authentication", "none")
                .put("catalog.access-key", "AKIAEXAMPLE")
                .put("catalog.secret-key", "example-secret")
                .buildOrThrow();

        CatalogConfig expected = new CatalogConfig()
                .setDatabaseUrl("jdbc:h2:file:/var/lib/lakehouse/catalog")
                .setDatabaseUser("catalog")
                .setDatabasePassword("secret")
                .setDatabaseMaxConnections(4)
                .setCatalogId("123456789012")
                .setAuthentication(NONE)
                .setAccessKey("AKIAEXAMPLE")
                .setSecretKey("example-secret");

        assertFullMapping(properties, expected);
    }

    @Test
    void testValidation()
    {
        assertValidates(validConfig());
        assertFailsValidation(validConfig().setDatabaseUrl(null), "databaseUrl", "is required, for example jdbc:h2:file:/var/lib/lakehouse/catalog", NotNull.class);
        assertFailsValidation(
                validConfig().setDatabaseUrl("jdbc:mysql://localhost/catalog"),
                "databaseUrl",
                "must be an H2 JDBC URL such as jdbc:h2:file:/var/lib/lakehouse/catalog or a PostgreSQL JDBC URL such as jdbc:postgresql://db.example.com:5432/catalog; other databases are not supported",
                Pattern.class);
        assertFailsValidation(validConfig().setDatabaseMaxConnections(0), "databaseMaxConnections", "must be greater than or equal to 1", Min.class);
    }

    @Test
    void testSignatureVerificationNeedsBothKeys()
    {
        String message = "catalog.access-key and catalog.secret-key are required with catalog.authentication=SIGV4 (the default): set them to the keys clients sign with, " +
                "or set catalog.authentication=NONE to accept unsigned requests from anyone who can reach the port";
        assertFailsValidation(validConfig().setAccessKey(null).setSecretKey(null), "signatureKeyConfigured", message, AssertTrue.class);
        assertFailsValidation(validConfig().setSecretKey(""), "signatureKeyConfigured", message, AssertTrue.class);
        assertFailsValidation(validConfig().setAccessKey("key/with/slash"), "accessKey", "must not contain '/' or whitespace, since it is part of the signature's credential scope", Pattern.class);
    }

    @Test
    void testNoAuthenticationTakesNoKeys()
    {
        assertValidates(validConfig().setAuthentication(NONE).setAccessKey(null).setSecretKey(null));
    }

    private static CatalogConfig validConfig()
    {
        return new CatalogConfig()
                .setDatabaseUrl("jdbc:h2:file:/var/lib/lakehouse/catalog")
                .setAccessKey("AKIAEXAMPLE")
                .setSecretKey("example-secret");
    }
}
