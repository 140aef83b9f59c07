package io.lakehouse.materializer.generate;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How much data the generators write. Scale factor 1 is about 1 GB of uncompressed IMDb-shaped TSV for one daily
 * snapshot (2.1 million titles); the daily feeds grow linearly with it. Counts never drop below a floor, so that
 * a tiny scale still gives every join something to match.
 */
public record ScaleFactor(double value)
{
    public static final double MAX = 100;

    public ScaleFactor
    {
        checkArgument(value > 0 && value <= MAX, "scale factor must be greater than 0 and at most %s, was %s", MAX, value);
    }

    /**
     * {@code atScaleOne} scaled to this factor, rounded, and at least {@code minimum}.
     */
    public long rows(long atScaleOne, long minimum)
    {
        return Math.max(minimum, Math.round(atScaleOne * value));
    }

    /**
     * {@link #rows} for counts that fit an {@code int}.
     */
    public int count(int atScaleOne, int minimum)
    {
        return Math.toIntExact(rows(atScaleOne, minimum));
    }
}
