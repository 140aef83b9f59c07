package io.lakehouse.materializer.benchmark;

import io.lakehouse.trino.benchmark.BenchmarkOptions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.lakehouse.materializer.Materializer;
import io.lakehouse.materializer.TestingLakehouse;
import io.lakehouse.materializer.benchmark.TrinoCpuShares.JvmThreadsCpu;
import io.lakehouse.materializer.dependency.ModelGraph;
import io.lakehouse.materializer.execution.TaskResult;
import io.lakehouse.materializer.generate.ImdbFile;
import io.lakehouse.materializer.generate.LandingDataGenerator;
import io.lakehouse.materializer.generate.LandingDataset;
import io.lakehouse.materializer.generate.LandingFile;
import io.lakehouse.materializer.generate.LandingLocation;
import io.lakehouse.materializer.generate.S3LandingWriter;
import io.lakehouse.materializer.generate.S3Options;
import io.lakehouse.materializer.generate.ScaleFactor;
import io.lakehouse.materializer.generate.TitleBasicsGenerator;
import io.lakehouse.materializer.pipeline.DuckDbModel;
import io.lakehouse.materializer.pipeline.ImdbDuckDbModels;
import io.lakehouse.materializer.pipeline.TableChecksum;
import io.lakehouse.materializer.scheduler.RunOptions;
import io.lakehouse.materializer.scheduler.RunSummary;
import io.lakehouse.materializer.scheduler.TaskListener;
import io.lakehouse.trino.S3ProxyServer;
import io.lakehouse.trino.benchmark.BenchmarkMachine;
import io.lakehouse.trino.benchmark.BenchmarkResult;
import io.lakehouse.trino.benchmark.BenchmarkResult.Comparison;
import io.lakehouse.trino.benchmark.BenchmarkResult.Figure;
import io.lakehouse.trino.benchmark.BenchmarkResult.Target;
import io.trino.execution.QueryStats;
import io.trino.server.BasicQueryInfo;
import io.trino.operator.OperatorStats;
import io.trino.spi.QueryId;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static java.util.Objects.requireNonNull;

/**
 * The full IMDb build (bronze, silver, gold of {@code sql/imdb}) of one day, side by side in one run on three
 * engines over the same generated landing files:
 * <ul>
 * <li>{@code trino}: the materializer runs {@code sql/imdb} as it does in production (write, check, publish, two
 * tasks at a time) on an in-process Trino 476 configured as {@code etc/config.properties}, reading the gzip TSV through
 * the landing connector from S3Proxy and writing {@code lake.*} Parquet to S3Proxy, tables in the Glue endpoint;</li>
 * <li>{@code spark}: the same logic in Spark SQL ({@code bench/}, {@code io.lakehouse.bench.SparkImdbBuild}), Spark
 * local mode with as many threads as cores in a child JVM, reading the files S3Proxy stores on local disk and writing
 * Parquet there;</li>
 * <li>{@code duckdb}: the same logic in DuckDB ({@link ImdbDuckDbModels}, the SQL that checks the pipelines in
 * {@code TestProjectPipelines}), in-process, reading the same local files and writing Parquet.</li>
 * </ul>
 * Each layer is written as Parquet with Snappy (the codec of {@code etc/catalog/lake.properties}, Spark's and DuckDB's
 * default) and read back by the next, as the models do. All three
 * must make the same number of rows in every table and the same gold tables (row count and checksum of every row);
 * the run fails otherwise. Wall times exclude starting the engines; CPU is the engine's processes' CPU time (Trino's
 * includes S3Proxy's and the Glue endpoint's).
 * <p>
 * Not a test: run it with {@code bin/lakehouse bench imdb [--scale 1]}, which builds the classpaths (Spark's only in
 * the Maven profile {@code imdb-benchmark}). Options: {@code --data DIR} (generated files, reused while scale and day
 * stay the same, and the engines' output), {@code --report FILE}, {@code --scale 1}, {@code --ds 2024-01-01},
 * {@code --runs 1} (runs per engine, in turns; the fastest counts), {@code --engines trino,spark,duckdb},
 * {@code --memory 4GB} (Spark's heap and DuckDB's memory limit; run this JVM with the same {@code -Xmx}),
 * {@code --spark-classpath CP}, {@code --spark-java PATH} (default: this JVM's java). With the system property
 * {@code bench.results} set to a folder it also writes its figures there for the combined report
 * ({@link BenchmarkResult}).
 */
public final class BenchmarkImdbBuild
{
    private static final List<String> TABLES = ImmutableList.of(
            "bronze.title_basics", "bronze.title_ratings", "bronze.title_crew", "bronze.title_principals", "bronze.name_basics",
            "silver.title_credits",
            "gold.genre_ratings_by_decade", "gold.director_careers", "gold.prolific_actors");
    // Spark's launcher adds these for Java 17 and newer (JavaModuleOptions); a plain java command must add them itself
    private static final List<String> SPARK_JAVA_OPTIONS = ImmutableList.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-XX:+UseG1GC",
            "-Dfile.encoding=UTF-8",
            "-Duser.timezone=UTC");

    // taken before Trino starts: its logging sends System.out to the log
    private static final PrintStream OUT = System.out;

    private final Options options;

    private BenchmarkImdbBuild(Options options)
    {
        this.options = requireNonNull(options, "options is null");
    }

    public static void main(String[] args)
            throws Exception
    {
        boolean agreed = new BenchmarkImdbBuild(Options.parse(args)).run();
        // S3Proxy, the Glue endpoint and Trino are closed; what is left are daemon threads
        System.exit(agreed ? 0 : 1);
    }

    private boolean run()
            throws Exception
    {
        Path s3Directory = options.data().resolve("s3");
        Path landing = s3Directory.resolve("landing");
        // the lake bucket and the other engines' output are made again on every run
        for (Path output : List.of(s3Directory.resolve("lake"), options.data().resolve("spark"), options.data().resolve("duckdb"))) {
            if (Files.exists(output)) {
                deleteRecursively(output, ALLOW_INSECURE);
            }
        }
        log("starting S3Proxy, the Glue endpoint and an in-process Trino");
        // the query memory limits of etc/config.properties; LakehouseQueryRunner sets the properties of that file that shape plans
        Map<String, String> coordinator = new LinkedHashMap<>(serverProperties("query.max-memory", "query.max-memory-per-node"));
        coordinator.putAll(properties(System.getProperty("bench.trino.properties", "")));
        Map<String, String> lake = properties(System.getProperty("bench.lake.properties", ""));
        log("Trino properties %s, catalog lake properties %s", coordinator, lake);
        try (TestingLakehouse lakehouse = new TestingLakehouse(s3Directory, coordinator, lake);
                Materializer materializer = lakehouse.materializer("benchmark", "benchmark")) {
            Landing files = Landing.prepare(options, lakehouse.s3());
            ProcessHandle s3Proxy = ProcessHandle.current().children()
                    .filter(child -> child.info().commandLine().orElse("").contains("s3proxy"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("S3Proxy child process not found"));

            String loadBefore = BenchmarkMachine.loadAverage();
            Map<String, Measurement> best = new LinkedHashMap<>();
            Map<String, List<Double>> wallSecondsOfRuns = new LinkedHashMap<>();
            for (int run = 1; run <= options.runs(); run++) {
                for (String engine : options.engines()) {
                    long startMillis = System.currentTimeMillis();
                    Measurement measurement = switch (engine) {
                        case "trino" -> runTrino(lakehouse, materializer, s3Proxy);
                        case "spark" -> runSpark(landing);
                        case "duckdb" -> runDuckDb(landing);
                        default -> throw new IllegalArgumentException("unknown engine " + engine + "; use trino, spark or duckdb");
                    };
                    log("%s run %s: %.1f s wall, %.1f s CPU", engine, run, measurement.wallSeconds(), measurement.cpuSeconds());
                    if (engine.equals("trino")) {
                        writeQueryTimeline(lakehouse, startMillis, options.data().resolve("trino-queries-run%s.txt".formatted(run)));
                    }
                    best.merge(engine, measurement, (left, right) -> left.wallNanos() <= right.wallNanos() ? left : right);
                    wallSecondsOfRuns.computeIfAbsent(engine, _ -> new ArrayList<>()).add(measurement.wallSeconds());
                }
            }
            String loadAfter = BenchmarkMachine.loadAverage();

            log("checking that the engines made the same tables");
            Map<String, Output> outputs = new LinkedHashMap<>();
            for (String engine : best.keySet()) {
                outputs.put(engine, switch (engine) {
                    case "trino" -> trinoOutput(lakehouse);
                    case "spark" -> parquetOutput(table -> options.data().resolve("spark").resolve(table.replace('.', '/')).resolve("*.parquet"));
                    case "duckdb" -> parquetOutput(table -> options.data().resolve("duckdb").resolve(table.replace('.', '_') + ".parquet"));
                    default -> throw new IllegalArgumentException(engine);
                });
            }
            boolean agreed = outputs.values().stream().distinct().count() == 1;
            Report report = new Report(options, files, best, wallSecondsOfRuns, outputs, agreed, "%s before, %s after".formatted(loadBefore, loadAfter), slowestTrinoModel(lakehouse, best));
            report.result().writeToResultsFolder().ifPresent(file -> log("result written to %s", file));
            OUT.println();
            OUT.println(report.toMarkdown());
            Files.createDirectories(options.report().toAbsolutePath().getParent());
            Files.writeString(options.report(), report.toMarkdown());
            log("report written to %s", options.report());
            if (!agreed) {
                log("THE ENGINES DISAGREE: see the verification table");
            }
            return agreed;
        }
    }

    private static Map<String, String> serverProperties(String... names)
            throws IOException
    {
        Path file = Path.of("etc", "config.properties");
        Properties server = new Properties();
        try (Reader reader = Files.newBufferedReader(file, UTF_8)) {
            server.load(reader);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : names) {
            properties.put(name, requireNonNull(server.getProperty(name), () -> "%s without %s (run the benchmark from the checkout's root)".formatted(file.toAbsolutePath(), name)));
        }
        return properties;
    }

    private Measurement runTrino(TestingLakehouse lakehouse, Materializer materializer, ProcessHandle s3Proxy)
            throws SQLException
    {
        log("trino: the materializer runs sql/imdb for %s", options.ds());
        ModelGraph graph = TestingLakehouse.models(Path.of(options.models()));
        Duration s3ProxyCpuBefore = cpu(s3Proxy);
        Duration cpuBefore = cpu(ProcessHandle.current()).plus(s3ProxyCpuBefore);
        JvmThreadsCpu jvmBefore = JvmThreadsCpu.now();
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        // as `materializer run --ds` does: two tasks at a time
        RunSummary summary = materializer.run(TestingLakehouse.nextRunId(), "run --ds " + options.ds(), materializer.planner().forDate(graph.models(), options.ds()), graph,
                new RunOptions(2, false, RunOptions.DEFAULT_LEASE_TTL, true), new TaskListener() {});
        long wall = System.nanoTime() - start;
        Duration s3ProxyCpu = cpu(s3Proxy).minus(s3ProxyCpuBefore);
        Duration cpu = cpu(ProcessHandle.current()).plus(cpu(s3Proxy)).minus(cpuBefore);
        JvmThreadsCpu jvm = JvmThreadsCpu.now();
        Duration queriesCpu = Duration.ofNanos(queriesSince(lakehouse, startMillis)
                .mapToLong(query -> query.getQueryStats().getTotalCpuTime().roundTo(NANOSECONDS))
                .sum());
        TrinoCpuShares shares = new TrinoCpuShares(cpu, queriesCpu, jvm.jitCompilersSince(jvmBefore), jvm.garbageCollectorSince(jvmBefore), s3ProxyCpu);
        log("trino: %.1f s CPU: %s", cpu.toNanos() / 1e9, shares);
        if (!summary.isSuccess()) {
            throw new IllegalStateException("The materializer's run failed: %s %s".formatted(summary.failed(), summary.skipped()));
        }
        Map<String, Double> models = new LinkedHashMap<>();
        Map<String, String> queries = new LinkedHashMap<>();
        for (TaskResult result : summary.succeeded()) {
            String table = result.model().name().toString().replaceFirst("^lake\\.", "");
            models.put(table, result.elapsed().getValue(SECONDS));
            queries.put(table, result.queryId());
        }
        return new Measurement("trino", wall, cpu, sorted(models), queries, Optional.of(shares));
    }

    /**
     * Every query Trino ran for the materializer in one run, in order: when it started (seconds from the run's
     * start), its elapsed, queued, planning and CPU time and its text, to see where a model's time outside its main
     * query goes.
     */
    private static void writeQueryTimeline(TestingLakehouse lakehouse, long runStart, Path file)
            throws IOException
    {
        List<String> lines = new ArrayList<>();
        lines.add("start_s elapsed_s queued_s planning_s cpu_s query");
        queriesSince(lakehouse, runStart)
                .sorted(java.util.Comparator.comparing(query -> query.getQueryStats().getCreateTime().getMillis()))
                .forEach(query -> lines.add("%.3f %.3f %.3f %.3f %.3f %s".formatted(
                        (query.getQueryStats().getCreateTime().getMillis() - runStart) / 1e3,
                        query.getQueryStats().getElapsedTime().getValue(SECONDS),
                        query.getQueryStats().getQueuedTime().getValue(SECONDS),
                        query.getQueryStats().getPlanningTime().getValue(SECONDS),
                        query.getQueryStats().getTotalCpuTime().getValue(SECONDS),
                        query.getQuery().replaceAll("\\s+", " ").substring(0, Math.min(140, query.getQuery().replaceAll("\\s+", " ").length()))
                                + operators(lakehouse, query.getQueryId()))));
        Files.write(file, lines);
        log("Trino's queries of this run in %s", file);
    }

    private static Stream<BasicQueryInfo> queriesSince(TestingLakehouse lakehouse, long startMillis)
    {
        return lakehouse.trino().getCoordinator().getQueryManager().getQueries().stream()
                .filter(query -> query.getQueryStats().getCreateTime().getMillis() >= startMillis);
    }

    private static String operators(TestingLakehouse lakehouse, QueryId queryId)
    {
        QueryStats stats = lakehouse.trino().getCoordinator().getQueryManager().getFullQueryInfo(queryId).getQueryStats();
        if (stats.getTotalCpuTime().getValue(SECONDS) < 1) {
            return "";
        }
        Map<String, Duration> cpuByOperator = new LinkedHashMap<>();
        for (OperatorStats operator : stats.getOperatorSummaries()) {
            cpuByOperator.merge(operator.getOperatorType(), Duration.ofNanos(operator.getAddInputCpu().roundTo(NANOSECONDS)
                    + operator.getGetOutputCpu().roundTo(NANOSECONDS) + operator.getFinishCpu().roundTo(NANOSECONDS)), Duration::plus);
        }
        return cpuByOperator.entrySet().stream()
                .sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
                .limit(6)
                .map(entry -> "%s %.1f".formatted(entry.getKey(), entry.getValue().toNanos() / 1e9))
                .collect(Collectors.joining(", ", "\n    CPU by operator: ", ""));
    }

    private Measurement runSpark(Path landing)
            throws IOException, InterruptedException
    {
        checkArgument(options.sparkClasspath().isPresent(), "--spark-classpath is missing: run the benchmark through bin/lakehouse bench imdb, which builds Spark's classpath (Maven profile imdb-benchmark)");
        log("spark: %s in a child JVM (%s, -Xmx%s), log in %s", options.sparkMaster(), options.sparkJava(), options.memory(), options.data().resolve("spark.log"));
        List<String> command = new ArrayList<>();
        command.add(options.sparkJava());
        command.add("-Xmx" + options.memory());
        command.addAll(SPARK_JAVA_OPTIONS);
        command.addAll(List.of("-cp", options.sparkClasspath().get(), "io.lakehouse.bench.SparkImdbBuild",
                landing.toString(), options.data().resolve("spark").toString(), options.ds().toString(), options.sparkMaster()));
        Process process = new ProcessBuilder(command)
                .redirectError(options.data().resolve("spark.log").toFile())
                .start();
        Map<String, Double> models = new LinkedHashMap<>();
        Optional<Measurement> build = Optional.empty();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                String[] fields = line.split(" ");
                if (fields[0].equals("model") && fields.length == 3) {
                    models.put(fields[1], Double.parseDouble(fields[2]));
                }
                else if (fields[0].equals("build") && fields.length == 3) {
                    build = Optional.of(new Measurement("spark", (long) (Double.parseDouble(fields[1]) * 1e9), Duration.ofNanos((long) (Double.parseDouble(fields[2]) * 1e9)), models, Map.of(), Optional.empty()));
                }
            }
        }
        int exitCode = process.waitFor();
        if (exitCode != 0 || build.isEmpty()) {
            throw new IllegalStateException("The Spark build failed (exit code %s); see %s".formatted(exitCode, options.data().resolve("spark.log")));
        }
        return build.get();
    }

    private Measurement runDuckDb(Path landing)
            throws SQLException, IOException
    {
        Path output = options.data().resolve("duckdb");
        Files.createDirectories(output);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            statement.execute("SET memory_limit = '%s'".formatted(options.memory()));
            statement.execute("SET temp_directory = '%s'".formatted(options.data().resolve("duckdb-spill")));
            log("duckdb: %s threads, memory limit %s", Runtime.getRuntime().availableProcessors(), options.memory());
            Map<String, Double> models = new LinkedHashMap<>();
            Duration cpuBefore = cpu(ProcessHandle.current());
            long start = System.nanoTime();
            for (DuckDbModel model : ImdbDuckDbModels.models(landing, options.ds())) {
                long modelStart = System.nanoTime();
                Path file = output.resolve(model.table() + ".parquet");
                statement.execute("COPY (%s) TO '%s' (FORMAT parquet, COMPRESSION snappy)".formatted(model.query(), file));
                // the next layer reads what this one wrote
                statement.execute("CREATE OR REPLACE VIEW %s AS SELECT * FROM read_parquet('%s')".formatted(model.table(), file));
                models.put(model.table().replaceFirst("_", "."), (System.nanoTime() - modelStart) / 1e9);
            }
            long wall = System.nanoTime() - start;
            return new Measurement("duckdb", wall, cpu(ProcessHandle.current()).minus(cpuBefore), models, Map.of(), Optional.empty());
        }
    }

    private Output trinoOutput(TestingLakehouse lakehouse)
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(lakehouse.trinoServer().uri().toString().replaceFirst("^http", "jdbc:trino"), "lakehouse", null);
                Statement statement = connection.createStatement()) {
            return output(statement, table -> "lake." + table + " WHERE ds = DATE '%s'".formatted(options.ds()));
        }
    }

    private Output parquetOutput(Function<String, Path> files)
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            return output(statement, table -> "read_parquet('%s')".formatted(files.apply(table)));
        }
    }

    private static Output output(Statement statement, Function<String, String> relation)
            throws SQLException
    {
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, TableChecksum> gold = new LinkedHashMap<>();
        for (String table : TABLES) {
            if (table.startsWith("gold.")) {
                try (ResultSet result = statement.executeQuery("SELECT * FROM " + relation.apply(table))) {
                    TableChecksum checksum = TableChecksum.of(result);
                    gold.put(table, checksum);
                    rows.put(table, checksum.rows());
                }
            }
            else {
                try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + relation.apply(table))) {
                    result.next();
                    rows.put(table, result.getLong(1));
                }
            }
        }
        return new Output(rows, gold);
    }

    private static Optional<SlowestModel> slowestTrinoModel(TestingLakehouse lakehouse, Map<String, Measurement> measurements)
    {
        Measurement trino = measurements.get("trino");
        if (trino == null) {
            return Optional.empty();
        }
        String model = trino.models().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        QueryStats stats = lakehouse.trino().getCoordinator().getQueryManager().getFullQueryInfo(new QueryId(trino.queries().get(model))).getQueryStats();
        Map<String, Duration> cpuByOperator = new LinkedHashMap<>();
        for (OperatorStats operator : stats.getOperatorSummaries()) {
            long nanos = operator.getAddInputCpu().roundTo(NANOSECONDS)
                    + operator.getGetOutputCpu().roundTo(NANOSECONDS)
                    + operator.getFinishCpu().roundTo(NANOSECONDS);
            cpuByOperator.merge(operator.getOperatorType(), Duration.ofNanos(nanos), Duration::plus);
        }
        Map<String, Duration> cpuModels = new LinkedHashMap<>();
        for (Map.Entry<String, String> query : trino.queries().entrySet()) {
            cpuModels.put(query.getKey(), Duration.ofNanos(lakehouse.trino().getCoordinator().getQueryManager().getFullQueryInfo(new QueryId(query.getValue()))
                    .getQueryStats().getTotalCpuTime().roundTo(NANOSECONDS)));
        }
        return Optional.of(new SlowestModel(model, trino.queries().get(model), stats.getElapsedTime().getValue(SECONDS),
                stats.getTotalCpuTime().getValue(SECONDS), stats.getPeakUserMemoryReservation().toBytes(),
                stats.getPhysicalInputDataSize().toBytes(), stats.getPhysicalWrittenDataSize().toBytes(),
                cpuByOperator.entrySet().stream()
                        .sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
                        .limit(6)
                        .collect(ImmutableMap.toImmutableMap(Map.Entry::getKey, Map.Entry::getValue)),
                cpuModels));
    }

    private static Map<String, Double> sorted(Map<String, Double> models)
    {
        Map<String, Double> sorted = new LinkedHashMap<>();
        for (String table : TABLES) {
            if (models.containsKey(table)) {
                sorted.put(table, models.get(table));
            }
        }
        return sorted;
    }

    private static Duration cpu(ProcessHandle process)
    {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * Properties given as {@code name=value,name=value}.
     */
    private static Map<String, String> properties(String list)
    {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String property : list.split(",")) {
            if (!property.isBlank()) {
                String[] parts = property.split("=", 2);
                checkArgument(parts.length == 2, "property %s is not name=value", property);
                properties.put(parts[0].trim(), parts[1].trim());
            }
        }
        return properties;
    }

    private static void log(String format, Object... args)
    {
        OUT.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    record Measurement(String engine, long wallNanos, Duration cpu, Map<String, Double> models, Map<String, String> queries, Optional<TrinoCpuShares> trinoCpuShares)
    {
        double wallSeconds()
        {
            return wallNanos / 1e9;
        }

        double cpuSeconds()
        {
            return cpu.toNanos() / 1e9;
        }
    }

    /**
     * What an engine made: the rows of every table and the checksums of the gold tables.
     */
    record Output(Map<String, Long> rows, Map<String, TableChecksum> gold) {}

    record SlowestModel(String table, String queryId, double elapsedSeconds, double cpuSeconds, long peakMemoryBytes, long inputBytes, long writtenBytes,
            Map<String, Duration> cpuByOperator, Map<String, Duration> cpuByModel) {}

    /**
     * The generated landing files of the day: generated once through S3Proxy's S3 API into its landing bucket, then
     * reused while scale and day stay the same (a manifest in the data folder records them).
     */
    record Landing(Map<String, Long> fileBytes, Map<String, Long> records, double generateSeconds)
    {
        private static final String MANIFEST = "landing.properties";

        static Landing prepare(Options options, S3ProxyServer s3)
                throws Exception
        {
            Path manifestFile = options.data().resolve(MANIFEST);
            String key = "imdb scale %s seed %s ds %s".formatted(options.scale(), TitleBasicsGenerator.DEFAULT_SEED, options.ds());
            Properties manifest = new Properties();
            if (Files.exists(manifestFile)) {
                try (var reader = Files.newBufferedReader(manifestFile, UTF_8)) {
                    manifest.load(reader);
                }
                if (key.equals(manifest.getProperty("key"))) {
                    log("reusing the landing files of %s under %s", key, s3.getDataDirectory().resolve("landing"));
                    return fromManifest(manifest, 0);
                }
                Files.delete(manifestFile);
            }
            Path landing = s3.getDataDirectory().resolve("landing");
            try (Stream<Path> datasets = Files.list(landing)) {
                for (Path dataset : datasets.toList()) {
                    deleteRecursively(dataset, ALLOW_INSECURE);
                }
            }
            log("generating the IMDb files of %s at scale %s", options.ds(), options.scale());
            long start = System.nanoTime();
            LandingDataGenerator generator = new LandingDataGenerator(TitleBasicsGenerator.DEFAULT_SEED, new ScaleFactor(options.scale()));
            LandingLocation location = LandingLocation.parse("s3://landing/");
            manifest.clear();
            ExecutorService executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            try (S3LandingWriter writer = new S3LandingWriter(new S3Options(s3.getEndpoint(), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, S3ProxyServer.REGION))) {
                List<Future<S3LandingWriter.WrittenFile>> written = new ArrayList<>();
                List<LandingFile> landingFiles = generator.files(LandingDataset.IMDB, options.ds());
                for (LandingFile file : landingFiles) {
                    written.add(executor.submit(() -> writer.write(location, file)));
                }
                for (int i = 0; i < landingFiles.size(); i++) {
                    S3LandingWriter.WrittenFile file = written.get(i).get();
                    String dataset = landingFiles.get(i).dataset();
                    manifest.setProperty(dataset + ".bytes", Long.toString(file.bytes()));
                    manifest.setProperty(dataset + ".records", Long.toString(file.records()));
                }
            }
            finally {
                executor.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            log("generated in %.1f s", seconds);
            manifest.setProperty("key", key);
            try (var writer = Files.newBufferedWriter(manifestFile, UTF_8)) {
                manifest.store(writer, "IMDb landing files in s3/landing; generated again when the key changes");
            }
            return fromManifest(manifest, seconds);
        }

        private static Landing fromManifest(Properties manifest, double generateSeconds)
        {
            Map<String, Long> bytes = new LinkedHashMap<>();
            Map<String, Long> records = new LinkedHashMap<>();
            for (ImdbFile file : ImdbFile.values()) {
                String dataset = file.dataset();
                bytes.put(dataset, Long.parseLong(requireNonNull(manifest.getProperty(dataset + ".bytes"), "manifest without " + dataset)));
                records.put(dataset, Long.parseLong(manifest.getProperty(dataset + ".records")));
            }
            return new Landing(bytes, records, generateSeconds);
        }
    }

    record Options(Path data, Path report, double scale, LocalDate ds, int runs, List<String> engines, String memory, String models,
            Optional<String> sparkClasspath, String sparkJava, String sparkMaster)
    {
        static Options parse(String[] args)
        {
            Map<String, String> defaults = new LinkedHashMap<>();
            defaults.put("--data", ".lakehouse/bench/imdb");
            defaults.put("--report", ".lakehouse/bench/imdb.md");
            defaults.put("--scale", "1");
            defaults.put("--ds", "2024-01-01");
            defaults.put("--runs", "1");
            defaults.put("--engines", "trino,spark,duckdb");
            defaults.put("--memory", "4GB");
            defaults.put("--models", "sql/imdb");
            defaults.put("--spark-classpath", "");
            defaults.put("--spark-java", ProcessHandle.current().info().command().orElse("java"));
            defaults.put("--spark-master", "local[%s]".formatted(Runtime.getRuntime().availableProcessors()));
            Map<String, String> values = BenchmarkOptions.parse(args, defaults);
            return new Options(
                    Path.of(values.get("--data")).toAbsolutePath(),
                    Path.of(values.get("--report")).toAbsolutePath(),
                    Double.parseDouble(values.get("--scale")),
                    LocalDate.parse(values.get("--ds")),
                    Integer.parseInt(values.get("--runs")),
                    List.of(values.get("--engines").split(",")),
                    values.get("--memory").replace("B", "").toLowerCase(Locale.ROOT),
                    values.get("--models"),
                    Optional.of(values.get("--spark-classpath")).filter(classpath -> !classpath.isEmpty()),
                    values.get("--spark-java"),
                    values.get("--spark-master"));
        }
    }

    /**
     * The benchmark's report in Markdown: the engines' wall and CPU times, the ratios to the targets, each model's
     * time, the verification, and where Trino's slowest model spends its time.
     */
    private record Report(Options options, Landing landing, Map<String, Measurement> measurements, Map<String, List<Double>> wallSecondsOfRuns, Map<String, Output> outputs, boolean agreed, String load,
            Optional<SlowestModel> slowest)
    {
        /**
         * The figures of the combined report: Trino + the materializer's wall time against Spark's (target: at most
         * half) and DuckDB's (at most 1.5 times), the CPU times, and the verification.
         */
        BenchmarkResult result()
        {
            List<Comparison> comparisons = new ArrayList<>();
            Measurement trino = measurements.get("trino");
            if (trino != null) {
                for (Measurement peer : measurements.values()) {
                    Optional<Target> target = switch (peer.engine()) {
                        case "spark" -> Optional.of(Target.ratioAtMost(0.5));
                        case "duckdb" -> Optional.of(Target.ratioAtMost(1.5));
                        default -> Optional.empty();
                    };
                    if (target.isPresent()) {
                        comparisons.add(Comparison.againstPeer("wall time vs " + peer.engine(), Figure.seconds("Trino + materializer", trino.wallSeconds()),
                                Figure.seconds(peer.engine(), peer.wallSeconds()), target));
                    }
                }
            }
            List<String> details = new ArrayList<>();
            for (Measurement measurement : measurements.values()) {
                details.add("%s: %.1f s wall, %.1f s CPU (wall s of the runs in order: %s)".formatted(describe(measurement.engine()), measurement.wallSeconds(), measurement.cpuSeconds(), runs(measurement)));
            }
            if (trino != null) {
                measurements.values().stream()
                        .filter(peer -> !peer.engine().equals("trino"))
                        .forEach(peer -> details.add("CPU time of Trino + materializer ÷ %s's: %.2f×".formatted(peer.engine(), trino.cpuSeconds() / peer.cpuSeconds())));
            }
            details.add(agreed ? "verification: every engine made the same rows in all %s tables and the same gold tables (checksum of every row)".formatted(TABLES.size()) : "verification: THE ENGINES DISAGREE");
            Optional.ofNullable(trino).flatMap(Measurement::trinoCpuShares).ifPresent(shares -> {
                details.add("Trino's CPU time: " + shares);
                Optional.ofNullable(measurements.get("duckdb")).ifPresent(duckDb -> details.add(queriesFloor(shares, duckDb)));
            });
            slowest.ifPresent(model -> details.add("Trino's slowest model: `lake.%s`, %.1f s elapsed, %.1f s CPU, peak memory %,d MB".formatted(
                    model.table(), model.elapsedSeconds(), model.cpuSeconds(), model.peakMemoryBytes() >> 20)));
            details.add("machine as the benchmark saw it: " + machine());
            long records = landing.records().values().stream().mapToLong(Long::longValue).sum();
            long bytes = landing.fileBytes().values().stream().mapToLong(Long::longValue).sum();
            return new BenchmarkResult(
                    "imdb-build",
                    "IMDb build",
                    "Full pipeline: bronze + silver + gold of `sql/imdb` for %s at scale %s (`--scale %s`), 5 gzip TSV files, %,d records, %,d MB gzip; Trino 476 + the materializer against Spark %s and DuckDB running the same SQL, all writing Parquet; wall times exclude starting the engines; best of %s run%s, engines in turns.".formatted(
                            options.ds(), options.scale(), options.scale(), records, bytes >> 20, options.sparkMaster(), options.runs(), options.runs() == 1 ? "" : "s"),
                    load,
                    comparisons,
                    details,
                    agreed ? Optional.empty() : Optional.of("the engines made different tables; see the verification table of the benchmark's own report"));
        }

        /**
         * The wall time Trino's queries would take if their own CPU time alone kept every core of the machine busy,
         * against DuckDB's wall time: a floor under the wall-time ratio that neither the materializer nor the JVM can
         * go below, since their own work (compilers, collector, HTTP) only adds to it.
         */
        private static String queriesFloor(TrinoCpuShares shares, Measurement duckDb)
        {
            int cores = Runtime.getRuntime().availableProcessors();
            double floorSeconds = shares.queries().toNanos() / 1e9 / cores;
            return "The queries' own CPU time alone, spread over the %s cores, is %.1f s of wall time: %.2f× DuckDB's wall time at best".formatted(
                    cores, floorSeconds, floorSeconds / duckDb.wallSeconds());
        }

        private String runs(Measurement measurement)
        {
            return wallSecondsOfRuns.get(measurement.engine()).stream().map(seconds -> "%.1f".formatted(seconds)).collect(Collectors.joining(", "));
        }

        String toMarkdown()
        {
            StringBuilder report = new StringBuilder();
            long records = landing.records().values().stream().mapToLong(Long::longValue).sum();
            long bytes = landing.fileBytes().values().stream().mapToLong(Long::longValue).sum();
            report.append("IMDb build (bronze + silver + gold of `sql/imdb`) for %s at scale %s: 5 gzip TSV files, %,d records, %,d MB gzip (%s). Best of %s run%s per engine, engines in turns; load average %s. %s.%n%n"
                    .formatted(options.ds(), options.scale(), records, bytes >> 20,
                            landing.records().entrySet().stream().map(entry -> "%s %,d".formatted(entry.getKey(), entry.getValue())).collect(Collectors.joining(", ")),
                            options.runs(), options.runs() == 1 ? "" : "s", load, machine()));

            Optional<Measurement> spark = Optional.ofNullable(measurements.get("spark"));
            Optional<Measurement> duckDb = Optional.ofNullable(measurements.get("duckdb"));
            report.append("| engine | wall s of the runs | best: wall s | best: CPU s | wall vs Spark | wall vs DuckDB | CPU vs Spark | CPU vs DuckDB |\n");
            report.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Measurement measurement : measurements.values()) {
                report.append("| %s | %s | %.1f | %.1f | %s | %s | %s | %s |%n".formatted(
                        describe(measurement.engine()), runs(measurement), measurement.wallSeconds(), measurement.cpuSeconds(),
                        spark.map(base -> ratio(measurement.wallSeconds(), base.wallSeconds())).orElse("n/a"),
                        duckDb.map(base -> ratio(measurement.wallSeconds(), base.wallSeconds())).orElse("n/a"),
                        spark.map(base -> ratio(measurement.cpuSeconds(), base.cpuSeconds())).orElse("n/a"),
                        duckDb.map(base -> ratio(measurement.cpuSeconds(), base.cpuSeconds())).orElse("n/a")));
            }
            Measurement trino = measurements.get("trino");
            if (trino != null) {
                report.append("\nTargets for Trino + the materializer, by wall time: ");
                report.append(spark.map(base -> target("≤ 0.5× Spark", trino.wallSeconds() / base.wallSeconds(), 0.5)).orElse("≤ 0.5× Spark: not measured"));
                report.append("; ");
                report.append(duckDb.map(base -> target("≤ 1.5× DuckDB", trino.wallSeconds() / base.wallSeconds(), 1.5)).orElse("≤ 1.5× DuckDB: not measured"));
                report.append(".\n");
                trino.trinoCpuShares().ifPresent(shares -> report.append("\nWhere Trino's CPU time went (per thread; the rest is HTTP of exchanges, task status and the client protocol, the Glue endpoint and the materializer): %s.%n".formatted(shares)));
                trino.trinoCpuShares().flatMap(shares -> duckDb.map(base -> queriesFloor(shares, base))).ifPresent(floor -> report.append("\n").append(floor).append(".\n"));
            }

            report.append("\nSeconds per model (Trino's include the materializer's checks and publish; it runs two models at a time, so they add up to more than the wall time):\n\n");
            report.append("| model |").append(measurements.keySet().stream().map(engine -> " " + engine + " |").collect(Collectors.joining())).append("\n");
            report.append("|---|").append("---:|".repeat(measurements.size())).append("\n");
            for (String table : TABLES) {
                report.append("| ").append(table).append(" |");
                for (Measurement measurement : measurements.values()) {
                    Double seconds = measurement.models().get(table);
                    report.append(seconds == null ? " n/a |" : " %.1f |".formatted(seconds));
                }
                report.append("\n");
            }

            report.append("\nVerification: %s%n%n".formatted(agreed ? "every engine made the same rows in every table and the same gold tables (every row's checksum)." : "**THE ENGINES DISAGREE**"));
            report.append("| table |").append(outputs.keySet().stream().map(engine -> " " + engine + " |").collect(Collectors.joining())).append("\n");
            report.append("|---|").append("---|".repeat(outputs.size())).append("\n");
            for (String table : TABLES) {
                report.append("| ").append(table).append(" |");
                for (Output output : outputs.values()) {
                    TableChecksum checksum = output.gold().get(table);
                    report.append(checksum == null ? " %,d rows |".formatted(output.rows().get(table)) : " %s |".formatted(checksum));
                }
                report.append("\n");
            }

            slowest.ifPresent(model -> {
                report.append("\nTrino's CPU time per model (query `totalCpuTime`): ");
                report.append(model.cpuByModel().entrySet().stream().map(entry -> "%s %.1f s".formatted(entry.getKey(), entry.getValue().toNanos() / 1e9)).collect(Collectors.joining(", ")));
                report.append(".\n\nTrino's slowest model, `lake.%s` (query %s): %.1f s elapsed, %.1f s CPU, peak memory %,d MB, read %,d MB, wrote %,d MB. CPU by operator: %s.%n"
                        .formatted(model.table(), model.queryId(), model.elapsedSeconds(), model.cpuSeconds(), model.peakMemoryBytes() >> 20, model.inputBytes() >> 20, model.writtenBytes() >> 20,
                                model.cpuByOperator().entrySet().stream()
                                        .map(entry -> "%s %.1f s".formatted(entry.getKey(), entry.getValue().toNanos() / 1e9))
                                        .collect(Collectors.joining(", "))));
            });
            return report.toString();
        }

        private String describe(String engine)
        {
            return switch (engine) {
                case "trino" -> "Trino 476 + materializer (landing connector, Hive on Glue, S3Proxy)";
                case "spark" -> "Spark %s (%s)".formatted(options.sparkMaster(), "Spark SQL, CSV reader, Parquet");
                case "duckdb" -> "DuckDB (read_csv, COPY to Parquet)";
                default -> engine;
            };
        }

        private static String ratio(double value, double base)
        {
            return "%.2f×".formatted(value / base);
        }

        private static String target(String name, double ratio, double limit)
        {
            return "%s: %.2f× — %s".formatted(name, ratio, ratio <= limit ? "met" : "**not met**");
        }

        private static String machine()
        {
            return "%s; Trino in-process with -Xmx%s MB".formatted(BenchmarkMachine.current().describe(), Runtime.getRuntime().maxMemory() >> 20);
        }
    }
}
