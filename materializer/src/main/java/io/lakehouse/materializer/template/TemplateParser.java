package io.lakehouse.materializer.template;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.template.Template.Placeholder;
import io.lakehouse.materializer.template.Template.Segment;
import io.lakehouse.materializer.template.Template.Text;

import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Splits SQL text into text and placeholders. It follows SQL's lexical structure only as far as needed to find
 * placeholders that cannot work: inside string literals and quoted identifiers they are errors (a value renders
 * as a complete literal, quotes included), inside comments they are left alone.
 */
final class TemplateParser
{
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String text;
    private final int firstLine;
    private final int firstColumn;
    private final ImmutableList.Builder<Segment> segments = ImmutableList.builder();
    private final StringBuilder pendingText = new StringBuilder();
    private int position;
    private int line;
    private int column;

    TemplateParser(String text, int firstLine, int firstColumn)
    {
        this.text = requireNonNull(text, "text is null");
        this.firstLine = firstLine;
        this.firstColumn = firstColumn;
        this.line = firstLine;
        this.column = firstColumn;
    }

    Template parse()
    {
        while (position < text.length()) {
            if (lookingAt("{{")) {
                placeholder();
            }
            else if (lookingAt("'")) {
                quoted('\'', "a string literal");
            }
            else if (lookingAt("\"")) {
                quoted('"', "a quoted identifier");
            }
            else if (lookingAt("--")) {
                lineComment();
            }
            else if (lookingAt("/*")) {
                blockComment();
            }
            else {
                advance();
            }
        }
        flushText();
        return new Template(segments.build(), firstLine, firstColumn);
    }

    private void placeholder()
    {
        int startLine = line;
        int startColumn = column;
        int contentStart = position + 2;
        int close = text.indexOf("}}", contentStart);
        int lineEnd = text.indexOf('\n', contentStart);
        if (close < 0 || (lineEnd >= 0 && lineEnd < close)) {
            throw new TemplateException(startLine, startColumn, "Unclosed '{{': a placeholder is written {{ name }} on one line");
        }
        String name = text.substring(contentStart, close).strip();
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new TemplateException(startLine, startColumn, "Expected a variable name between '{{' and '}}', found '%s'; only plain variables such as {{ ds }} are supported".formatted(name));
        }
        flushText();
        segments.add(new Placeholder(name, startLine, startColumn));
        column += close + 2 - position;
        position = close + 2;
    }

    private void quoted(char quote, String description)
    {
        advance();
        while (position < text.length()) {
            if (lookingAt("{{")) {
                throw new TemplateException(line, column, "Placeholder inside %s: write {{ name }} without quotes, it renders as a typed SQL literal such as DATE '2024-01-01'".formatted(description));
            }
            char character = advance();
            if (character == quote) {
                if (position < text.length() && text.charAt(position) == quote) {
                    // a doubled quote is an escaped quote, not the end
                    advance();
                    continue;
                }
                return;
            }
        }
        // unterminated: the SQL parser reports it with its own message
    }

    private void lineComment()
    {
        while (position < text.length() && advance() != '\n') {
            // skip to the end of the line
        }
    }

    private void blockComment()
    {
        advance();
        advance();
        while (position < text.length() && !lookingAt("*/")) {
            advance();
        }
        if (position < text.length()) {
            advance();
            advance();
        }
    }

    private boolean lookingAt(String token)
    {
        return text.startsWith(token, position);
    }

    private char advance()
    {
        char character = text.charAt(position);
        position++;
        pendingText.append(character);
        if (character == '\n') {
            line++;
            column = 1;
        }
        else {
            column++;
        }
        return character;
    }

    private void flushText()
    {
        if (!pendingText.isEmpty()) {
            segments.add(new Text(pendingText.toString()));
            pendingText.setLength(0);
        }
    }
}
