package io.lakehouse.materializer.model;

import com.google.common.collect.ImmutableSet;
import io.lakehouse.materializer.model.ModelHeaderParser.ParsedHeader;
import io.lakehouse.materializer.template.Template;
import io.lakehouse.materializer.template.TemplateException;
import io.lakehouse.materializer.template.TemplateVariables;
import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.NodeLocation;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.Table;

import java.nio.file.Path;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Parses a model file: the header, then the query, which is parsed with Trino's SQL parser (after rendering its
 * template with placeholder values) to check it is one query and to find the tables it reads.
 */
public final class ModelParser
{
    private final SqlParser sqlParser;

    public ModelParser()
    {
        this(new SqlParser());
    }

    public ModelParser(SqlParser sqlParser)
    {
        this.sqlParser = requireNonNull(sqlParser, "sqlParser is null");
    }

    public Model parse(Path file, String text)
    {
        requireNonNull(file, "file is null");
        requireNonNull(text, "text is null");

        ParsedHeader parsed = new ModelHeaderParser(file, text).parse();
        String body = withoutTrailingSemicolon(text.substring(parsed.bodyOffset()));
        if (body.isBlank()) {
            throw new ModelException(file, parsed.bodyLine(), parsed.bodyColumn(), "Missing SELECT after the MODEL header: a model file is a header followed by one query");
        }

        Template query;
        try {
            query = Template.parse(body, parsed.bodyLine(), parsed.bodyColumn());
        }
        catch (TemplateException e) {
            throw new ModelException(file, e.getLine(), e.getColumn(), e.getMessage(), e);
        }

        Model unanalyzed = new Model(file, parsed.header(), query, ImmutableSet.of());
        String sql = unanalyzed.renderQuery(TemplateVariables.placeholders());
        Statement statement;
        try {
            statement = sqlParser.createStatement(sql, new NodeLocation(parsed.bodyLine(), parsed.bodyColumn()));
        }
        catch (ParsingException e) {
            String advice = e.getErrorMessage().startsWith("mismatched input ';'") ? ". A model file holds one query: give each further statement a model file of its own" : "";
            throw new ModelException(file, e.getLineNumber(), e.getColumnNumber(), "SQL syntax error: " + e.getErrorMessage() + advice, e);
        }
        if (!(statement instanceof Query)) {
            NodeLocation location = statement.getLocation().orElse(new NodeLocation(parsed.bodyLine(), parsed.bodyColumn()));
            throw new ModelException(file, location.getLineNumber(), location.getColumnNumber(),
                    "Expected a SELECT query after the MODEL header, found a %s statement; the materializer writes the table itself".formatted(statement.getClass().getSimpleName()));
        }
        return new Model(file, parsed.header(), query, references(file, parsed.header().name(), statement));
    }

    private static Set<TableName> references(Path file, TableName model, Statement statement)
    {
        ImmutableSet.Builder<TableName> references = ImmutableSet.builder();
        for (Table table : TableReferenceCollector.collect(statement)) {
            if (table.getName().getParts().size() > 3) {
                NodeLocation location = table.getLocation().orElseThrow();
                throw new ModelException(file, location.getLineNumber(), location.getColumnNumber(),
                        "Table name '%s' has more than three parts; write catalog.schema.table".formatted(table.getName()));
            }
            references.add(TableName.resolve(table.getName(), model));
        }
        return references.build();
    }

    private static String withoutTrailingSemicolon(String body)
    {
        String trimmed = body.stripTrailing();
        if (trimmed.endsWith(";")) {
            return trimmed.substring(0, trimmed.length() - 1).stripTrailing();
        }
        return trimmed;
    }
}
