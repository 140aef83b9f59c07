package io.lakehouse.trino.inference;

import com.google.common.collect.ImmutableList;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.MalformedRecordException;
import io.lakehouse.trino.format.text.DelimitedRecordReader;
import io.lakehouse.trino.format.text.TextDialect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.lakehouse.trino.format.text.TextDialect.NONE;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * Infers how a delimited file is written (delimiter, quoting, header, character set) and its column types from a
 * sample of its first bytes. The dialect chosen is the one under which the sampled records agree best on their
 * number of fields.
 */
public final class TextSchemaInference
{
    private static final int MAX_SAMPLE_RECORDS = 1000;
    private static final List<Byte> DELIMITERS = ImmutableList.of((byte) '\t', (byte) ',', (byte) ';', (byte) '|');

    private TextSchemaInference() {}

    public static TextSchema infer(String fileName, byte[] sample, int length, boolean complete, int maxRecordLength, TextHints hints)
    {
        Charset charset = hints.charset().orElseGet(() -> CharsetDetection.detect(sample, length, complete));
        TextDialect base = TextDialect.TSV
                .withCharset(charset)
                .withNullStrings(hints.nullStrings().orElse(TextDialect.DEFAULT_NULL_STRINGS))
                .withEscape(hints.escape().orElse(NONE));

        Candidate best = null;
        for (byte delimiter : delimiters(fileName, hints)) {
            for (int quote : quotes(delimiter, hints)) {
                TextDialect dialect = base.withDelimiter(delimiter).withQuote(quote);
                Candidate candidate = Candidate.of(dialect, readRecords(dialect, sample, length, complete, maxRecordLength));
                if (best == null || candidate.isBetterThan(best)) {
                    best = candidate;
                }
            }
        }

        Candidate chosen = best;
        List<List<String>> records = chosen.records();
        List<List<String>> consistent = records.stream().filter(record -> record.size() == chosen.fieldCount()).toList();
        boolean header = hints.header().orElseGet(() -> hasHeader(consistent, base));
        TextDialect dialect = chosen.dialect().withHeader(header);

        List<String> names = header && !consistent.isEmpty() ? columnNames(consistent.getFirst()) : positionalNames(chosen.fieldCount());
        List<ColumnTypeGuess> guesses = guess(header ? consistent.subList(Math.min(1, consistent.size()), consistent.size()) : consistent, names.size(), dialect);
        ImmutableList.Builder<LandingColumn> columns = ImmutableList.builder();
        for (int field = 0; field < names.size(); field++) {
            columns.add(guesses.get(field).toColumn(names.get(field)));
        }
        return new TextSchema(dialect, columns.build());
    }

    /**
     * A header is a first record that does not fit the types of the records below it; when every column is text,
     * a first record of distinct, non-empty values is taken as a header, as most tools do.
     */
    private static boolean hasHeader(List<List<String>> records, TextDialect dialect)
    {
        if (records.size() < 2) {
            return true;
        }
        List<String> first = records.getFirst();
        List<ColumnTypeGuess> guesses = guess(records.subList(1, records.size()), first.size(), dialect);
        boolean anyTyped = false;
        for (int field = 0; field < first.size(); field++) {
            LandingColumn column = guesses.get(field).toColumn("c");
            if (!column.type().equals(VARCHAR)) {
                anyTyped = true;
                String value = first.get(field);
                if (!dialect.nullStrings().contains(value) && ColumnTypeGuess.contradicts(column, value)) {
                    return true;
                }
            }
        }
        if (anyTyped) {
            return false;
        }
        Set<String> distinct = new HashSet<>();
        for (String value : first) {
            if (value.isBlank() || !distinct.add(value)) {
                return false;
            }
        }
        return true;
    }

    private static List<ColumnTypeGuess> guess(List<List<String>> records, int fieldCount, TextDialect dialect)
    {
        List<ColumnTypeGuess> guesses = new ArrayList<>();
        for (int field = 0; field < fieldCount; field++) {
            guesses.add(new ColumnTypeGuess());
        }
        for (List<String> record : records) {
            for (int field = 0; field < fieldCount && field < record.size(); field++) {
                String value = record.get(field);
                if (!dialect.nullStrings().contains(value)) {
                    guesses.get(field).add(value);
                }
            }
        }
        return guesses;
    }

    private static List<String> columnNames(List<String> header)
    {
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int field = 0; field < header.size(); field++) {
            String name = header.get(field).trim().toLowerCase(Locale.ENGLISH);
            if (name.isEmpty()) {
                name = "column_" + (field + 1);
            }
            int count = seen.merge(name, 1, Integer::sum);
            names.add(count == 1 ? name : name + "_" + count);
        }
        return names;
    }

    private static List<String> positionalNames(int count)
    {
        List<String> names = new ArrayList<>();
        for (int field = 1; field <= count; field++) {
            names.add("column_" + field);
        }
        return names;
    }

    private static List<Byte> delimiters(String fileName, TextHints hints)
    {
        if (hints.delimiter().isPresent()) {
            return List.of(hints.delimiter().get());
        }
        String name = fileName.toLowerCase(Locale.ENGLISH);
        if (name.contains(".tsv") || name.contains(".tab")) {
            return List.of((byte) '\t');
        }
        return DELIMITERS;
    }

    private static List<Integer> quotes(byte delimiter, TextHints hints)
    {
        if (hints.quote().isPresent()) {
            return List.of(hints.quote().getAsInt());
        }
        // on a tie, tab-separated files are unquoted (IMDb, Hive) and the others follow RFC 4180
        return delimiter == '\t' ? List.of(NONE, (int) '"') : List.of((int) '"', NONE);
    }

    private static List<List<String>> readRecords(TextDialect dialect, byte[] sample, int length, boolean complete, int maxRecordLength)
    {
        List<List<String>> records = new ArrayList<>();
        try {
            DelimitedRecordReader reader = DelimitedRecordReader.forWholeInput(new ByteArrayInputStream(sample, 0, length), dialect, maxRecordLength);
            while (records.size() < MAX_SAMPLE_RECORDS && reader.next()) {
                List<String> fields = new ArrayList<>(reader.fieldCount());
                for (int field = 0; field < reader.fieldCount(); field++) {
                    fields.add(reader.fieldAsString(field));
                }
                records.add(fields);
            }
            if (!complete && records.size() > 1 && records.size() < MAX_SAMPLE_RECORDS) {
                // the sample ends inside the last record
                records.removeLast();
            }
        }
        catch (MalformedRecordException e) {
            // an unclosed quote: under this dialect the sample does not split into records
            if (complete || records.isEmpty()) {
                records.add(List.of());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private record Candidate(TextDialect dialect, List<List<String>> records, int fieldCount, double consistency)
    {
        static Candidate of(TextDialect dialect, List<List<String>> records)
        {
            Map<Integer, Integer> counts = new HashMap<>();
            for (List<String> record : records) {
                counts.merge(record.size(), 1, Integer::sum);
            }
            int mode = counts.entrySet().stream()
                    .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey)
                    .orElse(0);
            double consistency = records.isEmpty() ? 0 : (double) counts.getOrDefault(mode, 0) / records.size();
            return new Candidate(dialect, records, mode, consistency);
        }

        boolean isBetterThan(Candidate other)
        {
            // a single field per record is what every wrong delimiter yields, so it only wins when nothing splits
            boolean splits = fieldCount > 1;
            boolean otherSplits = other.fieldCount > 1;
            if (splits != otherSplits) {
                return splits;
            }
            if (Math.abs(consistency - other.consistency) > 1e-9) {
                return consistency > other.consistency;
            }
            return fieldCount > other.fieldCount;
        }
    }
}
