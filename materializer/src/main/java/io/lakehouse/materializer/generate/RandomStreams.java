package io.lakehouse.materializer.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Independent random streams for generated entities. A value depends only on the seed, the kind of value (its
 * salt) and the entity's number, never on what was generated before it, so any file of any day can be generated
 * on its own and is the same every time.
 */
final class RandomStreams
{
    private RandomStreams() {}

    static SplittableRandom stream(long seed, long salt, long number)
    {
        // SplittableRandom mixes its seed (MurmurHash3 finalizer), so distinct inputs give unrelated streams
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + salt * 0xC2B2AE3D27D4EB4FL + number);
    }

    /**
     * An IMDb identifier: the prefix and at least seven digits, {@code tt0000042}.
     */
    static String paddedId(String prefix, int number)
    {
        String digits = Integer.toString(number);
        return digits.length() >= 7 ? prefix + digits : prefix + "0000000".substring(digits.length()) + digits;
    }

    static <T> T pick(SplittableRandom random, List<T> values)
    {
        return values.get(random.nextInt(values.size()));
    }

    /**
     * A number in {@code [0, bound)} where small numbers are much more likely: the {@code skew}-th power of a
     * uniform value. Skew 1 is uniform; skew 3 puts half the picks in the first eighth.
     */
    static int skewed(SplittableRandom random, int bound, double skew)
    {
        return Math.min(bound - 1, (int) (Math.pow(random.nextDouble(), skew) * bound));
    }

    static boolean percent(SplittableRandom random, double percent)
    {
        return random.nextDouble() * 100 < percent;
    }

    /**
     * A normally distributed value (Box-Muller), for ratings and the logarithm of vote counts.
     */
    static double gaussian(SplittableRandom random, double mean, double deviation)
    {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
