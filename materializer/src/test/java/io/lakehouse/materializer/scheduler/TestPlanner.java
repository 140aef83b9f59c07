package io.lakehouse.materializer.scheduler;

import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.ledger.ExpiredVersions;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.MutableClock;
import io.lakehouse.materializer.schedule.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class TestPlanner
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);

    @Test
    void tasksOfADateStartLongestFirstAndModelsNeverRunBeforeThem(@TempDir Path directory)
            throws IOException
    {
        Path models = directory.resolve("models");
        for (String name : List.of("a_short", "b_long", "c_new", "d_middle")) {
            write(models, name + ".sql", "MODEL (name lake.planner.%s, kind FULL); SELECT 1 AS one".formatted(name));
        }
        ModelGraph graph = TestingLakehouse.models(models);
        MutableClock clock = new MutableClock(Instant.parse("2024-01-02T06:00:00Z"));
        try (Ledger ledger = Ledger.open("jdbc:h2:file:" + directory.resolve("ledger"), "sa", "", clock)) {
            Planner planner = new Planner(ledger);
            // no history: the given order
            assertThat(planner.forDate(graph.models(), DS)).extracting(task -> task.model().name().table())
                    .containsExactly("a_short", "b_long", "c_new", "d_middle");

            Interval day = new Interval(DS.atStartOfDay(), DS.plusDays(1).atStartOfDay());
            RunId run = new RunId("run_1");
            for (String name : List.of("a_short", "b_long", "d_middle")) {
                ledger.taskStarted(run, "lake.planner." + name, day, "instance-a");
            }
            clock.advance(Duration.ofSeconds(1));
            ledger.taskSucceeded(run, "lake.planner.a_short", day, 1, 1, "query_a", "[]", ExpiredVersions.NONE, "instance-a");
            clock.advance(Duration.ofSeconds(5));
            ledger.taskSucceeded(run, "lake.planner.d_middle", day, 1, 1, "query_d", "[]", ExpiredVersions.NONE, "instance-a");
            clock.advance(Duration.ofSeconds(20));
            ledger.taskSucceeded(run, "lake.planner.b_long", day, 1, 1, "query_b", "[]", ExpiredVersions.NONE, "instance-a");

            assertThat(planner.forDate(graph.models(), DS.plusDays(1))).extracting(task -> task.model().name().table())
                    .containsExactly("c_new", "b_long", "d_middle", "a_short");
        }
    }

    private static void write(Path directory, String file, String content)
            throws IOException
    {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(file), content);
    }
}
