package io.lakehouse.materializer.execution;

import io.lakehouse.catalog.refresh.ColumnStatistic;
import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.TaskState;
import io.lakehouse.materializer.ledger.VersionRecord;
import io.lakehouse.materializer.ledger.VersionState;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.publish.GlueCatalog;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.Task;
import io.lakehouse.materializer.scheduler.TaskListener;
import io.trino.jdbc.QueryStats;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * Write-audit-publish on Trino + Hive + Glue + S3: staged data is checked, then published with one Glue change;
 * readers never see a mix, an empty or a missing table; failed checks leave the previous data; versions are
 * retained for rollback and expired after; leftovers of dead runs are removed.
 */
@TestInstance(PER_CLASS)
final class TestWriteAuditPublish
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);

    private TestingLakehouse lakehouse;
    private Materializer materializer;
    private GlueCatalog glue;

    @BeforeAll
    void start()
            throws Exception
    {
        lakehouse = new TestingLakehouse();
        materializer = lakehouse.materializer("wap", "test-instance");
        glue = lakehouse.glueCatalog();
    }

    @AfterAll
    void stop()
            throws IOException
    {
        glue.close();
        materializer.close();
        lakehouse.close();
    }

    @Test
    void fullModelIsPublishedByPointingTheTableAtTheStagedDataAndKeepsThePreviousVersion(@TempDir Path models)
            throws Exception
    {
        write(models, "nations.sql", """
                MODEL (name lake.wap_full.nations, kind FULL, description 'TPC-H nations', table_properties (format = 'PARQUET'));
                SELECT nationkey, name, {{ ds }} AS ds FROM tpch.tiny.nation
                """);

        RunSummary first = run(models, DS);
        RunSummary second = run(models, DS.plusDays(1));

        assertThat(first.succeeded()).singleElement().satisfies(result -> assertThat(result.rows()).isEqualTo(25));
        assertThat(lakehouse.query("SELECT count(*), count(DISTINCT ds), max(ds) FROM lake.wap_full.nations").getMaterializedRows().getFirst().getFields())
                .containsExactly(25L, 1L, DS.plusDays(1));
        assertThat(lakehouse.query("SHOW TABLES FROM lake.wap_full").getOnlyColumnAsSet()).containsExactly("nations");
        Table table = glue.getTable("wap_full", "nations").orElseThrow();
        assertThat(table.storageDescriptor().location()).isEqualTo("s3://lake/wap_full/nations__stg_" + second.runId() + "__20240102");
        assertThat(table.parameters()).containsEntry("lakehouse.run-id", second.runId().value()).containsEntry("lakehouse.row-count", "25");
        assertThat(lakehouse.query("SELECT comment FROM system.metadata.table_comments WHERE catalog_name = 'lake' AND schema_name = 'wap_full'").getOnlyValue()).isEqualTo("TPC-H nations");
        // the first run's data is retained for rollback
        assertThat(lakehouse.objects("wap_full/nations__stg_" + first.runId() + "__20240101/")).isNotEmpty();
        assertThat(materializer.ledger().versions("lake.wap_full.nations", ""))
                .extracting(VersionRecord::runId, VersionRecord::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(second.runId(), VersionState.CURRENT),
                        org.assertj.core.groups.Tuple.tuple(first.runId(), VersionState.RETAINED));
    }

    @Test
    void failingBlockingCheckLeavesThePreviousDataVisibleAndDropsTheStagedData(@TempDir Path models)
            throws Exception
    {
        write(models, "regions.sql", """
                MODEL (name lake.wap_checks.regions, kind FULL, checks (not_null(name), unique(regionkey)));
                SELECT regionkey, name FROM tpch.tiny.region
                """);
        run(models, DS);
        write(models, "regions.sql", """
                MODEL (name lake.wap_checks.regions, kind FULL, checks (not_null(name), unique(regionkey), row_count(max = 3)));
                SELECT regionkey, CASE WHEN regionkey = 0 THEN NULL ELSE name END AS name FROM tpch.tiny.region
                """);

        RunSummary failed = run(models, DS.plusDays(1));

        assertThat(failed.failed().values()).singleElement().satisfies(entry -> assertThat(entry)
                .contains("2 blocking checks failed")
                .contains("not_null(name) FAILED: 1 row with NULL, such as (regionkey=0, name=NULL)")
                .contains("row_count(max = 3) FAILED: 5 rows")
                .contains("lake.wap_checks.regions is unchanged"));
        assertThat(lakehouse.query("SELECT count(*), count(name) FROM lake.wap_checks.regions").getMaterializedRows().getFirst().getFields()).containsExactly(5L, 5L);
        assertThat(lakehouse.query("SHOW TABLES FROM lake.wap_checks").getOnlyColumnAsSet()).containsExactly("regions");
        assertThat(lakehouse.objects("wap_checks/regions__stg_" + failed.runId())).isEmpty();
        assertThat(materializer.ledger().attempts(failed.runId())).singleElement()
                .satisfies(attempt -> assertThat(attempt.checks()).hasValueSatisfying(checks -> assertThat(checks).contains("unique(regionkey) passed")));
    }

    @Test
    void failedBlockingChecksShowSomeOfTheRowsThatFailThem(@TempDir Path models)
            throws Exception
    {
        write(models, "regions.sql", """
                MODEL (name lake.wap_failing_rows.regions, kind FULL,
                  checks (unique(parity), accepted_values(name, ARRAY['AFRICA', 'AMERICA', 'ASIA', 'EUROPE']), sql('SELECT name FROM this WHERE regionkey > 3'), row_count(min = 1)));
                SELECT regionkey, regionkey % 2 AS parity, name FROM tpch.tiny.region
                """);

        RunSummary failed = run(models, DS);

        assertThat(failed.failed().values()).singleElement().satisfies(entry -> assertThat(entry)
                .contains("3 blocking checks failed")
                .contains("unique(parity) FAILED: 2 duplicated values, such as (parity=0, rows=3), (parity=1, rows=2)")
                .contains("FAILED: 1 row with other values, such as (name=MIDDLE EAST, rows=1)")
                .contains("FAILED: 1 row returned, such as (name=MIDDLE EAST)")
                .contains("row_count(min = 1) passed: 5 rows"));
    }

    @Test
    void checkWhoseQueryFailsIsNamedAndBlocksThePublish(@TempDir Path models)
            throws Exception
    {
        // the checks run as one statement; when it fails, the error names the check whose query failed
        write(models, "regions.sql", """
                MODEL (name lake.wap_check_error.regions, kind FULL,
                  checks (not_null(name), unique(regionkey), sql('SELECT * FROM this WHERE no_such_column > 0')));
                SELECT regionkey, name FROM tpch.tiny.region
                """);

        RunSummary failed = run(models, DS);

        assertThat(failed.failed().values()).singleElement().satisfies(error -> assertThat(error)
                .contains("while checking the staged data of lake.wap_check_error.regions__stg_")
                .contains("check sql('SELECT * FROM this WHERE no_such_column > 0'): ")
                .contains("Column 'no_such_column' cannot be resolved")
                .contains("lake.wap_check_error.regions is unchanged"));
        assertThat(lakehouse.query("SHOW TABLES FROM lake.wap_check_error").getRowCount()).isZero();
    }

    @Test
    void taskWhoseLeaseAnotherInstanceTookOverDoesNotPublishAndTheOtherInstancesResultStands(@TempDir Path models)
            throws Exception
    {
        write(models, "regions.sql", """
                MODEL (name lake.wap_lease.regions, kind FULL);
                SELECT regionkey, name, {{ ds }} AS ds FROM tpch.tiny.region
                """);
        ModelGraph graph = TestingLakehouse.models(models);
        // an instance an hour ahead sees this instance's lease as expired, as after a pause longer than the lease
        Ledger laterLedger = Ledger.open(lakehouse.ledgerUrl("wap"), "sa", "", Clock.offset(Clock.systemUTC(), java.time.Duration.ofHours(1)));
        RunId otherRun = TestingLakehouse.nextRunId();
        AtomicReference<RunSummary> otherSummary = new AtomicReference<>();
        try (Materializer other = lakehouse.materializer(laterLedger, "other-instance")) {
            TaskListener takeOverWhileStaging = new TaskListener()
            {
                @Override
                public void queryProgress(Task task, QueryStats stats)
                {
                    if (otherSummary.get() == null) {
                        try {
                            otherSummary.set(other.run(otherRun, "test", other.planner().forDate(graph.models(), DS), graph, RunOptions.sequential(), new TaskListener() {}));
                        }
                        catch (SQLException e) {
                            throw new RuntimeException(e);
                        }
                    }
                }
            };
            RunId lostRun = TestingLakehouse.nextRunId();
            RunSummary lost = materializer.run(lostRun, "test", materializer.planner().forDate(graph.models(), DS), graph, RunOptions.sequential(), takeOverWhileStaging);

            assertThat(otherSummary.get().succeeded()).singleElement().satisfies(result -> assertThat(result.rows()).isEqualTo(5));
            assertThat(lost.succeeded()).isEmpty();
            assertThat(lost.failed().values()).singleElement().satisfies(error -> assertThat(error)
                    .contains("while confirming the lease before publishing")
                    .contains("the lease of lake.wap_lease.regions 2024-01-01 expired and another instance took the task over")
                    .contains("lake.wap_lease.regions is unchanged"));
            // the catalog points at the other instance's data; this instance's staged data is gone
            Table table = glue.getTable("wap_lease", "regions").orElseThrow();
            assertThat(table.storageDescriptor().location()).isEqualTo("s3://lake/wap_lease/regions__stg_" + otherRun + "__20240101");
            assertThat(table.parameters()).containsEntry("lakehouse.run-id", otherRun.value());
            assertThat(lakehouse.query("SHOW TABLES FROM lake.wap_lease").getOnlyColumnAsSet()).containsExactly("regions");
            assertThat(lakehouse.objects("wap_lease/regions__stg_" + lostRun)).isEmpty();
            assertThat(lakehouse.query("SELECT count(*) FROM lake.wap_lease.regions").getOnlyValue()).isEqualTo(5L);
            // the ledger: this task ABANDONED, the interval and the current version the other instance's
            assertThat(materializer.ledger().tasks(lostRun)).singleElement().satisfies(task -> {
                assertThat(task.state()).isEqualTo(TaskState.ABANDONED);
                assertThat(task.attempts()).isEqualTo(1);
            });
            assertThat(materializer.ledger().attempts(lostRun)).singleElement().satisfies(attempt -> assertThat(attempt.state()).isEqualTo(TaskState.ABANDONED));
            assertThat(materializer.ledger().intervals("lake.wap_lease.regions")).singleElement().satisfies(interval -> {
                assertThat(interval.state()).isEqualTo(TaskState.SUCCEEDED);
                assertThat(interval.runId()).isEqualTo(otherRun);
            });
            assertThat(materializer.ledger().versions("lake.wap_lease.regions", ""))
                    .extracting(VersionRecord::runId, VersionRecord::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(otherRun, VersionState.CURRENT));
        }
    }

    @Test
    void warnOnlyCheckPublishesAndReportsTheFailure(@TempDir Path models)
            throws Exception
    {
        write(models, "regions.sql", """
                MODEL (name lake.wap_warn.regions, kind FULL, checks (accepted_values(name, ARRAY['AFRICA', 'ASIA']) WARN));
                SELECT regionkey, name FROM tpch.tiny.region
                """);

        RunSummary summary = run(models, DS);

        assertThat(summary.succeeded()).singleElement().satisfies(result -> assertThat(result.warnings())
                .containsExactly("check accepted_values(name, ARRAY['AFRICA', 'ASIA']) FAILED (warn only): 3 rows with other values"));
        assertThat(lakehouse.query("SELECT count(*) FROM lake.wap_warn.regions").getOnlyValue()).isEqualTo(5L);
    }

    @Test
    void readersDuringPublishSeeTheOldOrTheNewDataNeverAMixAnEmptyOrAMissingTable(@TempDir Path models)
            throws Exception
    {
        write(models, "full.sql", """
                MODEL (name lake.wap_readers.nations, kind FULL);
                SELECT nationkey, name, {{ ds }} AS ds FROM tpch.tiny.nation
                """);
        write(models, "incremental.sql", """
                MODEL (name lake.wap_readers.orders, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT orderkey, custkey, {{ ds }} AS ds FROM tpch.tiny.orders WHERE orderkey % 7 = day({{ ds }}) % 7 OR day({{ ds }}) = 1
                """);
        run(models, DS);
        long firstDayOrders = (long) lakehouse.query("SELECT count(*) FROM lake.wap_readers.orders").getOnlyValue();

        AtomicBoolean publishing = new AtomicBoolean(true);
        List<String> violations = new ArrayList<>();
        int reads;
        try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
            Future<Integer> reader = executor.submit(() -> {
                int count = 0;
                while (publishing.get()) {
                    MaterializedRow full = lakehouse.query("SELECT count(*), count(DISTINCT ds) FROM lake.wap_readers.nations").getMaterializedRows().getFirst();
                    if (!full.getFields().equals(List.of(25L, 1L))) {
                        violations.add("nations: " + full);
                    }
                    // the first interval is rerun with the same rows: its count is constant while it is replaced
                    Object day = lakehouse.query("SELECT count(*) FROM lake.wap_readers.orders WHERE ds = DATE '2024-01-01'").getOnlyValue();
                    if (!day.equals(firstDayOrders)) {
                        violations.add("orders 2024-01-01: " + day);
                    }
                    count++;
                }
                return count;
            });
            for (int i = 0; i < 3; i++) {
                run(models, DS.plusDays(i % 2 == 0 ? 1 : 0));
                run(models, DS);
            }
            publishing.set(false);
            reads = reader.get();
        }

        assertThat(violations).isEmpty();
        assertThat(reads).isGreaterThan(5);
    }

    @Test
    void rerunOfAnIntervalReplacesItsPartitionWithIdenticalDataAndLeavesOtherIntervals(@TempDir Path models)
            throws Exception
    {
        write(models, "orders.sql", """
                MODEL (name lake.wap_incremental.orders, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01',
                  checks (not_null(orderkey), unique(orderkey)));
                SELECT orderkey, totalprice, ds FROM (SELECT orderkey, totalprice, date_add('day', orderkey % 3, DATE '2024-01-01') AS ds FROM tpch.tiny.orders)
                WHERE ds = {{ ds }}
                """);
        run(models, DS);
        run(models, DS.plusDays(1));
        String checksums = "SELECT ds, count(*), checksum(orderkey), checksum(totalprice) FROM lake.wap_incremental.orders GROUP BY ds ORDER BY ds";
        List<MaterializedRow> before = lakehouse.query(checksums).getMaterializedRows();
        String firstLocation = glue.getPartition("wap_incremental", "orders", List.of("2024-01-01")).orElseThrow().storageDescriptor().location();

        RunSummary rerun = run(models, DS);

        assertThat(lakehouse.query(checksums).getMaterializedRows()).isEqualTo(before).hasSize(2);
        assertThat(glue.getPartition("wap_incremental", "orders", List.of("2024-01-01")).orElseThrow().storageDescriptor().location())
                .isNotEqualTo(firstLocation)
                .isEqualTo("s3://lake/wap_incremental/orders__stg_%s__20240101/ds=2024-01-01".formatted(rerun.runId()));
        assertThat(lakehouse.query("SELECT count(*) FROM lake.wap_incremental.\"orders$partitions\"").getOnlyValue()).isEqualTo(2L);
        assertThat(lakehouse.query("SHOW TABLES FROM lake.wap_incremental").getOnlyColumnAsSet()).containsExactly("orders");
    }

    @Test
    void intervalQueryReturningRowsOfOtherIntervalsIsNotPublished(@TempDir Path models)
            throws Exception
    {
        write(models, "orders.sql", """
                MODEL (name lake.wap_outside.orders, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT orderkey, orderdate AS ds FROM tpch.tiny.orders WHERE orderdate BETWEEN {{ ds }} AND {{ ds }} + INTERVAL '1' DAY
                """);

        RunSummary summary = run(models, LocalDate.of(1995, 3, 1));

        assertThat(summary.failed().values()).singleElement().satisfies(error -> assertThat(error)
                .contains("staged rows have ds NULL or other than 1995-03-01")
                .contains("filter it with WHERE ds = {{ ds }}"));
        assertThat(lakehouse.query("SHOW TABLES FROM lake.wap_outside").getRowCount()).isZero();
    }

    @Test
    void rollbackRestoresThePreviousVersionWithOneCatalogChangeAndCanBeUndone(@TempDir Path models)
            throws Exception
    {
        write(models, "nations.sql", """
                MODEL (name lake.wap_rollback.nations, kind FULL);
                SELECT nationkey, name, {{ ds }} AS ds FROM tpch.tiny.nation
                """);
        write(models, "orders.sql", """
                MODEL (name lake.wap_rollback.orders, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT orderkey, {{ ds }} AS ds FROM tpch.tiny.orders WHERE orderkey < {{ limit }}
                """.replace("{{ limit }}", "100"));
        run(models, DS);
        Model nations = model(models, "lake.wap_rollback.nations");
        RunSummary second = run(models, DS.plusDays(1));
        Map<String, String> secondPublication = glue.getTable("wap_rollback", "nations").orElseThrow().parameters();
        write(models, "orders.sql", """
                MODEL (name lake.wap_rollback.orders, kind INCREMENTAL_BY_TIME_RANGE, time_column ds, start '2024-01-01');
                SELECT orderkey, {{ ds }} AS ds FROM tpch.tiny.orders WHERE orderkey < 10
                """);
        run(models, DS.plusDays(1));
        Model orders = model(models, "lake.wap_rollback.orders");
        assertThat(lakehouse.query("SELECT count(*) FROM lake.wap_rollback.orders WHERE ds = DATE '2024-01-02'").getOnlyValue()).isEqualTo(7L);
        List<String> partition = List.of("2024-01-02");
        assertThat(glue.partitionStatistics("wap_rollback", "orders", partition, List.of("orderkey"))).isNotEmpty();

        VersionRecord restored = materializer.rollback(nations, Optional.empty(), Optional.empty());
        materializer.rollback(orders, Optional.of("2024-01-02"), Optional.empty());

        // the publication of the restored run comes back with its data; statistics of the replaced data go
        Map<String, String> restoredPublication = glue.getTable("wap_rollback", "nations").orElseThrow().parameters();
        for (String parameter : List.of("lakehouse.run-id", "lakehouse.row-count", "lakehouse.published-at", "lakehouse.data-interval-start", "numRows")) {
            assertThat(restoredPublication).containsEntry(parameter, secondPublication.get(parameter));
        }
        assertThat(glue.tableStatistics("wap_rollback", "nations", List.of("nationkey", "name", "ds"))).isEmpty();
        assertThat(glue.getPartition("wap_rollback", "orders", partition).orElseThrow().parameters())
                .containsEntry("lakehouse.run-id", second.runId().value())
                .containsEntry("lakehouse.row-count", "27")
                .containsEntry("numRows", "27")
                .doesNotContainKey("numFiles");
        assertThat(glue.partitionStatistics("wap_rollback", "orders", partition, List.of("orderkey"))).isEmpty();
        // Trino's cached statistics were flushed: the table's row count is the two partitions' restored counts
        assertThat(lakehouse.query("SHOW STATS FOR lake.wap_rollback.orders").getMaterializedRows())
                .filteredOn(row -> row.getField(0) == null)
                .singleElement().satisfies(summary -> assertThat(summary.getField(4)).isEqualTo(54.0));

        assertThat(lakehouse.query("SELECT DISTINCT ds FROM lake.wap_rollback.nations").getOnlyValue()).isEqualTo(DS.plusDays(1));
        assertThat(restored.state()).isEqualTo(VersionState.RETAINED);
        assertThat(lakehouse.query("SELECT count(*) FROM lake.wap_rollback.orders WHERE ds = DATE '2024-01-02'").getOnlyValue()).isEqualTo(27L);
        assertThat(lakehouse.query("SELECT count(*) FROM lake.wap_rollback.orders WHERE ds = DATE '2024-01-01'").getOnlyValue()).isEqualTo(27L);

        // roll forward again, to a named run
        RunSummary latest = run(models, DS.plusDays(2));
        materializer.rollback(nations, Optional.empty(), Optional.of(second.runId()));
        assertThat(lakehouse.query("SELECT DISTINCT ds FROM lake.wap_rollback.nations").getOnlyValue()).isEqualTo(DS.plusDays(1));
        materializer.rollback(nations, Optional.empty(), Optional.of(latest.runId()));
        assertThat(lakehouse.query("SELECT DISTINCT ds FROM lake.wap_rollback.nations").getOnlyValue()).isEqualTo(DS.plusDays(2));

        assertThatThrownBy(() -> materializer.rollback(orders, Optional.empty(), Optional.empty()))
                .hasMessageContaining("name the interval to roll back with --interval");
        assertThatThrownBy(() -> materializer.rollback(nations, Optional.empty(), Optional.of(new RunId("no_such_run"))))
                .hasMessageStartingWith("Run no_such_run published no version of lake.wap_rollback.nations; versions: ");
    }

    @Test
    void columnStatisticsDescribeThePublishedColumnsAlsoWhenTheModelsColumnsChange(@TempDir Path models)
            throws Exception
    {
        // the publish reads the staged statistics of the columns the instance published last, and again when they differ
        write(models, "nations.sql", """
                MODEL (name lake.wap_statistics.nations, kind FULL);
                SELECT nationkey, name FROM tpch.tiny.nation
                """);
        run(models, DS);
        run(models, DS.plusDays(1));
        assertThat(glue.tableStatistics("wap_statistics", "nations", List.of("nationkey", "name")))
                .extracting(ColumnStatistic::column)
                .containsExactlyInAnyOrder("nationkey", "name");

        write(models, "nations.sql", """
                MODEL (name lake.wap_statistics.nations, kind FULL);
                SELECT nationkey, regionkey FROM tpch.tiny.nation WHERE nationkey < 10
                """);
        run(models, DS.plusDays(2));
        assertThat(glue.tableStatistics("wap_statistics", "nations", List.of("nationkey", "regionkey")))
                .extracting(ColumnStatistic::column)
                .containsExactlyInAnyOrder("nationkey", "regionkey");
        assertThat(lakehouse.query("SHOW STATS FOR lake.wap_statistics.nations").getMaterializedRows())
                .filteredOn(row -> "regionkey".equals(row.getField(0)))
                .singleElement()
                .satisfies(row -> assertThat((Double) row.getField(2)).isCloseTo(5.0, within(1.0)));
    }

    @Test
    void modelWithoutColumnStatisticsPublishesItsRowCountAndTheNextModelCollectsThemAgain(@TempDir Path models)
            throws Exception
    {
        write(models, "nations.sql", """
                MODEL (name lake.wap_no_statistics.nations, kind FULL, column_statistics false);
                SELECT nationkey, name FROM tpch.tiny.nation
                """);
        // runs after nations, on the connection nations reset
        write(models, "regions.sql", """
                MODEL (name lake.wap_no_statistics.regions, kind FULL);
                SELECT regionkey, count(*) AS nations FROM lake.wap_no_statistics.nations n JOIN tpch.tiny.nation t USING (nationkey) GROUP BY regionkey
                """);
        RunSummary summary = run(models, DS);
        assertThat(summary.isSuccess()).isTrue();

        assertThat(glue.tableStatistics("wap_no_statistics", "nations", List.of("nationkey", "name"))).isEmpty();
        assertThat(glue.getTable("wap_no_statistics", "nations").orElseThrow().parameters()).containsEntry("numRows", "25");
        assertThat(lakehouse.query("SHOW STATS FOR lake.wap_no_statistics.nations").getMaterializedRows())
                .filteredOn(row -> row.getField(0) == null)
                .singleElement().satisfies(summaryRow -> assertThat(summaryRow.getField(4)).isEqualTo(25.0));
        assertThat(glue.tableStatistics("wap_no_statistics", "regions", List.of("regionkey", "nations")))
                .extracting(ColumnStatistic::column)
                .containsExactlyInAnyOrder("regionkey", "nations");
    }

    @Test
    void versionsOlderThanTheRetainedOnesHaveTheirDataDeleted(@TempDir Path models)
            throws Exception
    {
        write(models, "regions.sql", """
                MODEL (name lake.wap_retention.regions, kind FULL, retain_versions 1);
                SELECT regionkey, name, {{ ds }} AS ds FROM tpch.tiny.region
                """);
        RunSummary first = run(models, DS);
        RunSummary second = run(models, DS.plusDays(1));
        RunSummary third = run(models, DS.plusDays(2));

        assertThat(lakehouse.objects("wap_retention/regions__stg_" + first.runId() + "__20240101/")).isEmpty();
        assertThat(lakehouse.objects("wap_retention/regions__stg_" + second.runId() + "__20240102/")).isNotEmpty();
        assertThat(lakehouse.objects("wap_retention/regions__stg_" + third.runId() + "__20240103/")).isNotEmpty();
        assertThat(materializer.ledger().versions("lake.wap_retention.regions", "")).extracting(VersionRecord::state)
                .containsExactly(VersionState.CURRENT, VersionState.RETAINED, VersionState.EXPIRED);
        assertThat(lakehouse.query("SHOW TABLES FROM lake.wap_retention").getOnlyColumnAsSet()).containsExactly("regions");
        assertThatThrownBy(() -> materializer.rollback(model(models, "lake.wap_retention.regions"), Optional.empty(), Optional.of(first.runId())))
                .hasMessageContaining("has expired and its data was deleted");
    }

    @Test
    void leftoversOfDeadRunsAreRemovedAndStagedDataThatWasPublishedIsKept(@TempDir Path models)
            throws Exception
    {
        write(models, "regions.sql", """
                MODEL (name lake.wap_leftovers.regions, kind FULL);
                SELECT regionkey, name FROM tpch.tiny.region
                """);
        run(models, DS);
        // a run that died while staging, and one that died after publishing but before dropping its staged table's metadata
        lakehouse.query("CREATE TABLE lake.wap_leftovers.regions__stg_dead_while_staging AS SELECT 1 AS regionkey, 'x' AS name");
        lakehouse.query("CREATE TABLE lake.wap_leftovers.regions__stg_dead_after_publish AS SELECT regionkey, name FROM tpch.tiny.region WHERE regionkey < 2");
        Table published = glue.getTable("wap_leftovers", "regions__stg_dead_after_publish").orElseThrow();
        Table current = glue.getTable("wap_leftovers", "regions").orElseThrow();
        glue.updateTable("wap_leftovers", TableInput.builder()
                .name("regions")
                .tableType(current.tableType())
                .partitionKeys(current.partitionKeys())
                .parameters(current.parameters())
                .storageDescriptor(published.storageDescriptor())
                .build(), Optional.empty());

        assertThat(materializer.cleanLeftovers(List.of(model(models, "lake.wap_leftovers.regions"))))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("lake.wap_leftovers.regions__stg_dead_while_staging", "lake.wap_leftovers.regions__stg_dead_after_publish");

        assertThat(lakehouse.query("SHOW TABLES FROM lake.wap_leftovers").getOnlyColumnAsSet()).containsExactly("regions");
        assertThat(lakehouse.objects("wap_leftovers/regions__stg_dead_while_staging/")).isEmpty();
        assertThat(lakehouse.query("SELECT count(*) FROM lake.wap_leftovers.regions").getOnlyValue()).isEqualTo(2L);
    }

    @Test
    void appendModelAddsEachIntervalOnce(@TempDir Path models)
            throws Exception
    {
        write(models, "snapshots.sql", """
                MODEL (name lake.wap_append.region_snapshots, kind APPEND, time_column ds, start '2024-01-01');
                SELECT regionkey, name, {{ ds }} AS ds FROM tpch.tiny.region
                """);
        run(models, DS);
        run(models, DS.plusDays(1));

        RunSummary again = run(models, DS);

        assertThat(again.failed().values()).singleElement().satisfies(error -> assertThat(error)
                .contains("Partition 2024-01-01 of lake.wap_append.region_snapshots was appended before by run test_")
                .contains("an APPEND model adds an interval once"));
        assertThat(lakehouse.query("SELECT ds, count(*) FROM lake.wap_append.region_snapshots GROUP BY ds ORDER BY ds").getMaterializedRows())
                .extracting(row -> row.getField(1))
                .containsExactly(5L, 5L);
    }

    @Test
    void viewModelIsReplacedInOneCatalogChange(@TempDir Path models)
            throws Exception
    {
        write(models, "view.sql", """
                MODEL (name lake.wap_view.asia, kind VIEW, checks (row_count(min = 1)));
                SELECT name FROM tpch.tiny.nation WHERE regionkey = 2
                """);
        run(models, DS);
        assertThat(lakehouse.query("SELECT count(*) FROM lake.wap_view.asia").getOnlyValue()).isEqualTo(5L);
        write(models, "view.sql", """
                MODEL (name lake.wap_view.asia, kind VIEW, checks (row_count(min = 1)));
                SELECT name, regionkey FROM tpch.tiny.nation WHERE regionkey IN (2, 3)
                """);

        run(models, DS);

        assertThat(lakehouse.query("SELECT count(*), count(DISTINCT regionkey) FROM lake.wap_view.asia").getMaterializedRows().getFirst().getFields()).containsExactly(10L, 2L);
        assertThat(lakehouse.query("SELECT table_name, table_type FROM lake.information_schema.tables WHERE table_schema = 'wap_view'").getMaterializedRows())
                .extracting(MaterializedRow::getFields)
                .containsExactly(List.of("asia", "VIEW"));
    }

    private RunSummary run(Path models, LocalDate ds)
            throws Exception
    {
        ModelGraph graph = TestingLakehouse.models(models);
        return materializer.run(TestingLakehouse.nextRunId(), "test", materializer.planner().forDate(graph.models(), ds), graph, RunOptions.sequential(), new TaskListener() {});
    }

    private static Model model(Path models, String name)
    {
        return TestingLakehouse.models(models).models().stream()
                .filter(model -> model.name().toString().equals(name))
                .collect(toImmutableList())
                .getFirst();
    }

    private static void write(Path directory, String file, String content)
            throws IOException
    {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(file), content);
    }
}
