package io.lakehouse.materializer.model;

import com.google.common.collect.ImmutableList;
import io.airlift.units.Duration;
import io.lakehouse.materializer.model.HeaderToken.Type;
import io.lakehouse.materializer.schedule.Schedule;
import io.lakehouse.materializer.template.LiteralValue;
import io.lakehouse.materializer.template.Template;
import io.lakehouse.materializer.template.TemplateException;
import io.lakehouse.materializer.template.TemplateValue;
import io.lakehouse.materializer.template.TemplateVariables;
import io.trino.sql.tree.Array;
import io.trino.sql.tree.BooleanLiteral;
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.StringLiteral;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Locale.ENGLISH;
import static java.util.Objects.requireNonNull;

/**
 * Parses the {@code MODEL ( key value, ... );} header at the start of a model file:
 * <pre>
 * MODEL (
 *   name lake.silver.titles,
 *   kind INCREMENTAL_BY_TIME_RANGE,
 *   time_column ds,
 *   cron '@daily',
 *   start '2024-01-01',
 *   owner 'data-engineering',
 *   description 'Titles with ratings',
 *   checks (not_null(tconst), unique(tconst), row_count(min = 1), accepted_values(titletype, ARRAY['movie', 'short']) WARN),
 *   variables (min_votes = 100),
 *   table_properties (format = 'PARQUET')
 * );
 * </pre>
 */
final class ModelHeaderParser
{
    private static final List<String> KEYS = ImmutableList.of(
            "name", "kind", "description", "owner", "cron", "start", "time_column", "checks", "variables", "sensor", "depends_on_past",
            "retries", "retry_delay", "max_active_runs", "grace", "freshness", "retain_versions", "table_properties", "column_statistics", "column_descriptions");
    private static final List<String> CHECKS = ImmutableList.of("not_null", "unique", "row_count", "accepted_values", "sql");

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
        Optional<String> owner = Optional.empty();
        Schedule schedule = Schedule.DAILY;
        Optional<LocalDate> start = Optional.empty();
        Optional<String> timeColumn = Optional.empty();
        List<Check> checks = ImmutableList.of();
        Map<String, TemplateValue> variables = Map.of();
        Optional<Sensor> sensor = Optional.empty();
        boolean dependsOnPast = false;
        int retries = 0;
        Duration retryDelay = Duration.valueOf("10s");
        int maxActiveRuns = 1;
        Duration grace = Duration.valueOf("0s");
        Optional<Duration> freshness = Optional.empty();
        int retainVersions = 2;
        Map<String, Expression> tableProperties = Map.of();
        boolean columnStatistics = true;
        Map<String, String> columnDescriptions = Map.of();

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
                case "owner" -> owner = Optional.of(expect(Type.STRING, "as the owner, such as owner 'data-engineering'").value());
                case "cron" -> schedule = parseSchedule();
                case "start" -> start = Optional.of(parseDate());
                case "time_column" -> timeColumn = Optional.of(expect(Type.IDENTIFIER, "as the time column, such as time_column ds").value().toLowerCase(ENGLISH));
                case "checks" -> checks = parseChecks();
                case "variables" -> variables = parseVariables();
                case "sensor" -> sensor = Optional.of(parseSensor());
                case "depends_on_past" -> dependsOnPast = parseBoolean("depends_on_past");
                case "retries" -> retries = parseCount("retries", 0);
                case "retry_delay" -> retryDelay = parseDuration("retry_delay");
                case "max_active_runs" -> maxActiveRuns = parseCount("max_active_runs", 1);
                case "grace" -> grace = parseDuration("grace");
                case "freshness" -> freshness = Optional.of(parseDuration("freshness"));
                case "retain_versions" -> retainVersions = parseCount("retain_versions", 0);
                case "table_properties" -> tableProperties = parseProperties("table_properties (format = 'PARQUET')");
                case "column_statistics" -> columnStatistics = parseBoolean("column_statistics");
                case "column_descriptions" -> columnDescriptions = parseColumnDescriptions();
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
        validate(model, kind, start, timeColumn, tableProperties, seenKeys);
        ModelHeader header = new ModelHeader(name, kind, description, owner, schedule, start, timeColumn, checks, variables, sensor,
                dependsOnPast, retries, retryDelay, maxActiveRuns, grace, freshness, retainVersions, tableProperties, columnStatistics, columnDescriptions);
        return new ParsedHeader(header, semicolon.end(), semicolon.line(), semicolon.column() + 1);
    }

    private void validate(HeaderToken model, ModelKind kind, Optional<LocalDate> start, Optional<String> timeColumn, Map<String, Expression> tableProperties, Map<String, HeaderToken> keys)
    {
        Expression partitionedBy = tableProperties.get("partitioned_by");
        HeaderToken properties = keys.getOrDefault("table_properties", model);
        switch (kind) {
            case FULL -> {
                if (partitionedBy != null) {
                    throw error(properties, "A FULL model's table is replaced by switching its location in one catalog change, which cannot carry partitions; " +
                            "remove partitioned_by, or make the model INCREMENTAL_BY_TIME_RANGE with a time_column");
                }
            }
            case VIEW -> {
                if (!tableProperties.isEmpty()) {
                    throw error(properties, "A VIEW model has no table properties; remove table_properties");
                }
                if (keys.containsKey("column_statistics")) {
                    throw error(keys.get("column_statistics"), "A VIEW model writes no data to collect column statistics of; remove column_statistics");
                }
            }
            case INCREMENTAL_BY_TIME_RANGE, APPEND -> {
                if (timeColumn.isEmpty()) {
                    throw error(model, "A %s model needs a time_column, the partition column holding each interval's ds; add for example: time_column ds".formatted(kind));
                }
                if (start.isEmpty()) {
                    throw error(model, "A %s model needs a start, its first interval's date; add for example: start '2024-01-01'".formatted(kind));
                }
                if (partitionedBy != null && !partitionedBy.equals(new Array(ImmutableList.of(new StringLiteral(timeColumn.get()))))) {
                    throw error(properties, "A %s model is partitioned by its time_column %s alone; remove partitioned_by from table_properties".formatted(kind, timeColumn.get()));
                }
            }
        }
        if (timeColumn.isPresent() && !kind.isPartitionedByInterval()) {
            throw error(keys.get("time_column"), "time_column applies to INCREMENTAL_BY_TIME_RANGE and APPEND models, not %s; remove it".formatted(kind));
        }
    }

    private Schedule parseSchedule()
    {
        HeaderToken cron = expect(Type.STRING, "as the cron, such as cron '@daily' or cron '0 6 * * *'");
        try {
            return Schedule.parse(cron.value());
        }
        catch (IllegalArgumentException e) {
            throw error(cron, e.getMessage());
        }
    }

    private LocalDate parseDate()
    {
        HeaderToken date = expect(Type.STRING, "as the start date, such as start '2024-01-01'");
        try {
            return LocalDate.parse(date.value());
        }
        catch (DateTimeParseException e) {
            throw error(date, "Invalid start date '%s': expected an ISO date such as '2024-01-01'".formatted(date.value()));
        }
    }

    private Duration parseDuration(String key)
    {
        HeaderToken duration = expect(Type.STRING, "as the %s, a duration such as '30m', '2h' or '1d'".formatted(key));
        try {
            return Duration.valueOf(duration.value());
        }
        catch (IllegalArgumentException e) {
            throw error(duration, "Invalid %s '%s': expected a duration such as '30s', '30m', '2h' or '1d'".formatted(key, duration.value()));
        }
    }

    private boolean parseBoolean(String key)
    {
        HeaderToken value = expect(Type.IDENTIFIER, "as the value of %s, true or false".formatted(key));
        if (value.isKeyword("true")) {
            return true;
        }
        if (value.isKeyword("false")) {
            return false;
        }
        throw error(value, "Expected true or false as the value of %s, found %s".formatted(key, value.describe()));
    }

    private int parseCount(String key, int minimum)
    {
        HeaderToken value = expect(Type.NUMBER, "as the value of %s".formatted(key));
        int count;
        try {
            count = Integer.parseInt(value.value());
        }
        catch (NumberFormatException e) {
            throw error(value, "Expected a whole number as the value of %s, found %s".formatted(key, value.value()));
        }
        if (count < minimum) {
            throw error(value, "%s must be at least %s, found %s".formatted(key, minimum, count));
        }
        return count;
    }

    private List<Check> parseChecks()
    {
        expect(Type.LEFT_PAREN, "to open the check list, as in checks (not_null(id), unique(id))");
        ImmutableList.Builder<Check> checks = ImmutableList.builder();
        while (!token.is(Type.RIGHT_PAREN)) {
            checks.add(parseCheck());
            if (!token.is(Type.RIGHT_PAREN)) {
                expect(Type.COMMA, "between checks (or ')' to close the list)");
            }
        }
        advance();
        return checks.build();
    }

    private Check parseCheck()
    {
        HeaderToken nameToken = expect(Type.IDENTIFIER, "as a check: one of " + String.join(", ", CHECKS));
        String name = nameToken.value().toLowerCase(ENGLISH);
        if (!CHECKS.contains(name)) {
            throw error(nameToken, "Unknown check '%s'; expected one of: %s".formatted(nameToken.value(), String.join(", ", CHECKS)));
        }
        expect(Type.LEFT_PAREN, "after check %s".formatted(name));
        Check check = switch (name) {
            case "not_null" -> new Check.NotNull(parseColumns(name), true);
            case "unique" -> new Check.Unique(parseColumns(name), true);
            case "row_count" -> parseRowCount(nameToken);
            case "accepted_values" -> {
                String column = expect(Type.IDENTIFIER, "as the column of accepted_values").value().toLowerCase(ENGLISH);
                expect(Type.COMMA, "after the column of accepted_values, followed by ARRAY[...] of the values");
                HeaderToken arrayToken = token;
                if (!(parseLiteral() instanceof Array array) || array.getValues().isEmpty()) {
                    throw error(arrayToken, "Expected the accepted values as a non-empty ARRAY['a', 'b']");
                }
                yield new Check.AcceptedValues(column, array.getValues(), true);
            }
            case "sql" -> {
                HeaderToken query = expect(Type.STRING, "as the check's query, returning the rows that break the rule from the staged rows 'this'");
                yield new Check.SqlAssertion(template(query), query.value(), true);
            }
            default -> throw new IllegalStateException("unhandled check " + name);
        };
        expect(Type.RIGHT_PAREN, "to close check %s".formatted(name));
        if (token.isKeyword("WARN")) {
            advance();
            return switch (check) {
                case Check.NotNull notNull -> new Check.NotNull(notNull.columns(), false);
                case Check.Unique unique -> new Check.Unique(unique.columns(), false);
                case Check.RowCount rowCount -> new Check.RowCount(rowCount.min(), rowCount.max(), false);
                case Check.AcceptedValues accepted -> new Check.AcceptedValues(accepted.column(), accepted.values(), false);
                case Check.SqlAssertion assertion -> new Check.SqlAssertion(assertion.query(), assertion.text(), false);
            };
        }
        return check;
    }

    private List<String> parseColumns(String check)
    {
        ImmutableList.Builder<String> columns = ImmutableList.builder();
        columns.add(expect(Type.IDENTIFIER, "as a column of %s".formatted(check)).value().toLowerCase(ENGLISH));
        while (token.is(Type.COMMA)) {
            advance();
            columns.add(expect(Type.IDENTIFIER, "as a column of %s".formatted(check)).value().toLowerCase(ENGLISH));
        }
        return columns.build();
    }

    private Check.RowCount parseRowCount(HeaderToken check)
    {
        OptionalLong min = OptionalLong.empty();
        OptionalLong max = OptionalLong.empty();
        while (!token.is(Type.RIGHT_PAREN)) {
            HeaderToken bound = expect(Type.IDENTIFIER, "as a bound of row_count, min or max");
            expect(Type.EQUALS, "after %s".formatted(bound.value()));
            HeaderToken value = expect(Type.NUMBER, "as the bound %s".formatted(bound.value()));
            long number;
            try {
                number = Long.parseLong(value.value());
            }
            catch (NumberFormatException e) {
                throw error(value, "Expected a whole number of rows, found %s".formatted(value.value()));
            }
            if (bound.isKeyword("min")) {
                min = OptionalLong.of(number);
            }
            else if (bound.isKeyword("max")) {
                max = OptionalLong.of(number);
            }
            else {
                throw error(bound, "Unknown bound '%s' of row_count; expected min or max".formatted(bound.value()));
            }
            if (!token.is(Type.RIGHT_PAREN)) {
                expect(Type.COMMA, "between the bounds of row_count");
            }
        }
        if (min.isEmpty() && max.isEmpty()) {
            throw error(check, "row_count needs a bound, such as row_count(min = 1) or row_count(min = 1, max = 1000)");
        }
        return new Check.RowCount(min, max, true);
    }

    private Map<String, TemplateValue> parseVariables()
    {
        HeaderToken open = token;
        Map<String, Expression> literals = parseProperties("variables (min_votes = 100, country = 'US')");
        Map<String, TemplateValue> variables = new LinkedHashMap<>();
        literals.forEach((name, literal) -> {
            if (TemplateVariables.BUILT_IN.contains(name)) {
                throw error(open, "Variable '%s' is built in; choose another name".formatted(name));
            }
            if (literal instanceof Array) {
                throw error(open, "Variable '%s' is an array; variables are strings, numbers or booleans".formatted(name));
            }
            variables.put(name, new LiteralValue(literal));
        });
        return variables;
    }

    private Map<String, String> parseColumnDescriptions()
    {
        HeaderToken open = token;
        Map<String, Expression> literals = parseProperties("column_descriptions (tconst = 'IMDb title id')");
        Map<String, String> descriptions = new LinkedHashMap<>();
        literals.forEach((column, literal) -> {
            if (!(literal instanceof StringLiteral text)) {
                throw error(open, "The description of column '%s' is not a string; write it in single quotes, as in %s = 'what the column holds'".formatted(column, column));
            }
            descriptions.put(column, text.getValue());
        });
        return descriptions;
    }

    private Sensor parseSensor()
    {
        HeaderToken open = token;
        expect(Type.LEFT_PAREN, "to open the sensor, as in sensor (sql = 'SELECT count(*) > 0 FROM ... WHERE ds = {{ ds }}', timeout = '6h')");
        HeaderToken query = null;
        Duration timeout = Duration.valueOf("1h");
        Duration poke = Duration.valueOf("30s");
        while (!token.is(Type.RIGHT_PAREN)) {
            HeaderToken key = expect(Type.IDENTIFIER, "as a sensor property: sql, timeout or poke");
            expect(Type.EQUALS, "after %s".formatted(key.value()));
            switch (key.value().toLowerCase(ENGLISH)) {
                case "sql" -> query = expect(Type.STRING, "as the sensor's query, returning true once the input is there");
                case "timeout" -> timeout = parseDuration("sensor timeout");
                case "poke" -> poke = parseDuration("sensor poke interval");
                default -> throw error(key, "Unknown sensor property '%s'; expected sql, timeout or poke".formatted(key.value()));
            }
            if (!token.is(Type.RIGHT_PAREN)) {
                expect(Type.COMMA, "between sensor properties");
            }
        }
        advance();
        if (query == null) {
            throw error(open, "The sensor has no sql; add for example: sql = 'SELECT count(*) > 0 FROM lakehouse.landing.title_basics WHERE ds = {{ ds }}'");
        }
        return new Sensor(template(query), query.value(), timeout, poke);
    }

    private Template template(HeaderToken string)
    {
        try {
            // the string's content starts one column after its opening quote
            return Template.parse(string.value(), string.line(), string.column() + 1);
        }
        catch (TemplateException e) {
            throw new ModelException(file, e.getLine(), e.getColumn(), e.getMessage(), e);
        }
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

    private Map<String, Expression> parseProperties(String example)
    {
        expect(Type.LEFT_PAREN, "to open the property list, as in " + example);
        Map<String, Expression> properties = new LinkedHashMap<>();
        while (!token.is(Type.RIGHT_PAREN)) {
            HeaderToken name = expect(Type.IDENTIFIER, "as a property name");
            expect(Type.EQUALS, "after property '%s'".formatted(name.value()));
            Expression value = parseLiteral();
            if (properties.put(name.value().toLowerCase(ENGLISH), value) != null) {
                throw error(name, "Duplicate property '%s'".formatted(name.value()));
            }
            if (!token.is(Type.RIGHT_PAREN)) {
                expect(Type.COMMA, "between properties (or ')' to close the list)");
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
