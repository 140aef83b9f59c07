package io.lakehouse.materializer.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A token of a model header.
 *
 * @param value the token's value: the text of an identifier or number, the unescaped content of a string
 * @param end the offset just past the token in the file
 */
record HeaderToken(Type type, String value, int end, int line, int column)
{
    enum Type
    {
        IDENTIFIER,
        STRING,
        NUMBER,
        LEFT_PAREN,
        RIGHT_PAREN,
        LEFT_BRACKET,
        RIGHT_BRACKET,
        COMMA,
        DOT,
        EQUALS,
        SEMICOLON,
        END_OF_FILE,
    }

    HeaderToken
    {
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
        checkArgument(line >= 1, "line must be at least 1");
        checkArgument(column >= 1, "column must be at least 1");
    }

    boolean is(Type type)
    {
        return this.type == type;
    }

    boolean isKeyword(String keyword)
    {
        return type == Type.IDENTIFIER && value.equalsIgnoreCase(keyword);
    }

    /**
     * The token as it is quoted in error messages.
     */
    String describe()
    {
        return switch (type) {
            case END_OF_FILE -> "end of file";
            case STRING -> "string '%s'".formatted(value);
            default -> "'%s'".formatted(value);
        };
    }
}
