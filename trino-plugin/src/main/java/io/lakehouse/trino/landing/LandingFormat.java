package io.lakehouse.trino.landing;

import java.util.Locale;
import java.util.Optional;

/**
 * How the records of a landing file are written: delimited text (TSV, CSV and the like) or one JSON object per line.
 */
public enum LandingFormat
{
    TEXT,
    JSON;

    /**
     * The format a file name announces ({@code .json}, {@code .jsonl}, {@code .ndjson}, also before a compression
     * extension); text otherwise.
     */
    public static LandingFormat forFile(String fileName)
    {
        String name = fileName.toLowerCase(Locale.ENGLISH);
        for (String extension : new String[] {".json", ".jsonl", ".ndjson"}) {
            if (name.endsWith(extension) || name.contains(extension + ".")) {
                return JSON;
            }
        }
        return TEXT;
    }

    public static Optional<LandingFormat> fromName(String name)
    {
        return switch (name.toLowerCase(Locale.ENGLISH)) {
            case "tsv", "csv", "text", "txt" -> Optional.of(TEXT);
            case "json", "jsonl", "ndjson", "json_lines" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }
}
