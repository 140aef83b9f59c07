package io.lakehouse.materializer.ledger;

import com.google.common.collect.ImmutableList;
import com.google.common.io.Resources;
import io.lakehouse.catalog.store.SerializedH2DataSource;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.lineage.ColumnLineage;
import io.lakehouse.materializer.lineage.LineageRecord;
import io.lakehouse.materializer.lineage.SourceColumn;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.schedule.Interval;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

import static com.google.common.base.Throwables.getRootCause;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.time.ZoneOffset.UTC;
import static java.time.temporal.ChronoUnit.MICROS;
import static java.util.Objects.requireNonNull;

/**
 * The durable record of what the materializer did and is doing, in a database several instances can share:
 * runs, their tasks (a model and an interval) and attempts, each interval's latest outcome, leases that keep two
 * instances from executing the same task, and the published versions of every table and partition. Every change
 * is committed before the call returns.
 */
public final class Ledger
        implements Closeable
{
    /**
     * Runs ledger writes that a task makes while its Trino statements run: they wait for the database, not for a
     * processor.
     */
    public static final Executor WRITES = task -> Thread.ofVirtual().name("ledger-write").start(task);

    // one thread at a time uses an embedded ledger; a second connection serves only a handle opened inside another
    private static final int H2_CONNECTIONS = 4;

    private final String url;
    private final Jdbi jdbi;
    private final Optional<SerializedH2DataSource> pool;
    private final Clock clock;

    private Ledger(String url, Jdbi jdbi, Optional<SerializedH2DataSource> pool, Clock clock)
    {
        this.url = requireNonNull(url, "url is null");
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Opens the ledger at a JDBC URL ({@code jdbc:h2:file:...} or {@code jdbc:postgresql://...}) and creates its
     * tables if they are missing.
     */
    public static Ledger open(String url, String user, String password, Clock clock)
    {
        requireNonNull(url, "url is null");
        Jdbi jdbi;
        Optional<SerializedH2DataSource> pool = Optional.empty();
        if (url.startsWith("jdbc:h2:")) {
            SerializedH2DataSource h2 = new SerializedH2DataSource(durableH2Url(url), user, password, H2_CONNECTIONS);
            pool = Optional.of(h2);
            jdbi = Jdbi.create(h2);
        }
        else if (url.startsWith("jdbc:postgresql:")) {
            jdbi = Jdbi.create(url, user, password);
        }
        else {
            throw new IllegalArgumentException("Unsupported ledger database '%s': use jdbc:h2:file:<path> (embedded) or jdbc:postgresql://host:port/database".formatted(url));
        }
        Ledger ledger = new Ledger(url, jdbi, pool, clock);
        try {
            ledger.createSchema();
        }
        catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
        return ledger;
    }

    /**
     * H2 writes committed transactions to disk up to half a second later by default, so a process killed right after
     * a commit loses it; with {@code WRITE_DELAY=0} every commit is on disk before it returns (and transactions must
     * not run at once, which {@link SerializedH2DataSource} sees to).
     */
    static String durableH2Url(String url)
    {
        if (url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=")) {
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }

    private void createSchema()
    {
        String script;
        try {
            script = Resources.toString(Resources.getResource(Ledger.class, "schema.sql"), UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            jdbi.useTransaction(handle -> handle.createScript(script).execute());
        }
        catch (JdbiException e) {
            throw new IllegalStateException("Cannot open the ledger database %s: %s. Check --ledger (env LAKEHOUSE_LEDGER_URL) and its user and password".formatted(url, getRootCause(e).getMessage()), e);
        }
    }

    public String url()
    {
        return url;
    }

    public LocalDateTime now()
    {
        // both databases keep microseconds
        return LocalDateTime.ofInstant(clock.instant(), UTC).truncatedTo(MICROS);
    }

    // runs

    public void runStarted(RunId runId, String command, String instance)
    {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO runs (run_id, command, instance, state, started_at) VALUES (?, ?, ?, 'RUNNING', ?)")
                .bind(0, runId.value()).bind(1, command).bind(2, instance).bind(3, now())
                .execute());
    }

    public void runFinished(RunId runId, RunState state, Optional<String> message)
    {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE runs SET state = ?, finished_at = ?, message = ? WHERE run_id = ?")
                .bind(0, state.name()).bind(1, now()).bind(2, message.orElse(null)).bind(3, runId.value())
                .execute());
    }

    public List<RunRecord> runs(int limit)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT run_id, command, instance, state, started_at, finished_at, message FROM runs ORDER BY started_at DESC, run_id DESC LIMIT " + limit)
                .map((rs, _) -> new RunRecord(new RunId(rs.getString(1)), rs.getString(2), rs.getString(3), RunState.valueOf(rs.getString(4)),
                        timestamp(rs, 5), Optional.ofNullable(rs.getObject(6, LocalDateTime.class)), Optional.ofNullable(rs.getString(7))))
                .list());
    }

    public Optional<RunRecord> run(RunId runId)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT run_id, command, instance, state, started_at, finished_at, message FROM runs WHERE run_id = ?")
                .bind(0, runId.value())
                .map((rs, _) -> new RunRecord(new RunId(rs.getString(1)), rs.getString(2), rs.getString(3), RunState.valueOf(rs.getString(4)),
                        timestamp(rs, 5), Optional.ofNullable(rs.getObject(6, LocalDateTime.class)), Optional.ofNullable(rs.getString(7))))
                .findOne());
    }

    // leases

    /**
     * Takes the lease of a model's interval for {@code ttl}, if no one holds it or its holder let it expire.
     *
     * @return whether this owner holds the lease now
     */
    public boolean acquireLease(String model, Interval interval, String owner, RunId runId, Duration ttl)
    {
        LocalDateTime now = now();
        LocalDateTime expiry = now.plus(ttl);
        // a free interval has no lease row: one insert takes it; otherwise take over an expired or own lease
        for (int attempt = 0; attempt < 2; attempt++) {
            if (jdbi.withHandle(handle -> insertLease(handle, model, interval, owner, runId, expiry))) {
                return true;
            }
            int taken = jdbi.withHandle(handle -> handle.createUpdate("UPDATE leases SET owner = ?, run_id = ?, expires_at = ? WHERE model = ? AND interval_start = ? AND (expires_at < ? OR owner = ?)")
                    .bind(0, owner).bind(1, runId.value()).bind(2, expiry).bind(3, model).bind(4, interval.start()).bind(5, now).bind(6, owner)
                    .execute());
            if (taken == 1) {
                return true;
            }
            boolean held = jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM leases WHERE model = ? AND interval_start = ?")
                    .bind(0, model).bind(1, interval.start())
                    .mapTo(Long.class).one() > 0);
            if (held) {
                return false;
            }
            // the holder released it between the insert and the update: try again
        }
        return false;
    }

    private static boolean insertLease(Handle handle, String model, Interval interval, String owner, RunId runId, LocalDateTime expiry)
    {
        try {
            handle.createUpdate("INSERT INTO leases (model, interval_start, owner, run_id, expires_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, model).bind(1, interval.start()).bind(2, owner).bind(3, runId.value()).bind(4, expiry)
                    .execute();
            return true;
        }
        catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sqlException && "23505".equals(sqlException.getSQLState())) {
                // another instance inserted the lease first
                return false;
            }
            throw e;
        }
    }

    /**
     * Extends a lease this owner holds; false if it expired and someone else took it.
     */
    public boolean renewLease(String model, Interval interval, String owner, Duration ttl)
    {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE leases SET expires_at = ? WHERE model = ? AND interval_start = ? AND owner = ?")
                .bind(0, now().plus(ttl)).bind(1, model).bind(2, interval.start()).bind(3, owner)
                .execute()) == 1;
    }

    public void releaseLease(String model, Interval interval, String owner)
    {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM leases WHERE model = ? AND interval_start = ? AND owner = ?")
                .bind(0, model).bind(1, interval.start()).bind(2, owner)
                .execute());
    }

    /**
     * The run ids holding an unexpired lease: their staging tables are in use.
     */
    public List<RunId> activeLeaseRuns()
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT DISTINCT run_id FROM leases WHERE expires_at >= ?")
                .bind(0, now())
                .map((rs, _) -> new RunId(rs.getString(1)))
                .list());
    }

    // tasks and attempts

    public void taskStarted(RunId runId, String model, Interval interval)
    {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO tasks (run_id, model, interval_start, interval_end, state, attempts, started_at) VALUES (?, ?, ?, ?, 'RUNNING', 0, ?)")
                .bind(0, runId.value()).bind(1, model).bind(2, interval.start()).bind(3, interval.end()).bind(4, now())
                .execute());
    }

    /**
     * Records a task and its first attempt as started, in one transaction.
     */
    public void taskStarted(RunId runId, String model, Interval interval, String instance)
    {
        LocalDateTime now = now();
        jdbi.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO tasks (run_id, model, interval_start, interval_end, state, attempts, started_at) VALUES (?, ?, ?, ?, 'RUNNING', 1, ?)")
                    .bind(0, runId.value()).bind(1, model).bind(2, interval.start()).bind(3, interval.end()).bind(4, now)
                    .execute();
            handle.createUpdate("INSERT INTO attempts (run_id, model, interval_start, attempt, instance, state, started_at) VALUES (?, ?, ?, 1, ?, 'RUNNING', ?)")
                    .bind(0, runId.value()).bind(1, model).bind(2, interval.start()).bind(3, instance).bind(4, now)
                    .execute();
        });
    }

    /**
     * Records a successful attempt, its task's outcome and the interval's latest state, marks the versions whose data
     * the task deleted as expired, and releases the task's lease, in one transaction.
     */
    public void taskSucceeded(RunId runId, String model, Interval interval, int attempt, long rows, String queryId, String checks, ExpiredVersions expired, String leaseOwner)
    {
        LocalDateTime now = now();
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE attempts SET state = 'SUCCEEDED', rows_written = ?, query_id = ?, checks = ?, finished_at = ? WHERE run_id = ? AND model = ? AND interval_start = ? AND attempt = ?")
                    .bind(0, rows).bind(1, queryId).bind(2, checks).bind(3, now)
                    .bind(4, runId.value()).bind(5, model).bind(6, interval.start()).bind(7, attempt)
                    .execute();
            finishTask(handle, runId, model, interval, TaskState.SUCCEEDED, OptionalLong.of(rows), Optional.of(queryId), Optional.empty(), now);
            for (RunId expiredRun : expired.runIds()) {
                handle.createUpdate("UPDATE versions SET state = 'EXPIRED' WHERE model = ? AND partition_value = ? AND run_id = ?")
                        .bind(0, model).bind(1, expired.partitionValue()).bind(2, expiredRun.value())
                        .execute();
            }
            handle.createUpdate("DELETE FROM leases WHERE model = ? AND interval_start = ? AND owner = ?")
                    .bind(0, model).bind(1, interval.start()).bind(2, leaseOwner)
                    .execute();
        });
    }

    public void attemptStarted(RunId runId, String model, Interval interval, int attempt, String instance)
    {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO attempts (run_id, model, interval_start, attempt, instance, state, started_at) VALUES (?, ?, ?, ?, ?, 'RUNNING', ?)")
                    .bind(0, runId.value()).bind(1, model).bind(2, interval.start()).bind(3, attempt).bind(4, instance).bind(5, now())
                    .execute();
            handle.createUpdate("UPDATE tasks SET attempts = ? WHERE run_id = ? AND model = ? AND interval_start = ?")
                    .bind(0, attempt).bind(1, runId.value()).bind(2, model).bind(3, interval.start())
                    .execute();
        });
    }

    public void attemptFinished(RunId runId, String model, Interval interval, int attempt, TaskState state, OptionalLong rows, Optional<String> queryId, Optional<String> checks, Optional<String> error)
    {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE attempts SET state = ?, rows_written = ?, query_id = ?, checks = ?, error = ?, finished_at = ? WHERE run_id = ? AND model = ? AND interval_start = ? AND attempt = ?")
                .bind(0, state.name()).bind(1, rows.isPresent() ? rows.getAsLong() : null).bind(2, queryId.orElse(null)).bind(3, checks.orElse(null)).bind(4, error.orElse(null)).bind(5, now())
                .bind(6, runId.value()).bind(7, model).bind(8, interval.start()).bind(9, attempt)
                .execute());
    }

    /**
     * Records a task's outcome, and for a success or failure the interval's latest state, in one transaction.
     */
    public void taskFinished(RunId runId, String model, Interval interval, TaskState state, OptionalLong rows, Optional<String> queryId, Optional<String> error)
    {
        LocalDateTime now = now();
        jdbi.useTransaction(handle -> finishTask(handle, runId, model, interval, state, rows, queryId, error, now));
    }

    private static void finishTask(Handle handle, RunId runId, String model, Interval interval, TaskState state, OptionalLong rows, Optional<String> queryId, Optional<String> error, LocalDateTime now)
    {
        handle.createUpdate("UPDATE tasks SET state = ?, rows_written = ?, query_id = ?, error = ?, finished_at = ? WHERE run_id = ? AND model = ? AND interval_start = ?")
                .bind(0, state.name()).bind(1, rows.isPresent() ? rows.getAsLong() : null).bind(2, queryId.orElse(null)).bind(3, error.orElse(null)).bind(4, now)
                .bind(5, runId.value()).bind(6, model).bind(7, interval.start())
                .execute();
        if (state == TaskState.SUCCEEDED || state == TaskState.FAILED) {
            int updated = handle.createUpdate("UPDATE intervals SET interval_end = ?, state = ?, run_id = ?, rows_written = ?, updated_at = ? WHERE model = ? AND interval_start = ?")
                    .bind(0, interval.end()).bind(1, state.name()).bind(2, runId.value()).bind(3, rows.isPresent() ? rows.getAsLong() : null).bind(4, now)
                    .bind(5, model).bind(6, interval.start())
                    .execute();
            if (updated == 0) {
                handle.createUpdate("INSERT INTO intervals (model, interval_start, interval_end, state, run_id, rows_written, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                        .bind(0, model).bind(1, interval.start()).bind(2, interval.end()).bind(3, state.name()).bind(4, runId.value())
                        .bind(5, rows.isPresent() ? rows.getAsLong() : null).bind(6, now)
                        .execute();
            }
        }
    }

    public List<TaskRecord> tasks(RunId runId)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT run_id, model, interval_start, interval_end, state, attempts, rows_written, query_id, error, started_at, finished_at FROM tasks WHERE run_id = ? ORDER BY started_at, model, interval_start")
                .bind(0, runId.value())
                .map((rs, _) -> taskRecord(rs))
                .list());
    }

    public List<AttemptRecord> attempts(RunId runId)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT model, interval_start, attempt, instance, state, rows_written, query_id, checks, error, started_at, finished_at FROM attempts WHERE run_id = ? ORDER BY started_at, model, interval_start, attempt")
                .bind(0, runId.value())
                .map((rs, _) -> new AttemptRecord(runId, rs.getString(1), timestamp(rs, 2), rs.getInt(3), rs.getString(4), TaskState.valueOf(rs.getString(5)),
                        optionalLong(rs, 6), Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)), Optional.ofNullable(rs.getString(9)),
                        timestamp(rs, 10), Optional.ofNullable(rs.getObject(11, LocalDateTime.class))))
                .list());
    }

    /**
     * How long each of these models' latest succeeded task took, from its start to its end; a model without one is
     * left out.
     */
    public Map<String, Duration> latestTaskDurations(Collection<String> models)
    {
        if (models.isEmpty()) {
            return Map.of();
        }
        Map<String, Duration> durations = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT t.model, t.started_at, t.finished_at FROM tasks t
                        WHERE t.model IN (<models>) AND t.state = 'SUCCEEDED' AND t.finished_at = (
                            SELECT max(l.finished_at) FROM tasks l WHERE l.model = t.model AND l.state = 'SUCCEEDED')""")
                .bindList("models", List.copyOf(models))
                .map((rs, _) -> Map.entry(rs.getString(1), Duration.between(timestamp(rs, 2), timestamp(rs, 3))))
                .forEach(entry -> durations.put(entry.getKey(), entry.getValue())));
        return durations;
    }

    // intervals

    public List<IntervalRecord> intervals(String model)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT model, interval_start, interval_end, state, run_id, rows_written, updated_at FROM intervals WHERE model = ? ORDER BY interval_start")
                .bind(0, model)
                .map((rs, _) -> new IntervalRecord(rs.getString(1), new Interval(timestamp(rs, 2), timestamp(rs, 3)), TaskState.valueOf(rs.getString(4)),
                        new RunId(rs.getString(5)), optionalLong(rs, 6), timestamp(rs, 7)))
                .list());
    }

    /**
     * The run that published a model's interval, if the interval's latest outcome is a success: one row, where
     * {@link #intervals} reads the model's whole history.
     */
    public Optional<RunId> succeededRun(String model, Interval interval)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT run_id FROM intervals WHERE model = ? AND interval_start = ? AND interval_end = ? AND state = 'SUCCEEDED'")
                .bind(0, model).bind(1, interval.start()).bind(2, interval.end())
                .map((rs, _) -> new RunId(rs.getString(1)))
                .findOne());
    }

    // versions

    /**
     * Records newly published data as the current version; the version it replaced, if the ledger knows it, is retained.
     */
    public void versionPublished(String model, String partitionValue, RunId runId, String location, String columnsJson, OptionalLong rows)
    {
        LocalDateTime now = now();
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE versions SET state = 'RETAINED' WHERE model = ? AND partition_value = ? AND state = 'CURRENT'")
                    .bind(0, model).bind(1, partitionValue)
                    .execute();
            handle.createUpdate("DELETE FROM versions WHERE model = ? AND partition_value = ? AND run_id = ?")
                    .bind(0, model).bind(1, partitionValue).bind(2, runId.value())
                    .execute();
            handle.createUpdate("INSERT INTO versions (model, partition_value, run_id, location, columns_json, rows_written, state, published_at) VALUES (?, ?, ?, ?, ?, ?, 'CURRENT', ?)")
                    .bind(0, model).bind(1, partitionValue).bind(2, runId.value()).bind(3, location).bind(4, columnsJson)
                    .bind(5, rows.isPresent() ? rows.getAsLong() : null).bind(6, now)
                    .execute();
        });
    }

    /**
     * Records a publish in one transaction: the data it replaced, adopted as a retained version when the ledger
     * did not know it (published before the ledger knew the table); the published data as the current version
     * (the current one retained), or, when the publish removed the partition, no current version; and returns
     * the versions of the table or partition and the model's live locations after it.
     */
    public VersionHistory publishRecorded(String model, String partitionValue, Optional<VersionRecord> replaced, Optional<VersionRecord> published)
    {
        return jdbi.inTransaction(handle -> {
            replaced.ifPresent(version -> adopt(handle, model, partitionValue, version.runId(), version.location(), version.columnsJson(), version.publishedAt()));
            handle.createUpdate("UPDATE versions SET state = 'RETAINED' WHERE model = ? AND partition_value = ? AND state = 'CURRENT'")
                    .bind(0, model).bind(1, partitionValue)
                    .execute();
            if (published.isPresent()) {
                VersionRecord version = published.get();
                handle.createUpdate("DELETE FROM versions WHERE model = ? AND partition_value = ? AND run_id = ?")
                        .bind(0, model).bind(1, partitionValue).bind(2, version.runId().value())
                        .execute();
                handle.createUpdate("INSERT INTO versions (model, partition_value, run_id, location, columns_json, rows_written, state, published_at) VALUES (?, ?, ?, ?, ?, ?, 'CURRENT', ?)")
                        .bind(0, model).bind(1, partitionValue).bind(2, version.runId().value()).bind(3, version.location()).bind(4, version.columnsJson())
                        .bind(5, version.rows().isPresent() ? version.rows().getAsLong() : null).bind(6, version.publishedAt())
                        .execute();
            }
            List<VersionRecord> versions = handle.createQuery("SELECT model, partition_value, run_id, location, columns_json, rows_written, state, published_at FROM versions WHERE model = ? AND partition_value = ? ORDER BY published_at DESC, run_id DESC")
                    .bind(0, model).bind(1, partitionValue)
                    .map((rs, _) -> versionRecord(rs))
                    .list();
            List<String> live = handle.createQuery("SELECT location FROM versions WHERE model = ? AND state <> 'EXPIRED'")
                    .bind(0, model)
                    .mapTo(String.class)
                    .list();
            return new VersionHistory(versions, live);
        });
    }

    /**
     * Records data that was published before the ledger knew the table, so a rollback can return to it.
     */
    public void versionAdopted(String model, String partitionValue, RunId runId, String location, String columnsJson, LocalDateTime publishedAt)
    {
        jdbi.useHandle(handle -> adopt(handle, model, partitionValue, runId, location, columnsJson, publishedAt));
    }

    private static void adopt(Handle handle, String model, String partitionValue, RunId runId, String location, String columnsJson, LocalDateTime publishedAt)
    {
        boolean known = handle.createQuery("SELECT count(*) FROM versions WHERE model = ? AND partition_value = ? AND location = ?")
                .bind(0, model).bind(1, partitionValue).bind(2, location)
                .mapTo(Long.class).one() > 0;
        if (!known) {
            handle.createUpdate("INSERT INTO versions (model, partition_value, run_id, location, columns_json, state, published_at) VALUES (?, ?, ?, ?, ?, 'RETAINED', ?)")
                    .bind(0, model).bind(1, partitionValue).bind(2, runId.value()).bind(3, location).bind(4, columnsJson).bind(5, publishedAt)
                    .execute();
        }
    }

    /**
     * The versions of a table or partition, newest first.
     */
    public List<VersionRecord> versions(String model, String partitionValue)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT model, partition_value, run_id, location, columns_json, rows_written, state, published_at FROM versions WHERE model = ? AND partition_value = ? ORDER BY published_at DESC, run_id DESC")
                .bind(0, model).bind(1, partitionValue)
                .map((rs, _) -> versionRecord(rs))
                .list());
    }

    /**
     * Every version location the ledger knows for a model, in any state but expired: data that must not be deleted.
     */
    public List<String> liveLocations(String model)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT location FROM versions WHERE model = ? AND state <> 'EXPIRED'")
                .bind(0, model)
                .mapTo(String.class)
                .list());
    }

    public void versionState(String model, String partitionValue, RunId runId, VersionState state)
    {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE versions SET state = ? WHERE model = ? AND partition_value = ? AND run_id = ?")
                .bind(0, state.name()).bind(1, model).bind(2, partitionValue).bind(3, runId.value())
                .execute());
    }

    /**
     * Makes {@code runId}'s version current and the current one retained, after a rollback switched the catalog to it.
     */
    public void versionRestored(String model, String partitionValue, RunId runId)
    {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE versions SET state = 'RETAINED' WHERE model = ? AND partition_value = ? AND state = 'CURRENT'")
                    .bind(0, model).bind(1, partitionValue)
                    .execute();
            handle.createUpdate("UPDATE versions SET state = 'CURRENT', published_at = ? WHERE model = ? AND partition_value = ? AND run_id = ?")
                    .bind(0, now()).bind(1, model).bind(2, partitionValue).bind(3, runId.value())
                    .execute();
        });
    }

    // lineage

    /**
     * Replaces a model's column lineage with that of a task that published, in one transaction.
     */
    public void lineageRecorded(String model, RunId runId, List<ColumnLineage> columns)
    {
        requireNonNull(model, "model is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(columns, "columns is null");
        LocalDateTime now = now();
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(handle -> {
                    handle.createUpdate("DELETE FROM lineage WHERE model = ?").bind(0, model).execute();
                    PreparedBatch batch = handle.prepareBatch("INSERT INTO lineage (model, column_position, source_position, column_name, column_type, source_catalog, source_schema, source_table, source_column, run_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    for (ColumnLineage column : columns) {
                        List<Optional<SourceColumn>> sources = column.sources().isEmpty() ? List.of(Optional.empty()) : column.sources().stream().map(Optional::of).toList();
                        for (int position = 0; position < sources.size(); position++) {
                            Optional<SourceColumn> source = sources.get(position);
                            batch.bind(0, model).bind(1, column.position()).bind(2, position).bind(3, column.column()).bind(4, column.type())
                                    .bind(5, source.map(value -> value.table().catalog()).orElse(null))
                                    .bind(6, source.map(value -> value.table().schema()).orElse(null))
                                    .bind(7, source.map(value -> value.table().table()).orElse(null))
                                    .bind(8, source.map(SourceColumn::column).orElse(null))
                                    .bind(9, runId.value()).bind(10, now)
                                    .add();
                        }
                    }
                    if (batch.size() > 0) {
                        batch.execute();
                    }
                });
                return;
            }
            catch (UnableToExecuteStatementException e) {
                // a task of another interval of the model recorded its lineage at the same time: ours replaces it
                if (attempt >= 3 || !(getRootCause(e) instanceof SQLException sqlException) || !"23505".equals(sqlException.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /**
     * The column lineage of a model (or of every model), by model and column position.
     */
    public List<LineageRecord> lineage(Optional<String> model)
    {
        requireNonNull(model, "model is null");
        record Row(LineageRecord column, Optional<SourceColumn> source) {}
        List<Row> rows = jdbi.withHandle(handle -> {
            Query query = handle.createQuery("SELECT model, column_position, column_name, column_type, source_catalog, source_schema, source_table, source_column, run_id, recorded_at FROM lineage" +
                    (model.isPresent() ? " WHERE model = ?" : "") + " ORDER BY model, column_position, source_position");
            model.ifPresent(name -> query.bind(0, name));
            return query.map((rs, _) -> new Row(
                            new LineageRecord(rs.getString(1), new ColumnLineage(rs.getInt(2), rs.getString(3), rs.getString(4), List.of()), new RunId(rs.getString(9)), timestamp(rs, 10)),
                            rs.getString(5) == null ? Optional.empty() : Optional.of(new SourceColumn(new TableName(rs.getString(5), rs.getString(6), rs.getString(7)), rs.getString(8)))))
                    .list();
        });
        List<LineageRecord> records = new ArrayList<>();
        List<SourceColumn> sources = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            row.source().ifPresent(sources::add);
            boolean last = i + 1 == rows.size()
                    || !rows.get(i + 1).column().model().equals(row.column().model())
                    || rows.get(i + 1).column().column().position() != row.column().column().position();
            if (last) {
                ColumnLineage column = row.column().column();
                records.add(new LineageRecord(row.column().model(), new ColumnLineage(column.position(), column.column(), column.type(), sources), row.column().runId(), row.column().recordedAt()));
                sources.clear();
            }
        }
        return ImmutableList.copyOf(records);
    }

    @Override
    public void close()
    {
        pool.ifPresent(SerializedH2DataSource::close);
    }

    private static TaskRecord taskRecord(ResultSet rs)
            throws SQLException
    {
        return new TaskRecord(new RunId(rs.getString(1)), rs.getString(2), new Interval(timestamp(rs, 3), timestamp(rs, 4)), TaskState.valueOf(rs.getString(5)), rs.getInt(6),
                optionalLong(rs, 7), Optional.ofNullable(rs.getString(8)), Optional.ofNullable(rs.getString(9)), timestamp(rs, 10), Optional.ofNullable(rs.getObject(11, LocalDateTime.class)));
    }

    private static VersionRecord versionRecord(ResultSet rs)
            throws SQLException
    {
        return new VersionRecord(rs.getString(1), rs.getString(2), new RunId(rs.getString(3)), rs.getString(4), rs.getString(5), optionalLong(rs, 6),
                VersionState.valueOf(rs.getString(7)), timestamp(rs, 8));
    }

    private static LocalDateTime timestamp(ResultSet rs, int column)
            throws SQLException
    {
        return rs.getObject(column, LocalDateTime.class);
    }

    private static OptionalLong optionalLong(ResultSet rs, int column)
            throws SQLException
    {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
