package io.lakehouse.materializer.template;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A template that cannot be parsed or rendered, at a position in the text it came from.
 */
public class TemplateException
        extends RuntimeException
{
    private final int line;
    private final int column;

    public TemplateException(int line, int column, String message)
    {
        super(message);
        checkArgument(line >= 1, "line must be at least 1");
        checkArgument(column >= 1, "column must be at least 1");
        this.line = line;
        this.column = column;
    }

    public int getLine()
    {
        return line;
    }

    public int getColumn()
    {
        return column;
    }
}
