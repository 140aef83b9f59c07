package io.lakehouse.materializer.execution;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.StringLiteral;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.sql.ExpressionFormatter.formatExpression;
import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * The statements that rebuild a {@code FULL} model: the query is written to a staging table named after the run,
 * and only a complete staging table replaces the model's table, by a copy: Trino's Hive connector cannot rename
 * tables in a Glue catalog. If any statement fails, {@link #dropStaging()} removes what the run left behind.
 */
public record FullRefresh(
        TableName target,
        TableName staging,
        String createSchema,
        String createStaging,
        String dropTarget,
        String publish,
        String dropStaging)
{
    public FullRefresh
    {
        requireNonNull(target, "target is null");
        requireNonNull(staging, "staging is null");
        requireNonNull(createSchema, "createSchema is null");
        requireNonNull(createStaging, "createStaging is null");
        requireNonNull(dropTarget, "dropTarget is null");
        requireNonNull(publish, "publish is null");
        requireNonNull(dropStaging, "dropStaging is null");
    }

    /**
     * @param query the model's rendered query
     */
    public static FullRefresh plan(Model model, String query, RunId runId, Optional<Warehouse> warehouse)
    {
        requireNonNull(model, "model is null");
        requireNonNull(query, "query is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(warehouse, "warehouse is null");

        TableName target = model.name();
        TableName staging = target.withTable(target.table() + "__stg_" + runId.value());
        String schemaLocation = warehouse
                .map(location -> " WITH (location = %s)".formatted(formatExpression(new StringLiteral(location.schemaLocation(target.schema())))))
                .orElse("");
        // the query is appended as it is, line breaks included, so line n of this statement is line n of the query
        String separator = query.isEmpty() || Character.isWhitespace(query.charAt(0)) ? "" : " ";
        return new FullRefresh(
                target,
                staging,
                "CREATE SCHEMA IF NOT EXISTS " + target.schemaSql() + schemaLocation,
                "CREATE TABLE " + staging.toSql() + properties(model.header().tableProperties()) + " AS" + separator + query,
                "DROP TABLE IF EXISTS " + target.toSql(),
                "CREATE TABLE " + target.toSql() + properties(model.header().tableProperties()) + " AS SELECT * FROM " + staging.toSql(),
                "DROP TABLE IF EXISTS " + staging.toSql());
    }

    /**
     * The statements of a successful refresh, in order.
     */
    public List<String> statements()
    {
        return ImmutableList.of(createSchema, createStaging, dropTarget, publish, dropStaging);
    }

    private static String properties(Map<String, Expression> properties)
    {
        if (properties.isEmpty()) {
            return "";
        }
        return properties.entrySet().stream()
                .map(property -> formatExpression(new Identifier(property.getKey())) + " = " + formatExpression(property.getValue()))
                .collect(joining(", ", " WITH (", ")"));
    }
}
