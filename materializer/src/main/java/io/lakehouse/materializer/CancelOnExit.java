package io.lakehouse.materializer;

import io.lakehouse.materializer.execution.RunId;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;

import static com.google.common.util.concurrent.Uninterruptibles.awaitUninterruptibly;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Ctrl-C during a run cancels its queries and drops their staged data before the process exits.
 */
final class CancelOnExit
{
    // how long an interrupted run may take to cancel its queries and drop its staging tables
    private static final long CANCEL_GRACE_SECONDS = 30;

    interface RunBody<T>
    {
        T run()
                throws SQLException;
    }

    private CancelOnExit() {}

    static <T> T run(Materializer materializer, RunId runId, RunBody<T> body)
            throws SQLException
    {
        CountDownLatch finished = new CountDownLatch(1);
        Thread cancelOnExit = Thread.ofPlatform().name("cancel-run").unstarted(() -> {
            if (finished.getCount() > 0) {
                materializer.cancel(runId);
                awaitUninterruptibly(finished, CANCEL_GRACE_SECONDS, SECONDS);
            }
        });
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        try {
            return body.run();
        }
        finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            }
            catch (IllegalStateException _) {
                // the JVM is shutting down and the hook is running or ran
            }
        }
    }
}
