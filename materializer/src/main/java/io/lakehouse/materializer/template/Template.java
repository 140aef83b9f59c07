package io.lakehouse.materializer.template;

import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.Set;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static java.lang.String.join;
import static java.util.Objects.requireNonNull;

/**
 * SQL text with {@code {{ variable }}} placeholders. Rendering replaces each placeholder by the SQL literal of the
 * variable's typed value; the text around placeholders is kept byte for byte, so line numbers do not move.
 */
public record Template(List<Segment> segments, int firstLine, int firstColumn)
{
    public sealed interface Segment
            permits Text, Placeholder {}

    public record Text(String text)
            implements Segment
    {
        public Text
        {
            requireNonNull(text, "text is null");
        }
    }

    /**
     * A {@code {{ variable }}} placeholder, at the line and column of its opening braces.
     */
    public record Placeholder(String variable, int line, int column)
            implements Segment
    {
        public Placeholder
        {
            requireNonNull(variable, "variable is null");
            checkArgument(line >= 1, "line must be at least 1");
            checkArgument(column >= 1, "column must be at least 1");
        }
    }

    /**
     * @param firstLine the line of the template's first character in the text it came from
     * @param firstColumn the column of that character
     */
    public Template
    {
        segments = ImmutableList.copyOf(requireNonNull(segments, "segments is null"));
        checkArgument(firstLine >= 1, "firstLine must be at least 1");
        checkArgument(firstColumn >= 1, "firstColumn must be at least 1");
    }

    /**
     * Parses {@code text}, whose first character is at {@code firstLine} and {@code firstColumn} of its source, so
     * errors point into the source.
     */
    public static Template parse(String text, int firstLine, int firstColumn)
    {
        return new TemplateParser(text, firstLine, firstColumn).parse();
    }

    public Set<String> variables()
    {
        return segments.stream()
                .filter(Placeholder.class::isInstance)
                .map(segment -> ((Placeholder) segment).variable())
                .collect(toImmutableSet());
    }

    public String render(TemplateVariables variables)
    {
        requireNonNull(variables, "variables is null");
        StringBuilder sql = new StringBuilder();
        for (Segment segment : segments) {
            switch (segment) {
                case Text text -> sql.append(text.text());
                case Placeholder placeholder -> sql.append(variables.get(placeholder.variable())
                        .orElseThrow(() -> new TemplateException(
                                placeholder.line(),
                                placeholder.column(),
                                "Unknown template variable '%s'; available variables: %s".formatted(placeholder.variable(), join(", ", variables.names()))))
                        .toSql());
            }
        }
        return sql.toString();
    }
}
