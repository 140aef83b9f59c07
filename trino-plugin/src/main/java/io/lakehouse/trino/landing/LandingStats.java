package io.lakehouse.trino.landing;

import io.airlift.stats.CounterStat;
import org.weakref.jmx.Managed;
import org.weakref.jmx.Nested;

/**
 * What the landing connector did, exported over JMX (and so readable through Trino's {@code jmx} catalog):
 * files inferred and read, records read, records skipped as malformed.
 */
public final class LandingStats
{
    private final CounterStat filesInferred = new CounterStat();
    private final CounterStat splitsRead = new CounterStat();
    private final CounterStat recordsRead = new CounterStat();
    private final CounterStat recordsRejected = new CounterStat();

    @Managed
    @Nested
    public CounterStat getFilesInferred()
    {
        return filesInferred;
    }

    @Managed
    @Nested
    public CounterStat getSplitsRead()
    {
        return splitsRead;
    }

    @Managed
    @Nested
    public CounterStat getRecordsRead()
    {
        return recordsRead;
    }

    @Managed
    @Nested
    public CounterStat getRecordsRejected()
    {
        return recordsRejected;
    }
}
