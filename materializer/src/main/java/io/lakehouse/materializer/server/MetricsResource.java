package io.lakehouse.materializer.server;

import com.google.inject.Inject;
import io.lakehouse.materializer.metrics.PrometheusText;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /metrics}: the figures of the JMX beans as Prometheus text (exposition format 0.0.4).
 */
@Path("/metrics")
public final class MetricsResource
{
    private final RunService runs;

    @Inject
    public MetricsResource(RunService runs)
    {
        this.runs = requireNonNull(runs, "runs is null");
    }

    @GET
    public Response metrics()
    {
        String text = PrometheusText.render(runs.stats(), runs.refreshFreshness().models());
        return Response.ok(text, PrometheusText.CONTENT_TYPE).build();
    }
}
