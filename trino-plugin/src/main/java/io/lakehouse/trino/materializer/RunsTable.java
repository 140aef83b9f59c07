package io.lakehouse.trino.materializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Inject;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.SchemaTableName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.lakehouse.trino.materializer.LedgerTable.column;
import static io.lakehouse.trino.materializer.LedgerValues.text;
import static io.lakehouse.trino.materializer.LedgerValues.utcTimestamp;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * {@code system.runs}: the materializer's runs, newest first, from its run ledger.
 */
public class RunsTable
        extends LedgerTable
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

    @Inject
    public RunsTable(MaterializerApi api)
    {
        super(api, METADATA, "runs?limit=" + LIMIT);
    }

    @Override
    protected Object[] row(JsonNode run)
    {
        return new Object[] {
                text(run, "runId"),
                text(run, "command"),
                text(run, "instance"),
                text(run, "state"),
                utcTimestamp(run, "startedAt"),
                utcTimestamp(run, "finishedAt"),
                text(run, "message")
        };
    }
}
