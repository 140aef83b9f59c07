package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.LakehouseConfig;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.json.JsonSchemaInference;
import io.lakehouse.trino.format.text.TextDialect;
import io.lakehouse.trino.inference.TextSchema;
import io.lakehouse.trino.inference.TextSchemaInference;
import io.trino.filesystem.TrinoInputFile;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
            return new FileSchema(format, Optional.empty(), override(JsonSchemaInference.infer(lines), options.columns()));
        }
        TextSchema schema = TextSchemaInference.infer(name, sample.bytes(), sample.length(), sample.complete(), maxRecordLength, options.textHints());
        return new FileSchema(format, Optional.of(schema.dialect()), override(schema.columns(), options.columns()));
    }

    private static List<LandingColumn> override(List<LandingColumn> columns, Map<String, LandingColumn> declared)
    {
        return columns.stream()
                .map(column -> declared.getOrDefault(column.name(), column))
                .collect(ImmutableList.toImmutableList());
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
