package io.lakehouse.materializer.execution;

import com.google.common.collect.ImmutableList;
import io.airlift.units.Duration;
import io.lakehouse.materializer.model.Model;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Materializes models through a Trino connection, one after the other, stopping at the first failure.
 * The run can be cancelled from another thread: the running query is cancelled and its staging table dropped.
 */
public final class ModelRunner
{
    // Trino prefixes analysis and syntax errors with the position in the statement
    private static final Pattern STATEMENT_POSITION = Pattern.compile("Query failed \\(#[^)]*\\): line (\\d+):(\\d+): ");

    private final Connection connection;
    private final RunContext context;
    private final AtomicReference<Statement> runningStatement = new AtomicReference<>();
    private volatile boolean cancelled;

    private enum Step
    {
        CREATE_SCHEMA("creating schema"),
        CREATE_STAGING("writing staging table"),
        DROP_TARGET("dropping the previous table"),
        PUBLISH("copying"),
        DROP_STAGING("dropping the staging table");

        private final String description;

        Step(String description)
        {
            this.description = description;
        }
    }

    private record Execution(long rows, String queryId) {}

    public ModelRunner(Connection connection, RunContext context)
    {
        this.connection = requireNonNull(connection, "connection is null");
        this.context = requireNonNull(context, "context is null");
    }

    /**
     * Materializes {@code models} in the given order, which must put each model after the models it reads.
     */
    public List<ModelResult> run(List<Model> models, RunListener listener)
    {
        requireNonNull(models, "models is null");
        requireNonNull(listener, "listener is null");
        ImmutableList.Builder<ModelResult> results = ImmutableList.builder();
        for (int i = 0; i < models.size(); i++) {
            Model model = models.get(i);
            if (cancelled) {
                throw new ModelExecutionException(model, "Run %s was cancelled before %s".formatted(context.runId(), model), null);
            }
            listener.modelStarted(model, i + 1, models.size());
            ModelResult result = materialize(model);
            results.add(result);
            listener.modelFinished(result);
        }
        return results.build();
    }

    public ModelResult materialize(Model model)
    {
        FullRefresh plan = context.plan(model);
        long start = System.nanoTime();
        Step step = Step.CREATE_SCHEMA;
        try {
            // unqualified table names in the query resolve to the model's own catalog and schema, as in dependency analysis
            connection.setCatalog(model.name().catalog());
            connection.setSchema(model.name().schema());
            executeStep(plan.createSchema());
            step = Step.CREATE_STAGING;
            Execution written = executeStep(plan.createStaging());
            step = Step.DROP_TARGET;
            executeStep(plan.dropTarget());
            step = Step.PUBLISH;
            executeStep(plan.publish());
            step = Step.DROP_STAGING;
            executeStep(plan.dropStaging());
            return new ModelResult(model, written.rows(), written.queryId(), Duration.nanosSince(start));
        }
        catch (SQLException e) {
            throw failure(model, plan, step, e);
        }
    }

    /**
     * Cancels the query running now, if any, and stops the run before its next model.
     */
    public void cancel()
    {
        cancelled = true;
        Statement statement = runningStatement.get();
        if (statement != null) {
            try {
                statement.cancel();
            }
            catch (SQLException _) {
                // the query finished or failed in the meantime; the run stops at its next step either way
            }
        }
    }

    private Execution executeStep(String sql)
            throws SQLException
    {
        if (cancelled) {
            throw new SQLException("Run %s was cancelled".formatted(context.runId()));
        }
        return execute(sql);
    }

    private Execution execute(String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            AtomicReference<QueryStats> stats = new AtomicReference<>();
            statement.unwrap(TrinoStatement.class).setProgressMonitor(stats::set);
            runningStatement.set(statement);
            try {
                statement.execute(sql);
            }
            finally {
                runningStatement.set(null);
            }
            String queryId = Optional.ofNullable(stats.get()).map(QueryStats::getQueryId).orElse("unknown");
            return new Execution(Math.max(statement.getLargeUpdateCount(), 0), queryId);
        }
    }

    private ModelExecutionException failure(Model model, FullRefresh plan, Step step, SQLException error)
    {
        StringBuilder message = new StringBuilder()
                .append("Model %s failed while %s %s: %s".formatted(model, step.description, describeTarget(plan, step), cancelled ? "the run was cancelled" : error.getMessage()));
        if (step == Step.CREATE_STAGING) {
            Matcher position = STATEMENT_POSITION.matcher(error.getMessage());
            if (position.lookingAt()) {
                // line n of the statement is line n of the query
                int fileLine = model.query().firstLine() + Integer.parseInt(position.group(1)) - 1;
                message.append("%n  at %s:%s".formatted(model.file(), fileLine));
            }
        }

        // cleanup runs even when the run was cancelled: it is what cancelling promises
        SQLException cleanupError = null;
        if (step != Step.CREATE_SCHEMA) {
            try {
                execute(plan.dropStaging());
            }
            catch (SQLException e) {
                cleanupError = e;
            }
        }
        if (cleanupError != null) {
            message.append("%nDropping the staging table %s failed too: %s; drop it by hand".formatted(plan.staging(), cleanupError.getMessage()));
        }
        else if (step != Step.CREATE_SCHEMA) {
            message.append("%nThe staging table %s was dropped.".formatted(plan.staging()));
        }
        if (step == Step.PUBLISH) {
            message.append("%nThe previous %s was dropped and not replaced; run the model again to recreate it.".formatted(plan.target()));
        }
        else if (step == Step.DROP_STAGING) {
            message.append("%n%s holds the new data.".formatted(plan.target()));
        }
        else {
            message.append("%n%s is unchanged.".formatted(plan.target()));
        }

        ModelExecutionException exception = new ModelExecutionException(model, message.toString(), error);
        if (cleanupError != null) {
            exception.addSuppressed(cleanupError);
        }
        return exception;
    }

    private static String describeTarget(FullRefresh plan, Step step)
    {
        return switch (step) {
            case CREATE_SCHEMA -> plan.target().schemaSql();
            case CREATE_STAGING, DROP_STAGING -> plan.staging().toString();
            case DROP_TARGET -> plan.target().toString();
            case PUBLISH -> "%s to %s".formatted(plan.staging(), plan.target());
        };
    }
}
