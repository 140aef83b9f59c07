package io.lakehouse.materializer.model;

import com.google.common.collect.ImmutableMap;
import io.trino.sql.tree.Expression;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The declarative part of a model file: everything between {@code MODEL (} and {@code );}.
 *
 * @param tableProperties Trino table properties for the created table, as literal expressions in header order
 */
public record ModelHeader(TableName name, ModelKind kind, Optional<String> description, Map<String, Expression> tableProperties)
{
    public ModelHeader
    {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(description, "description is null");
        tableProperties = ImmutableMap.copyOf(requireNonNull(tableProperties, "tableProperties is null"));
    }
}
