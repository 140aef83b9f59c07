package io.lakehouse.materializer;

import io.airlift.units.DataSize;
import io.airlift.units.Duration;
import io.lakehouse.materializer.generate.LandingDataGenerator;
import io.lakehouse.materializer.generate.LandingDataset;
import io.lakehouse.materializer.generate.LandingFile;
import io.lakehouse.materializer.generate.LandingLocation;
import io.lakehouse.materializer.generate.RetailDatabase;
import io.lakehouse.materializer.generate.S3LandingWriter;
import io.lakehouse.materializer.generate.S3LandingWriter.WrittenFile;
import io.lakehouse.materializer.generate.S3Options;
import io.lakehouse.materializer.generate.ScaleFactor;
import io.lakehouse.materializer.generate.TitleBasicsGenerator;
import io.lakehouse.materializer.template.DateValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
                "Write deterministic sample landing data for consecutive days: <landing>/<dataset>/ds=<date>/<file>.",
                "imdb: IMDb's five TSV files (a daily snapshot; scale 1 is about 1 GB); retail: the shop's invoice lines (Latin-1 CSV), also loaded into PostgreSQL retail.user_purchase; "
                        + "reviews: the vendor's movie reviews (CSV); customers: the customer feed (JSON lines)."})
final class GenerateCommand
        implements Callable<Integer>
{
    enum DatasetOption
    {
        IMDB, RETAIL, REVIEWS, CUSTOMERS, ALL
    }

    @Option(names = "--ds", required = true, paramLabel = "<date>", converter = DateConverter.class, description = "First date to generate, such as 2024-01-01")
    DateValue ds;

    @Option(names = "--days", paramLabel = "<n>", defaultValue = "1", description = "Number of consecutive dates to generate (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--scale", paramLabel = "<factor>", defaultValue = "0.001", description = "Scale factor: 1 is about 1 GB of IMDb TSV a day (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--dataset", paramLabel = "<name>", split = ",", defaultValue = "all", description = "Data sets to write: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    List<DatasetOption> datasets;

    @Option(names = "--landing", paramLabel = "<location>", defaultValue = "${env:LAKEHOUSE_LANDING_LOCATION:-s3://landing/}", description = "Landing zone root (default: ${DEFAULT-VALUE}, env LAKEHOUSE_LANDING_LOCATION)")
    String landing;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "" + TitleBasicsGenerator.DEFAULT_SEED, description = "Seed of the generated data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--s3-endpoint", paramLabel = "<url>", defaultValue = "${env:LAKEHOUSE_S3_ENDPOINT:-http://localhost:9000}", description = "S3 endpoint (default: ${DEFAULT-VALUE}, env LAKEHOUSE_S3_ENDPOINT)")
    URI endpoint;

    @Option(names = "--s3-access-key", paramLabel = "<key>", defaultValue = "${env:LAKEHOUSE_S3_ACCESS_KEY:-lakehouse}", description = "S3 access key (default: ${DEFAULT-VALUE}, env LAKEHOUSE_S3_ACCESS_KEY)")
    String accessKey;

    @Option(names = "--s3-secret-key", paramLabel = "<key>", defaultValue = "${env:LAKEHOUSE_S3_SECRET_KEY:-lakehouse-secret}", description = "S3 secret key (env LAKEHOUSE_S3_SECRET_KEY)")
    String secretKey;

    @Option(names = "--s3-region", paramLabel = "<region>", defaultValue = "${env:LAKEHOUSE_S3_REGION:-us-east-1}", description = "S3 region (default: ${DEFAULT-VALUE}, env LAKEHOUSE_S3_REGION)")
    String region;

    @Option(names = "--postgres-url", paramLabel = "<jdbc url>", defaultValue = "${env:LAKEHOUSE_POSTGRES_URL:-jdbc:postgresql://localhost:5432/retail}",
            description = "PostgreSQL database that receives the retail purchases; empty to only write the landing file (default: ${DEFAULT-VALUE}, env LAKEHOUSE_POSTGRES_URL)")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "<name>", defaultValue = "${env:LAKEHOUSE_POSTGRES_USER:-lakehouse}", description = "PostgreSQL user (default: ${DEFAULT-VALUE}, env LAKEHOUSE_POSTGRES_USER)")
    String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "<password>", defaultValue = "${env:LAKEHOUSE_POSTGRES_PASSWORD:-lakehouse-secret}", description = "PostgreSQL password (env LAKEHOUSE_POSTGRES_PASSWORD)")
    String postgresPassword;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), "--days must be at least 1, was " + days);
        }
        if (!(scale > 0 && scale <= ScaleFactor.MAX)) {
            throw new ParameterException(spec.commandLine(), "--scale must be greater than 0 and at most %s, was %s".formatted(ScaleFactor.MAX, scale));
        }
        LandingLocation location = LandingLocation.parse(landing);
        Set<LandingDataset> selected = selectedDatasets();
        LandingDataGenerator generator = new LandingDataGenerator(seed, new ScaleFactor(scale));
        Optional<RetailDatabase> database = postgresUrl.isBlank() || !selected.contains(LandingDataset.RETAIL)
                ? Optional.empty()
                : Optional.of(new RetailDatabase(postgresUrl, postgresUser, postgresPassword));
        PrintWriter out = spec.commandLine().getOut();

        long start = System.nanoTime();
        long files = 0;
        long bytes = 0;
        try (S3LandingWriter writer = new S3LandingWriter(new S3Options(endpoint, accessKey, secretKey, region))) {
            writer.createBucketIfMissing(location.bucket());
            for (int day = 0; day < days; day++) {
                LocalDate date = ds.date().plusDays(day);
                for (LandingDataset dataset : selected) {
                    for (LandingFile file : generator.files(dataset, date)) {
                        WrittenFile written = writer.write(location, file);
                        files++;
                        bytes += written.bytes();
                        out.printf("Wrote %s: %,d rows, %s%n", written.uri(), written.records(), DataSize.ofBytes(written.bytes()).succinct());
                        out.flush();
                    }
                    if (dataset == LandingDataset.RETAIL && database.isPresent()) {
                        long rows = database.get().load(date, generator.retail().purchases(date));
                        out.printf("Loaded %,d purchases of %s into %s at %s%n", rows, date, RetailDatabase.TABLE, database.get().url());
                        out.flush();
                    }
                }
            }
        }
        out.printf("Generated %,d files (%s) for %s day%s from %s at scale %s, seed %s, in %s%n",
                files, DataSize.ofBytes(bytes).succinct(), days, days == 1 ? "" : "s", ds, scale, seed, Duration.nanosSince(start).convertToMostSuccinctTimeUnit());
        out.flush();
        return 0;
    }

    private Set<LandingDataset> selectedDatasets()
    {
        Set<LandingDataset> selected = EnumSet.noneOf(LandingDataset.class);
        for (DatasetOption option : datasets) {
            if (option == DatasetOption.ALL) {
                selected.addAll(EnumSet.allOf(LandingDataset.class));
            }
            else {
                selected.add(LandingDataset.valueOf(option.name()));
            }
        }
        return selected;
    }
}
