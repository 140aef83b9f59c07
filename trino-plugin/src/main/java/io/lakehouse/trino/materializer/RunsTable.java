package io.lakehouse.trino.materializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Inject;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.InMemoryRecordSet;
import io.trino.spi.connector.RecordCursor;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SystemTable;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.lakehouse.trino.materializer.LedgerValues.text;
import static io.lakehouse.trino.materializer.LedgerValues.utcTimestamp;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * {@code system.runs}: the materializer's runs, newest first, from its run ledger.
 */
public class RunsTable
        implements SystemTable
{
    static final SchemaTableName NAME = new SchemaTableName("system", "runs");
    // the API's upper bound of one listing
    private static final int LIMIT = 1000;

    private static final ConnectorTableMetadata METADATA = new ConnectorTableMetadata(
            NAME,
            List.of(
                    column("run_id", VARCHAR, "Run id; the staging tables and the ledger's tasks of the run carry it"),
                    column("command", VARCHAR, "What started the run: run --ds …, backfill …, scheduled catch-up, trigger (the API)"),
                    column("instance", VARCHAR, "Materializer instance (host and process) that ran it"),
                    column("state", VARCHAR, "RUNNING, SUCCEEDED, FAILED or CANCELLED"),
                    column("started_at", TIMESTAMP_TZ_MILLIS, "Start of the run"),
                    column("finished_at", TIMESTAMP_TZ_MILLIS, "End of the run; NULL while it runs"),
                    column("message", VARCHAR, "Summary or error of the run")),
            Map.of(),
            Optional.of("Runs of the materializer (its run ledger), newest first, at most 1000"));

    private final MaterializerApi api;

    @Inject
    public RunsTable(MaterializerApi api)
    {
        this.api = requireNonNull(api, "api is null");
    }

    @Override
    public Distribution getDistribution()
    {
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
        InMemoryRecordSet.Builder rows = InMemoryRecordSet.builder(METADATA);
        for (JsonNode run : api.get("runs?limit=" + LIMIT)) {
            rows.addRow(
                    text(run, "runId"),
                    text(run, "command"),
                    text(run, "instance"),
                    text(run, "state"),
                    utcTimestamp(run, "startedAt"),
                    utcTimestamp(run, "finishedAt"),
                    text(run, "message"));
        }
        return rows.build().cursor();
    }

    static ColumnMetadata column(String name, Type type, String comment)
    {
        return ColumnMetadata.builder().setName(name).setType(type).setComment(Optional.of(comment)).build();
    }
}
