package io.lakehouse.materializer.generate;

import java.util.ArrayList;
import java.util.List;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Splits RFC 4180 text into records, for tests that check what the generators quote.
 */
final class CsvRecords
{
    private CsvRecords() {}

    static List<List<String>> parse(String text)
    {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            if (quoted) {
                if (character == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                }
                else if (character == '"') {
                    quoted = false;
                }
                else {
                    field.append(character);
                }
            }
            else if (character == '"') {
                checkArgument(field.isEmpty(), "quote inside an unquoted field at %s", i);
                quoted = true;
            }
            else if (character == ',') {
                record.add(field.toString());
                field.setLength(0);
            }
            else if (character == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            }
            else {
                field.append(character);
            }
        }
        checkArgument(!quoted && field.isEmpty() && record.isEmpty(), "text does not end with a complete record");
        return records;
    }
}
