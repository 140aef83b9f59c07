package io.lakehouse.materializer.reliability;

import com.google.common.collect.ImmutableList;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Queries published tables over and over while the materializer writes them, and records every read that is not a
 * state a reader may see: a group (an interval's partition, or the whole of a FULL table) whose count or checksum
 * is none of the expected ones (partial or mixed data), a group or table seen before and now missing, or a table
 * seen before and now empty. A table or group that was never published yet may be absent.
 */
final class PublishedDataReader
        implements AutoCloseable
{
    /**
     * @param sql a query returning a key (the interval, or a constant for a whole table) followed by the values to compare
     * @param expected for each key, the value lists a reader may see
     */
    record Expectation(String table, String sql, Supplier<Map<Object, Set<List<Object>>>> expected)
    {
        Expectation
        {
            requireNonNull(table, "table is null");
            requireNonNull(sql, "sql is null");
            requireNonNull(expected, "expected is null");
        }
    }

    private final QueryRunner trino;
    private final List<Expectation> expectations;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong groupsRead = new AtomicLong();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Thread thread;

    PublishedDataReader(QueryRunner trino, List<Expectation> expectations)
    {
        this.trino = requireNonNull(trino, "trino is null");
        this.expectations = ImmutableList.copyOf(expectations);
        this.thread = Thread.ofPlatform().name("published-data-reader").daemon().start(this::read);
    }

    private void read()
    {
        List<Set<Object>> seen = new ArrayList<>();
        expectations.forEach(_ -> seen.add(new HashSet<>()));
        while (!stopped.get()) {
            for (int i = 0; i < expectations.size() && !stopped.get(); i++) {
                Expectation expectation = expectations.get(i);
                Set<Object> seenKeys = seen.get(i);
                MaterializedResult result;
                try {
                    result = trino.execute(expectation.sql());
                }
                catch (RuntimeException e) {
                    String message = String.valueOf(e.getMessage());
                    boolean absent = message.contains("does not exist");
                    if (!absent || !seenKeys.isEmpty()) {
                        violations.add("%s: %s".formatted(expectation.table(), absent ? "table missing after it was published: " + message : "read failed: " + message));
                    }
                    continue;
                }
                reads.incrementAndGet();
                Map<Object, Set<List<Object>>> expected = expectation.expected().get();
                Set<Object> keys = new HashSet<>();
                for (MaterializedRow row : result.getMaterializedRows()) {
                    Object key = row.getField(0);
                    List<Object> values = row.getFields().subList(1, row.getFieldCount());
                    keys.add(key);
                    groupsRead.incrementAndGet();
                    Set<List<Object>> allowed = expected.get(key);
                    if (allowed == null || !allowed.contains(values)) {
                        violations.add("%s %s: read %s, expected one of %s".formatted(expectation.table(), key, values, allowed));
                    }
                }
                if (keys.isEmpty() && !seenKeys.isEmpty()) {
                    violations.add("%s: empty after it was published".formatted(expectation.table()));
                }
                for (Object key : seenKeys) {
                    if (!keys.contains(key)) {
                        violations.add("%s %s: missing after it was published".formatted(expectation.table(), key));
                    }
                }
                seenKeys.addAll(keys);
            }
        }
    }

    long reads()
    {
        return reads.get();
    }

    long groupsRead()
    {
        return groupsRead.get();
    }

    List<String> violations()
    {
        return ImmutableList.copyOf(violations);
    }

    @Override
    public void close()
            throws InterruptedException
    {
        stopped.set(true);
        thread.join();
    }
}
