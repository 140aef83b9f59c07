package io.lakehouse.trino.landing;

import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.text.TextDialect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.lakehouse.trino.format.LandingColumn.withoutValues;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

final class TestFileSchema
{
    private static final Optional<String> MONTH_FIRST = Optional.of("M/d/uuuu");

    @Test
    void columnsAreUnitedByNameAndTheirTypesWiden()
    {
        assertThat(FileSchema.unionByName(List.of(
                text(new LandingColumn("id", BIGINT), new LandingColumn("amount", BIGINT)),
                text(new LandingColumn("amount", DOUBLE), new LandingColumn("note", VARCHAR)))))
                .containsExactly(new LandingColumn("id", BIGINT), new LandingColumn("amount", DOUBLE), new LandingColumn("note", VARCHAR));
    }

    @Test
    void aFileWithoutValuesForAColumnVotesNeitherOnItsTypeNorOnItsPattern()
    {
        assertThat(FileSchema.unionByName(List.of(
                text(withoutValues("id"), withoutValues("day")),
                text(new LandingColumn("id", BIGINT), new LandingColumn("day", DATE, MONTH_FIRST)),
                text(withoutValues("id"), withoutValues("day")))))
                .containsExactly(new LandingColumn("id", BIGINT), new LandingColumn("day", DATE, MONTH_FIRST));
    }

    @Test
    void aColumnNoFileHasValuesForStaysVarcharWithoutValues()
    {
        assertThat(FileSchema.unionByName(List.of(
                text(withoutValues("id")),
                text(withoutValues("id")))))
                .containsExactly(withoutValues("id"));
    }

    @Test
    void filesThatDisagreeOnAPatternLoseIt()
    {
        assertThat(FileSchema.unionByName(List.of(
                text(new LandingColumn("day", DATE, MONTH_FIRST)),
                text(new LandingColumn("day", DATE, Optional.of("d/M/uuuu"))),
                text(new LandingColumn("day", DATE, MONTH_FIRST)))))
                .containsExactly(new LandingColumn("day", DATE));
    }

    private static FileSchema text(LandingColumn... columns)
    {
        return new FileSchema(LandingFormat.TEXT, Optional.of(TextDialect.CSV), List.of(columns));
    }
}
