package io.lakehouse.materializer.lineage;

import com.google.common.collect.ImmutableList;
import io.airlift.units.Duration;
import io.lakehouse.materializer.execution.TaskPlan;
import io.lakehouse.materializer.execution.TrinoSession;
import io.lakehouse.materializer.model.TableName;
import io.trino.sql.tree.StringLiteral;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.trino.sql.ExpressionFormatter.formatExpression;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

/**
 * Reads the column lineage Trino's analyzer reported for a query from {@code lakehouse.system.query_lineage} (fed by
 * the lakehouse plugin's event listener on the coordinator). A staging table among the sources is reported as the
 * table it publishes to.
 */
public final class QueryLineageReader
{
    public static final String QUERY_LINEAGE_TABLE = "lakehouse.system.query_lineage";
    private static final long POLL_MILLIS = 50;
    // Trino's CATALOG_NOT_FOUND, SCHEMA_NOT_FOUND and TABLE_NOT_FOUND
    private static final Set<Integer> MISSING = Set.of(44, 45, 46);

    private final Duration wait;

    /**
     * @param wait how long to wait for Trino to report a finished query; it reports it right after the query's last result
     */
    public QueryLineageReader(Duration wait)
    {
        this.wait = requireNonNull(wait, "wait is null");
    }

    private record Row(int position, String column, String type, Optional<SourceColumn> source) {}

    /**
     * The query's output columns in table order with their sources; empty if Trino did not report the query in time.
     * A failed read is repeated until then.
     *
     * @throws SQLException if the lineage table does not exist (no catalog {@code lakehouse}, or its event listener is
     * not configured), or reading it still fails when the time is up
     */
    public Optional<List<ColumnLineage>> read(TrinoSession trino, String queryId)
            throws SQLException
    {
        requireNonNull(trino, "trino is null");
        requireNonNull(queryId, "queryId is null");
        String sql = """
                SELECT ordinal_position, column_name, column_type, source_catalog, source_schema, source_table, source_column
                FROM %s WHERE query_id = %s
                ORDER BY ordinal_position, source_catalog, source_schema, source_table, source_column""".formatted(QUERY_LINEAGE_TABLE, formatExpression(new StringLiteral(queryId)));
        long deadline = System.nanoTime() + wait.roundTo(NANOSECONDS);
        while (true) {
            List<Row> rows;
            try {
                rows = trino.query(sql, row -> new Row(
                        row.getInt(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4) == null ? Optional.empty() : Optional.of(new SourceColumn(
                                TaskPlan.publishedTable(new TableName(row.getString(4), row.getString(5), row.getString(6))), row.getString(7)))));
            }
            catch (SQLException e) {
                // a missing table is a matter of configuration; any other failure may pass
                if (MISSING.contains(e.getErrorCode()) || System.nanoTime() >= deadline) {
                    throw e;
                }
                rows = List.of();
            }
            if (!rows.isEmpty()) {
                return Optional.of(columns(rows));
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(POLL_MILLIS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static List<ColumnLineage> columns(List<Row> rows)
    {
        Map<Integer, List<Row>> byPosition = new LinkedHashMap<>();
        rows.forEach(row -> byPosition.computeIfAbsent(row.position(), _ -> new ArrayList<>()).add(row));
        ImmutableList.Builder<ColumnLineage> columns = ImmutableList.builder();
        byPosition.forEach((position, columnRows) -> columns.add(new ColumnLineage(position, columnRows.getFirst().column(), columnRows.getFirst().type(),
                columnRows.stream().flatMap(row -> row.source().stream()).distinct().toList())));
        return columns.build();
    }
}
