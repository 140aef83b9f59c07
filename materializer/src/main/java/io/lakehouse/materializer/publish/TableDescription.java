package io.lakehouse.materializer.publish;

import com.google.common.collect.ImmutableMap;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a model says about its table, written with every publish: the table comment, column comments, and
 * parameters naming the model.
 */
public record TableDescription(Optional<String> comment, Map<String, String> columnComments, Map<String, String> parameters)
{
    public TableDescription
    {
        requireNonNull(comment, "comment is null");
        columnComments = ImmutableMap.copyOf(requireNonNull(columnComments, "columnComments is null"));
        parameters = ImmutableMap.copyOf(requireNonNull(parameters, "parameters is null"));
    }
}
