package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.LakehouseConfig;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.json.JsonSchemaInference;
import io.lakehouse.trino.format.text.TextDialect;
import io.lakehouse.trino.inference.TextSchema;
import io.lakehouse.trino.inference.TextSchemaInference;
import io.trino.filesystem.TrinoInputFile;
import io.trino.spi.TrinoException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static io.lakehouse.trino.LakehouseErrorCode.LANDING_BAD_DATA;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * What one file holds, from a sample of its first (decompressed) bytes, with the dataset's declared options applied
 * over the guesses.
 */
public final class FileSchemaInference
{
    private final int sampleSize;
    private final int maxRecordLength;

    public FileSchemaInference(LakehouseConfig config)
    {
        this.sampleSize = Math.toIntExact(config.getInferenceSampleSize().toBytes());
        this.maxRecordLength = Math.toIntExact(config.getMaxRecordLength().toBytes());
    }

    public FileSchema infer(TrinoInputFile file, DatasetOptions options)
            throws IOException
    {
        String name = file.location().fileName();
        Sample sample = readSample(file);
        LandingFormat format = options.format().orElseGet(() -> LandingFormat.forFile(name));
        if (sample.length() == 0) {
            return new FileSchema(format, format == LandingFormat.TEXT ? Optional.of(TextDialect.TSV) : Optional.empty(), ImmutableList.of());
        }
        if (format == LandingFormat.JSON) {
            List<String> lines = Arrays.asList(new String(sample.bytes(), 0, sample.length(), UTF_8).split("\n"));
            if (!sample.complete() && lines.size() > 1) {
                lines = lines.subList(0, lines.size() - 1);
            }
            return new FileSchema(format, Optional.empty(), withUnseen(override(JsonSchemaInference.infer(lines), options.columns()), options.columns()));
        }
        rejectBinary(file, sample);
        TextSchema schema = TextSchemaInference.infer(name, sample.bytes(), sample.length(), sample.complete(), maxRecordLength, options.textHints());
        return new FileSchema(format, Optional.of(schema.dialect()), override(schema.columns(), options.columns()));
    }

    /**
     * Text is never read from a file that is not text: its "rows" would be garbage, not data.
     */
    private static void rejectBinary(TrinoInputFile file, Sample sample)
    {
        byte[] bytes = sample.bytes();
        int length = sample.length();
        String what = null;
        if (length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)) {
            what = "is UTF-16 text; convert it to UTF-8";
        }
        else if (length >= 4 && bytes[0] == 'P' && bytes[1] == 'A' && bytes[2] == 'R' && bytes[3] == '1') {
            what = "is a Parquet file; landing files are delimited text or JSON lines, curated Parquet belongs in a Glue table";
        }
        else {
            for (int i = 0; i < length; i++) {
                if (bytes[i] == 0) {
                    what = "holds binary data (a NUL byte at offset %s); landing files must be delimited text or JSON lines".formatted(i);
                    break;
                }
            }
        }
        if (what != null) {
            throw new TrinoException(LANDING_BAD_DATA, "%s %s. Replace it, %s".formatted(file.location(), what, PartitionFolders.SET_ASIDE));
        }
    }

    private static List<LandingColumn> override(List<LandingColumn> columns, Map<String, LandingColumn> declared)
    {
        return columns.stream()
                .map(column -> declared.getOrDefault(column.name(), column))
                .collect(ImmutableList.toImmutableList());
    }

    /**
     * The columns followed by the declared ones they lack, in the order declared: for JSON, whose keys have names, a
     * declared column is there even when its key first appears after the sample (for text, the header names the
     * fields).
     */
    private static List<LandingColumn> withUnseen(List<LandingColumn> columns, Map<String, LandingColumn> declared)
    {
        Set<String> names = columns.stream().map(LandingColumn::name).collect(toImmutableSet());
        return ImmutableList.<LandingColumn>builder()
                .addAll(columns)
                .addAll(declared.values().stream().filter(column -> !names.contains(column.name())).iterator())
                .build();
    }

    private Sample readSample(TrinoInputFile file)
            throws IOException
    {
        byte[] bytes = new byte[sampleSize];
        int length = 0;
        boolean complete = false;
        try (InputStream input = LandingFileInput.open(file)) {
            while (length < bytes.length) {
                int read = input.read(bytes, length, bytes.length - length);
                if (read < 0) {
                    complete = true;
                    break;
                }
                length += read;
            }
        }
        catch (EOFException e) {
            // a truncated compressed file: infer from what decompressed; reading it fails later, naming the file
        }
        return new Sample(bytes, length, complete);
    }

    private record Sample(byte[] bytes, int length, boolean complete) {}
}
