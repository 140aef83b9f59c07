package io.lakehouse.trino.lineage;

import com.google.inject.Inject;
import io.airlift.slice.Slice;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.InMemoryRecordSet;
import io.trino.spi.connector.RecordCursor;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SystemTable;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.lakehouse.trino.LakehouseErrorCode.LINEAGE_NOT_REPORTED;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateTimeEncoding.packDateTimeWithZone;
import static io.trino.spi.type.TimeZoneKey.UTC_KEY;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * {@code system.query_lineage}: for each of the coordinator's latest queries that wrote a table or created a view,
 * one row per output column and source column it derives from (source NULL for a column computed from none). The
 * materializer reads its staging query's rows here; {@code WHERE query_id = '…'} looks up one query directly. A user
 * sees their own queries' rows, the configured admin users everyone's: the rows name the tables a query wrote and read.
 */
public class QueryLineageTable
        implements SystemTable
{
    public static final SchemaTableName NAME = new SchemaTableName("system", "query_lineage");
    private static final int QUERY_ID = 0;

    private static final ConnectorTableMetadata METADATA = new ConnectorTableMetadata(
            NAME,
            List.of(
                    column("query_id", VARCHAR, "Trino query id of the writing query"),
                    column("query_user", VARCHAR, "User who ran the query"),
                    column("completed_at", TIMESTAMP_TZ_MILLIS, "When the query completed"),
                    column("output_catalog", VARCHAR, "Catalog of the table or view the query wrote"),
                    column("output_schema", VARCHAR, "Schema of the table or view the query wrote"),
                    column("output_table", VARCHAR, "Table or view the query wrote"),
                    column("ordinal_position", BIGINT, "Position of the column in the written table, from 1"),
                    column("column_name", VARCHAR, "Column the query wrote"),
                    column("column_type", VARCHAR, "Type of the column"),
                    column("source_catalog", VARCHAR, "Catalog of a table column the output column derives from; NULL when it derives from none"),
                    column("source_schema", VARCHAR, "Schema of the source column's table"),
                    column("source_table", VARCHAR, "Table (or view) of the source column"),
                    column("source_column", VARCHAR, "Source column")),
            Map.of(),
            Optional.of("Column lineage of the latest queries that wrote a table or created a view, from Trino's analyzer"));

    private final RecentQueryLineage lineage;
    private final Set<String> adminUsers;

    @Inject
    public QueryLineageTable(RecentQueryLineage lineage, QueryLineageConfig config)
    {
        this.lineage = requireNonNull(lineage, "lineage is null");
        this.adminUsers = config.getAdminUsers();
    }

    @Override
    public Distribution getDistribution()
    {
        // the event listener runs on the coordinator
        return Distribution.SINGLE_COORDINATOR;
    }

    @Override
    public ConnectorTableMetadata getTableMetadata()
    {
        return METADATA;
    }

    @Override
    public RecordCursor cursor(ConnectorTransactionHandle transactionHandle, ConnectorSession session, TupleDomain<Integer> constraint)
    {
        if (!lineage.isListening()) {
            throw new TrinoException(LINEAGE_NOT_REPORTED, "Column lineage is not reported on this coordinator: its event listener is not configured. " +
                    "Add etc/event-listener.properties with event-listener.name=lakehouse-lineage (or list that file in event-listener.config-files) and restart Trino");
        }
        InMemoryRecordSet.Builder rows = InMemoryRecordSet.builder(METADATA);
        boolean admin = adminUsers.contains(session.getUser());
        for (QueryLineage query : queries(constraint)) {
            if (!admin && !query.user().equals(session.getUser())) {
                continue;
            }
            Long completedAt = packDateTimeWithZone(query.completedAt().toEpochMilli(), UTC_KEY);
            for (int position = 1; position <= query.columns().size(); position++) {
                OutputColumn column = query.columns().get(position - 1);
                if (column.sources().isEmpty()) {
                    rows.addRow(query.queryId(), query.user(), completedAt, query.catalog(), query.schema(), query.table(), (long) position, column.name(), column.type(), null, null, null, null);
                }
                for (SourceColumn source : column.sources()) {
                    rows.addRow(query.queryId(), query.user(), completedAt, query.catalog(), query.schema(), query.table(), (long) position, column.name(), column.type(),
                            source.catalog(), source.schema(), source.table(), source.column());
                }
            }
        }
        return rows.build().cursor();
    }

    private List<QueryLineage> queries(TupleDomain<Integer> constraint)
    {
        Optional<Domain> queryId = constraint.getDomains().map(domains -> domains.get(QUERY_ID));
        if (queryId.isPresent() && queryId.get().isSingleValue()) {
            return lineage.get(((Slice) queryId.get().getSingleValue()).toStringUtf8()).stream().toList();
        }
        return lineage.all();
    }

    private static ColumnMetadata column(String name, Type type, String comment)
    {
        return ColumnMetadata.builder().setName(name).setType(type).setComment(Optional.of(comment)).build();
    }
}
