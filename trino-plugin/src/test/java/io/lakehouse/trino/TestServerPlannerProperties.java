package io.lakehouse.trino;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process Trino of tests and benchmarks plans as the server of {@code etc/} does: every property of
 * {@link LakehouseQueryRunner#SERVER_PLANNER_PROPERTIES} has the value {@code etc/config.properties} gives it, and
 * the file's writer count is the one the testing server always sets.
 */
final class TestServerPlannerProperties
{
    @Test
    void queryRunnerSetsThePlannerPropertiesOfTheServerConfiguration()
            throws IOException
    {
        Properties server = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("..", "etc", "config.properties"), UTF_8)) {
            server.load(reader);
        }
        assertThat(LakehouseQueryRunner.SERVER_PLANNER_PROPERTIES).allSatisfy((name, value) ->
                assertThat(server.getProperty(name)).as("%s in etc/config.properties", name).isEqualTo(value));
        // TestingTrinoServer always sets task.min-writer-count=2
        assertThat(server.getProperty("task.min-writer-count")).isEqualTo("2");
    }
}
