package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.node.DecimalNode;

import java.math.BigDecimal;
import java.time.Clock;

/**
 * Glue's JSON protocol sends timestamps as epoch seconds; millisecond precision matches what Glue returns.
 */
final class GlueTimestamps
{
    private GlueTimestamps() {}

    static DecimalNode now(Clock clock)
    {
        return DecimalNode.valueOf(BigDecimal.valueOf(clock.millis(), 3));
    }
}
