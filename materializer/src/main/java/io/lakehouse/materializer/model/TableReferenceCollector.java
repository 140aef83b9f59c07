package io.lakehouse.materializer.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.trino.sql.tree.DefaultTraversalVisitor;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Table;
import io.trino.sql.tree.With;
import io.trino.sql.tree.WithQuery;

import java.util.List;
import java.util.Set;

import static java.util.Locale.ENGLISH;

/**
 * Collects the tables a statement reads. The context is the set of common table expression names in scope, so
 * a reference to a {@code WITH} query is not mistaken for a table.
 */
final class TableReferenceCollector
        extends DefaultTraversalVisitor<Set<String>>
{
    private final ImmutableList.Builder<Table> tables = ImmutableList.builder();

    private TableReferenceCollector() {}

    static List<Table> collect(Node statement)
    {
        TableReferenceCollector collector = new TableReferenceCollector();
        collector.process(statement, ImmutableSet.of());
        return collector.tables.build();
    }

    @Override
    protected Void visitQuery(Query node, Set<String> scope)
    {
        Set<String> bodyScope = node.getWith()
                .map(with -> processWith(with, scope))
                .orElse(scope);
        process(node.getQueryBody(), bodyScope);
        node.getOrderBy().ifPresent(orderBy -> process(orderBy, bodyScope));
        node.getOffset().ifPresent(offset -> process(offset, bodyScope));
        node.getLimit().ifPresent(limit -> process(limit, bodyScope));
        return null;
    }

    @Override
    protected Void visitTable(Table node, Set<String> scope)
    {
        List<String> parts = node.getName().getParts();
        if (parts.size() != 1 || !scope.contains(parts.getFirst())) {
            tables.add(node);
        }
        return null;
    }

    private Set<String> processWith(With with, Set<String> outerScope)
    {
        ImmutableSet.Builder<String> allNames = ImmutableSet.<String>builder().addAll(outerScope);
        with.getQueries().forEach(query -> allNames.add(name(query)));
        Set<String> withScope = allNames.build();

        // a query of a non-recursive WITH sees only the queries defined before it
        ImmutableSet.Builder<String> visible = ImmutableSet.<String>builder().addAll(outerScope);
        for (WithQuery query : with.getQueries()) {
            if (with.isRecursive()) {
                process(query.getQuery(), withScope);
            }
            else {
                process(query.getQuery(), visible.build());
                visible.add(name(query));
            }
        }
        return withScope;
    }

    private static String name(WithQuery query)
    {
        return query.getName().getValue().toLowerCase(ENGLISH);
    }
}
