package io.lakehouse.materializer.metrics;

import org.weakref.jmx.Managed;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How far behind one model's table is: the time since the end of its newest published interval. One bean per
 * model, {@code io.lakehouse.materializer.metrics:type=ModelFreshness,name=<model>}.
 */
public final class ModelFreshness
{
    private final String model;
    private volatile Optional<LocalDateTime> latestPublishedEnd = Optional.empty();
    private volatile Optional<Duration> lag = Optional.empty();
    private volatile boolean stale;

    public ModelFreshness(String model)
    {
        this.model = requireNonNull(model, "model is null");
    }

    public String model()
    {
        return model;
    }

    void update(Optional<LocalDateTime> latestPublishedEnd, LocalDateTime now, boolean stale)
    {
        this.latestPublishedEnd = requireNonNull(latestPublishedEnd, "latestPublishedEnd is null");
        this.lag = latestPublishedEnd.map(end -> Duration.between(end, now));
        this.stale = stale;
    }

    public Optional<Duration> lag()
    {
        return lag;
    }

    /**
     * Seconds since the end of the newest published interval; NaN while nothing is published.
     */
    @Managed
    public double getLagSeconds()
    {
        return lag.map(duration -> duration.toMillis() / 1000.0).orElse(Double.NaN);
    }

    @Managed
    public String getLatestPublishedIntervalEnd()
    {
        return latestPublishedEnd.map(LocalDateTime::toString).orElse(null);
    }

    /**
     * Whether the lag is beyond the model's {@code freshness}.
     */
    @Managed
    public boolean isStale()
    {
        return stale;
    }
}
