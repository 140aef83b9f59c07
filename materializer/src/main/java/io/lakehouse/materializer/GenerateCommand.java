package io.lakehouse.materializer;

import io.airlift.units.DataSize;
import io.lakehouse.materializer.generate.LandingLocation;
import io.lakehouse.materializer.generate.S3LandingWriter;
import io.lakehouse.materializer.generate.S3Options;
import io.lakehouse.materializer.generate.TitleBasics;
import io.lakehouse.materializer.generate.TitleBasicsGenerator;
import io.lakehouse.materializer.generate.TitleBasicsTsv;
import io.lakehouse.materializer.template.DateValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true, description = "Write deterministic IMDb-shaped sample files to the landing zone: <landing>/title_basics/ds=<date>/title.basics.tsv.gz.")
final class GenerateCommand
        implements Callable<Integer>
{
    @Option(names = "--ds", required = true, paramLabel = "<date>", converter = DateConverter.class, description = "First date to generate, such as 2024-01-01")
    DateValue ds;

    @Option(names = "--days", paramLabel = "<n>", defaultValue = "1", description = "Number of consecutive dates to generate (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--landing", required = true, paramLabel = "<location>", description = "Landing zone root, such as s3://landing/")
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), "--days must be at least 1, was " + days);
        }
        LandingLocation location = LandingLocation.parse(landing);
        TitleBasicsGenerator generator = new TitleBasicsGenerator(seed);
        PrintWriter out = spec.commandLine().getOut();

        try (S3LandingWriter writer = new S3LandingWriter(new S3Options(endpoint, accessKey, secretKey, region))) {
            writer.createBucketIfMissing(location.bucket());
            for (int day = 0; day < days; day++) {
                LocalDate date = ds.date().plusDays(day);
                List<TitleBasics> titles = generator.generate(date);
                byte[] file = TitleBasicsTsv.gzip(titles);
                String key = location.key(TitleBasicsTsv.objectKey(date));
                writer.put(location, key, file);
                out.printf("Wrote %s: %,d titles, %s%n", location.uri(key), titles.size(), DataSize.ofBytes(file.length).succinct());
                out.flush();
            }
        }
        return 0;
    }
}
