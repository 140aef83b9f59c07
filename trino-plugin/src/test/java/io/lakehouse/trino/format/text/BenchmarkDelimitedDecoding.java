package io.lakehouse.trino.format.text;

import io.lakehouse.trino.format.LandingColumn;
import io.trino.hive.formats.compression.CompressionKind;
import io.trino.spi.PageBuilder;
import io.trino.spi.type.Type;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * CPU time of one thread reading one gzip TSV file of {@code bin/lakehouse bench landing}'s IMDb-shaped data, step by
 * step: inflating only, and, from the inflated text in memory, splitting records, and splitting and decoding the benchmark query's three columns into blocks
 * as a split does. A quick check of the text scan's hot path without Trino, S3 or other engines; the side-by-side
 * comparison with other engines is {@code BenchmarkLandingScan}.
 * <p>
 * Arguments: the gzip file (e.g. {@code .lakehouse/bench/s3/landing/title_basics_1x/part-00.tsv.gz}), and the number of
 * rounds (default 5; the fastest counts).
 */
public final class BenchmarkDelimitedDecoding
{
    private static final List<String> FIELDS = List.of("tconst", "titletype", "primarytitle", "originaltitle", "isadult", "startyear", "endyear", "runtimeminutes", "genres");
    private static final List<LandingColumn> COLUMNS = List.of(
            new LandingColumn("titletype", VARCHAR),
            new LandingColumn("primarytitle", VARCHAR),
            new LandingColumn("startyear", BIGINT));
    private static final int MAX_RECORD_LENGTH = 16 << 20;
    private static final int ROWS_PER_PAGE = 8192;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Path file;
    private byte[] text;

    private BenchmarkDelimitedDecoding(Path file)
    {
        this.file = file;
    }

    public static void main(String[] args)
            throws Exception
    {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: BenchmarkDelimitedDecoding FILE.tsv.gz [ROUNDS]");
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        new BenchmarkDelimitedDecoding(Path.of(args[0])).run(rounds);
    }

    private void run(int rounds)
            throws Exception
    {
        try (InputStream input = open()) {
            text = input.readAllBytes();
        }
        System.out.printf("%s: %,d bytes of text%n", file, text.length);
        double inflate = Double.MAX_VALUE;
        double split = Double.MAX_VALUE;
        double decode = Double.MAX_VALUE;
        for (int round = 1; round <= rounds; round++) {
            Measurement inflated = measure(this::inflate);
            Measurement splitRecords = measure(() -> split(new ByteArrayInputStream(text)));
            Measurement decoded = measure(() -> decode(new ByteArrayInputStream(text)));
            System.out.printf("round %s: inflate %.3f s, split the inflated text %.3f s (%,d records), split, decode and write %.3f s (%,d rows)%n",
                    round, inflated.seconds(), splitRecords.seconds(), splitRecords.result(), decoded.seconds(), decoded.result());
            inflate = Math.min(inflate, inflated.seconds());
            split = Math.min(split, splitRecords.seconds());
            decode = Math.min(decode, decoded.seconds());
        }
        System.out.printf("best CPU s: inflate %.3f, split %.3f, split and decode %.3f (%.3f beyond splitting); %.2f ns per byte of text in all, inflating included%n",
                inflate, split, decode, decode - split, (inflate + decode) * 1e9 / text.length);
    }

    private long inflate()
            throws IOException
    {
        try (InputStream input = open()) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
                total += read;
            }
            return total;
        }
    }

    private long split(InputStream text)
            throws Exception
    {
        try (InputStream input = text) {
            DelimitedRecordReader reader = DelimitedRecordReader.forWholeInput(input, TextDialect.TSV, MAX_RECORD_LENGTH);
            long records = 0;
            while (reader.next()) {
                records++;
            }
            return records;
        }
    }

    private long decode(InputStream input)
            throws Exception
    {
        DelimitedRecordReader reader = DelimitedRecordReader.forWholeInput(input, TextDialect.TSV, MAX_RECORD_LENGTH);
        List<Type> types = COLUMNS.stream().map(LandingColumn::type).collect(toImmutableList());
        PageBuilder pageBuilder = new PageBuilder(types);
        long rows = 0;
        try (DelimitedRecordDecoder decoder = new DelimitedRecordDecoder(reader, input, TextDialect.TSV, FIELDS, COLUMNS, true)) {
            while (decoder.next()) {
                pageBuilder.declarePosition();
                for (int column = 0; column < types.size(); column++) {
                    decoder.writeValue(column, pageBuilder.getBlockBuilder(column));
                }
                rows++;
                if (rows % ROWS_PER_PAGE == 0) {
                    pageBuilder.build();
                    pageBuilder.reset();
                }
            }
        }
        return rows;
    }

    private InputStream open()
            throws IOException
    {
        return CompressionKind.GZIP.createCodec().createStreamDecompressor(Files.newInputStream(file));
    }

    private Measurement measure(Step step)
            throws Exception
    {
        long start = threads.getCurrentThreadCpuTime();
        long result = step.run();
        return new Measurement((threads.getCurrentThreadCpuTime() - start) / 1e9, result);
    }

    private interface Step
    {
        long run()
                throws Exception;
    }

    private record Measurement(double seconds, long result) {}
}
