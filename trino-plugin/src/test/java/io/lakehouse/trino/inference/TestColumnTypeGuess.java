package io.lakehouse.trino.inference;

import io.lakehouse.trino.format.LandingColumn;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

final class TestColumnTypeGuess
{
    @Test
    void aColumnWithoutValuesIsVarcharWithoutValues()
    {
        assertThat(new ColumnTypeGuess().toColumn("end_year"))
                .isEqualTo(LandingColumn.withoutValues("end_year"))
                .isNotEqualTo(new LandingColumn("end_year", VARCHAR));
    }

    @Test
    void oneValueIsEnoughEvidence()
    {
        assertThat(guess("1994").toColumn("end_year")).isEqualTo(new LandingColumn("end_year", BIGINT));
        assertThat(guess("1/31/2024").toColumn("day")).isEqualTo(new LandingColumn("day", DATE, Optional.of("M/d/uuuu")));
        assertThat(guess("n/a").toColumn("note")).isEqualTo(new LandingColumn("note", VARCHAR));
    }

    private static ColumnTypeGuess guess(String value)
    {
        ColumnTypeGuess guess = new ColumnTypeGuess();
        guess.add(value);
        return guess;
    }
}
