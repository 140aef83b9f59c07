package io.lakehouse.trino;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.inject.Inject;
import io.airlift.log.Logger;
import io.lakehouse.trino.curated.CuratedLayers;
import io.lakehouse.trino.files.ReadFilesFunctionHandle;
import io.lakehouse.trino.landing.LandingColumnHandle;
import io.lakehouse.trino.landing.LandingDatasets;
import io.lakehouse.trino.landing.LandingTableHandle;
import io.lakehouse.trino.landing.LandingTableProperties;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.CatalogSchemaTableName;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.ConstraintApplicationResult;
import io.trino.spi.connector.RelationColumnsMetadata;
import io.trino.spi.connector.RelationCommentMetadata;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.TableFunctionApplicationResult;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.lakehouse.trino.landing.LandingColumnHandle.FILE_MODIFIED_TIME_COLUMN;
import static io.lakehouse.trino.landing.LandingColumnHandle.FILE_SIZE_COLUMN;
import static io.lakehouse.trino.landing.LandingColumnHandle.LINE_COLUMN;
import static io.lakehouse.trino.landing.LandingColumnHandle.PATH_COLUMN;
import static io.lakehouse.trino.landing.LandingDatasets.SCHEMA;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

public final class LakehouseMetadata
        implements ConnectorMetadata
{
    public static final String REJECTS_SUFFIX = "$rejects";

    private static final List<LandingColumnHandle> HIDDEN_COLUMNS = ImmutableList.of(PATH_COLUMN, FILE_SIZE_COLUMN, FILE_MODIFIED_TIME_COLUMN, LINE_COLUMN);
    private static final List<LandingColumnHandle> REJECT_COLUMNS = ImmutableList.of(
            new LandingColumnHandle("path", VARCHAR, LandingColumnHandle.Kind.PATH, Optional.empty()),
            new LandingColumnHandle("line", BIGINT, LandingColumnHandle.Kind.LINE, Optional.empty()),
            new LandingColumnHandle("column_name", VARCHAR, LandingColumnHandle.Kind.REJECT_COLUMN, Optional.empty()),
            new LandingColumnHandle("value", VARCHAR, LandingColumnHandle.Kind.REJECT_VALUE, Optional.empty()),
            new LandingColumnHandle("reason", VARCHAR, LandingColumnHandle.Kind.REJECT_REASON, Optional.empty()));

    private static final Logger log = Logger.get(LakehouseMetadata.class);

    private final LandingDatasets landing;
    private final CuratedLayers curated;

    @Inject
    public LakehouseMetadata(LandingDatasets landing, CuratedLayers curated)
    {
        this.landing = requireNonNull(landing, "landing is null");
        this.curated = requireNonNull(curated, "curated is null");
    }

    @Override
    public List<String> listSchemaNames(ConnectorSession session)
    {
        return ImmutableList.<String>builder()
                .add(SCHEMA)
                .addAll(curated.listSchemas().stream().filter(schema -> !isLanding(schema) && !schema.equals("information_schema")).iterator())
                .build();
    }

    @Override
    public boolean schemaExists(ConnectorSession session, String schemaName)
    {
        return isLanding(schemaName) || curated.schemaExists(schemaName);
    }

    @Override
    public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schemaName)
    {
        ImmutableList.Builder<SchemaTableName> tables = ImmutableList.builder();
        if (schemaName.isEmpty() || isLanding(schemaName.get())) {
            landing.listDatasets(session).forEach(table -> tables.add(new SchemaTableName(SCHEMA, table)));
        }
        if (schemaName.isPresent() && !isLanding(schemaName.get())) {
            tables.addAll(curated.listTables(schemaName.get()));
        }
        else if (schemaName.isEmpty()) {
            listSchemaNames(session).stream().filter(schema -> !isLanding(schema)).forEach(schema -> tables.addAll(curated.listTables(schema)));
        }
        return tables.build();
    }

    /**
     * Tables of the curated layers are read, written and described by the catalog that owns them.
     */
    @Override
    public Optional<CatalogSchemaTableName> redirectTable(ConnectorSession session, SchemaTableName tableName)
    {
        if (isLanding(tableName.getSchemaName()) || !curated.isEnabled()) {
            return Optional.empty();
        }
        return curated.redirect(tableName);
    }

    @Override
    public Iterator<RelationColumnsMetadata> streamRelationColumns(ConnectorSession session, Optional<String> schemaName, UnaryOperator<Set<SchemaTableName>> relationFilter)
    {
        Set<SchemaTableName> tables = relationFilter.apply(ImmutableSet.copyOf(listTables(session, schemaName)));
        ImmutableList.Builder<RelationColumnsMetadata> columns = ImmutableList.builder();
        for (SchemaTableName table : tables) {
            if (!isLanding(table.getSchemaName())) {
                columns.add(RelationColumnsMetadata.forRedirectedTable(table));
                continue;
            }
            try {
                landing.getTable(session, table).ifPresent(handle -> columns.add(RelationColumnsMetadata.forTable(table,
                        handle.columns().stream().map(LandingColumnHandle::toColumnMetadata).collect(toImmutableList()))));
            }
            catch (TrinoException e) {
                // one unreadable dataset must not hide the columns of all others from clients listing metadata
                log.warn("Skipping columns of %s in metadata listing: %s", table, e.getMessage());
            }
        }
        return columns.build().iterator();
    }

    @Override
    public Iterator<RelationCommentMetadata> streamRelationComments(ConnectorSession session, Optional<String> schemaName, UnaryOperator<Set<SchemaTableName>> relationFilter)
    {
        Set<SchemaTableName> tables = relationFilter.apply(ImmutableSet.copyOf(listTables(session, schemaName)));
        return tables.stream()
                .map(table -> isLanding(table.getSchemaName())
                        ? RelationCommentMetadata.forRelation(table, Optional.of("Landing files of dataset " + table.getTableName()))
                        : RelationCommentMetadata.forRedirectedTable(table))
                .iterator();
    }

    @Override
    public ConnectorTableHandle getTableHandle(
            ConnectorSession session,
            SchemaTableName tableName,
            Optional<ConnectorTableVersion> startVersion,
            Optional<ConnectorTableVersion> endVersion)
    {
        if (startVersion.isPresent() || endVersion.isPresent() || !isLanding(tableName.getSchemaName())) {
            return null;
        }
        String name = tableName.getTableName();
        if (name.endsWith(REJECTS_SUFFIX)) {
            SchemaTableName dataset = new SchemaTableName(SCHEMA, name.substring(0, name.length() - REJECTS_SUFFIX.length()));
            return landing.getTable(session, dataset).map(table -> table.asRejects(tableName)).orElse(null);
        }
        return landing.getTable(session, tableName).orElse(null);
    }

    @Override
    public ConnectorTableMetadata getTableMetadata(ConnectorSession session, ConnectorTableHandle tableHandle)
    {
        LandingTableHandle table = (LandingTableHandle) tableHandle;
        if (table.rejects()) {
            return new ConnectorTableMetadata(
                    table.schemaTableName(),
                    REJECT_COLUMNS.stream().map(LandingColumnHandle::toColumnMetadata).collect(toImmutableList()),
                    ImmutableMap.of(),
                    Optional.of("Records of %s that do not decode, with the reason".formatted(table.location())));
        }
        return new ConnectorTableMetadata(
                table.schemaTableName(),
                allColumns(table).stream().map(LandingColumnHandle::toColumnMetadata).collect(toImmutableList()),
                LandingTableProperties.of(table),
                Optional.of("Landing files under " + table.location()));
    }

    @Override
    public Map<String, ColumnHandle> getColumnHandles(ConnectorSession session, ConnectorTableHandle tableHandle)
    {
        LandingTableHandle table = (LandingTableHandle) tableHandle;
        List<LandingColumnHandle> columns = table.rejects() ? REJECT_COLUMNS : allColumns(table);
        return columns.stream().collect(ImmutableMap.toImmutableMap(LandingColumnHandle::name, column -> column));
    }

    @Override
    public ColumnMetadata getColumnMetadata(ConnectorSession session, ConnectorTableHandle tableHandle, ColumnHandle columnHandle)
    {
        return ((LandingColumnHandle) columnHandle).toColumnMetadata();
    }

    /**
     * Takes the predicate on partition columns, which the split manager enforces by not reading files at all.
     */
    @Override
    public Optional<ConstraintApplicationResult<ConnectorTableHandle>> applyFilter(ConnectorSession session, ConnectorTableHandle tableHandle, Constraint constraint)
    {
        LandingTableHandle table = (LandingTableHandle) tableHandle;
        if (table.rejects()) {
            return Optional.empty();
        }
        Map<ColumnHandle, Domain> domains = constraint.getSummary().getDomains().orElse(null);
        if (domains == null) {
            return Optional.of(new ConstraintApplicationResult<>(table.withPartitionConstraint(TupleDomain.none()), TupleDomain.none(), constraint.getExpression(), false));
        }
        TupleDomain<ColumnHandle> partitionDomain = TupleDomain.withColumnDomains(domains.entrySet().stream()
                .filter(entry -> ((LandingColumnHandle) entry.getKey()).kind() == LandingColumnHandle.Kind.PARTITION)
                .collect(ImmutableMap.toImmutableMap(Map.Entry::getKey, Map.Entry::getValue)));
        TupleDomain<ColumnHandle> newConstraint = table.partitionConstraint().intersect(partitionDomain);
        if (newConstraint.equals(table.partitionConstraint())) {
            return Optional.empty();
        }
        TupleDomain<ColumnHandle> remaining = TupleDomain.withColumnDomains(domains.entrySet().stream()
                .filter(entry -> ((LandingColumnHandle) entry.getKey()).kind() != LandingColumnHandle.Kind.PARTITION)
                .collect(ImmutableMap.toImmutableMap(Map.Entry::getKey, Map.Entry::getValue)));
        return Optional.of(new ConstraintApplicationResult<>(table.withPartitionConstraint(newConstraint), remaining, constraint.getExpression(), false));
    }

    @Override
    public Optional<TableFunctionApplicationResult<ConnectorTableHandle>> applyTableFunction(ConnectorSession session, ConnectorTableFunctionHandle handle)
    {
        if (!(handle instanceof ReadFilesFunctionHandle readFiles)) {
            return Optional.empty();
        }
        LandingTableHandle table = readFiles.table();
        return Optional.of(new TableFunctionApplicationResult<>(table, ImmutableList.copyOf(table.columns())));
    }

    private static boolean isLanding(String schema)
    {
        return SCHEMA.equals(schema);
    }

    private static List<LandingColumnHandle> allColumns(LandingTableHandle table)
    {
        return ImmutableList.<LandingColumnHandle>builder()
                .addAll(table.columns())
                .addAll(HIDDEN_COLUMNS)
                .build();
    }
}
