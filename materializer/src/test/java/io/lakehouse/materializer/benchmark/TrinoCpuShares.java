package io.lakehouse.materializer.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Where the processor time of one Trino run of the IMDb build went: the queries' own CPU time (Trino's
 * {@code totalCpuTime}), the JIT compiler threads and the garbage collector's threads of the JVM that hosts Trino,
 * and S3Proxy's process. The rest is the JVM's other threads: HTTP of exchanges, task status and the client protocol,
 * the Glue endpoint and the materializer.
 */
record TrinoCpuShares(Duration total, Duration queries, Duration jitCompilers, Duration garbageCollector, Duration s3Proxy)
{
    TrinoCpuShares
    {
        requireNonNull(total, "total is null");
        requireNonNull(queries, "queries is null");
        requireNonNull(jitCompilers, "jitCompilers is null");
        requireNonNull(garbageCollector, "garbageCollector is null");
        requireNonNull(s3Proxy, "s3Proxy is null");
    }

    Duration rest()
    {
        return total.minus(queries).minus(jitCompilers).minus(garbageCollector).minus(s3Proxy);
    }

    @Override
    public String toString()
    {
        return "queries %.1f s, JIT compilers %.1f s, garbage collector %.1f s, S3Proxy %.1f s, the rest %.1f s".formatted(
                seconds(queries), seconds(jitCompilers), seconds(garbageCollector), seconds(s3Proxy), seconds(rest()));
    }

    private static double seconds(Duration duration)
    {
        return duration.toNanos() / 1e9;
    }

    /**
     * The CPU time of this JVM's JIT compiler threads and garbage collector threads (G1's parallel and concurrent
     * ones), read per thread from Linux's {@code /proc/self/task/<id>/stat}. Such threads are hidden from
     * {@code ThreadMXBean}, and the JVM's own counter of compilation time is the compilers' elapsed time, which on a
     * busy machine is far more than their CPU time. A compiler thread that the JVM stops between two readings takes
     * its time with it, so the JIT's share is a lower bound.
     */
    record JvmThreadsCpu(Map<Long, Duration> jitCompilers, Map<Long, Duration> garbageCollector)
    {
        // USER_HZ, the unit of utime and stime in /proc: 100 on Linux for x86-64 and ARM64
        private static final long NANOS_PER_TICK = 10_000_000;

        static JvmThreadsCpu now()
        {
            Map<Long, Duration> jitCompilers = new HashMap<>();
            Map<Long, Duration> garbageCollector = new HashMap<>();
            try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
                threads.forEach(thread -> {
                    String stat;
                    try {
                        stat = Files.readString(thread.resolve("stat"));
                    }
                    catch (IOException _) {
                        return; // the thread ended
                    }
                    // pid (comm) state ppid ...: comm may hold spaces, so the fields count from its closing parenthesis
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    Duration cpu = Duration.ofNanos((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK);
                    long id = Long.parseLong(thread.getFileName().toString());
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        jitCompilers.put(id, cpu);
                    }
                    else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                        garbageCollector.put(id, cpu);
                    }
                });
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read the JVM's threads in /proc/self/task (the benchmark runs on Linux)", e);
            }
            return new JvmThreadsCpu(jitCompilers, garbageCollector);
        }

        Duration jitCompilersSince(JvmThreadsCpu before)
        {
            return since(jitCompilers, before.jitCompilers);
        }

        Duration garbageCollectorSince(JvmThreadsCpu before)
        {
            return since(garbageCollector, before.garbageCollector);
        }

        private static Duration since(Map<Long, Duration> now, Map<Long, Duration> before)
        {
            return now.entrySet().stream()
                    .map(thread -> thread.getValue().minus(before.getOrDefault(thread.getKey(), Duration.ZERO)))
                    .reduce(Duration.ZERO, Duration::plus);
        }
    }
}
