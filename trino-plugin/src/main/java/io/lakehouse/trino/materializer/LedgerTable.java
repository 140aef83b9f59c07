package io.lakehouse.trino.materializer;

import com.fasterxml.jackson.databind.JsonNode;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.InMemoryRecordSet;
import io.trino.spi.connector.RecordCursor;
import io.trino.spi.connector.SystemTable;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A table of schema {@code system} whose rows are the elements of one JSON list of the materializer's API, read on
 * the coordinator at each query.
 */
abstract class LedgerTable
        implements SystemTable
{
    private final MaterializerApi api;
    private final ConnectorTableMetadata metadata;
    private final String path;

    protected LedgerTable(MaterializerApi api, ConnectorTableMetadata metadata, String path)
    {
        this.api = requireNonNull(api, "api is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.path = requireNonNull(path, "path is null");
    }

    /**
     * The column values of one element of the API's list, in the order of the table's columns.
     */
    protected abstract Object[] row(JsonNode element);

    @Override
    public final Distribution getDistribution()
    {
        return Distribution.SINGLE_COORDINATOR;
    }

    @Override
    public final ConnectorTableMetadata getTableMetadata()
    {
        return metadata;
    }

    @Override
    public final RecordCursor cursor(ConnectorTransactionHandle transactionHandle, ConnectorSession session, TupleDomain<Integer> constraint)
    {
        InMemoryRecordSet.Builder rows = InMemoryRecordSet.builder(metadata);
        for (JsonNode element : api.get(path)) {
            rows.addRow(row(element));
        }
        return rows.build().cursor();
    }

    static ColumnMetadata column(String name, Type type, String comment)
    {
        return ColumnMetadata.builder().setName(name).setType(type).setComment(Optional.of(comment)).build();
    }
}
