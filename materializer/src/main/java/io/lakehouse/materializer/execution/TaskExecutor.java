package io.lakehouse.materializer.execution;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.airlift.log.Logger;
import io.lakehouse.catalog.refresh.Publication;
import io.airlift.units.Duration;
import io.lakehouse.materializer.audit.CheckQueries;
import io.lakehouse.materializer.audit.CheckResult;
import io.lakehouse.materializer.execution.TaskPlan.PlannedCheck;
import io.lakehouse.materializer.execution.TrinoSession.Execution;
import io.lakehouse.materializer.ledger.ExpiredVersions;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.VersionHistory;
import io.lakehouse.materializer.ledger.VersionRecord;
import io.lakehouse.materializer.ledger.VersionState;
import io.lakehouse.materializer.lineage.ColumnLineage;
import io.lakehouse.materializer.lineage.QueryLineageReader;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.ModelKind;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.publish.PublishedData;
import io.lakehouse.materializer.publish.Publisher;
import io.lakehouse.materializer.publish.Publisher.PublishOutcome;
import io.lakehouse.materializer.publish.Publisher.PublishReads;
import io.lakehouse.materializer.publish.TableDescription;
import io.trino.jdbc.QueryStats;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.airlift.concurrent.MoreFutures.getFutureValue;
import static java.time.ZoneOffset.UTC;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Executes one task with write-audit-publish: the model's query is written to a staging table named after the
 * run, the checks run on the staged data, and only then one Glue call makes it the model's table (or the interval's
 * partition). A failure before the publish drops the staged data and leaves the model's table as it was. After the
 * publish, the replaced data is kept for {@code retain_versions} publishes, for rollback, then deleted.
 */
public final class TaskExecutor
{
    private static final Logger log = Logger.get(TaskExecutor.class);

    // characters of a value shown in a failed check's rows
    private static final int MAX_VALUE_SHOWN = 40;
    // Trino prefixes analysis and syntax errors with the position in the statement
    private static final Pattern STATEMENT_POSITION = Pattern.compile("Query failed \\(#[^)]*\\): line (\\d+):(\\d+): ");

    private final Publisher publisher;
    private final Ledger ledger;
    private final Set<String> createdSchemas;
    private final QueryLineageReader lineage;

    private enum Step
    {
        CREATE_SCHEMA("creating schema"),
        STAGE("writing staging table"),
        AUDIT("checking the staged data of"),
        CONFIRM_LEASE("confirming the lease before publishing"),
        PUBLISH("publishing");

        private final String description;

        Step(String description)
        {
            this.description = description;
        }
    }

    /**
     * @param createdSchemas the schemas known to exist, shared by the tasks of an instance; a task adds the schema it creates
     */
    public TaskExecutor(Publisher publisher, Ledger ledger, Set<String> createdSchemas)
    {
        this(publisher, ledger, createdSchemas, new QueryLineageReader(new Duration(10, SECONDS)));
    }

    /**
     * @param lineage reads the column lineage Trino reports for the staging query
     */
    public TaskExecutor(Publisher publisher, Ledger ledger, Set<String> createdSchemas, QueryLineageReader lineage)
    {
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.createdSchemas = requireNonNull(createdSchemas, "createdSchemas is null");
        this.lineage = requireNonNull(lineage, "lineage is null");
    }

    /**
     * @param lease renewed right before the publish: a task whose lease another instance took over does not publish
     */
    public TaskResult execute(TaskPlan plan, TrinoSession trino, Consumer<QueryStats> progress, TaskLease lease)
    {
        requireNonNull(plan, "plan is null");
        requireNonNull(trino, "trino is null");
        requireNonNull(progress, "progress is null");
        requireNonNull(lease, "lease is null");
        Model model = plan.model();
        long start = System.nanoTime();
        Step step = Step.CREATE_SCHEMA;
        Optional<Execution> written = Optional.empty();
        List<CheckResult> checks = new ArrayList<>();
        PublishOutcome publication;
        try {
            trino.use(model.name().catalog(), model.name().schema());
            if (plan.createSchema().isPresent() && !createdSchemas.contains(plan.target().schemaSql())) {
                createSchema(trino, plan.createSchema().get());
                createdSchemas.add(plan.target().schemaSql());
            }
            step = Step.STAGE;
            written = Optional.of(trino.execute(plan.stage(), plan.stageSessionProperties(), progress));
            // the catalog reads of the publish go on while the checks run and the lease is confirmed
            PublishReads reads = switch (model.kind()) {
                case FULL, VIEW -> publisher.readTable(plan.staging(), plan.target());
                case INCREMENTAL_BY_TIME_RANGE, APPEND -> publisher.readPartition(plan.staging(), plan.target(), plan.partitionValue().orElseThrow());
            };

            step = Step.AUDIT;
            Iterator<Long> numbers = audit(plan, trino).iterator();
            if (plan.intervalCheck().isPresent()) {
                long outside = numbers.next();
                if (outside > 0) {
                    throw new ChecksFailedException("%,d staged rows have %s NULL or other than %s: the query of an interval-partitioned model must return only the interval's rows; filter it with WHERE %2$s = {{ ds }}".formatted(
                            outside, model.header().timeColumn().orElseThrow(), plan.interval().ds()));
                }
            }
            for (PlannedCheck check : plan.checks()) {
                CheckResult result = CheckQueries.result(check.check(), numbers.next());
                checks.add(result.blocksPublish() ? result.withFailingRows(failingRows(check, trino)) : result);
            }
            List<CheckResult> blocking = checks.stream().filter(CheckResult::blocksPublish).toList();
            if (!blocking.isEmpty()) {
                throw new ChecksFailedException("%s blocking check%s failed: %s".formatted(blocking.size(), blocking.size() == 1 ? "" : "s", blocking));
            }

            // the heartbeat may have failed to renew the lease (a pause longer than its expiry, the ledger unreachable)
            // and another instance taken the task over: only the holder of the lease may change the catalog
            step = Step.CONFIRM_LEASE;
            if (!lease.renew()) {
                throw new LeaseLostException("the lease of %s %s expired and another instance took the task over; it publishes the interval, this attempt does not".formatted(model.name(), plan.interval()));
            }

            step = Step.PUBLISH;
            publication = publish(plan, reads, written.get());
        }
        catch (SQLException | RuntimeException e) {
            throw failure(plan, step, e, trino, written, checks);
        }

        // after the publish, the ledger and catalog writes go on while the task's Trino statements (flushing the
        // metadata cache, reading the lineage) run: forgetting the staged table, a Glue call on a table nothing else of
        // the task touches; recording the publish, then registering the data of expired versions for deletion
        Execution staged = written.get();
        CompletableFuture<Void> forgetting = Publisher.inParallel(() -> publisher.forgetStagedTable(plan.staging()));
        CompletableFuture<Optional<Expiry>> recording = model.kind() == ModelKind.VIEW
                ? CompletableFuture.completedFuture(Optional.empty())
                : CompletableFuture.supplyAsync(() -> Optional.of(recordVersions(plan, publication, staged.rows())), Ledger.WRITES);
        List<String> warnings = new ArrayList<>();
        flushMetadataCache(plan, trino, warnings);
        Optional<CompletableFuture<Void>> lineageRecording = recordLineage(plan, staged.queryId(), trino, warnings);
        checks.stream()
                .filter(result -> !result.passed())
                .forEach(result -> warnings.add("check " + result));
        ExpiredVersions expired = ExpiredVersions.NONE;
        try {
            Optional<Expiry> expiry = getFutureValue(recording);
            if (expiry.isPresent()) {
                try {
                    expired = expire(expiry.get(), trino);
                }
                catch (SQLException | RuntimeException e) {
                    warnings.add("Expiring earlier versions of %s failed: %s".formatted(model.name(), e.getMessage()));
                }
            }
        }
        catch (RuntimeException e) {
            warnings.add("Recording earlier versions of %s failed: %s".formatted(model.name(), e.getMessage()));
        }
        lineageRecording.ifPresent(recordingLineage -> {
            try {
                getFutureValue(recordingLineage);
            }
            catch (RuntimeException e) {
                warnings.add(lineageNotRecorded(e));
            }
        });
        try {
            getFutureValue(forgetting);
        }
        catch (RuntimeException e) {
            warnings.add("Dropping the staged table %s from the catalog failed (%s); the next run removes it".formatted(plan.staging(), e.getMessage()));
        }
        warnings.forEach(warning -> log.warn("%s %s: %s", model.name(), plan.interval(), warning));
        return new TaskResult(model, plan.interval(), plan.runId(), staged.rows(), staged.queryId(), checks,
                publication.published().map(PublishedData::location), expired, warnings, Duration.nanosSince(start));
    }

    /**
     * The interval check's number, then each check's, from one statement; when it fails, the queries run one by one
     * so that the error names the check whose query failed.
     */
    private static List<Long> audit(TaskPlan plan, TrinoSession trino)
            throws SQLException
    {
        if (plan.audit().isEmpty()) {
            return List.of();
        }
        try {
            return trino.query(plan.audit().get(), row -> {
                List<Long> numbers = new ArrayList<>();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    numbers.add(row.getLong(column));
                }
                return numbers;
            }).getFirst();
        }
        catch (SQLException e) {
            if (trino.isCancelled()) {
                throw e;
            }
            List<Long> numbers = new ArrayList<>();
            if (plan.intervalCheck().isPresent()) {
                numbers.add(trino.queryValue(plan.intervalCheck().get(), Long.class));
            }
            for (PlannedCheck check : plan.checks()) {
                try {
                    numbers.add(trino.queryValue(check.sql(), Long.class));
                }
                catch (SQLException checkError) {
                    throw new SQLException("check %s: %s".formatted(check.check().describe(), checkError.getMessage()), checkError);
                }
            }
            return numbers;
        }
    }

    /**
     * Some of the staged rows that fail a blocking check, each as {@code (column=value, …)}, to show with the failure
     * before the staged data is dropped; none when they cannot be read, since the failure says the rest.
     */
    private static List<String> failingRows(PlannedCheck check, TrinoSession trino)
    {
        if (check.failingRows().isEmpty()) {
            return List.of();
        }
        try {
            return trino.query(check.failingRows().get(), TaskExecutor::describeRow);
        }
        catch (SQLException | RuntimeException e) {
            log.warn("Could not read the rows failing check %s: %s", check.check().describe(), e.getMessage());
            return List.of();
        }
    }

    private static String describeRow(ResultSet row)
            throws SQLException
    {
        ResultSetMetaData columns = row.getMetaData();
        StringBuilder text = new StringBuilder("(");
        for (int column = 1; column <= columns.getColumnCount(); column++) {
            String value = row.getString(column);
            text.append(column == 1 ? "" : ", ")
                    .append(columns.getColumnLabel(column))
                    .append('=')
                    .append(value == null ? "NULL" : value.length() <= MAX_VALUE_SHOWN ? value : value.substring(0, MAX_VALUE_SHOWN) + "…");
        }
        return text.append(')').toString();
    }

    private static void createSchema(TrinoSession trino, String sql)
            throws SQLException
    {
        try {
            trino.execute(sql);
        }
        catch (SQLException e) {
            // IF NOT EXISTS checks first: a task of another model or instance created it in between
            if (e.getMessage() == null || !e.getMessage().contains("Schema already exists")) {
                throw e;
            }
        }
    }

    private PublishOutcome publish(TaskPlan plan, PublishReads reads, Execution written)
    {
        Model model = plan.model();
        Publication publication = new Publication(
                model.references().stream().map(TableName::toString).sorted().toList(),
                plan.runId().value(),
                plan.interval().start().toInstant(UTC),
                plan.interval().end().toInstant(UTC),
                model.kind() == ModelKind.VIEW ? OptionalLong.empty() : OptionalLong.of(written.rows()),
                Instant.now());
        TableDescription description = new TableDescription(model.header().description(), model.header().columnDescriptions(), ImmutableMap.of(Publisher.MODEL_FILE, model.file().toString()));
        return switch (model.kind()) {
            case FULL, VIEW -> publisher.publishTable(reads, publication, description);
            case INCREMENTAL_BY_TIME_RANGE, APPEND -> publisher.publishPartition(reads, model.kind() == ModelKind.APPEND, publication, description);
        };
    }

    private static void flushMetadataCache(TaskPlan plan, TrinoSession trino, List<String> warnings)
    {
        try {
            trino.flushMetadataCache(plan.target());
        }
        catch (SQLException e) {
            warnings.add("Flushing Trino's metadata cache of %s failed (%s); its statistics may show the previous data for a few minutes".formatted(plan.target(), e.getMessage()));
        }
    }

    /**
     * Reads the column lineage Trino's analyzer reported for the staging query and starts recording it as the
     * model's lineage. Lineage is informative: not getting it is a warning, never a failed task.
     */
    private Optional<CompletableFuture<Void>> recordLineage(TaskPlan plan, String queryId, TrinoSession trino, List<String> warnings)
    {
        Optional<List<ColumnLineage>> columns;
        try {
            columns = lineage.read(trino, queryId);
        }
        catch (SQLException | RuntimeException e) {
            warnings.add(lineageNotRecorded(e));
            return Optional.empty();
        }
        if (columns.isEmpty()) {
            warnings.add("Trino did not report the column lineage of query %s in time; the model's lineage is that of an earlier run".formatted(queryId));
            return Optional.empty();
        }
        return Optional.of(CompletableFuture.runAsync(() -> ledger.lineageRecorded(plan.model().name().toString(), plan.runId(), columns.get()), Ledger.WRITES));
    }

    private static String lineageNotRecorded(Exception e)
    {
        return "Column lineage not recorded: reading %s failed (%s). Trino reports it when catalog lakehouse exists and etc/event-listener.properties names event-listener.name=lakehouse-lineage".formatted(
                QueryLineageReader.QUERY_LINEAGE_TABLE, e.getMessage());
    }

    /**
     * The retained versions of a table or partition beyond {@code retain_versions}, and the registration for
     * deletion of those whose data no other version shares, under way.
     */
    private record Expiry(String model, String partitionValue, List<VersionRecord> versions, List<TableName> doomed, CompletableFuture<Void> registering) {}

    /**
     * Records the publish in the ledger (one transaction) and starts registering the data of retained versions
     * beyond {@code retain_versions} that no other version shares for deletion.
     */
    private Expiry recordVersions(TaskPlan plan, PublishOutcome publication, long rows)
    {
        String model = plan.model().name().toString();
        String partition = publication.partitionValue();
        LocalDateTime now = ledger.now();
        Optional<VersionRecord> replaced = publication.previous().map(previous -> new VersionRecord(model, partition,
                publication.previousRunId().filter(id -> id.matches("[a-z0-9_]+")).map(RunId::new).orElse(new RunId("before_ledger")),
                previous.location(), previous.columnsJson(), OptionalLong.empty(), VersionState.RETAINED, now.minusNanos(1000)));
        Optional<VersionRecord> published = publication.published().map(data -> new VersionRecord(model, partition, plan.runId(),
                data.location(), data.columnsJson(), OptionalLong.of(rows), VersionState.CURRENT, now));
        VersionHistory history = ledger.publishRecorded(model, partition, replaced, published);

        List<VersionRecord> retained = history.versions().stream()
                .filter(version -> version.state() == VersionState.RETAINED)
                .toList();
        int keep = plan.model().header().retainVersions();
        List<VersionRecord> expired = retained.subList(Math.min(keep, retained.size()), retained.size());
        List<TableName> doomed = new ArrayList<>();
        List<CompletableFuture<Void>> registrations = new ArrayList<>();
        for (VersionRecord version : expired) {
            long sharing = history.liveLocations().stream().filter(version.location()::equals).count();
            if (sharing <= 1) {
                TableName name = doomedTable(plan.target(), version);
                doomed.add(name);
                registrations.add(Publisher.inParallel(() -> publisher.registerForDeletion(name, plan.target(), version.location())));
            }
        }
        return new Expiry(model, partition, expired, doomed, CompletableFuture.allOf(registrations.toArray(CompletableFuture[]::new)));
    }

    /**
     * Deletes the data registered for deletion with Trino's {@code DROP TABLE}; the ledger records the versions as
     * expired with the task's success.
     */
    private static ExpiredVersions expire(Expiry expiry, TrinoSession trino)
            throws SQLException
    {
        getFutureValue(expiry.registering());
        for (TableName doomed : expiry.doomed()) {
            trino.executeCleanup("DROP TABLE IF EXISTS " + doomed.toSql());
        }
        for (VersionRecord version : expiry.versions()) {
            log.info("%s: expired the version of run %s at %s", expiry.model(), version.runId(), version.location());
        }
        return new ExpiredVersions(expiry.partitionValue(), expiry.versions().stream().map(VersionRecord::runId).toList());
    }

    private static TableName doomedTable(TableName target, VersionRecord version)
    {
        return target.withTable(target.table() + "__del_" + version.runId().value() + (version.partitionValue().isEmpty() ? "" : "_" + version.partitionValue().replaceAll("[^a-z0-9]", "")));
    }

    private ModelExecutionException failure(TaskPlan plan, Step step, Exception error, TrinoSession trino, Optional<Execution> written, List<CheckResult> checks)
    {
        Model model = plan.model();
        String reason = trino.isCancelled() ? "the run was cancelled" : error.getMessage();
        StringBuilder message = new StringBuilder()
                .append("Model %s failed for interval %s while %s %s: %s".formatted(model, plan.interval(), step.description, describe(plan, step), reason));
        if (step == Step.STAGE && error instanceof SQLException && error.getMessage() != null) {
            Matcher position = STATEMENT_POSITION.matcher(error.getMessage());
            if (position.lookingAt()) {
                // line n of the statement is line n of the query
                int fileLine = model.query().firstLine() + Integer.parseInt(position.group(1)) - 1;
                message.append("%n  at %s:%s".formatted(model.file(), fileLine));
            }
        }
        if (!checks.isEmpty()) {
            message.append("%nChecks: %s".formatted(checks));
        }

        if (step == Step.PUBLISH && publishedAnyway(plan)) {
            // the catalog change went through although the call failed: the staged data is the model's data now
            publisher.forgetStagedTable(plan.staging());
            message.append("%n%s points at the staged data of run %s: the publish went through; run the model again to record it.".formatted(plan.target(), plan.runId()));
            return new ModelExecutionException(model, message.toString(), error, written.map(Execution::queryId), ImmutableList.copyOf(checks));
        }

        // cleanup runs even when the run was cancelled: it is what cancelling promises
        SQLException cleanupError = null;
        if (step != Step.CREATE_SCHEMA) {
            try {
                trino.executeCleanup(plan.dropStaging());
            }
            catch (SQLException e) {
                cleanupError = e;
            }
        }
        if (cleanupError != null) {
            message.append("%nDropping the staging table %s failed too: %s; the next run drops it".formatted(plan.staging(), cleanupError.getMessage()));
        }
        else if (step != Step.CREATE_SCHEMA) {
            message.append("%nThe staging table %s was dropped.".formatted(plan.staging()));
        }
        message.append("%n%s is unchanged.".formatted(plan.target()));

        ModelExecutionException exception = new ModelExecutionException(model, message.toString(), error, written.map(Execution::queryId), ImmutableList.copyOf(checks));
        if (cleanupError != null) {
            exception.addSuppressed(cleanupError);
        }
        return exception;
    }

    private boolean publishedAnyway(TaskPlan plan)
    {
        try {
            String staged = publisher.stagedTable(plan.staging()).storageDescriptor().location();
            return publisher.locations(plan.target(), plan.partitionValue()).stream()
                    .anyMatch(location -> location.equals(staged) || location.startsWith(staged + "/"));
        }
        catch (RuntimeException e) {
            return false;
        }
    }

    private static String describe(TaskPlan plan, Step step)
    {
        return switch (step) {
            case CREATE_SCHEMA -> plan.target().schemaSql();
            case STAGE, AUDIT, CONFIRM_LEASE -> plan.staging().toString();
            case PUBLISH -> "%s to %s".formatted(plan.staging(), plan.target());
        };
    }

    private static final class ChecksFailedException
            extends RuntimeException
    {
        ChecksFailedException(String message)
        {
            super(message);
        }
    }
}
