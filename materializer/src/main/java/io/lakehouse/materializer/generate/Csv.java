package io.lakehouse.materializer.generate;

/**
 * RFC 4180 fields: quoted when they contain a comma, a quote or a line break, quotes doubled.
 */
final class Csv
{
    private Csv() {}

    static String quoted(String value)
    {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
