package io.lakehouse.trino.format.text;

import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.MalformedRecordException;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.CharType.createCharType;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestDelimitedRecordDecoder
{
    // "Zoë" in ISO-8859-1: 5A 6F EB, not UTF-8
    private static final String LATIN1_CSV = "id,name\n1,\"Zo\u00EB\"\n";

    @Test
    void textThatIsNotUtf8FailsNamingTheBadByte()
    {
        for (Type type : List.of(VARCHAR, createCharType(3))) {
            assertThatThrownBy(() -> readName(TextDialect.CSV, type))
                    .isInstanceOfSatisfying(MalformedRecordException.class, malformed -> {
                        assertThat(malformed.lineNumber()).isEqualTo(2);
                        assertThat(malformed.column()).hasValue("name");
                        assertThat(malformed.value()).hasValue("Zo\\xEB");
                        assertThat(malformed.reason()).startsWith("the value is not valid UTF-8");
                        assertThat(malformed.remedy()).hasValueSatisfying(remedy -> assertThat(remedy).contains("\"encoding\": \"ISO-8859-1\""));
                    });
        }
    }

    @Test
    void latin1TextIsTranscodedAndNotChecked()
            throws Exception
    {
        assertThat(readName(TextDialect.CSV.withCharset(ISO_8859_1), VARCHAR)).isEqualTo("Zoë");
    }

    @Test
    void otherTypesReportTheExpectedType()
    {
        assertThatThrownBy(() -> readName(TextDialect.CSV, BIGINT))
                .isInstanceOfSatisfying(MalformedRecordException.class, malformed -> {
                    assertThat(malformed.value()).hasValue("Zo\uFFFD");
                    assertThat(malformed.reason()).isEqualTo("expected a value of type bigint");
                });
    }

    private static Object readName(TextDialect dialect, Type type)
            throws IOException, MalformedRecordException
    {
        InputStream input = new ByteArrayInputStream(LATIN1_CSV.getBytes(ISO_8859_1));
        DelimitedRecordReader reader = DelimitedRecordReader.forWholeInput(input, dialect, 1 << 20);
        try (DelimitedRecordDecoder decoder = new DelimitedRecordDecoder(reader, input, dialect, List.of("id", "name"), List.of(new LandingColumn("name", type)), true)) {
            assertThat(decoder.next()).isTrue();
            BlockBuilder output = type.createBlockBuilder(null, 1);
            decoder.writeValue(0, output);
            return type.getSlice(output.build(), 0).toStringUtf8();
        }
    }
}
