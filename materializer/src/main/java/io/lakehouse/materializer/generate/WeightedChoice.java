package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Values picked with fixed relative weights, such as title types in IMDb's proportions.
 */
final class WeightedChoice<T>
{
    private final List<T> values;
    private final double[] cumulative;

    private WeightedChoice(List<T> values, double[] cumulative)
    {
        this.values = ImmutableList.copyOf(values);
        this.cumulative = cumulative;
    }

    /**
     * @param valuesAndWeights value, weight, value, weight, ...
     */
    @SuppressWarnings("unchecked")
    static <T> WeightedChoice<T> of(Object... valuesAndWeights)
    {
        checkArgument(valuesAndWeights.length > 0 && valuesAndWeights.length % 2 == 0, "expected value, weight pairs");
        ImmutableList.Builder<T> values = ImmutableList.builder();
        double[] cumulative = new double[valuesAndWeights.length / 2];
        double total = 0;
        for (int i = 0; i < valuesAndWeights.length; i += 2) {
            double weight = ((Number) valuesAndWeights[i + 1]).doubleValue();
            checkArgument(weight > 0, "weight must be positive: %s", weight);
            values.add((T) valuesAndWeights[i]);
            total += weight;
            cumulative[i / 2] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
        return new WeightedChoice<>(values.build(), cumulative);
    }

    T pick(SplittableRandom random)
    {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return values.get(Math.min(index >= 0 ? index + 1 : -index - 1, values.size() - 1));
    }

    List<T> values()
    {
        return values;
    }
}
