package io.lakehouse.materializer.execution;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Identifies one run; it becomes part of staging table names, so it is a valid unquoted SQL identifier part.
 * Generated ids look like Trino query ids: {@code 20240101_120000_k3x9q}.
 */
public record RunId(String value)
{
    private static final Pattern VALID = Pattern.compile("[a-z0-9_]+");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final RandomGenerator RANDOM = new SecureRandom();

    public RunId
    {
        requireNonNull(value, "value is null");
        checkArgument(VALID.matcher(value).matches(), "run id must consist of lower case letters, digits and underscores: %s", value);
    }

    public static RunId generate(Clock clock)
    {
        StringBuilder value = new StringBuilder(TIMESTAMP.format(LocalDateTime.now(clock))).append('_');
        for (int i = 0; i < 5; i++) {
            value.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        return new RunId(value.toString());
    }

    @Override
    public String toString()
    {
        return value;
    }
}
