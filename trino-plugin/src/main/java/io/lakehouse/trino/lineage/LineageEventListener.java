package io.lakehouse.trino.lineage;

import io.trino.spi.eventlistener.ColumnDetail;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.OutputColumnMetadata;
import io.trino.spi.eventlistener.QueryCompletedEvent;
import io.trino.spi.eventlistener.QueryOutputMetadata;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

/**
 * Keeps the column lineage Trino's analyzer reports for every query that completes writing a table or creating a
 * view ({@code CREATE TABLE AS}, {@code INSERT}, {@code CREATE VIEW}): each output column with the table columns it
 * derives from.
 */
public final class LineageEventListener
        implements EventListener
{
    private static final Comparator<SourceColumn> SOURCE_ORDER = Comparator.comparing(SourceColumn::catalog)
            .thenComparing(SourceColumn::schema)
            .thenComparing(SourceColumn::table)
            .thenComparing(SourceColumn::column);

    private final RecentQueryLineage lineage;

    public LineageEventListener(RecentQueryLineage lineage)
    {
        this.lineage = requireNonNull(lineage, "lineage is null");
    }

    @Override
    public void queryCompleted(QueryCompletedEvent event)
    {
        if (event.getFailureInfo().isPresent()) {
            return;
        }
        Optional<QueryOutputMetadata> output = event.getIoMetadata().getOutput();
        if (output.isEmpty() || output.get().getColumns().isEmpty()) {
            return;
        }
        List<OutputColumn> columns = output.get().getColumns().get().stream()
                .map(LineageEventListener::outputColumn)
                .collect(toImmutableList());
        lineage.add(new QueryLineage(event.getMetadata().getQueryId(), event.getContext().getUser(), event.getEndTime(),
                output.get().getCatalogName(), output.get().getSchema(), output.get().getTable(), columns));
    }

    private static OutputColumn outputColumn(OutputColumnMetadata column)
    {
        return new OutputColumn(column.getColumnName(), column.getColumnType(), column.getSourceColumns().stream()
                .map(LineageEventListener::sourceColumn)
                .sorted(SOURCE_ORDER)
                .collect(toImmutableList()));
    }

    private static SourceColumn sourceColumn(ColumnDetail column)
    {
        return new SourceColumn(column.getCatalog(), column.getSchema(), column.getTable(), column.getColumnName());
    }
}
