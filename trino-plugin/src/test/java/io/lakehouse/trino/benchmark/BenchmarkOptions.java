package io.lakehouse.trino.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The {@code --name value} options of a benchmark's command line, over its defaults.
 */
public final class BenchmarkOptions
{
    private BenchmarkOptions() {}

    /**
     * @param defaults every option the benchmark knows, with its default value
     * @throws IllegalArgumentException naming the options, for an unknown option or one without a value
     */
    public static Map<String, String> parse(String[] args, Map<String, String> defaults)
    {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            checkArgument(values.containsKey(args[i]) && i + 1 < args.length, "unknown option or missing value: %s; options are %s", args[i], values.keySet());
            values.put(args[i], args[++i]);
        }
        return values;
    }
}
