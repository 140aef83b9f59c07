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
 * {@code system.lineage}: per model of the materializer, each column of its table and the source columns it derives
 * from, as Trino's analyzer reported them for the model's latest published run.
 */
public class LineageTable
        extends LedgerTable
{
    static final SchemaTableName NAME = new SchemaTableName("system", "lineage");

    private static final ConnectorTableMetadata METADATA = new ConnectorTableMetadata(
            NAME,
            List.of(
                    column("model", VARCHAR, "Table the model writes, catalog.schema.table"),
                    column("column_name", VARCHAR, "Column of the model's table"),
                    column("column_type", VARCHAR, "Type of the column"),
                    column("source_catalog", VARCHAR, "Catalog of a column the model's column derives from; NULL when it derives from none (a literal)"),
                    column("source_schema", VARCHAR, "Schema of the source column's table"),
                    column("source_table", VARCHAR, "Table of the source column (a model's table, not its staging table)"),
                    column("source_column", VARCHAR, "Source column"),
                    column("run_id", VARCHAR, "Run whose query reported this lineage"),
                    column("recorded_at", TIMESTAMP_TZ_MILLIS, "When the run recorded it")),
            Map.of(),
            Optional.of("Column lineage of the materializer's models, from its run ledger"));

    @Inject
    public LineageTable(MaterializerApi api)
    {
        super(api, METADATA, "lineage");
    }

    @Override
    protected Object[] row(JsonNode lineage)
    {
        return new Object[] {
                text(lineage, "model"),
                text(lineage, "column"),
                text(lineage, "type"),
                text(lineage, "sourceCatalog"),
                text(lineage, "sourceSchema"),
                text(lineage, "sourceTable"),
                text(lineage, "sourceColumn"),
                text(lineage, "runId"),
                utcTimestamp(lineage, "recordedAt")
        };
    }
}
