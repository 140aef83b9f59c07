package io.lakehouse.catalog.crawler;

import com.google.common.collect.ImmutableMap;
import io.lakehouse.catalog.GlueEndpoint;
import io.lakehouse.trino.LakehouseConfig;
import io.lakehouse.trino.S3ProxyServer;
import io.lakehouse.trino.benchmark.BenchmarkMachine;
import io.lakehouse.trino.benchmark.BenchmarkResult;
import io.lakehouse.trino.benchmark.BenchmarkResult.Comparison;
import io.lakehouse.trino.benchmark.BenchmarkResult.Figure;
import io.lakehouse.trino.benchmark.BenchmarkResult.Target;
import io.lakehouse.trino.inference.ScalarTypeManager;
import io.lakehouse.trino.landing.LandingInspector;
import io.opentelemetry.api.OpenTelemetry;
import io.trino.filesystem.s3.S3FileSystemConfig;
import io.trino.filesystem.s3.S3FileSystemFactory;
import io.trino.filesystem.s3.S3FileSystemStats;
import io.trino.spi.security.ConnectorIdentity;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Crawler benchmark against the local Glue endpoint and S3Proxy: registers a dataset of 10,000 files in 1,000 date
 * partitions from scratch, then refreshes one new folder incrementally, and prints the figures. Targets: 10 s for
 * the full crawl, 1 s for the incremental one. Not a test: run it with
 * <pre>
 * mvn -B -ntp -pl catalog -am -Pcrawler-benchmark -DskipTests verify
 * </pre>
 * with {@code -Dbenchmark.folders=1000 -Dbenchmark.files-per-folder=10} to change the shape of the dataset, or with
 * {@code bin/lakehouse bench crawl [--folders 1000] [--files-per-folder 10]}. With the system property
 * {@code bench.results} set to a folder it also writes its figures there for the combined report
 * ({@link BenchmarkResult}).
 */
public final class BenchmarkCrawler
{
    private static final String DATABASE = "benchmark";

    private BenchmarkCrawler() {}

    public static void main(String[] args)
            throws Exception
    {
        int folders = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int filesPerFolder = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path directory = Files.createTempDirectory("crawler-benchmark");
        try (S3ProxyServer s3 = S3ProxyServer.start(directory.resolve("s3"), "landing");
                GlueEndpoint endpoint = GlueEndpoint.start(ImmutableMap.of(
                        "catalog.database-url", "jdbc:h2:file:" + directory.resolve("catalog").toAbsolutePath(),
                        "catalog.access-key", S3ProxyServer.ACCESS_KEY,
                        "catalog.secret-key", S3ProxyServer.SECRET_KEY));
                GlueClient glue = GlueClient.builder()
                        .endpointOverride(endpoint.getBaseUri())
                        .region(Region.of(S3ProxyServer.REGION))
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                        .httpClientBuilder(ApacheHttpClient.builder())
                        .build()) {
            // the files are written into S3Proxy's folders directly: setting up is not what is measured
            Path dataset = s3.getDataDirectory().resolve("landing/events");
            LocalDate firstDay = LocalDate.of(2022, 1, 1);
            for (int folder = 0; folder < folders; folder++) {
                writeFolder(dataset, firstDay.plusDays(folder), filesPerFolder);
            }
            System.out.printf("Landing dataset: %,d files in %,d date folders (ds=yyyy-MM-dd), S3Proxy at %s, Glue endpoint at %s%n",
                    folders * filesPerFolder, folders, s3.getEndpoint(), endpoint.getBaseUri());

            S3FileSystemFactory fileSystems = new S3FileSystemFactory(OpenTelemetry.noop(), new S3FileSystemConfig()
                    .setEndpoint(s3.getEndpoint().toString())
                    .setRegion(S3ProxyServer.REGION)
                    .setPathStyleAccess(true)
                    .setAwsAccessKey(S3ProxyServer.ACCESS_KEY)
                    .setAwsSecretKey(S3ProxyServer.SECRET_KEY), new S3FileSystemStats());
            try {
                LandingInspector landing = new LandingInspector(fileSystems.create(ConnectorIdentity.ofUser("benchmark")), new LakehouseConfig().setLandingLocation("s3://landing/"), new ScalarTypeManager());

                String loadBefore = BenchmarkMachine.loadAverage();
                TimedCrawl cold = crawl(landing, glue, CrawlerOptions.defaults(DATABASE + "_cold"));
                print("Full crawl from scratch, new JVM (1 file inferred per folder)", cold.report(), 10_000);
                TimedCrawl full = crawl(landing, glue, CrawlerOptions.defaults(DATABASE));
                print("Full crawl from scratch, warm JVM (1 file inferred per folder)", full.report(), 10_000);
                TimedCrawl everyFile = crawl(landing, glue, CrawlerOptions.defaults(DATABASE + "_every_file").withSampleFilesPerFolder(0));
                print("Full crawl from scratch, warm JVM (every file inferred, as the landing connector does)", everyFile.report(), 10_000);

                writeFolder(dataset, firstDay.plusDays(folders), filesPerFolder);
                TimedCrawl incremental = crawl(landing, glue, CrawlerOptions.defaults(DATABASE).withIncremental(true));
                print("Incremental crawl, one new folder of %s files".formatted(filesPerFolder), incremental.report(), 1_000);

                // what a user sees: bin/lakehouse crawl --incremental starts a new JVM
                writeFolder(dataset, firstDay.plusDays(folders + 1), filesPerFolder);
                long cliStart = System.nanoTime();
                ProcessBuilder command = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"), "--sun-misc-unsafe-memory-access=allow",
                        CrawlerCli.class.getName(), "crawl", "--landing", "s3://landing/", "--database", DATABASE, "--incremental")
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                command.environment().putAll(ImmutableMap.<String, String>builder()
                        .put("LAKEHOUSE_S3_ENDPOINT", s3.getEndpoint().toString())
                        .put("LAKEHOUSE_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY)
                        .put("LAKEHOUSE_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY)
                        .put("LAKEHOUSE_GLUE_ENDPOINT", endpoint.getBaseUri().toString())
                        .put("LAKEHOUSE_GLUE_ACCESS_KEY", S3ProxyServer.ACCESS_KEY)
                        .put("LAKEHOUSE_GLUE_SECRET_KEY", S3ProxyServer.SECRET_KEY)
                        .put("LAKEHOUSE_REGION", S3ProxyServer.REGION)
                        .buildOrThrow());
                Process process = command.start();
                String output = new String(process.getInputStream().readAllBytes(), UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("CrawlerCli failed:\n" + output);
                }
                long cliMillis = (System.nanoTime() - cliStart) / 1_000_000;
                System.out.printf("Incremental crawl with CrawlerCli in a new JVM, one new folder: %,d ms including JVM start%n    %s%n",
                        cliMillis, output.strip().replace("\n", "\n    "));

                long registered = glue.getPartitionsPaginator(request -> request.databaseName(DATABASE).tableName("events")).stream()
                        .mapToLong(page -> page.partitions().size())
                        .sum();
                System.out.printf("Partitions of %s.events in the catalog: %,d%n", DATABASE, registered);
                boolean complete = registered == folders + 2 && Stream.of(cold, full, everyFile, incremental).noneMatch(crawl -> crawl.report().failed());
                new BenchmarkResult(
                        "crawl",
                        "Crawl",
                        "The catalog's crawler registers a landing dataset of %,d small TSV files in %,d date folders from scratch (one file inferred per folder), then one new folder of %s files incrementally; S3Proxy and the Glue endpoint on H2 on the same machine.".formatted(folders * filesPerFolder, folders, filesPerFolder),
                        "%s before, %s after".formatted(loadBefore, BenchmarkMachine.loadAverage()),
                        List.of(
                                Comparison.againstTarget("full crawl of %,d files, new JVM".formatted(folders * filesPerFolder), Figure.seconds("crawler", cold.seconds()), Target.figureAtMost(10)),
                                Comparison.againstTarget("incremental crawl, one new folder", Figure.seconds("crawler", incremental.seconds()), Target.figureAtMost(1))),
                        List.of(
                                "CPU time of crawler, Glue endpoint and S3Proxy, which depends less on other load: full crawl in a new JVM %.1f s, incremental %.2f s".formatted(cold.cpuSeconds(), incremental.cpuSeconds()),
                                "full crawl, warm JVM: %.2f s (%.1f s CPU); every file inferred (as the landing connector does): %.2f s (%.1f s CPU)".formatted(full.seconds(), full.cpuSeconds(), everyFile.seconds(), everyFile.cpuSeconds()),
                                "incremental crawl through `CrawlerCli` in a new JVM: %.2f s including the JVM's start".formatted(cliMillis / 1000.0),
                                "partitions registered: %,d of %,d".formatted(registered, folders + 2)),
                        complete ? Optional.empty() : Optional.of("the crawler did not register every partition"))
                        .writeToResultsFolder()
                        .ifPresent(file -> System.out.println("Result written to " + file));
                if (!complete) {
                    throw new IllegalStateException("The benchmark did not register every partition; see the reports above");
                }
            }
            finally {
                fileSystems.destroy();
            }
        }
        finally {
            deleteRecursively(directory, ALLOW_INSECURE);
        }
    }

    private static TimedCrawl crawl(LandingInspector landing, GlueClient glue, CrawlerOptions options)
    {
        Duration cpuBefore = cpuTime();
        long start = System.nanoTime();
        // the crawler's progress messages, timed, show where the time goes
        CrawlReport report = new Crawler(landing, glue, options, Clock.systemUTC(), message -> System.out.printf("    %,8d ms  %s%n", (System.nanoTime() - start) / 1_000_000, message)).crawl();
        Duration cpu = cpuTime().minus(cpuBefore);
        // CPU time does not depend on what else the machine runs: on two idle cores the crawl takes about half of it
        System.out.printf("    CPU time of crawler, Glue endpoint and S3Proxy: %,d ms%n", cpu.toMillis());
        return new TimedCrawl(report, cpu);
    }

    /**
     * A crawl's report with the CPU time of the crawler, the Glue endpoint and S3Proxy together.
     */
    private record TimedCrawl(CrawlReport report, Duration cpu)
    {
        double seconds()
        {
            return report.elapsed().toMillis() / 1000.0;
        }

        double cpuSeconds()
        {
            return cpu.toMillis() / 1000.0;
        }
    }

    private static Duration cpuTime()
    {
        Duration processes = ProcessHandle.current().descendants()
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        return processes.plusNanos(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
    }

    private static void print(String title, CrawlReport report, long targetMillis)
    {
        long millis = report.elapsed().toMillis();
        System.out.printf("%s: %,d ms (target %,d ms: %s)%n    %s", title, millis, targetMillis, millis <= targetMillis ? "met" : "MISSED", report.summary().replace("\n", "\n    ").stripTrailing());
        System.out.println();
    }

    private static void writeFolder(Path dataset, LocalDate day, int files)
            throws IOException
    {
        Path folder = dataset.resolve("ds=" + day);
        Files.createDirectories(folder);
        for (int file = 0; file < files; file++) {
            StringBuilder content = new StringBuilder("event_id\tuser_id\tkind\tamount\toccurred_at\n");
            for (int row = 0; row < 5; row++) {
                long id = ((long) file << 8) + row;
                content.append(id).append('\t').append(id % 97).append('\t').append(row % 2 == 0 ? "view" : "click").append('\t')
                        .append(row * 1.25).append('\t').append(day).append(" 12:00:0").append(row).append('\n');
            }
            Files.writeString(folder.resolve("part-%05d.tsv".formatted(file)), content, UTF_8);
        }
    }
}
