package io.lakehouse.trino.lineage;

import com.google.common.collect.ImmutableSet;
import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import jakarta.validation.constraints.NotNull;

import java.util.Set;

/**
 * Who reads what in {@code system.query_lineage}: a user sees the lineage of their own queries, as in
 * {@code system.runtime.queries}; the admin users see every user's.
 */
public class QueryLineageConfig
{
    private Set<String> adminUsers = ImmutableSet.of();

    @NotNull
    public Set<String> getAdminUsers()
    {
        return adminUsers;
    }

    @Config("lakehouse.query-lineage.admin-users")
    @ConfigDescription("Users who see the column lineage of every user's queries in system.query_lineage; every other user sees their own queries' only")
    public QueryLineageConfig setAdminUsers(Set<String> adminUsers)
    {
        this.adminUsers = ImmutableSet.copyOf(adminUsers);
        return this;
    }
}
