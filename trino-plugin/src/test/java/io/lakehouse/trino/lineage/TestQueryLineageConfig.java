package io.lakehouse.trino.lineage;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;

final class TestQueryLineageConfig
{
    @Test
    void testDefaults()
    {
        assertRecordedDefaults(recordDefaults(QueryLineageConfig.class)
                .setAdminUsers(Set.of()));
    }

    @Test
    void testExplicitPropertyMappings()
    {
        assertFullMapping(
                Map.of("lakehouse.query-lineage.admin-users", "admin,auditor"),
                new QueryLineageConfig().setAdminUsers(Set.of("admin", "auditor")));
    }
}
