package io.lakehouse.materializer.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static java.time.ZoneOffset.UTC;
import static java.util.Objects.requireNonNull;

/**
 * A UTC clock that stands still until a test advances it, for the ledger's timestamps.
 */
public final class MutableClock
        extends Clock
{
    private volatile Instant instant;

    public MutableClock(Instant instant)
    {
        this.instant = requireNonNull(instant, "instant is null");
    }

    public void advance(Duration duration)
    {
        instant = instant.plus(duration);
    }

    public LocalDateTime now()
    {
        return LocalDateTime.ofInstant(instant, UTC);
    }

    @Override
    public ZoneId getZone()
    {
        return UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        return this;
    }

    @Override
    public Instant instant()
    {
        return instant;
    }
}
