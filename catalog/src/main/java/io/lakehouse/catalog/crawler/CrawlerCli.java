package io.lakehouse.catalog.crawler;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.LakehouseConfig;
import io.lakehouse.trino.inference.ScalarTypeManager;
import io.lakehouse.trino.landing.LandingInspector;
import io.opentelemetry.api.OpenTelemetry;
import io.trino.filesystem.s3.S3FileSystemConfig;
import io.trino.filesystem.s3.S3FileSystemFactory;
import io.trino.filesystem.s3.S3FileSystemStats;
import io.trino.spi.security.ConnectorIdentity;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;
import software.amazon.awssdk.services.glue.model.TableVersion;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The crawler from the command line:
 * <pre>
 * java -cp 'catalog/target/lakehouse-catalog-*.jar:catalog/target/lib/*' io.lakehouse.catalog.crawler.CrawlerCli \
 *     crawl --landing s3://landing/ --database landing_raw [--incremental] [--schema-change add-columns|log] [--sample-files N] [--threads N]
 * ... CrawlerCli changes --database landing_raw --table title_basics
 * </pre>
 * S3 is reached with {@code LAKEHOUSE_S3_ENDPOINT}, {@code LAKEHOUSE_S3_ACCESS_KEY}, {@code LAKEHOUSE_S3_SECRET_KEY}
 * and the Glue catalog with {@code LAKEHOUSE_GLUE_ENDPOINT}, {@code LAKEHOUSE_GLUE_ACCESS_KEY},
 * {@code LAKEHOUSE_GLUE_SECRET_KEY}; both in {@code LAKEHOUSE_REGION}. Without an endpoint the AWS service is used,
 * and without keys the AWS default credentials. Exit status 0 means every dataset was registered, 1 that one
 * failed (the others are registered), 2 a usage error.
 */
public final class CrawlerCli
{
    private static final String USAGE = """
            usage: CrawlerCli crawl --landing s3://landing/ --database landing_raw [--incremental] [--schema-change add-columns|log] [--sample-files N] [--threads N]
                   CrawlerCli changes --database landing_raw --table NAME
              crawl     register every dataset folder below --landing as a table of --database, its partition folders as partitions
                        --incremental      look only at folders that are not registered yet
                        --schema-change    add-columns (default): append new columns and widen types; log: only report differences
                        --sample-files N   files inferred per partition folder (default 1; 0 reads every file)
                        --threads N        files inferred and partition batches written at once (default 8)
              changes   print a table's change log: what each crawl changed, from the table's versions
            environment: LAKEHOUSE_S3_ENDPOINT, LAKEHOUSE_S3_ACCESS_KEY, LAKEHOUSE_S3_SECRET_KEY, LAKEHOUSE_GLUE_ENDPOINT,
                         LAKEHOUSE_GLUE_ACCESS_KEY, LAKEHOUSE_GLUE_SECRET_KEY, LAKEHOUSE_REGION (default us-east-1)""";

    private CrawlerCli() {}

    public static void main(String[] args)
    {
        System.exit(run(ImmutableList.copyOf(args), System.getenv(), System.out, System.err));
    }

    /**
     * Runs one command and returns the exit status.
     */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err)
    {
        requireNonNull(args, "args is null");
        requireNonNull(environment, "environment is null");
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        }
        catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (GlueClient glue = glueClient(environment)) {
            return switch (arguments.command()) {
                case "crawl" -> crawl(arguments, environment, glue, out, err);
                case "changes" -> changes(arguments, glue, out);
                default -> throw new IllegalStateException(arguments.command());
            };
        }
        catch (SdkException | UncheckedIOException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int crawl(Arguments arguments, Map<String, String> environment, GlueClient glue, PrintStream out, PrintStream err)
    {
        S3FileSystemFactory fileSystems = new S3FileSystemFactory(OpenTelemetry.noop(), s3Config(environment), new S3FileSystemStats());
        try {
            LakehouseConfig config = new LakehouseConfig().setLandingLocation(arguments.landing());
            LandingInspector landing = new LandingInspector(fileSystems.create(ConnectorIdentity.ofUser("lakehouse-crawler")), config, new ScalarTypeManager());
            CrawlerOptions options = new CrawlerOptions(arguments.database(), arguments.incremental(), arguments.schemaChangePolicy(), arguments.sampleFiles(), arguments.threads());
            CrawlReport report = new Crawler(landing, glue, options, Clock.systemUTC(), err::println).crawl();
            out.print(report.summary());
            return report.failed() ? 1 : 0;
        }
        finally {
            fileSystems.destroy();
        }
    }

    private static int changes(Arguments arguments, GlueClient glue, PrintStream out)
    {
        String table = arguments.table().orElseThrow();
        List<TableVersion> versions = glue.getTableVersionsPaginator(request -> request.databaseName(arguments.database()).tableName(table)).stream()
                .flatMap(page -> page.tableVersions().stream())
                .toList();
        out.printf("Change log of %s.%s, newest first:%n", arguments.database(), table);
        for (TableVersion version : versions) {
            Map<String, String> parameters = version.table().parameters();
            out.printf("  version %s at %s: %s%n",
                    version.versionId(),
                    parameters.getOrDefault(Crawler.UPDATED_AT_PARAMETER, String.valueOf(version.table().updateTime())),
                    parameters.getOrDefault(Crawler.CHANGE_PARAMETER, "changed by another client"));
        }
        return 0;
    }

    private static S3FileSystemConfig s3Config(Map<String, String> environment)
    {
        S3FileSystemConfig config = new S3FileSystemConfig().setRegion(region(environment));
        Optional.ofNullable(environment.get("LAKEHOUSE_S3_ENDPOINT")).filter(value -> !value.isBlank()).ifPresent(endpoint -> config
                .setEndpoint(endpoint)
                // object stores other than AWS (S3Proxy, MinIO) need path-style addressing
                .setPathStyleAccess(true));
        Optional<String> accessKey = Optional.ofNullable(environment.get("LAKEHOUSE_S3_ACCESS_KEY")).filter(value -> !value.isBlank());
        if (accessKey.isPresent()) {
            config.setAwsAccessKey(accessKey.get())
                    .setAwsSecretKey(required(environment, "LAKEHOUSE_S3_SECRET_KEY", "LAKEHOUSE_S3_ACCESS_KEY is set"));
        }
        return config;
    }

    private static GlueClient glueClient(Map<String, String> environment)
    {
        GlueClientBuilder builder = GlueClient.builder()
                .region(Region.of(region(environment)))
                .httpClientBuilder(ApacheHttpClient.builder());
        Optional.ofNullable(environment.get("LAKEHOUSE_GLUE_ENDPOINT")).filter(value -> !value.isBlank()).ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        Optional<String> accessKey = Optional.ofNullable(environment.get("LAKEHOUSE_GLUE_ACCESS_KEY")).filter(value -> !value.isBlank());
        if (accessKey.isPresent()) {
            String secretKey = required(environment, "LAKEHOUSE_GLUE_SECRET_KEY", "LAKEHOUSE_GLUE_ACCESS_KEY is set");
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey)));
        }
        else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    private static String region(Map<String, String> environment)
    {
        return Optional.ofNullable(environment.get("LAKEHOUSE_REGION")).filter(value -> !value.isBlank()).orElse("us-east-1");
    }

    private static String required(Map<String, String> environment, String name, String because)
    {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("%s must be set because %s".formatted(name, because));
        }
        return value;
    }

    record Arguments(String command, String landing, String database, boolean incremental, SchemaChangePolicy schemaChangePolicy, int sampleFiles, int threads, Optional<String> table)
    {
        static Arguments parse(List<String> args)
        {
            if (args.isEmpty()) {
                throw new IllegalArgumentException("a command is required");
            }
            String command = args.getFirst();
            if (!command.equals("crawl") && !command.equals("changes")) {
                throw new IllegalArgumentException("unknown command '%s'".formatted(command));
            }
            String landing = null;
            String database = null;
            String table = null;
            boolean incremental = false;
            SchemaChangePolicy policy = SchemaChangePolicy.ADD_COLUMNS;
            int sampleFiles = CrawlerOptions.DEFAULT_SAMPLE_FILES_PER_FOLDER;
            int threads = CrawlerOptions.DEFAULT_THREADS;
            List<String> rest = new ArrayList<>(args.subList(1, args.size()));
            while (!rest.isEmpty()) {
                String option = rest.removeFirst();
                switch (option) {
                    case "--incremental" -> incremental = true;
                    case "--landing" -> landing = value(option, rest);
                    case "--database" -> database = value(option, rest);
                    case "--table" -> table = value(option, rest);
                    case "--schema-change" -> policy = switch (value(option, rest).toLowerCase(Locale.ROOT)) {
                        case "add-columns" -> SchemaChangePolicy.ADD_COLUMNS;
                        case "log" -> SchemaChangePolicy.LOG;
                        default -> throw new IllegalArgumentException("--schema-change must be add-columns or log");
                    };
                    case "--sample-files" -> sampleFiles = number(option, value(option, rest), 0);
                    case "--threads" -> threads = number(option, value(option, rest), 1);
                    default -> throw new IllegalArgumentException("unknown option '%s'".formatted(option));
                }
            }
            if (database == null) {
                throw new IllegalArgumentException("--database is required");
            }
            if (command.equals("crawl") && (landing == null || !landing.contains("://"))) {
                throw new IllegalArgumentException("crawl needs --landing with the landing location, for example s3://landing/");
            }
            if (command.equals("changes") && table == null) {
                throw new IllegalArgumentException("changes needs --table");
            }
            return new Arguments(command, landing, database, incremental, policy, sampleFiles, threads, Optional.ofNullable(table));
        }

        private static String value(String option, List<String> rest)
        {
            if (rest.isEmpty() || rest.getFirst().startsWith("--")) {
                throw new IllegalArgumentException("%s needs a value".formatted(option));
            }
            return rest.removeFirst();
        }

        private static int number(String option, String value, int minimum)
        {
            try {
                int number = Integer.parseInt(value);
                if (number >= minimum) {
                    return number;
                }
            }
            catch (NumberFormatException _) {
                // reported below
            }
            throw new IllegalArgumentException("%s must be a whole number of at least %s, not '%s'".formatted(option, minimum, value));
        }
    }
}
