package io.lakehouse.trino.landing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.text.TextDialect;
import io.lakehouse.trino.inference.TextHints;
import io.trino.spi.TrinoException;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeManager;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static io.lakehouse.trino.LakehouseErrorCode.LANDING_INVALID_OPTIONS;
import static java.util.Objects.requireNonNull;

/**
 * What a user declares about a dataset in the sidecar file {@value #FILE_NAME} of its folder, for when inference
 * guesses wrong:
 * <pre>{@code
 * {"format": "csv", "delimiter": ";", "quote": "\"", "escape": "none", "header": true, "null_strings": ["", "NA"],
 *  "encoding": "ISO-8859-1", "on_error": "skip",
 *  "columns": {"price": "decimal(10,2)", "invoicedate": {"type": "timestamp(3)", "pattern": "M/d/yyyy H:mm"}}}
 * }</pre>
 */
public record DatasetOptions(
        Optional<LandingFormat> format,
        TextHints textHints,
        Optional<OnError> onError,
        Map<String, LandingColumn> columns)
{
    public static final String FILE_NAME = "_lakehouse.json";
    public static final DatasetOptions NONE = new DatasetOptions(Optional.empty(), TextHints.NONE, Optional.empty(), ImmutableMap.of());

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KEYS = ImmutableSet.of("format", "delimiter", "quote", "escape", "header", "null_strings", "encoding", "on_error", "columns");

    public DatasetOptions
    {
        requireNonNull(format, "format is null");
        requireNonNull(textHints, "textHints is null");
        requireNonNull(onError, "onError is null");
        columns = ImmutableMap.copyOf(requireNonNull(columns, "columns is null"));
    }

    public DatasetOptions withFormat(LandingFormat format)
    {
        return new DatasetOptions(Optional.of(format), textHints, onError, columns);
    }

    public static DatasetOptions parse(String location, byte[] json, TypeManager typeManager)
    {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        }
        catch (IOException e) {
            throw invalid(location, "is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid(location, "must hold a JSON object such as {\"delimiter\": \";\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw invalid(location, "has unknown option '%s'; known options are %s".formatted(name, KEYS));
            }
        }
        Optional<LandingFormat> format = text(root, "format").map(value -> LandingFormat.fromName(value)
                .orElseThrow(() -> invalid(location, "option format is '%s'; use tsv, csv or json".formatted(value))));
        Optional<Byte> delimiter = text(root, "delimiter").map(value -> character(location, "delimiter", value == null ? "" : value, false))
                .map(value -> (byte) value.intValue());
        OptionalInt quote = text(root, "quote").map(value -> OptionalInt.of(character(location, "quote", value, true))).orElse(OptionalInt.empty());
        OptionalInt escape = text(root, "escape").map(value -> OptionalInt.of(character(location, "escape", value, true))).orElse(OptionalInt.empty());
        Optional<Boolean> header = Optional.ofNullable(root.get("header")).map(node -> {
            if (!node.isBoolean()) {
                throw invalid(location, "option header must be true or false");
            }
            return node.booleanValue();
        });
        Optional<Set<String>> nullStrings = Optional.ofNullable(root.get("null_strings")).map(node -> {
            if (node.isTextual()) {
                return ImmutableSet.of(node.textValue());
            }
            if (!node.isArray()) {
                throw invalid(location, "option null_strings must be a string or a list of strings");
            }
            ImmutableSet.Builder<String> values = ImmutableSet.builder();
            node.forEach(value -> values.add(value.asText()));
            return values.build();
        });
        Optional<Charset> charset = text(root, "encoding").map(value -> {
            try {
                return Charset.forName(value);
            }
            catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw invalid(location, "option encoding '%s' is not a character set; use UTF-8 or ISO-8859-1".formatted(value));
            }
        });
        Optional<OnError> onError = text(root, "on_error").map(value -> switch (value.toLowerCase(Locale.ENGLISH)) {
            case "fail" -> OnError.FAIL;
            case "skip" -> OnError.SKIP;
            default -> throw invalid(location, "option on_error is '%s'; use fail or skip".formatted(value));
        });
        return new DatasetOptions(format, new TextHints(delimiter, quote, escape, header, nullStrings, charset), onError, columns(location, root.get("columns"), typeManager));
    }

    private static Map<String, LandingColumn> columns(String location, JsonNode node, TypeManager typeManager)
    {
        if (node == null) {
            return ImmutableMap.of();
        }
        if (!node.isObject()) {
            throw invalid(location, "option columns must map column names to types, e.g. {\"price\": \"decimal(10,2)\"}");
        }
        ImmutableMap.Builder<String, LandingColumn> columns = ImmutableMap.builder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey().toLowerCase(Locale.ENGLISH);
            JsonNode value = field.getValue();
            String typeName = value.isObject() ? value.path("type").asText("") : value.asText("");
            Optional<String> pattern = value.isObject() && value.hasNonNull("pattern") ? Optional.of(value.get("pattern").asText()) : Optional.empty();
            Type type;
            try {
                type = typeManager.fromSqlType(typeName);
            }
            catch (RuntimeException e) {
                throw invalid(location, "column %s has type '%s', which is not a Trino type such as bigint, decimal(10,2) or timestamp(3)".formatted(name, typeName));
            }
            columns.put(name, new LandingColumn(name, type, pattern));
        }
        return columns.buildKeepingLast();
    }

    private static Optional<String> text(JsonNode root, String name)
    {
        JsonNode node = root.get(name);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static int character(String location, String option, String value, boolean noneAllowed)
    {
        if (noneAllowed && (value.equalsIgnoreCase("none") || value.isEmpty())) {
            return TextDialect.NONE;
        }
        String unescaped = value.equals("\\t") ? "\t" : value;
        if (unescaped.length() != 1 || unescaped.charAt(0) > 127) {
            throw invalid(location, "option %s must be one ASCII character%s, not '%s'".formatted(option, noneAllowed ? " or \"none\"" : "", value));
        }
        return unescaped.charAt(0);
    }

    private static TrinoException invalid(String location, String message)
    {
        return new TrinoException(LANDING_INVALID_OPTIONS, location + " " + message);
    }
}
