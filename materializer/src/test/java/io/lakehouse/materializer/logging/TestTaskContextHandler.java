package io.lakehouse.materializer.logging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlift.log.Format;
import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.schedule.Interval;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

final class TestTaskContextHandler
{
    private static final Interval DAY = new Interval(LocalDateTime.parse("2024-01-01T00:00"), LocalDateTime.parse("2024-01-02T00:00"));

    @Test
    void linesLoggedWhileATaskRunsCarryItsRunModelAndIntervalInTextAndJson()
            throws Exception
    {
        Logger logger = Logger.getLogger("test.task-context." + System.nanoTime());
        logger.setUseParentHandlers(false);
        List<String> text = new CopyOnWriteArrayList<>();
        List<String> json = new CopyOnWriteArrayList<>();
        logger.addHandler(formatting(Format.TEXT.createFormatter(Map.of(), false), text));
        logger.addHandler(formatting(Format.JSON.createFormatter(Map.of()), json));
        TaskContextHandler.install(logger);
        TaskContextHandler.install(logger);
        assertThat(logger.getHandlers()).singleElement().isInstanceOf(TaskContextHandler.class);

        logger.info("before the task");
        try (TaskLogContext _ = TaskLogContext.enter(new RunId("run_1"), "lake.bronze.titles", DAY)) {
            logger.warning("inside the task");
            try (TaskLogContext _ = TaskLogContext.enter(new RunId("run_2"), "lake.silver.titles", DAY)) {
                logger.info("nested");
            }
            logger.log(Level.SEVERE, "back in the task");
        }
        logger.info("after the task");
        // another thread has no task
        Thread other = Thread.ofPlatform().start(() -> logger.info("elsewhere"));
        other.join();

        assertThat(text).hasSize(6);
        assertThat(text.get(0)).contains("\tbefore the task").doesNotContain("run=");
        assertThat(text.get(1)).contains("\t[run=run_1 model=lake.bronze.titles interval=2024-01-01] inside the task");
        assertThat(text.get(2)).contains("[run=run_2 model=lake.silver.titles interval=2024-01-01] nested");
        assertThat(text.get(3)).contains("[run=run_1 model=lake.bronze.titles interval=2024-01-01] back in the task");
        assertThat(text.get(4)).doesNotContain("run=");
        assertThat(text.get(5)).doesNotContain("run=");

        assertThat(new ObjectMapper().readTree(json.get(1)).get("message").asText())
                .isEqualTo("[run=run_1 model=lake.bronze.titles interval=2024-01-01] inside the task");
    }

    private static Handler formatting(Formatter formatter, List<String> lines)
    {
        return new Handler()
        {
            @Override
            public void publish(LogRecord record)
            {
                lines.add(formatter.format(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
    }
}
