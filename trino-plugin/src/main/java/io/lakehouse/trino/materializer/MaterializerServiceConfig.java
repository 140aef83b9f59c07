package io.lakehouse.trino.materializer;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.units.Duration;
import io.airlift.units.MinDuration;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.util.Optional;

import static java.util.concurrent.TimeUnit.MINUTES;

/**
 * Where the materializer service answers: its HTTP API is what the tables of schema {@code system} ({@code runs},
 * {@code freshness}) read.
 */
public class MaterializerServiceConfig
{
    private Optional<URI> uri = Optional.empty();
    private Duration timeout = new Duration(1, MINUTES);

    public Optional<URI> getUri()
    {
        return uri;
    }

    @Config("lakehouse.materializer.uri")
    @ConfigDescription("HTTP address of the materializer service (materializer serve), e.g. http://127.0.0.1:9200")
    public MaterializerServiceConfig setUri(URI uri)
    {
        this.uri = Optional.ofNullable(uri);
        return this;
    }

    @NotNull
    @MinDuration("1ms")
    public Duration getTimeout()
    {
        return timeout;
    }

    @Config("lakehouse.materializer.timeout")
    @ConfigDescription("How long a request to the materializer service may take")
    public MaterializerServiceConfig setTimeout(Duration timeout)
    {
        this.timeout = timeout;
        return this;
    }
}
