package io.lakehouse.trino;

import com.google.common.collect.ImmutableMap;
import com.google.inject.Inject;
import io.lakehouse.trino.landing.LandingColumnHandle;
import io.lakehouse.trino.landing.LandingDatasets;
import io.lakehouse.trino.landing.LandingTableHandle;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.SchemaTableName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.lakehouse.trino.landing.LandingDatasets.SCHEMA;
import static java.util.Objects.requireNonNull;

public final class LakehouseMetadata
        implements ConnectorMetadata
{
    private final LandingDatasets landing;

    @Inject
    public LakehouseMetadata(LandingDatasets landing)
    {
        this.landing = requireNonNull(landing, "landing is null");
    }

    @Override
    public List<String> listSchemaNames(ConnectorSession session)
    {
        return List.of(SCHEMA);
    }

    @Override
    public boolean schemaExists(ConnectorSession session, String schemaName)
    {
        return SCHEMA.equals(schemaName);
    }

    @Override
    public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schemaName)
    {
        if (schemaName.isPresent() && !schemaName.get().equals(SCHEMA)) {
            return List.of();
        }
        return landing.listDatasets(session).stream()
                .map(table -> new SchemaTableName(SCHEMA, table))
                .collect(toImmutableList());
    }

    @Override
    public ConnectorTableHandle getTableHandle(
            ConnectorSession session,
            SchemaTableName tableName,
            Optional<ConnectorTableVersion> startVersion,
            Optional<ConnectorTableVersion> endVersion)
    {
        if (startVersion.isPresent() || endVersion.isPresent() || !tableName.getSchemaName().equals(SCHEMA)) {
            return null;
        }
        return landing.getTable(session, tableName.getTableName()).orElse(null);
    }

    @Override
    public ConnectorTableMetadata getTableMetadata(ConnectorSession session, ConnectorTableHandle tableHandle)
    {
        LandingTableHandle table = (LandingTableHandle) tableHandle;
        return new ConnectorTableMetadata(
                table.schemaTableName(),
                table.columns().stream().map(LandingColumnHandle::toColumnMetadata).collect(toImmutableList()),
                ImmutableMap.of(),
                Optional.of("Landing files under " + table.location()));
    }

    @Override
    public Map<String, ColumnHandle> getColumnHandles(ConnectorSession session, ConnectorTableHandle tableHandle)
    {
        return ((LandingTableHandle) tableHandle).columns().stream()
                .collect(ImmutableMap.toImmutableMap(LandingColumnHandle::name, column -> column));
    }

    @Override
    public ColumnMetadata getColumnMetadata(ConnectorSession session, ConnectorTableHandle tableHandle, ColumnHandle columnHandle)
    {
        return ((LandingColumnHandle) columnHandle).toColumnMetadata();
    }
}
