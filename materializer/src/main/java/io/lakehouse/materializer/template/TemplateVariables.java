package io.lakehouse.materializer.template;

import com.google.common.collect.ImmutableMap;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The values templates of one run can refer to, by variable name.
 */
public record TemplateVariables(Map<String, TemplateValue> values)
{
    public static final String DS = "ds";

    // Stand-ins used to parse and analyze models before a run's values are known
    private static final TemplateVariables PLACEHOLDERS = forDs(LocalDate.EPOCH);

    public TemplateVariables
    {
        values = ImmutableMap.copyOf(requireNonNull(values, "values is null"));
    }

    /**
     * The variables of a run for the logical date {@code ds}.
     */
    public static TemplateVariables forDs(LocalDate ds)
    {
        return new TemplateVariables(ImmutableMap.of(DS, new DateValue(ds)));
    }

    /**
     * Every variable a model may use, with values of the right type, for analyzing models without a run.
     */
    public static TemplateVariables placeholders()
    {
        return PLACEHOLDERS;
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
