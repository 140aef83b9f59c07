package io.lakehouse.trino.materializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Inject;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.type.ArrayType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.lakehouse.trino.materializer.LedgerTable.column;
import static io.lakehouse.trino.materializer.LedgerValues.number;
import static io.lakehouse.trino.materializer.LedgerValues.text;
import static io.lakehouse.trino.materializer.LedgerValues.utcTimestamp;
import static io.lakehouse.trino.materializer.LedgerValues.varcharArray;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * {@code system.freshness}: per model of the materializer, the newest published interval, when it was published,
 * what is due and not published yet, and the latest failure.
 */
public class FreshnessTable
        extends LedgerTable
{
    static final SchemaTableName NAME = new SchemaTableName("system", "freshness");

    private static final ConnectorTableMetadata METADATA = new ConnectorTableMetadata(
            NAME,
            List.of(
                    column("model", VARCHAR, "Table the model writes, catalog.schema.table"),
                    column("kind", VARCHAR, "FULL, VIEW, INCREMENTAL_BY_TIME_RANGE or APPEND"),
                    column("cron", VARCHAR, "Schedule of the model's intervals"),
                    column("owner", VARCHAR, "Owner named in the model's header"),
                    column("description", VARCHAR, "Description in the model's header, also the table's comment"),
                    column("upstream", new ArrayType(VARCHAR), "Models the model reads"),
                    column("latest_interval", VARCHAR, "Newest published interval, e.g. 2024-01-07; NULL when none is"),
                    column("latest_interval_end", TIMESTAMP_TZ_MILLIS, "End of the newest published interval"),
                    column("published_at", TIMESTAMP_TZ_MILLIS, "When the newest published interval was published"),
                    column("missing_intervals", BIGINT, "Due intervals not published yet"),
                    column("stale", BOOLEAN, "Whether the newest published interval is older than the model's freshness allows"),
                    column("latest_failure", VARCHAR, "Latest failed interval and its run")),
            Map.of(),
            Optional.of("Freshness of the materializer's models, from its run ledger"));

    @Inject
    public FreshnessTable(MaterializerApi api)
    {
        super(api, METADATA, "models");
    }

    @Override
    protected Object[] row(JsonNode model)
    {
        return new Object[] {
                text(model, "name"),
                text(model, "kind"),
                text(model, "cron"),
                text(model, "owner"),
                text(model, "description"),
                varcharArray(model, "upstream"),
                text(model, "latestPublished"),
                utcTimestamp(model, "latestPublishedEnd"),
                utcTimestamp(model, "publishedAt"),
                number(model, "missingIntervals"),
                model.path("stale").asBoolean(),
                text(model, "latestFailure")
        };
    }
}
