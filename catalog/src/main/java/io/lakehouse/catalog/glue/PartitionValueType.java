package io.lakehouse.catalog.glue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How partition expressions compare the values of a partition key, by the key's Hive type:
 * strings as text, integers and decimals as numbers, dates and timestamps as points in time.
 * Partition values are always stored as text; a value that is not of its key's type (such as
 * {@code __HIVE_DEFAULT_PARTITION__} in an integer key) compares as unknown, so it matches
 * neither a condition nor its negation.
 */
enum PartitionValueType
{
    STRING("string"),
    INTEGER("integer"),
    DECIMAL("decimal"),
    DATE("date"),
    TIMESTAMP("timestamp"),
    BOOLEAN("boolean");

    private static final Pattern INTEGER_TYPE = Pattern.compile("tinyint|smallint|int|integer|bigint|long");
    private static final Pattern DECIMAL_TYPE = Pattern.compile("decimal(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?|float|double|real");
    private static final Pattern STRING_TYPE = Pattern.compile("string|(var)?char(\\(\\s*\\d+\\s*\\))?");
    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);

    private final String description;

    PartitionValueType(String description)
    {
        this.description = description;
    }

    /**
     * The comparison for a Hive type name such as {@code varchar(10)} or {@code bigint}; empty for
     * types Glue does not compare in expressions (binary, complex types).
     */
    static Optional<PartitionValueType> forHiveType(String hiveType)
    {
        String type = hiveType.strip().toLowerCase(Locale.ROOT);
        if (STRING_TYPE.matcher(type).matches()) {
            return Optional.of(STRING);
        }
        if (INTEGER_TYPE.matcher(type).matches()) {
            return Optional.of(INTEGER);
        }
        if (DECIMAL_TYPE.matcher(type).matches()) {
            return Optional.of(DECIMAL);
        }
        return switch (type) {
            case "date" -> Optional.of(DATE);
            case "timestamp" -> Optional.of(TIMESTAMP);
            case "boolean" -> Optional.of(BOOLEAN);
            default -> Optional.empty();
        };
    }

    /**
     * Reads a partition value; empty when the value is not of this type.
     */
    Optional<Comparable<?>> parseValue(String value)
    {
        try {
            return Optional.of(parse(value));
        }
        catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads a literal of an expression.
     *
     * @throws IllegalArgumentException naming the expected form when the literal is not of this type
     */
    Comparable<?> parseLiteral(String literal)
    {
        try {
            return parse(literal);
        }
        catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("'%s' is not %s".formatted(literal, expectedForm()));
        }
    }

    private Comparable<?> parse(String value)
    {
        String text = value.strip();
        return switch (this) {
            case STRING -> value;
            case INTEGER -> {
                BigDecimal number = new BigDecimal(text);
                if (number.stripTrailingZeros().scale() > 0) {
                    throw new IllegalArgumentException("not an integer");
                }
                yield number;
            }
            case DECIMAL -> new BigDecimal(text);
            case DATE -> LocalDate.parse(text);
            case TIMESTAMP -> LocalDateTime.parse(text.replace('T', ' '), TIMESTAMP_FORMAT);
            case BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean");
            };
        };
    }

    private String expectedForm()
    {
        return switch (this) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case DECIMAL -> "a number";
            case DATE -> "a date such as '2024-01-31'";
            case TIMESTAMP -> "a timestamp such as '2024-01-31 12:00:00'";
            case BOOLEAN -> "true or false";
        };
    }

    @Override
    public String toString()
    {
        return description;
    }
}
