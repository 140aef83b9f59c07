package io.lakehouse.materializer.model;

import com.google.common.collect.ImmutableSet;
import io.lakehouse.materializer.template.Template;
import io.lakehouse.materializer.template.TemplateException;
import io.lakehouse.materializer.template.TemplateVariables;

import java.nio.file.Path;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One model file: its header and its query.
 *
 * @param query the query after the header, a template
 * @param references every table the query reads, resolved against the model's own catalog and schema
 */
public record Model(Path file, ModelHeader header, Template query, Set<TableName> references)
{
    public Model
    {
        requireNonNull(file, "file is null");
        requireNonNull(header, "header is null");
        requireNonNull(query, "query is null");
        references = ImmutableSet.copyOf(requireNonNull(references, "references is null"));
    }

    public TableName name()
    {
        return header.name();
    }

    public ModelKind kind()
    {
        return header.kind();
    }

    /**
     * The query with every placeholder replaced by its value's SQL literal: the run's {@code variables} and the
     * model's declared ones.
     */
    public String renderQuery(TemplateVariables variables)
    {
        return render(query, variables);
    }

    /**
     * A template of this model's file (its query, a check's or the sensor's query), rendered with the run's
     * {@code variables} and the model's declared ones.
     */
    public String render(Template template, TemplateVariables variables)
    {
        requireNonNull(template, "template is null");
        requireNonNull(variables, "variables is null");
        try {
            return template.render(variables.with(header.variables()));
        }
        catch (TemplateException e) {
            throw new ModelException(file, e.getLine(), e.getColumn(), e.getMessage(), e);
        }
    }

    @Override
    public String toString()
    {
        return "%s (%s)".formatted(name(), file);
    }
}
