package io.lakehouse.trino;

import io.lakehouse.trino.benchmark.BenchmarkOptions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.airlift.units.DataSize;
import io.lakehouse.trino.ImdbTitleBasicsFiles.WrittenFile;
import io.lakehouse.trino.benchmark.BenchmarkMachine;
import io.lakehouse.trino.benchmark.BenchmarkResult;
import io.lakehouse.trino.benchmark.BenchmarkResult.Comparison;
import io.lakehouse.trino.benchmark.BenchmarkResult.Figure;
import io.lakehouse.trino.benchmark.BenchmarkResult.Target;
import io.trino.execution.QueryStats;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner.MaterializedResultWithPlan;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static com.google.common.collect.Iterables.getOnlyElement;
import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.airlift.units.DataSize.Unit.MEGABYTE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Scan throughput of the landing connector against the other ways to read the same gzip TSV files: a Hive connector
 * table with the CSV SerDe, one in TEXTFILE format (both on a file metastore, S3 through S3Proxy, in the same
 * in-process Trino), and DuckDB's {@code read_csv} over the files S3Proxy stores on local disk. Every engine runs the
 * same aggregation, and all must return the same values.
 * <p>
 * Not a test: run it with {@code bin/lakehouse bench landing}, which builds the classpath and fetches DuckDB's JDBC
 * driver. Options: {@code --data DIR} (where files and S3Proxy's store live; reused while the sizes stay the same),
 * {@code --size 2GB} (uncompressed text over all files), {@code --files 8}, {@code --memory-file 64MB} (the size X of
 * the single-file tables of X and 4X used to show that a split's memory does not follow the file size),
 * {@code --runs 1} (timed runs per engine, in turns after a warm-up of each; the fastest is reported), {@code --engines
 * lakehouse,hive_csv,hive_text,duckdb}. With the system property {@code bench.results} set to a folder it also writes
 * its figures there for the combined report ({@link BenchmarkResult}).
 */
public final class BenchmarkLandingScan
{
    private static final String TABLE = "title_basics";
    private static final String SINGLE_FILE_TABLE = "title_basics_%sx";
    private static final String HIVE_COLUMNS_AS_TEXT = "tconst varchar, titletype varchar, primarytitle varchar, originaltitle varchar, isadult varchar, startyear varchar, endyear varchar, runtimeminutes varchar, genres varchar";
    private static final String HIVE_COLUMNS_TYPED = "tconst varchar, titletype varchar, primarytitle varchar, originaltitle varchar, isadult integer, startyear integer, endyear integer, runtimeminutes integer, genres varchar";
    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(10);
    private static final Duration LIVE_HEAP_INTERVAL = Duration.ofSeconds(1);

    private final Options options;
    private final PrintStream out;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "benchmark-heap-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private BenchmarkLandingScan(Options options, PrintStream out)
    {
        this.options = requireNonNull(options, "options is null");
        this.out = requireNonNull(out, "out is null");
    }

    public static void main(String[] args)
            throws Exception
    {
        new BenchmarkLandingScan(Options.parse(args), System.out).run();
        // S3Proxy and Trino are closed; the sampler thread is a daemon
        System.exit(0);
    }

    private void run()
            throws Exception
    {
        Path s3Directory = options.data().resolve("s3");
        Dataset dataset = Dataset.prepare(options, out);
        // the Hive tables are defined again on every run
        Path metastore = s3Directory.resolve("metastore");
        if (Files.exists(metastore)) {
            deleteRecursively(metastore, ALLOW_INSECURE);
        }
        log("starting S3Proxy and an in-process Trino");
        try (S3ProxyServer s3 = S3ProxyServer.start(s3Directory, "landing", "metastore");
                DistributedQueryRunner trino = LakehouseQueryRunner.builder(s3.getEndpoint()).build()) {
            dataset.upload(s3);
            trino.createCatalog("hive", "hive", ImmutableMap.<String, String>builder()
                    .put("hive.metastore", "file")
                    .put("hive.metastore.catalog.dir", "s3://metastore/")
                    .putAll(LakehouseQueryRunner.s3Properties(s3.getEndpoint()))
                    .buildOrThrow());
            createHiveTables(trino);
            ProcessHandle s3Proxy = ProcessHandle.current().children()
                    .filter(child -> child.info().commandLine().orElse("").contains("s3proxy"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("S3Proxy child process not found"));

            List<Engine> engines = engines(trino, s3Directory.resolve("landing"));
            try {
                for (Engine engine : engines) {
                    log("warming up %s on the %s MB file", engine.name(), options.memoryFileSize().toBytes() >> 20);
                    engine.scan(SINGLE_FILE_TABLE.formatted(1));
                }
                // engines take turns, so that load from other processes falls on all of them alike; the fastest run counts
                String loadBefore = BenchmarkMachine.loadAverage();
                Map<String, Measurement> best = new LinkedHashMap<>();
                for (int run = 1; run <= options.runs(); run++) {
                    for (Engine engine : engines) {
                        Measurement measurement = measure(engine, TABLE, s3Proxy, false);
                        log("%s run %s: %.2f s, result %s", engine.name(), run, measurement.wallSeconds(), measurement.values());
                        best.merge(engine.name(), measurement, (left, right) -> left.wallNanos() <= right.wallNanos() ? left : right);
                    }
                }
                List<Measurement> measurements = ImmutableList.copyOf(best.values());
                Optional<String> disagreement = disagreement(measurements);

                List<Measurement> memoryRuns = new ArrayList<>();
                Optional<Engine> lakehouse = engines.stream().filter(engine -> engine.name().equals("lakehouse")).findFirst();
                if (lakehouse.isPresent()) {
                    for (int factor : new int[] {1, 4}) {
                        log("lakehouse on one file of %sx with a live-heap probe", factor);
                        memoryRuns.add(measure(lakehouse.get(), SINGLE_FILE_TABLE.formatted(factor), s3Proxy, true));
                    }
                }
                String load = "%s before, %s after".formatted(loadBefore, BenchmarkMachine.loadAverage());
                String report = report(dataset, measurements, memoryRuns, load, disagreement);
                out.println();
                out.println(report);
                Files.writeString(options.data().resolve("results.md"), report);
                log("report written to %s", options.data().resolve("results.md"));
                result(dataset, measurements, memoryRuns, load, disagreement).writeToResultsFolder()
                        .ifPresent(file -> log("result written to %s", file));
                if (disagreement.isPresent()) {
                    throw new IllegalStateException(disagreement.get());
                }
            }
            finally {
                for (Engine engine : engines) {
                    engine.close();
                }
            }
        }
    }

    private static void createHiveTables(DistributedQueryRunner trino)
    {
        trino.execute("CREATE SCHEMA hive.bench");
        // quote and escape characters the files never hold: IMDb's TSV is unquoted, and its titles have stray quotes
        trino.execute("""
                CREATE TABLE hive.bench.%s_csv (%s)
                WITH (format = 'CSV', csv_separator = U&'\\0009', csv_quote = U&'\\0001', csv_escape = U&'\\0002', skip_header_line_count = 1, external_location = 's3://landing/%s/')
                """.formatted(TABLE, HIVE_COLUMNS_AS_TEXT, TABLE));
        trino.execute("""
                CREATE TABLE hive.bench.%s_text (%s)
                WITH (format = 'TEXTFILE', textfile_field_separator = U&'\\0009', skip_header_line_count = 1, external_location = 's3://landing/%s/')
                """.formatted(TABLE, HIVE_COLUMNS_TYPED, TABLE));
        for (int factor : new int[] {1, 4}) {
            String table = SINGLE_FILE_TABLE.formatted(factor);
            trino.execute("""
                    CREATE TABLE hive.bench.%s_csv (%s)
                    WITH (format = 'CSV', csv_separator = U&'\\0009', csv_quote = U&'\\0001', csv_escape = U&'\\0002', skip_header_line_count = 1, external_location = 's3://landing/%s/')
                    """.formatted(table, HIVE_COLUMNS_AS_TEXT, table));
            trino.execute("""
                    CREATE TABLE hive.bench.%s_text (%s)
                    WITH (format = 'TEXTFILE', textfile_field_separator = U&'\\0009', skip_header_line_count = 1, external_location = 's3://landing/%s/')
                    """.formatted(table, HIVE_COLUMNS_TYPED, table));
        }
    }

    private List<Engine> engines(DistributedQueryRunner trino, Path landingDirectory)
            throws SQLException
    {
        ImmutableList.Builder<Engine> engines = ImmutableList.builder();
        for (String name : options.engines()) {
            engines.add(switch (name) {
                case "lakehouse" -> new TrinoEngine(trino, name, "lakehouse.landing.%s (this connector, types inferred)",
                        "SELECT count(*), sum(length(primarytitle)), count(DISTINCT titletype), max(startyear) FROM lakehouse.landing.%s");
                case "hive_csv" -> new TrinoEngine(trino, name, "hive.bench.%s_csv (Hive connector, CSV SerDe, all varchar)",
                        "SELECT count(*), sum(length(primarytitle)), count(DISTINCT titletype), max(CAST(nullif(startyear, '\\N') AS integer)) FROM hive.bench.%s_csv");
                case "hive_text" -> new TrinoEngine(trino, name, "hive.bench.%s_text (Hive connector, TEXTFILE, typed)",
                        "SELECT count(*), sum(length(primarytitle)), count(DISTINCT titletype), max(startyear) FROM hive.bench.%s_text");
                case "duckdb" -> new DuckDbEngine(landingDirectory);
                default -> throw new IllegalArgumentException("unknown engine " + name + "; use lakehouse, hive_csv, hive_text or duckdb");
            });
        }
        return engines.build();
    }

    private Measurement measure(Engine engine, String table, ProcessHandle s3Proxy, boolean probeLiveHeap)
            throws Exception
    {
        memory.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peakHeap = new AtomicLong(heapBefore);
        AtomicLong peakLiveHeap = new AtomicLong(0);
        Future<?> sampling = sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, SAMPLE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        Future<?> liveHeapProbe = probeLiveHeap
                // a pause between full collections, or the query's own HTTP calls time out
                ? sampler.scheduleWithFixedDelay(() -> {
                    memory.gc();
                    peakLiveHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                }, 0, LIVE_HEAP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)
                : null;
        Duration cpuBefore = cpu(ProcessHandle.current());
        Duration s3ProxyCpuBefore = cpu(s3Proxy);
        long start = System.nanoTime();
        ScanResult result;
        try {
            result = engine.scan(table);
        }
        finally {
            sampling.cancel(false);
            if (liveHeapProbe != null) {
                liveHeapProbe.cancel(false);
            }
        }
        long wallNanos = System.nanoTime() - start;
        return new Measurement(
                engine.name(),
                engine.source().formatted(table),
                table,
                wallNanos,
                result.values(),
                cpu(ProcessHandle.current()).minus(cpuBefore),
                cpu(s3Proxy).minus(s3ProxyCpuBefore),
                peakHeap.get(),
                heapBefore,
                probeLiveHeap ? OptionalLong.of(peakLiveHeap.get()) : OptionalLong.empty(),
                result.stats());
    }

    private static Duration cpu(ProcessHandle process)
    {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static Optional<String> disagreement(List<Measurement> measurements)
    {
        Measurement first = measurements.getFirst();
        return measurements.stream()
                .filter(measurement -> !measurement.values().equals(first.values()))
                .map(measurement -> "%s returned %s but %s returned %s: the engines do not read the files alike".formatted(measurement.engine(), measurement.values(), first.engine(), first.values()))
                .findFirst();
    }

    /**
     * The figures of the combined report: wall time against each peer (targets: at most half Hive CSV's, at most
     * DuckDB's), the CPU times, and a split's memory for a file of X and of 4X.
     */
    private BenchmarkResult result(Dataset dataset, List<Measurement> measurements, List<Measurement> memoryRuns, String load, Optional<String> disagreement)
    {
        Dataset.Table table = dataset.tables().get(TABLE);
        List<Comparison> comparisons = new ArrayList<>();
        List<String> details = new ArrayList<>();
        measurements.stream().filter(measurement -> measurement.engine().equals("lakehouse")).findFirst().ifPresent(lakehouse -> {
            for (Measurement peer : measurements) {
                Optional<Target> target = switch (peer.engine()) {
                    case "hive_csv" -> Optional.of(Target.ratioAtMost(0.5));
                    case "duckdb" -> Optional.of(Target.ratioAtMost(1.0));
                    default -> Optional.empty();
                };
                if (!peer.engine().equals("lakehouse")) {
                    comparisons.add(Comparison.againstPeer("wall time vs " + peer.engine(), Figure.seconds("lakehouse", lakehouse.wallSeconds()),
                            Figure.seconds(peer.engine(), peer.wallSeconds()), target));
                }
            }
        });
        for (Measurement measurement : measurements) {
            details.add("%s: %.2f s wall, %.1f s CPU (this JVM, where DuckDB runs too, + S3Proxy), %.1f MB/s of text; reads %s".formatted(
                    measurement.engine(), measurement.wallSeconds(), measurement.totalCpuSeconds(), table.textBytes() / measurement.wallSeconds() / (1 << 20), measurement.source()));
        }
        for (Measurement run : memoryRuns) {
            long scanPeak = run.stats().orElseThrow().getOperatorSummaries().stream()
                    .filter(operator -> operator.getOperatorType().contains("Scan"))
                    .mapToLong(operator -> operator.getPeakUserMemoryReservation().toBytes())
                    .max()
                    .orElse(0);
            details.add("a split's memory, one file of %,d MB of text (%s): scan operator peak %,d KB, peak live heap %,d MB (%,d MB before the scan)".formatted(
                    dataset.tables().get(run.table()).textBytes() >> 20, run.table(), scanPeak >> 10, run.peakLiveHeap().orElseThrow() >> 20, run.heapBefore() >> 20));
        }
        details.add("machine as the benchmark saw it: " + machine());
        return new BenchmarkResult(
                "landing-scan",
                "Landing scan",
                "Full scan of %s gzip TSV files shaped like IMDb title.basics, %,d rows, %,d MB of text, %,d MB gzip (`--size %s --files %s`), `count(*), sum(length(primarytitle)), count(DISTINCT titletype), max(startyear)`; lakehouse connector against Hive connector tables (CSV SerDe, TEXTFILE) in the same Trino and DuckDB `read_csv`; best of %s run%s, engines in turns.".formatted(
                        table.files(), table.rows(), table.textBytes() >> 20, table.fileBytes() >> 20, options.size(), options.files(), options.runs(), options.runs() == 1 ? "" : "s"),
                load,
                comparisons,
                details,
                disagreement);
    }

    private String report(Dataset dataset, List<Measurement> measurements, List<Measurement> memoryRuns, String load, Optional<String> disagreement)
    {
        Dataset.Table table = dataset.tables().get(TABLE);
        StringBuilder report = new StringBuilder();
        report.append("Full scan of %s gzip TSV files shaped like IMDb title.basics: %,d rows, %,d MB of text, %,d MB gzip. Query: `count(*), sum(length(primarytitle)), count(DISTINCT titletype), max(startyear)`; %s.\n\n"
                .formatted(table.files(), table.rows(), table.textBytes() >> 20, table.fileBytes() >> 20,
                        disagreement.map(message -> "**RESULTS DIFFER**: " + message).orElse("every engine returned " + measurements.getFirst().values())));
        report.append("Machine: ").append(machine()).append("; load average (1, 5, 15 min) ").append(load).append("\n\n");
        Optional<Measurement> lakehouse = measurements.stream().filter(measurement -> measurement.engine().equals("lakehouse")).findFirst();
        report.append("| engine | reads | wall s | rows/s | MB/s text | MB/s gzip | CPU s (JVM+S3Proxy) | peak heap MB | peak query memory MB | lakehouse speed-up (wall) | (CPU) |\n");
        report.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement measurement : measurements) {
            double seconds = measurement.wallSeconds();
            boolean inTrino = measurement.stats().isPresent();
            report.append("| %s | %s | %.2f | %,.0f | %.1f | %.1f | %.1f + %.1f | %s | %s | %s | %s |\n".formatted(
                    measurement.engine(),
                    measurement.source(),
                    seconds,
                    table.rows() / seconds,
                    table.textBytes() / seconds / (1 << 20),
                    table.fileBytes() / seconds / (1 << 20),
                    measurement.cpu().toMillis() / 1000.0,
                    measurement.s3ProxyCpu().toMillis() / 1000.0,
                    inTrino ? "%,d".formatted(measurement.peakHeap() >> 20) : "n/a (native)",
                    measurement.stats().map(stats -> "%,.0f".formatted(stats.getPeakUserMemoryReservation().getValue(MEGABYTE))).orElse("n/a"),
                    lakehouse.map(reference -> "%.2f×".formatted(measurement.wallSeconds() / reference.wallSeconds())).orElse("n/a"),
                    lakehouse.map(reference -> "%.2f×".formatted(measurement.totalCpuSeconds() / reference.totalCpuSeconds())).orElse("n/a")));
        }
        report.append("\nlakehouse speed-up = engine's wall time ÷ lakehouse's wall time (target: ≥ 2 against hive_csv, ≥ 1 against duckdb); (CPU) is the same ratio of CPU time, S3Proxy's included, which other load on the machine skews less. ")
                .append("DuckDB reads the files from local disk; the Trino engines read them through S3Proxy, whose CPU time is shown after the plus sign. ")
                .append("Peak heap is the Trino JVM's used heap sampled every %s ms (garbage included); DuckDB allocates outside the Java heap.\n".formatted(SAMPLE_INTERVAL.toMillis()));

        if (!memoryRuns.isEmpty()) {
            report.append("\nA split's memory against file size (lakehouse, one gzip file = one split; live heap = heap used right after a full GC, forced %s ms after the previous one during the scan, which slows it):\n\n".formatted(LIVE_HEAP_INTERVAL.toMillis()));
            report.append("| file | text MB | rows | wall s | scan operator peak memory KB | peak live heap MB | live heap before the scan MB |\n");
            report.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (Measurement run : memoryRuns) {
                Dataset.Table single = dataset.tables().get(run.table());
                QueryStats stats = run.stats().orElseThrow();
                long scanPeak = stats.getOperatorSummaries().stream()
                        .filter(operator -> operator.getOperatorType().contains("Scan"))
                        .mapToLong(operator -> operator.getPeakUserMemoryReservation().toBytes())
                        .max()
                        .orElse(0);
                report.append("| %s | %,d | %,d | %.2f | %,d | %,d | %,d |\n".formatted(
                        run.table(),
                        single.textBytes() >> 20,
                        single.rows(),
                        run.wallSeconds(),
                        scanPeak >> 10,
                        run.peakLiveHeap().orElseThrow() >> 20,
                        run.heapBefore() >> 20));
            }
        }
        return report.toString();
    }

    private static String machine()
    {
        return "%s; Trino 476 in-process (1 node, -Xmx%s MB); S3Proxy filesystem backend on the same machine"
                .formatted(BenchmarkMachine.current().describe(), Runtime.getRuntime().maxMemory() >> 20);
    }

    private void log(String format, Object... args)
    {
        out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    private interface Engine
            extends AutoCloseable
    {
        String name();

        /**
         * What the engine reads, with {@code %s} for the table.
         */
        String source();

        ScanResult scan(String table)
                throws Exception;

        @Override
        default void close()
                throws Exception
        {}
    }

    private record ScanResult(List<Long> values, Optional<QueryStats> stats) {}

    private record TrinoEngine(DistributedQueryRunner trino, String name, String source, String query)
            implements Engine
    {
        @Override
        public ScanResult scan(String table)
        {
            MaterializedResultWithPlan result = trino.executeWithPlan(trino.getDefaultSession(), query.formatted(table));
            MaterializedRow row = getOnlyElement(result.result().getMaterializedRows());
            List<Long> values = row.getFields().stream().map(value -> ((Number) value).longValue()).collect(toImmutableList());
            return new ScanResult(values, Optional.of(trino.getCoordinator().getQueryManager().getFullQueryInfo(result.queryId()).getQueryStats()));
        }
    }

    private static final class DuckDbEngine
            implements Engine
    {
        private final Path landingDirectory;
        private final Connection connection;
        private final String version;

        DuckDbEngine(Path landingDirectory)
                throws SQLException
        {
            this.landingDirectory = requireNonNull(landingDirectory, "landingDirectory is null");
            try {
                connection = DriverManager.getConnection("jdbc:duckdb:");
            }
            catch (SQLException e) {
                throw new SQLException("DuckDB's JDBC driver (org.duckdb:duckdb_jdbc) is not on the classpath: run the benchmark through bin/lakehouse bench landing", e);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
                try (ResultSet resultSet = statement.executeQuery("SELECT version()")) {
                    resultSet.next();
                    version = resultSet.getString(1);
                }
            }
        }

        @Override
        public String name()
        {
            return "duckdb";
        }

        @Override
        public String source()
        {
            return "DuckDB " + version + " read_csv over S3Proxy's files of %s on local disk (types sniffed)";
        }

        @Override
        public ScanResult scan(String table)
                throws SQLException
        {
            String files = landingDirectory.resolve(table).toAbsolutePath() + "/*.tsv.gz";
            String query = """
                    SELECT count(*), sum(length(primaryTitle)), count(DISTINCT titleType), max(startYear)
                    FROM read_csv('%s', delim = '\\t', quote = '', escape = '', header = true, nullstr = '\\N')
                    """.formatted(files);
            try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(query)) {
                resultSet.next();
                ImmutableList.Builder<Long> values = ImmutableList.builder();
                for (int column = 1; column <= 4; column++) {
                    values.add(((Number) resultSet.getObject(column)).longValue());
                }
                return new ScanResult(values.build(), Optional.empty());
            }
        }

        @Override
        public void close()
                throws SQLException
        {
            connection.close();
        }
    }

    private record Measurement(
            String engine,
            String source,
            String table,
            long wallNanos,
            List<Long> values,
            Duration cpu,
            Duration s3ProxyCpu,
            long peakHeap,
            long heapBefore,
            OptionalLong peakLiveHeap,
            Optional<QueryStats> stats)
    {
        double wallSeconds()
        {
            return wallNanos / 1e9;
        }

        double totalCpuSeconds()
        {
            return cpu.plus(s3ProxyCpu).toNanos() / 1e9;
        }
    }

    private record Options(Path data, DataSize size, int files, DataSize memoryFileSize, int runs, List<String> engines)
    {
        static Options parse(String[] args)
        {
            Map<String, String> defaults = new LinkedHashMap<>();
            defaults.put("--data", "target/bench");
            defaults.put("--size", "2GB");
            defaults.put("--files", "8");
            defaults.put("--memory-file", "64MB");
            defaults.put("--runs", "1");
            defaults.put("--engines", "lakehouse,hive_csv,hive_text,duckdb");
            Map<String, String> values = BenchmarkOptions.parse(args, defaults);
            return new Options(
                    Path.of(values.get("--data")).toAbsolutePath(),
                    DataSize.valueOf(values.get("--size")),
                    Integer.parseInt(values.get("--files")),
                    DataSize.valueOf(values.get("--memory-file")),
                    Integer.parseInt(values.get("--runs")),
                    List.of(values.get("--engines").split(",")));
        }
    }

    /**
     * The generated files: written to a staging folder, put into S3Proxy's landing bucket through the S3 API as files
     * arrive in production, then kept only there. A manifest of their sizes lets later runs reuse them while the
     * requested sizes stay the same.
     */
    private record Dataset(Path data, Map<String, Table> tables, Properties manifest, boolean uploaded)
    {
        private static final String MANIFEST = "dataset.properties";

        record Table(int files, long rows, long textBytes, long fileBytes, List<String> keys) {}

        static Dataset prepare(Options options, PrintStream out)
                throws Exception
        {
            Path data = options.data();
            String key = "%s %s %s".formatted(options.size().toBytes(), options.files(), options.memoryFileSize().toBytes());
            Properties manifest = new Properties();
            if (Files.exists(data.resolve(MANIFEST))) {
                try (var reader = Files.newBufferedReader(data.resolve(MANIFEST), UTF_8)) {
                    manifest.load(reader);
                }
                Dataset existing = fromManifest(data, manifest, true);
                if (key.equals(manifest.getProperty("key")) && existing.tables().values().stream()
                        .flatMap(table -> table.keys().stream())
                        .allMatch(file -> Files.exists(data.resolve("s3/landing").resolve(file)))) {
                    out.println("[bench] reusing the files under " + data.resolve("s3/landing"));
                    return existing;
                }
            }
            if (Files.exists(data)) {
                deleteRecursively(data, ALLOW_INSECURE);
            }
            Path staging = data.resolve("staging");
            Files.createDirectories(staging);
            long start = System.nanoTime();
            out.printf("[bench] generating %s of IMDb-shaped gzip TSV in %s files, and single files of %s and 4 times that%n", options.size(), options.files(), options.memoryFileSize());

            record Job(String table, int index, long textBytes) {}
            List<Job> jobs = new ArrayList<>();
            long perFile = options.size().toBytes() / options.files();
            for (int index = 0; index < options.files(); index++) {
                jobs.add(new Job(TABLE, index, perFile));
            }
            jobs.add(new Job(SINGLE_FILE_TABLE.formatted(1), 0, options.memoryFileSize().toBytes()));
            jobs.add(new Job(SINGLE_FILE_TABLE.formatted(4), 0, options.memoryFileSize().toBytes() * 4));
            ExecutorService executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            manifest.clear();
            manifest.setProperty("key", key);
            try {
                List<Future<WrittenFile>> written = new ArrayList<>();
                for (int job = 0; job < jobs.size(); job++) {
                    Job file = jobs.get(job);
                    // ids of different files do not overlap; 8 digits as in the real file
                    long firstId = 1 + job * 9_000_000L;
                    long seed = job;
                    Path path = staging.resolve(file.table()).resolve("part-%02d.tsv.gz".formatted(file.index()));
                    written.add(executor.submit(() -> ImdbTitleBasicsFiles.write(path, file.textBytes(), firstId, seed)));
                }
                for (Future<WrittenFile> future : written) {
                    WrittenFile file = future.get();
                    String prefix = "file." + staging.relativize(file.path()) + ".";
                    manifest.setProperty(prefix + "rows", Long.toString(file.rows()));
                    manifest.setProperty(prefix + "text", Long.toString(file.textBytes()));
                    manifest.setProperty(prefix + "bytes", Long.toString(file.fileBytes()));
                }
            }
            finally {
                executor.shutdownNow();
            }
            out.printf("[bench] generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return fromManifest(data, manifest, false);
        }

        private static Dataset fromManifest(Path data, Properties manifest, boolean uploaded)
        {
            Map<String, List<String>> keysOfTable = new LinkedHashMap<>();
            manifest.stringPropertyNames().stream()
                    .filter(name -> name.startsWith("file.") && name.endsWith(".rows"))
                    .map(name -> name.substring("file.".length(), name.length() - ".rows".length()))
                    .sorted()
                    .forEach(file -> keysOfTable.computeIfAbsent(file.substring(0, file.indexOf('/')), _ -> new ArrayList<>()).add(file));
            ImmutableMap.Builder<String, Table> tables = ImmutableMap.builder();
            keysOfTable.forEach((table, keys) -> tables.put(table, new Table(
                    keys.size(),
                    keys.stream().mapToLong(file -> Long.parseLong(manifest.getProperty("file." + file + ".rows"))).sum(),
                    keys.stream().mapToLong(file -> Long.parseLong(manifest.getProperty("file." + file + ".text"))).sum(),
                    keys.stream().mapToLong(file -> Long.parseLong(manifest.getProperty("file." + file + ".bytes"))).sum(),
                    ImmutableList.copyOf(keys))));
            return new Dataset(data, tables.buildOrThrow(), manifest, uploaded);
        }

        /**
         * Puts freshly generated files into the landing bucket; the manifest is written only once all are there.
         */
        void upload(S3ProxyServer s3)
                throws IOException
        {
            if (uploaded) {
                return;
            }
            Path staging = data.resolve("staging");
            try (S3Client client = S3Client.builder()
                    .endpointOverride(s3.getEndpoint())
                    .region(Region.of(S3ProxyServer.REGION))
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                    .httpClient(ApacheHttpClient.builder().build())
                    .build()) {
                for (Table table : tables.values()) {
                    for (String key : table.keys()) {
                        client.putObject(request -> request.bucket("landing").key(key), RequestBody.fromFile(staging.resolve(key)));
                    }
                }
            }
            deleteRecursively(staging, ALLOW_INSECURE);
            try (var writer = Files.newBufferedWriter(data.resolve(MANIFEST), UTF_8)) {
                manifest.store(writer, "IMDb-shaped benchmark files in s3/landing; generated again when the key changes");
            }
        }
    }
}
