package io.lakehouse.materializer;

import io.airlift.log.Logger;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.Rollback;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.execution.StagingCleaner;
import io.lakehouse.materializer.execution.TaskExecutor;
import io.lakehouse.materializer.execution.TrinoServer;
import io.lakehouse.materializer.execution.TrinoSession;
import io.lakehouse.materializer.execution.TrinoSessionPool;
import io.lakehouse.materializer.execution.Warehouse;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.VersionRecord;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.publish.GlueCatalog;
import io.lakehouse.materializer.publish.Publisher;
import io.lakehouse.materializer.scheduler.Planner;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.Task;
import io.lakehouse.materializer.scheduler.TaskListener;
import io.lakehouse.materializer.scheduler.TaskRunner;
import io.lakehouse.materializer.scheduler.TrinoSessions;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import static java.util.Objects.requireNonNull;

/**
 * One materializer instance: Trino for the queries, Glue for publishing, the ledger for state. The command line,
 * the HTTP service and tests all go through it.
 */
public final class Materializer
        implements Closeable
{
    private static final Logger log = Logger.get(Materializer.class);

    private final TrinoSessions sessions;
    private final GlueCatalog glue;
    private final Ledger ledger;
    private final Optional<Warehouse> warehouse;
    private final String instance;
    private final Publisher publisher;
    private final ConcurrentHashMap<RunId, TaskRunner> activeRuns = new ConcurrentHashMap<>();
    // schemas this instance created or saw created: tasks skip CREATE SCHEMA IF NOT EXISTS for them
    private final Set<String> schemas = ConcurrentHashMap.newKeySet();

    public Materializer(TrinoSessions sessions, GlueCatalog glue, Ledger ledger, Optional<Warehouse> warehouse, String instance)
    {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.glue = requireNonNull(glue, "glue is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.instance = requireNonNull(instance, "instance is null");
        this.publisher = new Publisher(glue);
    }

    public static TrinoSessions sessions(TrinoServer server)
    {
        return sessions(server, new LongAdder());
    }

    /**
     * @param statementNanos accumulates the time every session spends waiting for Trino
     */
    public static TrinoSessions sessions(TrinoServer server, LongAdder statementNanos)
    {
        return new TrinoSessionPool(server, statementNanos);
    }

    /**
     * This process, as leases and the ledger name it: host and pid.
     */
    public static String defaultInstance()
    {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    public Ledger ledger()
    {
        return ledger;
    }

    public GlueCatalog catalog()
    {
        return glue;
    }

    public String instance()
    {
        return instance;
    }

    public Planner planner()
    {
        return new Planner(ledger);
    }

    /**
     * Executes the tasks, after removing what dead runs left of the models' staging tables.
     */
    public RunSummary run(RunId runId, String command, List<Task> tasks, ModelGraph graph, RunOptions options, TaskListener listener)
            throws SQLException
    {
        // every model of the run, also those with nothing to do: what a dead run left of them goes now
        cleanLeftovers(graph.models());
        TaskRunner runner = new TaskRunner(sessions, new TaskExecutor(publisher, ledger, schemas), ledger, instance, warehouse);
        activeRuns.put(runId, runner);
        try {
            return runner.run(runId, command, tasks, graph, options, listener);
        }
        finally {
            activeRuns.remove(runId);
        }
    }

    /**
     * Executes the tasks of a run whose start the caller already recorded in the ledger.
     */
    public RunSummary runRecorded(RunId runId, List<Task> tasks, ModelGraph graph, RunOptions options, TaskListener listener)
            throws SQLException
    {
        // every model of the run, also those with nothing to do: what a dead run left of them goes now
        cleanLeftovers(graph.models());
        TaskRunner runner = new TaskRunner(sessions, new TaskExecutor(publisher, ledger, schemas), ledger, instance, warehouse);
        activeRuns.put(runId, runner);
        try {
            return runner.runRecorded(runId, tasks, graph, options, listener);
        }
        finally {
            activeRuns.remove(runId);
        }
    }

    /**
     * Cancels a run of this instance; false if it is not running here.
     */
    public boolean cancel(RunId runId)
    {
        TaskRunner runner = activeRuns.get(runId);
        if (runner == null) {
            return false;
        }
        runner.cancel();
        return true;
    }

    public void cancelAll()
    {
        activeRuns.values().forEach(TaskRunner::cancel);
    }

    public List<TableName> cleanLeftovers(List<Model> models)
            throws SQLException
    {
        try (TrinoSession trino = sessions.open()) {
            return new StagingCleaner(publisher, ledger).clean(models, trino);
        }
    }

    /**
     * Restores an earlier version, then has Trino forget the statistics it cached of the replaced data.
     */
    public VersionRecord rollback(Model model, Optional<String> partitionValue, Optional<RunId> to)
    {
        VersionRecord restored = new Rollback(publisher, ledger).rollback(model, partitionValue, to);
        try (TrinoSession trino = sessions.open()) {
            trino.flushMetadataCache(model.name());
        }
        catch (SQLException e) {
            log.warn("Flushing Trino's metadata cache of %s after the rollback failed (%s); its statistics may describe the replaced data for a few minutes", model.name(), e.getMessage());
        }
        return restored;
    }

    @Override
    public void close()
    {
        cancelAll();
        if (sessions instanceof Closeable closeable) {
            try {
                closeable.close();
            }
            catch (IOException _) {
                // connections are done either way
            }
        }
        glue.close();
        ledger.close();
    }
}
