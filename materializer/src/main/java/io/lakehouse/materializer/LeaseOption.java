package io.lakehouse.materializer;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/**
 * The {@code --lease-ttl} option of {@code run} and {@code backfill}: how soon the tasks of an instance that died
 * may be taken over by another.
 */
final class LeaseOption
{
    @Option(
            names = "--lease-ttl",
            paramLabel = "<duration>",
            defaultValue = "2m",
            converter = DurationConverter.class,
            description = "How long a task's lease lasts without renewal (renewed every third of it while the task runs); a task of an instance that died is taken over after it (default: ${DEFAULT-VALUE})")
    Duration leaseTtl;

    Duration leaseTtl()
    {
        return leaseTtl;
    }

    static final class DurationConverter
            implements ITypeConverter<Duration>
    {
        @Override
        public Duration convert(String value)
        {
            io.airlift.units.Duration duration;
            try {
                duration = io.airlift.units.Duration.valueOf(value);
            }
            catch (IllegalArgumentException e) {
                throw new TypeConversionException("Invalid duration '%s': expected a number and a unit such as 30s, 2m or 1h".formatted(value));
            }
            if (duration.toMillis() < 1000) {
                throw new TypeConversionException("Invalid duration '%s': a lease lasts at least 1s".formatted(value));
            }
            return Duration.ofMillis(duration.toMillis());
        }
    }
}
