package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static io.lakehouse.catalog.glue.GlueErrorType.INVALID_INPUT;
import static java.util.Objects.requireNonNull;
import static java.util.regex.Pattern.CASE_INSENSITIVE;

/**
 * The JSON body of one Glue API call, with typed accessors whose failures name the
 * operation and the offending field.
 */
public final class GlueRequest
{
    // Glue limits every catalog name (database, table, function, column) to 255 characters
    private static final int MAX_NAME_LENGTH = 255;

    private final String operation;
    private final ObjectNode body;

    public GlueRequest(String operation, ObjectNode body)
    {
        this.operation = requireNonNull(operation, "operation is null");
        this.body = requireNonNull(body, "body is null");
    }

    public String operation()
    {
        return operation;
    }

    public ObjectNode body()
    {
        return body;
    }

    /**
     * Reads a database, table or function name. Glue names are case-insensitive and stored lower-case.
     */
    public String requiredName(String field)
    {
        return normalizeName(operation, field, requiredString(field));
    }

    /**
     * Reads a name nested in an input object, such as {@code TableInput.Name}.
     */
    public String requiredName(ObjectNode input, String inputField, String field)
    {
        JsonNode node = input.get(field);
        if (node == null || !node.isTextual()) {
            throw invalidInput("%s requires the string field %s.%s", operation, inputField, field);
        }
        return normalizeName(operation, inputField + "." + field, node.textValue());
    }

    public Optional<String> optionalName(String field)
    {
        return optionalString(field).map(name -> normalizeName(operation, field, name));
    }

    public String requiredString(String field)
    {
        return optionalString(field)
                .orElseThrow(() -> invalidInput("%s requires the field %s", operation, field));
    }

    public Optional<String> optionalString(String field)
    {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw invalidInput("%s field %s must be a string, but was: %s", operation, field, node);
        }
        return Optional.of(node.textValue());
    }

    /**
     * Reads a regular expression that a whole name must match, ignoring case; without the field every name matches.
     */
    public Predicate<String> optionalNamePattern(String field)
    {
        return optionalString(field)
                .map(expression -> {
                    try {
                        Pattern pattern = Pattern.compile(expression, CASE_INSENSITIVE);
                        return (Predicate<String>) name -> pattern.matcher(name).matches();
                    }
                    catch (PatternSyntaxException e) {
                        throw invalidInput("%s field %s is not a valid regular expression: %s", operation, field, e.getMessage());
                    }
                })
                .orElse(_ -> true);
    }

    public boolean optionalBoolean(String field, boolean defaultValue)
    {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            throw invalidInput("%s field %s must be a boolean, but was: %s", operation, field, node);
        }
        return node.booleanValue();
    }

    public OptionalInt optionalInt(String field)
    {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw invalidInput("%s field %s must be an integer, but was: %s", operation, field, node);
        }
        return OptionalInt.of(node.intValue());
    }

    /**
     * Reads the MaxResults field, checking it against the limit Glue documents for the operation.
     */
    public int maxResults(int limit)
    {
        int maxResults = optionalInt("MaxResults").orElse(limit);
        if (maxResults < 1 || maxResults > limit) {
            throw invalidInput("%s field MaxResults must be between 1 and %s, but was %s", operation, limit, maxResults);
        }
        return maxResults;
    }

    public ObjectNode requiredObject(String field)
    {
        return optionalObject(field)
                .orElseThrow(() -> invalidInput("%s requires the object field %s", operation, field));
    }

    public Optional<ObjectNode> optionalObject(String field)
    {
        return optionalObject(operation, body, field);
    }

    public List<ObjectNode> requiredObjectList(String field)
    {
        return objectList(operation, body, field)
                .orElseThrow(() -> invalidInput("%s requires the list field %s", operation, field));
    }

    public List<String> requiredStringList(String field)
    {
        return stringList(operation, body, field)
                .orElseThrow(() -> invalidInput("%s requires the list field %s", operation, field));
    }

    /**
     * Fails on request fields that change the meaning of a call in ways this catalog does not
     * implement (Lake Formation transactions, time travel), rather than silently ignoring them.
     */
    public void rejectUnsupported(String... fields)
    {
        for (String field : fields) {
            JsonNode node = body.get(field);
            if (node != null && !node.isNull()) {
                throw invalidInput("%s field %s is not supported by this catalog; remove it from the request", operation, field);
            }
        }
    }

    public GlueException invalidInput(String format, Object... args)
    {
        return new GlueException(INVALID_INPUT, format.formatted(args));
    }

    public static Optional<ObjectNode> optionalObject(String operation, ObjectNode parent, String field)
    {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new GlueException(INVALID_INPUT, "%s field %s must be an object, but was: %s".formatted(operation, field, node));
        }
        return Optional.of((ObjectNode) node);
    }

    public static Optional<List<ObjectNode>> objectList(String operation, ObjectNode parent, String field)
    {
        return array(operation, parent, field).map(array -> {
            ImmutableList.Builder<ObjectNode> objects = ImmutableList.builder();
            for (JsonNode element : array) {
                if (!element.isObject()) {
                    throw new GlueException(INVALID_INPUT, "%s field %s must contain only objects, but contained: %s".formatted(operation, field, element));
                }
                objects.add((ObjectNode) element);
            }
            return objects.build();
        });
    }

    public static Optional<List<String>> stringList(String operation, ObjectNode parent, String field)
    {
        return array(operation, parent, field).map(array -> {
            ImmutableList.Builder<String> values = ImmutableList.builder();
            for (JsonNode element : array) {
                if (!element.isTextual()) {
                    throw new GlueException(INVALID_INPUT, "%s field %s must contain only strings, but contained: %s".formatted(operation, field, element));
                }
                values.add(element.textValue());
            }
            return values.build();
        });
    }

    public static String normalizeName(String operation, String field, String name)
    {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new GlueException(INVALID_INPUT, "%s field %s must be between 1 and %s characters long, but was '%s'".formatted(operation, field, MAX_NAME_LENGTH, name));
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static Optional<ArrayNode> array(String operation, ObjectNode parent, String field)
    {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw new GlueException(INVALID_INPUT, "%s field %s must be a list, but was: %s".formatted(operation, field, node));
        }
        return Optional.of((ArrayNode) node);
    }
}
