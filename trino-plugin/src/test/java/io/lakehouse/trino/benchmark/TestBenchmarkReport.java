package io.lakehouse.trino.benchmark;

import io.lakehouse.trino.benchmark.BenchmarkReport.Run;
import io.lakehouse.trino.benchmark.BenchmarkResult.Comparison;
import io.lakehouse.trino.benchmark.BenchmarkResult.Figure;
import io.lakehouse.trino.benchmark.BenchmarkResult.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

final class TestBenchmarkReport
{
    private static final BenchmarkMachine MACHINE = new BenchmarkMachine("Test CPU @ 2.0GHz", 2, 24L << 30, "Debian GNU/Linux 13, Linux 6.1 (amd64)", "Java 25 (Eclipse Adoptium)");
    private static final Run RUN = new Run(MACHINE, LocalDate.of(2025, 11, 22), "abc1234", "bin/lakehouse bench all --imdb-scale 0.25", "1.00 2.00 3.00", "4.00 5.00 6.00", Optional.of(Duration.ofMinutes(21)));

    private static final BenchmarkResult LANDING = new BenchmarkResult(
            "landing-scan",
            "Landing scan",
            "Full scan of 1,024 MB.",
            "1.0 before, 2.0 after",
            List.of(
                    Comparison.againstPeer("wall time vs hive_csv", Figure.seconds("lakehouse", 23.44), Figure.seconds("hive_csv", 71.98), Optional.of(Target.ratioAtMost(0.5))),
                    Comparison.againstPeer("wall time vs duckdb", Figure.seconds("lakehouse", 23.44), Figure.seconds("duckdb", 20.0), Optional.of(Target.ratioAtMost(1.0))),
                    Comparison.againstPeer("wall time vs hive_text", Figure.seconds("lakehouse", 23.44), Figure.seconds("hive_text", 26.35), Optional.empty())),
            List.of("lakehouse: 21.6 s CPU"),
            Optional.empty());
    private static final BenchmarkResult OVERHEAD = new BenchmarkResult(
            "orchestration-overhead",
            "Orchestration overhead",
            "200 trivial models.",
            "3.0 before, 3.5 after",
            List.of(Comparison.againstTarget("per task", new Figure("materializer", 12.345, "ms"), Target.figureAtMost(20))),
            List.of(),
            Optional.empty());

    @Test
    void resultSurvivesItsFile(@TempDir Path folder)
    {
        Path file = LANDING.write(folder);
        assertThat(file.getFileName()).hasToString("landing-scan.json");
        assertThat(BenchmarkResult.read(file)).isEqualTo(LANDING);
        assertThat(BenchmarkResult.read(OVERHEAD.write(folder))).isEqualTo(OVERHEAD);
    }

    @Test
    void ratioIsOurFigureOverThePeersAndTargetsAreEvaluated()
    {
        Comparison againstHive = LANDING.comparisons().get(0);
        assertThat(againstHive.ratio()).hasValueCloseTo(23.44 / 71.98, offset(1e-9));
        assertThat(againstHive.met()).contains(true);
        Comparison againstDuckDb = LANDING.comparisons().get(1);
        assertThat(againstDuckDb.met()).contains(false);
        assertThat(LANDING.comparisons().get(2).met()).isEmpty();
        assertThat(OVERHEAD.comparisons().getFirst().ratio()).isEmpty();
        assertThat(OVERHEAD.comparisons().getFirst().met()).contains(true);
        assertThat(Comparison.againstTarget("per task", new Figure("materializer", 20.5, "ms"), Target.figureAtMost(20)).met()).contains(false);
    }

    @Test
    void comparisonNeedsComparableFigures()
    {
        assertThatThrownBy(() -> Comparison.againstPeer("mixed", Figure.seconds("ours", 1), new Figure("peer", 1, "ms"), Optional.empty()))
                .hasMessageContaining("our figure is in s, the peer's in ms");
        assertThatThrownBy(() -> new Comparison("no peer", Figure.seconds("ours", 1), Optional.empty(), Optional.of(Target.ratioAtMost(1))))
                .hasMessageContaining("a target on the ratio needs a peer");
    }

    @Test
    void tableHasOneRowPerComparison()
    {
        String markdown = new BenchmarkReport(RUN, List.of("landing-scan", "orchestration-overhead"), List.of(OVERHEAD, LANDING)).toMarkdown();
        assertThat(markdown).contains("""
                | benchmark | our figure | peer figure | ratio | target | met? |
                |---|---|---|---:|---|---|
                | Landing scan: wall time vs hive_csv | lakehouse 23.4 s | hive_csv 72.0 s | 0.33× | ≤ 0.50× | yes |
                | Landing scan: wall time vs duckdb | lakehouse 23.4 s | duckdb 20.0 s | 1.17× | ≤ 1.00× | **no** |
                | Landing scan: wall time vs hive_text | lakehouse 23.4 s | hive_text 26.4 s | 0.89× | — | — |
                | Orchestration overhead: per task | materializer 12.3 ms | — | — | ≤ 20.0 ms | yes |
                """);
        assertThat(markdown)
                .contains("Measured on 2025-11-22 with `bin/lakehouse bench all --imdb-scale 0.25` at commit abc1234, in 21 min.")
                .contains("Machine: Test CPU @ 2.0GHz, 2 cores, 24 GiB RAM; Debian GNU/Linux 13, Linux 6.1 (amd64); Java 25 (Eclipse Adoptium).")
                .contains("Load average (1, 5, 15 min): 1.00 2.00 3.00 before, 4.00 5.00 6.00 after")
                .contains("## Landing scan\n\nFull scan of 1,024 MB. Load average (1, 5, 15 min): 1.0 before, 2.0 after.\n\n- lakehouse: 21.6 s CPU\n");
    }

    @Test
    void missingAndFailedBenchmarksAreShown()
    {
        BenchmarkResult disagreeing = new BenchmarkResult("imdb-build", "IMDb build", "Scale 0.25.", "1 before, 1 after",
                List.of(Comparison.againstPeer("wall time vs spark", Figure.seconds("Trino", 50), Figure.seconds("spark", 200), Optional.of(Target.ratioAtMost(0.5)))),
                List.of(), Optional.of("the engines made different tables"));
        String markdown = new BenchmarkReport(RUN, List.of("crawl", "imdb-build"), List.of(disagreeing)).toMarkdown();
        assertThat(markdown)
                .contains("| crawl | no result | | | | **failed** |")
                .contains("| IMDb build: wall time vs spark | Trino 50.0 s | spark 200.0 s | 0.25× | ≤ 0.50× | **failed** |")
                .contains("## crawl\n\n**No result**")
                .contains("**Failed**: the engines made different tables");
    }

    @Test
    void readmeSummaryIsReplacedBetweenTheMarkers()
    {
        String readme = "# Project\n\n## Benchmarks\n\n<!-- benchmarks:begin -->\nold table\n<!-- benchmarks:end -->\n\nMore text.\n";
        String summary = new BenchmarkReport(RUN, List.of(), List.of(OVERHEAD)).summary("bench/results/latest.md");
        String updated = BenchmarkReport.replaceSummary(readme, summary);
        assertThat(updated)
                .startsWith("# Project\n\n## Benchmarks\n\n<!-- benchmarks:begin -->\nMeasured on 2025-11-22")
                .contains("| Orchestration overhead: per task | materializer 12.3 ms |")
                .contains("Details of each benchmark: [bench/results/latest.md](bench/results/latest.md).\n<!-- benchmarks:end -->\n\nMore text.\n")
                .doesNotContain("old table");
        assertThatThrownBy(() -> BenchmarkReport.replaceSummary("# Project\n", summary))
                .hasMessageContaining("<!-- benchmarks:begin -->");
    }
}
