package io.lakehouse.materializer.model;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.model.HeaderToken.Type;
import io.trino.sql.tree.Array;
import io.trino.sql.tree.BooleanLiteral;
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.StringLiteral;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Locale.ENGLISH;
import static java.util.Objects.requireNonNull;

/**
 * Parses the {@code MODEL ( key value, ... );} header at the start of a model file:
 * <pre>
 * MODEL (
 *   name lake.bronze.title_basics,
 *   kind FULL,
 *   description 'IMDb titles, typed',
 *   table_properties (format = 'PARQUET', partitioned_by = ARRAY['ds'])
 * );
 * </pre>
 */
final class ModelHeaderParser
{
    private static final List<String> KEYS = ImmutableList.of("name", "kind", "description", "table_properties");

    /**
     * A parsed header and where the SQL after it starts.
     */
    record ParsedHeader(ModelHeader header, int bodyOffset, int bodyLine, int bodyColumn)
    {
        ParsedHeader
        {
            requireNonNull(header, "header is null");
            checkArgument(bodyOffset >= 0, "bodyOffset is negative");
        }
    }

    private final Path file;
    private final HeaderTokenizer tokenizer;
    private HeaderToken token;

    ModelHeaderParser(Path file, String text)
    {
        this.file = requireNonNull(file, "file is null");
        this.tokenizer = new HeaderTokenizer(file, text);
        this.token = tokenizer.next();
    }

    ParsedHeader parse()
    {
        HeaderToken model = token;
        if (!model.isKeyword("MODEL")) {
            throw error(model, "Expected the model header 'MODEL (' at the start of the file, found %s".formatted(model.describe()));
        }
        advance();
        expect(Type.LEFT_PAREN, "after MODEL");

        TableName name = null;
        ModelKind kind = null;
        Optional<String> description = Optional.empty();
        Map<String, Expression> tableProperties = Map.of();

        Map<String, HeaderToken> seenKeys = new LinkedHashMap<>();
        while (!token.is(Type.RIGHT_PAREN)) {
            HeaderToken keyToken = expect(Type.IDENTIFIER, "as a MODEL property name");
            String key = keyToken.value().toLowerCase(ENGLISH);
            HeaderToken previous = seenKeys.putIfAbsent(key, keyToken);
            if (previous != null) {
                throw error(keyToken, "Duplicate MODEL property '%s', first set on line %s".formatted(key, previous.line()));
            }
            switch (key) {
                case "name" -> name = parseName();
                case "kind" -> kind = parseKind();
                case "description" -> description = Optional.of(expect(Type.STRING, "as the description").value());
                case "table_properties" -> tableProperties = parseProperties();
                default -> throw error(keyToken, "Unknown MODEL property '%s'; expected one of: %s".formatted(keyToken.value(), String.join(", ", KEYS)));
            }
            if (!token.is(Type.RIGHT_PAREN)) {
                expect(Type.COMMA, "between MODEL properties (or ')' to close the header)");
            }
        }
        advance();
        HeaderToken semicolon = expect(Type.SEMICOLON, "after the MODEL header's closing parenthesis");

        if (name == null) {
            throw error(model, "MODEL header has no 'name'; add for example: name lake.bronze.title_basics");
        }
        if (kind == null) {
            throw error(model, "MODEL header has no 'kind'; add for example: kind FULL (supported kinds: %s)".formatted(ModelKind.supportedNames()));
        }
        ModelHeader header = new ModelHeader(name, kind, description, tableProperties);
        return new ParsedHeader(header, semicolon.end(), semicolon.line(), semicolon.column() + 1);
    }

    private TableName parseName()
    {
        HeaderToken start = token;
        ImmutableList.Builder<String> parts = ImmutableList.builder();
        parts.add(expect(Type.IDENTIFIER, "as the model name catalog.schema.table").value());
        while (token.is(Type.DOT)) {
            advance();
            parts.add(expect(Type.IDENTIFIER, "after '.' in the model name").value());
        }
        List<String> names = parts.build();
        if (names.size() != 3) {
            throw error(start, "Model name must be catalog.schema.table, found '%s'".formatted(String.join(".", names)));
        }
        return new TableName(names.get(0), names.get(1), names.get(2));
    }

    private ModelKind parseKind()
    {
        HeaderToken kind = expect(Type.IDENTIFIER, "as the model kind (supported kinds: %s)".formatted(ModelKind.supportedNames()));
        return ModelKind.fromName(kind.value())
                .orElseThrow(() -> error(kind, "Unknown model kind '%s'; supported kinds: %s".formatted(kind.value(), ModelKind.supportedNames())));
    }

    private Map<String, Expression> parseProperties()
    {
        expect(Type.LEFT_PAREN, "to open the property list, as in table_properties (format = 'PARQUET')");
        Map<String, Expression> properties = new LinkedHashMap<>();
        while (!token.is(Type.RIGHT_PAREN)) {
            HeaderToken name = expect(Type.IDENTIFIER, "as a table property name");
            expect(Type.EQUALS, "after table property '%s'".formatted(name.value()));
            Expression value = parseLiteral();
            if (properties.put(name.value().toLowerCase(ENGLISH), value) != null) {
                throw error(name, "Duplicate table property '%s'".formatted(name.value()));
            }
            if (!token.is(Type.RIGHT_PAREN)) {
                expect(Type.COMMA, "between table properties (or ')' to close the list)");
            }
        }
        advance();
        return properties;
    }

    private Expression parseLiteral()
    {
        HeaderToken value = token;
        if (value.is(Type.STRING)) {
            advance();
            return new StringLiteral(value.value());
        }
        if (value.is(Type.NUMBER)) {
            advance();
            if (value.value().contains(".")) {
                return new DecimalLiteral(value.value());
            }
            try {
                return new LongLiteral(value.value());
            }
            catch (RuntimeException e) {
                throw error(value, "Number %s is out of range for a BIGINT".formatted(value.value()));
            }
        }
        if (value.isKeyword("true") || value.isKeyword("false")) {
            advance();
            return new BooleanLiteral(value.value());
        }
        if (value.isKeyword("ARRAY")) {
            advance();
            expect(Type.LEFT_BRACKET, "after ARRAY");
            ImmutableList.Builder<Expression> elements = ImmutableList.builder();
            while (!token.is(Type.RIGHT_BRACKET)) {
                elements.add(parseLiteral());
                if (!token.is(Type.RIGHT_BRACKET)) {
                    expect(Type.COMMA, "between array elements (or ']' to close the array)");
                }
            }
            advance();
            return new Array(elements.build());
        }
        throw error(value, "Expected a literal value (a quoted string, a number, true, false or ARRAY[...]), found %s".formatted(value.describe()));
    }

    private HeaderToken expect(Type type, String context)
    {
        HeaderToken current = token;
        if (!current.is(type)) {
            throw error(current, "Expected %s %s, found %s".formatted(describe(type), context, current.describe()));
        }
        advance();
        return current;
    }

    private void advance()
    {
        token = tokenizer.next();
    }

    private ModelException error(HeaderToken at, String message)
    {
        return new ModelException(file, at.line(), at.column(), message);
    }

    private static String describe(Type type)
    {
        return switch (type) {
            case IDENTIFIER -> "a name";
            case STRING -> "a quoted string";
            case NUMBER -> "a number";
            case LEFT_PAREN -> "'('";
            case RIGHT_PAREN -> "')'";
            case LEFT_BRACKET -> "'['";
            case RIGHT_BRACKET -> "']'";
            case COMMA -> "','";
            case DOT -> "'.'";
            case EQUALS -> "'='";
            case SEMICOLON -> "';'";
            case END_OF_FILE -> "the end of the file";
        };
    }
}
