package io.lakehouse.materializer.model;

import io.lakehouse.materializer.model.HeaderToken.Type;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Reads the tokens of a model header on demand, so that reading stops at the header's closing {@code ;} and the
 * SQL after it is never tokenized here. Whitespace, {@code --} and {@code /* *}{@code /} comments are skipped.
 */
final class HeaderTokenizer
{
    private final Path file;
    private final String text;
    private int position;
    private int line = 1;
    private int column = 1;

    HeaderTokenizer(Path file, String text)
    {
        this.file = requireNonNull(file, "file is null");
        this.text = requireNonNull(text, "text is null");
    }

    HeaderToken next()
    {
        skipWhitespaceAndComments();
        int startLine = line;
        int startColumn = column;
        if (position >= text.length()) {
            return new HeaderToken(Type.END_OF_FILE, "", position, startLine, startColumn);
        }
        char character = text.charAt(position);
        Type punctuation = switch (character) {
            case '(' -> Type.LEFT_PAREN;
            case ')' -> Type.RIGHT_PAREN;
            case '[' -> Type.LEFT_BRACKET;
            case ']' -> Type.RIGHT_BRACKET;
            case ',' -> Type.COMMA;
            case '.' -> Type.DOT;
            case '=' -> Type.EQUALS;
            case ';' -> Type.SEMICOLON;
            default -> null;
        };
        if (punctuation != null) {
            advance();
            return new HeaderToken(punctuation, String.valueOf(character), position, startLine, startColumn);
        }
        if (character == '\'') {
            return string(startLine, startColumn);
        }
        if (isIdentifierStart(character)) {
            int start = position;
            while (position < text.length() && isIdentifierPart(text.charAt(position))) {
                advance();
            }
            return new HeaderToken(Type.IDENTIFIER, text.substring(start, position), position, startLine, startColumn);
        }
        if (isDigit(character) || (character == '-' && position + 1 < text.length() && isDigit(text.charAt(position + 1)))) {
            return number(startLine, startColumn);
        }
        throw new ModelException(file, startLine, startColumn, "Unexpected character '%s' in the MODEL header".formatted(character));
    }

    private HeaderToken string(int startLine, int startColumn)
    {
        advance();
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char character = advance();
            if (character == '\'') {
                if (position < text.length() && text.charAt(position) == '\'') {
                    advance();
                    value.append('\'');
                    continue;
                }
                return new HeaderToken(Type.STRING, value.toString(), position, startLine, startColumn);
            }
            value.append(character);
        }
        throw new ModelException(file, startLine, startColumn, "Unterminated string: add the closing quote (') and write a quote inside a string as ''");
    }

    private HeaderToken number(int startLine, int startColumn)
    {
        int start = position;
        advance();
        while (position < text.length() && isDigit(text.charAt(position))) {
            advance();
        }
        if (position + 1 < text.length() && text.charAt(position) == '.' && isDigit(text.charAt(position + 1))) {
            advance();
            while (position < text.length() && isDigit(text.charAt(position))) {
                advance();
            }
        }
        return new HeaderToken(Type.NUMBER, text.substring(start, position), position, startLine, startColumn);
    }

    private void skipWhitespaceAndComments()
    {
        while (position < text.length()) {
            if (Character.isWhitespace(text.charAt(position))) {
                advance();
            }
            else if (text.startsWith("--", position)) {
                while (position < text.length() && text.charAt(position) != '\n') {
                    advance();
                }
            }
            else if (text.startsWith("/*", position)) {
                int startLine = line;
                int startColumn = column;
                int end = text.indexOf("*/", position + 2);
                if (end < 0) {
                    throw new ModelException(file, startLine, startColumn, "Unterminated comment: close it with */");
                }
                while (position < end + 2) {
                    advance();
                }
            }
            else {
                return;
            }
        }
    }

    private char advance()
    {
        char character = text.charAt(position);
        position++;
        if (character == '\n') {
            line++;
            column = 1;
        }
        else {
            column++;
        }
        return character;
    }

    private static boolean isIdentifierStart(char character)
    {
        return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || character == '_';
    }

    private static boolean isIdentifierPart(char character)
    {
        return isIdentifierStart(character) || isDigit(character);
    }

    private static boolean isDigit(char character)
    {
        return character >= '0' && character <= '9';
    }
}
