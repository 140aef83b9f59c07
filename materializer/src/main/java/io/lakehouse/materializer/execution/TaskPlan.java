package io.lakehouse.materializer.execution;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.lakehouse.materializer.audit.CheckQueries;
import io.lakehouse.materializer.audit.CheckQueries.AuditItem;
import io.lakehouse.materializer.model.Check;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.ModelKind;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.schedule.Interval;
import io.lakehouse.materializer.template.DateValue;
import io.lakehouse.materializer.template.TemplateVariables;
import io.trino.sql.tree.Array;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.StringLiteral;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.sql.ExpressionFormatter.formatExpression;
import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * What one task (a model and an interval) executes: the staging statement writing to a table (or view) named
 * after the run, the checks on it, the catalog change that publishes it, and the statement that drops the staged
 * data if the task fails before publishing.
 *
 * @param intervalCheck for interval-partitioned kinds, the query counting staged rows outside the interval's partition
 * @param audit the one statement returning the interval check's number (if any), then each check's, in order
 * @param partitionValue for interval-partitioned kinds, the partition the interval replaces ({@code ds=2024-01-01})
 */
public record TaskPlan(
        Model model,
        Interval interval,
        RunId runId,
        TableName target,
        TableName staging,
        Optional<String> createSchema,
        String stage,
        Optional<String> intervalCheck,
        List<PlannedCheck> checks,
        Optional<String> audit,
        String publish,
        String dropStaging,
        Optional<String> partitionValue)
{
    /**
     * @param sql the query counting the check's offending rows, run when the audit statement fails
     * @param failingRows a query returning some of them, run when the check blocks the publish
     */
    public record PlannedCheck(Check check, String sql, Optional<String> failingRows)
    {
        public PlannedCheck
        {
            requireNonNull(check, "check is null");
            requireNonNull(sql, "sql is null");
            requireNonNull(failingRows, "failingRows is null");
        }
    }

    public TaskPlan
    {
        requireNonNull(model, "model is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(target, "target is null");
        requireNonNull(staging, "staging is null");
        requireNonNull(createSchema, "createSchema is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(intervalCheck, "intervalCheck is null");
        checks = ImmutableList.copyOf(requireNonNull(checks, "checks is null"));
        requireNonNull(audit, "audit is null");
        requireNonNull(publish, "publish is null");
        requireNonNull(dropStaging, "dropStaging is null");
        requireNonNull(partitionValue, "partitionValue is null");
    }

    public static final String STAGING_MARKER = "__stg_";
    // the Hive connector's session property; its default (true) comes from hive.collect-column-statistics-on-write
    private static final String COLLECT_COLUMN_STATISTICS = "collect_column_statistics_on_write";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd'_'HHmm");

    /**
     * The staging table of one attempt of a task: {@code <table>__stg_<run id>__<interval start>[_<attempt>]}, so
     * that the intervals and attempts of one run never collide, and a staging table names the run it belongs to.
     */
    public static TableName stagingTable(TableName target, RunId runId, Interval interval, int attempt)
    {
        String start = interval.start().toLocalTime().equals(LocalTime.MIDNIGHT) ? DAY.format(interval.start()) : MINUTE.format(interval.start());
        return target.withTable(target.table() + STAGING_MARKER + runId.value() + "__" + start + (attempt > 1 ? "_" + attempt : ""));
    }

    /**
     * The run a staging table of {@code target} belongs to, if {@code table} is one.
     */
    public static Optional<RunId> stagingRun(TableName target, String table)
    {
        String prefix = target.table() + STAGING_MARKER;
        if (!table.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = table.substring(prefix.length());
        int end = rest.indexOf("__");
        try {
            return Optional.of(new RunId(end < 0 ? rest : rest.substring(0, end)));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The table a staging table publishes to ({@code t} for {@code t__stg_<run id>__…}), or the table itself when it
     * is not a staging table.
     */
    public static TableName publishedTable(TableName table)
    {
        int marker = table.table().indexOf(STAGING_MARKER);
        if (marker <= 0) {
            return table;
        }
        TableName target = table.withTable(table.table().substring(0, marker));
        return stagingRun(target, table.table()).isPresent() ? target : table;
    }

    public static TaskPlan of(Model model, Interval interval, RunId runId, Optional<Warehouse> warehouse)
    {
        return of(model, interval, runId, 1, warehouse);
    }

    public static TaskPlan of(Model model, Interval interval, RunId runId, int attempt, Optional<Warehouse> warehouse)
    {
        requireNonNull(model, "model is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(warehouse, "warehouse is null");

        TemplateVariables variables = TemplateVariables.forInterval(interval);
        String query = model.renderQuery(variables);
        TableName target = model.name();
        TableName staging = stagingTable(target, runId, interval, attempt);
        String schemaLocation = warehouse
                .map(location -> " WITH (location = %s)".formatted(formatExpression(new StringLiteral(location.schemaLocation(target.schema())))))
                .orElse("");
        Optional<String> createSchema = Optional.of("CREATE SCHEMA IF NOT EXISTS " + target.schemaSql() + schemaLocation);
        // the query is appended as it is, line breaks included, so line n of the statement is line n of the query
        String separator = query.isEmpty() || Character.isWhitespace(query.charAt(0)) ? "" : " ";

        ModelKind kind = model.kind();
        Map<String, Expression> properties = new LinkedHashMap<>(model.header().tableProperties());
        Optional<String> intervalCheck = Optional.empty();
        List<AuditItem> audit = new ArrayList<>();
        Optional<String> partitionValue = Optional.empty();
        String stage;
        String publish;
        String dropStaging;
        switch (kind) {
            case FULL -> {
                stage = "CREATE TABLE " + staging.toSql() + properties(properties) + " AS" + separator + query;
                publish = "Glue %s %s: point its location and columns at the data of %s".formatted(
                        "UpdateTable (CreateTable the first time)", target, staging);
                dropStaging = "DROP TABLE IF EXISTS " + staging.toSql();
            }
            case VIEW -> {
                stage = "CREATE VIEW " + staging.toSql() + " AS" + separator + query;
                publish = "Glue UpdateTable (CreateTable the first time) %s: the view definition of %s".formatted(target, staging);
                dropStaging = "DROP VIEW IF EXISTS " + staging.toSql();
            }
            case INCREMENTAL_BY_TIME_RANGE, APPEND -> {
                String column = model.header().timeColumn().orElseThrow();
                properties.put("partitioned_by", new Array(ImmutableList.of(new StringLiteral(column))));
                DateValue ds = new DateValue(interval.ds());
                stage = "CREATE TABLE " + staging.toSql() + properties(properties) + " AS" + separator + query;
                String outside = CheckQueries.outsideInterval(column, ds.toSql());
                intervalCheck = Optional.of("SELECT count(*) FROM %s WHERE %s".formatted(staging.toSql(), outside));
                audit.add(CheckQueries.countWhere(outside));
                partitionValue = Optional.of(interval.ds().toString());
                publish = "Glue %s %s partition %s=%s: the location of the staged partition of %s".formatted(
                        kind == ModelKind.APPEND ? "CreatePartition" : "UpdatePartition (CreatePartition the first time)", target, column, interval.ds(), staging);
                dropStaging = "DROP TABLE IF EXISTS " + staging.toSql();
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
        List<PlannedCheck> checks = model.header().checks().stream()
                .map(check -> new PlannedCheck(check, CheckQueries.query(check, model, staging, variables), CheckQueries.failingRows(check, model, staging, variables)))
                .collect(ImmutableList.toImmutableList());
        model.header().checks().forEach(check -> audit.add(CheckQueries.auditItem(check, model, staging, variables)));
        Optional<String> auditStatement = audit.isEmpty() ? Optional.empty() : Optional.of(CheckQueries.audit(staging, audit));
        return new TaskPlan(model, interval, runId, target, staging, createSchema, stage, intervalCheck, checks, auditStatement, publish, dropStaging, partitionValue);
    }

    /**
     * The statements and catalog changes of a successful task, in order, as {@code plan} prints them.
     */
    public List<String> describe()
    {
        ImmutableList.Builder<String> steps = ImmutableList.builder();
        createSchema.ifPresent(steps::add);
        stageSessionProperties().forEach((name, value) -> steps.add("SET SESSION %s = %s".formatted(name, value)));
        steps.add(stage);
        stageSessionProperties().keySet().forEach(name -> steps.add("RESET SESSION " + name));
        audit.ifPresent(statement -> steps.add("-- audit in one statement: " + auditedChecks() + "\n" + statement));
        steps.add("-- publish: " + publish);
        steps.add("-- then Glue DeleteTable %s (metadata only; the published data stays)".formatted(staging));
        return steps.build();
    }

    /**
     * The session properties the staging statement runs with: a model with {@code column_statistics false} has its
     * table written without column statistics (Hive's statistics aggregation on write: distinct values, nulls, min
     * and max of every column), the table's row count and size are still recorded.
     */
    public Map<String, String> stageSessionProperties()
    {
        if (model.kind() == ModelKind.VIEW || model.header().columnStatistics()) {
            return ImmutableMap.of();
        }
        return ImmutableMap.of(formatExpression(new Identifier(target.catalog())) + "." + COLLECT_COLUMN_STATISTICS, "false");
    }

    /**
     * What the audit statement's numbers are, in order: {@code interval check, not_null(id), unique(id) (warn only)}.
     */
    public String auditedChecks()
    {
        List<String> names = new ArrayList<>();
        intervalCheck.ifPresent(_ -> names.add("interval check"));
        checks.forEach(check -> names.add(check.check().describe() + (check.check().blocking() ? "" : " (warn only)")));
        return String.join(", ", names);
    }

    private static String properties(Map<String, Expression> properties)
    {
        if (properties.isEmpty()) {
            return "";
        }
        return ImmutableMap.copyOf(properties).entrySet().stream()
                .map(property -> formatExpression(new Identifier(property.getKey())) + " = " + formatExpression(property.getValue()))
                .collect(joining(", ", " WITH (", ")"));
    }
}
