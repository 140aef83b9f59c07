package io.lakehouse.materializer.reliability;

import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.MaterializerCli;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.ledger.AttemptRecord;
import io.lakehouse.materializer.ledger.IntervalRecord;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.RunRecord;
import io.lakehouse.materializer.ledger.TaskState;
import io.lakehouse.materializer.ledger.VersionRecord;
import io.lakehouse.materializer.ledger.VersionState;
import io.lakehouse.materializer.publish.GlueCatalog;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.Partition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static com.google.common.collect.ImmutableMap.toImmutableMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The materializer's command line as a child JVM, killed with SIGKILL at random points of its runs and publishes
 * and restarted until every interval is done, while a reader queries the published tables: every interval ends up
 * published once with the data of an uninterrupted run, nothing staged is left behind, and the reader never sees
 * partial, mixed, empty or missing data.
 */
@TestInstance(PER_CLASS)
final class TestCrashRecovery
{
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 15;
    private static final int TRIALS = 20;
    private static final long SEED = 8;
    private static final String LEASE_TTL = "3s";

    private TestingLakehouse lakehouse;

    @BeforeAll
    void start()
            throws Exception
    {
        // the queries of a killed materializer are abandoned (and their writes rolled back) once no client polls them for this long (default 5m)
        lakehouse = new TestingLakehouse(Map.of("query.client.timeout", "10s"));
    }

    @AfterAll
    void stop()
            throws IOException
    {
        lakehouse.close();
    }

    @Test
    void killedRunsAreResumedUntilEveryIntervalIsPublishedOnceAndReadersNeverSeePartialData(@TempDir Path directory)
            throws Exception
    {
        Path models = writeModels(directory.resolve("models"), "crash");
        Path referenceModels = writeModels(directory.resolve("reference-models"), "crash_ref");

        // an uninterrupted run on another schema gives the expected data
        ModelGraph reference = TestingLakehouse.models(referenceModels);
        try (Materializer materializer = lakehouse.materializer("crash_ref", "reference")) {
            RunSummary summary = materializer.run(TestingLakehouse.nextRunId(), "backfill", materializer.planner().backfill(reference.models(), FROM, to(), false, false),
                    reference, new RunOptions(2, false, RunOptions.DEFAULT_LEASE_TTL, false), new TaskListener() {});
            assertThat(summary.isSuccess()).as("reference run: %s", summary).isTrue();
        }
        Map<String, Map<Object, Set<List<Object>>>> expected = new HashMap<>();
        for (String table : List.of("orders", "customers", "nations")) {
            expected.put(table, lakehouse.query(checksumQuery("crash_ref", table)).getMaterializedRows().stream()
                    .collect(toImmutableMap(row -> row.getField(0), row -> Set.of(row.getFields().subList(1, row.getFieldCount())))));
        }
        assertThat(expected.get("orders")).hasSize(DAYS);

        String ledger = "jdbc:h2:file:" + directory.resolve("ledger") + ";AUTO_SERVER=TRUE";
        List<String> backfill = List.of("backfill", "--from", FROM.toString(), "--to", to().toString(),
                "--models", models.toString(),
                "--server", lakehouse.trinoServer().uri().toString(),
                "--glue-endpoint", lakehouse.glueEndpoint().toString(),
                "--ledger", ledger,
                "--warehouse", "s3://lake/",
                "--lease-ttl", LEASE_TTL);
        System.out.println("reference run done");
        Random random = new Random(SEED);
        int killedWhileTasksRan = 0;
        int killedAfterAPublish = 0;
        int finishedBeforeTheKill = 0;
        int restarts = 0;
        PublishedDataReader reader = new PublishedDataReader(lakehouse.trino(), List.of(
                new PublishedDataReader.Expectation("lake.crash.orders", checksumQuery("crash", "orders"), () -> expected.get("orders")),
                new PublishedDataReader.Expectation("lake.crash.customers", checksumQuery("crash", "customers"), () -> expected.get("customers")),
                new PublishedDataReader.Expectation("lake.crash.nations", checksumQuery("crash", "nations"), () -> expected.get("nations"))));
        try (reader) {
            for (int trial = 1; trial <= TRIALS; trial++) {
                Path output = directory.resolve("trial-%02d.log".formatted(trial));
                Process process = JavaProcess.start(MaterializerCli.class, backfill, output);
                // the kill falls at a random point of the tasks' writes, checks, publishes and ledger records
                long delay = random.nextInt(3000);
                awaitTaskStart(process, output);
                if (process.waitFor(delay, TimeUnit.MILLISECONDS)) {
                    finishedBeforeTheKill++;
                }
                else {
                    process.destroyForcibly();
                    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
                }
                String log = Files.readString(output);
                killedWhileTasksRan += log.contains(" ...") ? 1 : 0;
                killedAfterAPublish += log.contains("rows published") ? 1 : 0;
                System.out.println("trial %s: killed after %s ms, %s tasks started, %s published".formatted(trial, delay, log.lines().filter(line -> line.endsWith(" ...")).count(),
                        log.lines().filter(line -> line.contains("rows published")).count()));
            }

            // restart until a run finds nothing left to do
            boolean done = false;
            while (!done) {
                restarts++;
                assertThat(restarts).as("restarts").isLessThanOrEqualTo(10);
                Path output = directory.resolve("restart-%02d.log".formatted(restarts));
                Process process = JavaProcess.start(MaterializerCli.class, backfill, output);
                assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
                String log = Files.readString(output);
                assertThat(process.exitValue()).as("restart %s: %s", restarts, log).isZero();
                done = log.lines().anyMatch(line -> line.equals("0 tasks to run"));
                System.out.println("restart %s: %s".formatted(restarts, log.lines().filter(line -> line.startsWith("Run ") && line.contains(" published, ")).findFirst().orElse("nothing to do")));
            }
        }

        // queries of killed processes finish in Trino on their own; then a last run removes what they staged
        awaitNoRunningQueries();
        int leftoversBeforeTheLastRun;
        try (GlueCatalog glue = lakehouse.glueCatalog()) {
            leftoversBeforeTheLastRun = glue.listTables("crash", ".*__(stg|del)_.*").size();
        }
        Path last = directory.resolve("last.log");
        Process cleanup = JavaProcess.start(MaterializerCli.class, backfill, last);
        assertThat(cleanup.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(cleanup.exitValue()).as(Files.readString(last)).isZero();

        int intervals = 0;
        int publishedOnce = 0;
        int republished = 0;
        List<String> problems = new ArrayList<>();
        try (Ledger records = Ledger.open(ledger, "lakehouse", "", Clock.systemUTC());
                GlueCatalog glue = lakehouse.glueCatalog()) {
            Map<String, Integer> successfulAttempts = new HashMap<>();
            for (RunRecord run : records.runs(1000)) {
                for (AttemptRecord attempt : records.attempts(run.runId())) {
                    if (attempt.state() == TaskState.SUCCEEDED) {
                        successfulAttempts.merge(attempt.model() + " " + attempt.intervalStart(), 1, Integer::sum);
                    }
                }
            }
            republished = (int) successfulAttempts.values().stream().filter(count -> count > 1).count();
            for (String table : List.of("orders", "customers")) {
                String model = "lake.crash." + table;
                Map<Object, List<Object>> actual = lakehouse.query(checksumQuery("crash", table)).getMaterializedRows().stream()
                        .collect(toImmutableMap(row -> row.getField(0), row -> row.getFields().subList(1, row.getFieldCount())));
                List<String> partitions = glue.getPartitions("crash", table).stream().map(partition -> partition.values().getFirst()).sorted().toList();
                assertThat(partitions).as("Glue partitions of %s", model).hasSize(DAYS).doesNotHaveDuplicates();
                for (int day = 0; day < DAYS; day++) {
                    intervals++;
                    LocalDate ds = FROM.plusDays(day);
                    List<IntervalRecord> ledgerRecords = records.intervals(model).stream().filter(record -> record.interval().ds().equals(ds)).toList();
                    List<VersionRecord> current = records.versions(model, ds.toString()).stream().filter(version -> version.state() == VersionState.CURRENT).toList();
                    Optional<String> location = glue.getPartition("crash", table, List.of(ds.toString())).map(Partition::storageDescriptor).map(descriptor -> descriptor.location());
                    boolean ok = ledgerRecords.size() == 1 && ledgerRecords.getFirst().state() == TaskState.SUCCEEDED
                            && current.size() == 1 && location.isPresent() && current.getFirst().location().equals(location.get())
                            && expected.get(table).get(ds).contains(actual.get(ds));
                    if (ok) {
                        publishedOnce++;
                    }
                    else {
                        problems.add("%s %s: ledger %s, current versions %s, Glue %s, data %s".formatted(model, ds, ledgerRecords, current, location, actual.get(ds)));
                    }
                }
            }
            intervals++;
            List<VersionRecord> current = records.versions("lake.crash.nations", "").stream().filter(version -> version.state() == VersionState.CURRENT).toList();
            Optional<String> location = glue.getTable("crash", "nations").map(table -> table.storageDescriptor().location());
            Map<Object, List<Object>> nations = lakehouse.query(checksumQuery("crash", "nations")).getMaterializedRows().stream()
                    .collect(toImmutableMap(row -> row.getField(0), row -> row.getFields().subList(1, row.getFieldCount())));
            if (current.size() == 1 && location.equals(Optional.of(current.getFirst().location())) && expected.get("nations").get("all").contains(nations.get("all"))) {
                publishedOnce++;
            }
            else {
                problems.add("lake.crash.nations: current versions %s, Glue %s, data %s".formatted(current, location, nations));
            }
            List<String> leftovers = glue.listTables("crash", ".*__(stg|del)_.*");

            System.out.println(("crash trials: %s (killed while tasks ran: %s, after a publish: %s, finished before the kill: %s), restarts to finish: %s, intervals published exactly once: %s/%s, " +
                            "republished after a kill between publish and ledger: %s, staging tables left by killed runs: %s, after the last run: %s, reads: %s (%s groups), partial reads: %s").formatted(
                    TRIALS, killedWhileTasksRan, killedAfterAPublish, finishedBeforeTheKill, restarts, publishedOnce, intervals, republished, leftoversBeforeTheLastRun, leftovers.size(),
                    reader.reads(), reader.groupsRead(), reader.violations().size()));
            assertThat(problems).isEmpty();
            assertThat(publishedOnce).isEqualTo(intervals);
            assertThat(leftovers).isEmpty();
            assertThat(reader.violations()).isEmpty();
            assertThat(reader.reads()).isPositive();
            assertThat(killedWhileTasksRan).isGreaterThanOrEqualTo(TRIALS / 2);
        }
    }

    private static void awaitTaskStart(Process process, Path output)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (process.isAlive() && Files.readString(output).lines().noneMatch(line -> line.endsWith(" ...") || line.equals("0 tasks to run"))) {
            assertThat(System.nanoTime()).as("no task started: %s", Files.readString(output)).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitNoRunningQueries()
            throws InterruptedException
    {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            long running = (long) lakehouse.query("SELECT count(*) FROM system.runtime.queries WHERE state NOT IN ('FINISHED', 'FAILED') AND query NOT LIKE '%system.runtime.queries%'").getOnlyValue();
            if (running == 0) {
                return;
            }
            assertThat(System.nanoTime()).as("queries still running: %s", lakehouse.query("SELECT query_id, state, query FROM system.runtime.queries WHERE state NOT IN ('FINISHED', 'FAILED')")).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static LocalDate to()
    {
        return FROM.plusDays(DAYS - 1);
    }

    /**
     * Per interval (per table for the FULL model): row count and an order-insensitive checksum of every row.
     */
    static String checksumQuery(String schema, String table)
    {
        return switch (table) {
            case "orders" -> "SELECT ds, count(*), to_hex(checksum(row(orderkey, custkey, totalprice))) FROM lake.%s.orders GROUP BY ds".formatted(schema);
            case "customers" -> "SELECT ds, count(*), to_hex(checksum(row(custkey, orders, spent))) FROM lake.%s.customers GROUP BY ds".formatted(schema);
            case "nations" -> "SELECT 'all', count(*), to_hex(checksum(row(nation, customers, balance))) FROM lake.%s.nations HAVING count(*) > 0".formatted(schema);
            default -> throw new IllegalArgumentException(table);
        };
    }

    private static Path writeModels(Path directory, String schema)
            throws IOException
    {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("orders.sql"), """
                MODEL (name lake.%s.orders, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01', checks (unique(orderkey)));
                SELECT orderkey, custkey, CAST(totalprice AS decimal(12, 2)) AS totalprice, {{ ds }} AS ds FROM tpch.tiny.orders WHERE orderkey %% 20 = day({{ ds }}) %% 20
                """.formatted(schema));
        Files.writeString(directory.resolve("customers.sql"), """
                MODEL (name lake.%1$s.customers, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT custkey, count(*) AS orders, sum(totalprice) AS spent, ds FROM lake.%1$s.orders WHERE ds = {{ ds }} GROUP BY custkey, ds
                """.formatted(schema));
        Files.writeString(directory.resolve("nations.sql"), """
                MODEL (name lake.%s.nations, kind FULL, start '2024-01-01');
                SELECT n.name AS nation, count(*) AS customers, sum(CAST(c.acctbal AS decimal(12, 2))) AS balance FROM tpch.tiny.customer c JOIN tpch.tiny.nation n ON c.nationkey = n.nationkey GROUP BY n.name
                """.formatted(schema));
        return directory;
    }
}
