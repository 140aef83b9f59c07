package io.lakehouse.materializer.execution;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestRunId
{
    @Test
    void testGeneratedIdStartsWithTheTimeAndIsAnIdentifierPart()
    {
        Clock clock = Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC);

        RunId runId = RunId.generate(clock);

        assertThat(runId.value()).matches("20240102_030405_[a-z0-9]{5}");
    }

    @Test
    void testGeneratedIdsDiffer()
    {
        Clock clock = Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC);

        assertThat(RunId.generate(clock)).isNotEqualTo(RunId.generate(clock));
    }

    @Test
    void testIdThatWouldNeedQuotingIsRejected()
    {
        assertThatThrownBy(() -> new RunId("x\"; DROP TABLE t; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
