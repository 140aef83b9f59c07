package io.lakehouse.materializer.template;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.lakehouse.materializer.schedule.Interval;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The values templates of one run can refer to, by variable name: the interval's {@code ds} (a {@code DATE}),
 * {@code data_interval_start} and {@code data_interval_end} ({@code TIMESTAMP}s, end exclusive), and the model's
 * declared variables.
 */
public record TemplateVariables(Map<String, TemplateValue> values)
{
    public static final String DS = "ds";
    public static final String DATA_INTERVAL_START = "data_interval_start";
    public static final String DATA_INTERVAL_END = "data_interval_end";
    public static final Set<String> BUILT_IN = ImmutableSet.of(DS, DATA_INTERVAL_START, DATA_INTERVAL_END);

    // Stand-ins used to parse and analyze models before a run's values are known
    private static final TemplateVariables PLACEHOLDERS = forDs(LocalDate.EPOCH);

    public TemplateVariables
    {
        values = ImmutableMap.copyOf(requireNonNull(values, "values is null"));
    }

    /**
     * The variables of the interval {@code [start, end)}.
     */
    public static TemplateVariables forInterval(Interval interval)
    {
        requireNonNull(interval, "interval is null");
        return new TemplateVariables(ImmutableMap.of(
                DS, new DateValue(interval.ds()),
                DATA_INTERVAL_START, new TimestampValue(interval.start()),
                DATA_INTERVAL_END, new TimestampValue(interval.end())));
    }

    /**
     * The variables of the day {@code ds}, the interval {@code [ds, ds + 1 day)}.
     */
    public static TemplateVariables forDs(LocalDate ds)
    {
        return forInterval(new Interval(ds.atStartOfDay(), ds.plusDays(1).atStartOfDay()));
    }

    /**
     * Every built-in variable, with values of the right type, for analyzing models without a run.
     */
    public static TemplateVariables placeholders()
    {
        return PLACEHOLDERS;
    }

    /**
     * These variables and the declared ones; a declared variable cannot replace a built-in one.
     */
    public TemplateVariables with(Map<String, TemplateValue> declared)
    {
        requireNonNull(declared, "declared is null");
        Map<String, TemplateValue> all = new LinkedHashMap<>(values);
        declared.forEach((name, value) -> {
            if (all.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("Variable '%s' is built in and cannot be declared".formatted(name));
            }
        });
        return new TemplateVariables(all);
    }

    public Optional<TemplateValue> get(String name)
    {
        return Optional.ofNullable(values.get(name));
    }

    public Set<String> names()
    {
        return values.keySet();
    }
}
