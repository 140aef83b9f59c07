package io.lakehouse.trino.inference;

import io.lakehouse.trino.format.LandingColumn;
import org.junit.jupiter.api.Test;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

final class TestTextSchemaInference
{
    @Test
    void aHeaderWithoutRowsNamesColumnsWithoutValues()
    {
        TextSchema schema = infer("data.csv", "id,name,qty\n");

        assertThat(schema.dialect().header()).isTrue();
        assertThat(schema.columns()).containsExactly(
                LandingColumn.withoutValues("id"),
                LandingColumn.withoutValues("name"),
                LandingColumn.withoutValues("qty"));
    }

    @Test
    void aColumnOfOnlyNullsIsWithoutValuesAndTheHeaderIsStillFound()
    {
        TextSchema schema = infer("titles.tsv", "tconst\tstartyear\tendyear\ntt1\t1994\t\\N\ntt2\t2001\t\\N\n");

        assertThat(schema.dialect().header()).isTrue();
        assertThat(schema.columns()).containsExactly(
                new LandingColumn("tconst", VARCHAR),
                new LandingColumn("startyear", BIGINT),
                LandingColumn.withoutValues("endyear"));
    }

    private static TextSchema infer(String fileName, String text)
    {
        byte[] bytes = text.getBytes(UTF_8);
        return TextSchemaInference.infer(fileName, bytes, bytes.length, true, 1 << 20, TextHints.NONE);
    }
}
