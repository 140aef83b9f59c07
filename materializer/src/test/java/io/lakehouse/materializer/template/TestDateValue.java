package io.lakehouse.materializer.template;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestDateValue
{
    @Test
    void testParsesIsoDate()
    {
        assertThat(DateValue.parse("2024-02-29")).isEqualTo(new DateValue(LocalDate.of(2024, 2, 29)));
    }

    @Test
    void testRendersAsDateLiteral()
    {
        assertThat(new DateValue(LocalDate.of(2024, 1, 1)).toSql()).isEqualTo("DATE '2024-01-01'");
    }

    @Test
    void testInjectionAttemptIsRejectedByTheDateType()
    {
        assertThatThrownBy(() -> DateValue.parse("2024-01-01'; DROP TABLE x; --"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid date '2024-01-01'; DROP TABLE x; --': expected an ISO date such as 2024-01-01");
    }

    @Test
    void testImpossibleDateIsRejected()
    {
        assertThatThrownBy(() -> DateValue.parse("2023-02-29"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid date '2023-02-29'");
    }
}
