package io.lakehouse.materializer.logging;

import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Stands in front of a logger's handlers (Airlift's console or file handler, in TEXT or JSON format) and puts the
 * {@link TaskLogContext} of the logging thread at the start of the message, {@code [run=… model=… interval=…]}, before
 * they format it. The message is changed on the logging thread, so a handler that formats later, on its own
 * thread, still prints the task.
 */
public final class TaskContextHandler
        extends Handler
{
    private final List<Handler> delegates;

    public TaskContextHandler(List<Handler> delegates)
    {
        this.delegates = ImmutableList.copyOf(requireNonNull(delegates, "delegates is null"));
    }

    /**
     * Replaces the handlers of {@code logger} (the root logger for the whole process) by one that tags records and
     * passes them on; installing twice changes nothing.
     */
    public static synchronized void install(Logger logger)
    {
        requireNonNull(logger, "logger is null");
        Handler[] handlers = logger.getHandlers();
        if (handlers.length == 1 && handlers[0] instanceof TaskContextHandler) {
            return;
        }
        for (Handler handler : handlers) {
            logger.removeHandler(handler);
        }
        logger.addHandler(new TaskContextHandler(List.of(handlers)));
    }

    public static void installOnRootLogger()
    {
        install(Logger.getLogger(""));
    }

    public List<Handler> delegates()
    {
        return delegates;
    }

    @Override
    public void publish(LogRecord record)
    {
        Optional<TaskLogContext> context = TaskLogContext.current();
        if (context.isPresent() && record.getMessage() != null) {
            record.setMessage("[%s] %s".formatted(context.get().fields(), record.getMessage()));
        }
        for (Handler delegate : delegates) {
            delegate.publish(record);
        }
    }

    @Override
    public void flush()
    {
        delegates.forEach(Handler::flush);
    }

    @Override
    public void close()
    {
        for (Handler delegate : delegates) {
            delegate.close();
        }
    }
}
