package io.lakehouse.materializer.scheduler;

import io.lakehouse.materializer.execution.TrinoSession;

import java.sql.SQLException;

/**
 * Opens a Trino session for each task, so tasks can run in parallel.
 */
public interface TrinoSessions
{
    TrinoSession open()
            throws SQLException;
}
