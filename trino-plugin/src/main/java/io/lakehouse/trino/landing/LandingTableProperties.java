package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.lakehouse.trino.format.text.TextDialect;
import io.trino.spi.session.PropertyMetadata;
import io.trino.spi.type.ArrayType;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.trino.spi.session.PropertyMetadata.booleanProperty;
import static io.trino.spi.session.PropertyMetadata.stringProperty;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * How a landing table's files are written, as inferred or declared, so {@code SHOW CREATE TABLE} shows it. The same
 * names are the keys of the options sidecar file.
 */
public final class LandingTableProperties
{
    public static final String FORMAT = "format";
    public static final String LOCATION = "location";
    public static final String DELIMITER = "delimiter";
    public static final String QUOTE = "quote";
    public static final String ESCAPE = "escape";
    public static final String HEADER = "header";
    public static final String NULL_STRINGS = "null_strings";
    public static final String ENCODING = "encoding";
    public static final String ON_ERROR = "on_error";

    private LandingTableProperties() {}

    public static List<PropertyMetadata<?>> metadata()
    {
        return ImmutableList.of(
                stringProperty(FORMAT, "File format: tsv, csv, text (other delimiter) or json", null, false),
                stringProperty(LOCATION, "Folder or file holding the data", null, false),
                stringProperty(DELIMITER, "Field delimiter", null, false),
                stringProperty(QUOTE, "Quote character, or none", null, false),
                stringProperty(ESCAPE, "Escape character, or none", null, false),
                booleanProperty(HEADER, "Whether the first line names the columns", null, false),
                new PropertyMetadata<>(NULL_STRINGS, "Field values read as null", new ArrayType(VARCHAR), List.class, null, false,
                        value -> (List<?>) value, value -> value),
                stringProperty(ENCODING, "Character set of the text", null, false),
                stringProperty(ON_ERROR, "What a record that does not decode does: fail or skip", null, false));
    }

    public static Map<String, Object> of(LandingTableHandle table)
    {
        ImmutableMap.Builder<String, Object> properties = ImmutableMap.builder();
        FileSchema schema = table.firstFileSchema();
        properties.put(LOCATION, table.location());
        if (schema.dialect().isEmpty()) {
            properties.put(FORMAT, "json");
        }
        else {
            TextDialect dialect = schema.dialect().get();
            properties.put(FORMAT, switch (dialect.delimiter()) {
                case '\t' -> "tsv";
                case ',' -> "csv";
                default -> "text";
            });
            properties.put(DELIMITER, dialect.delimiter() == '\t' ? "\\t" : String.valueOf((char) dialect.delimiter()));
            properties.put(QUOTE, character(dialect.quote()));
            properties.put(ESCAPE, character(dialect.escape()));
            properties.put(HEADER, dialect.header());
            properties.put(NULL_STRINGS, ImmutableList.copyOf(dialect.nullStrings()));
            properties.put(ENCODING, dialect.encoding());
        }
        properties.put(ON_ERROR, table.onError().name().toLowerCase(Locale.ENGLISH));
        return properties.buildOrThrow();
    }

    private static String character(int value)
    {
        return value == TextDialect.NONE ? "none" : String.valueOf((char) value);
    }
}
