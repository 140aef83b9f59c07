package io.lakehouse.trino.format.text;

import io.lakehouse.trino.format.LandingColumn;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.SqlDecimal;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.testing.TestingConnectorSession.SESSION;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

final class TestTextValueDecoder
{
    @Test
    void decimalsAreExactNeverRoundedAndBoundedByPrecision()
    {
        DecimalType shortDecimal = createDecimalType(18, 2);
        assertThat(decode(shortDecimal, "2.55")).isEqualTo(new BigDecimal("2.55"));
        assertThat(decode(shortDecimal, "-10")).isEqualTo(new BigDecimal("-10.00"));
        assertThat(decode(shortDecimal, ".5")).isEqualTo(new BigDecimal("0.50"));
        assertThat(decode(shortDecimal, "1.500")).isEqualTo(new BigDecimal("1.50"));
        // a digit the type cannot hold is refused, not rounded away
        assertThat(decode(shortDecimal, "1.005")).isNull();
        assertThat(decode(shortDecimal, "-1.001")).isNull();
        assertThat(decode(shortDecimal, "1234567890123456.78")).isEqualTo(new BigDecimal("1234567890123456.78"));
        assertThat(decode(shortDecimal, "12345678901234567.8")).isNull();
        assertThat(decode(createDecimalType(5, 2), "999.99")).isEqualTo(new BigDecimal("999.99"));
        assertThat(decode(createDecimalType(5, 2), "1000.00")).isNull();
        assertThat(decode(createDecimalType(5, 2), "999.995")).isNull();
        assertThat(decode(createDecimalType(38, 3), "12345678901234567890.125")).isEqualTo(new BigDecimal("12345678901234567890.125"));
        assertThat(decode(shortDecimal, "1e3")).isNull();
        assertThat(decode(shortDecimal, "3,14")).isNull();
        assertThat(decode(shortDecimal, "")).isNull();
    }

    @Test
    void integersAreRangeChecked()
    {
        assertThat(decode(BIGINT, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(decode(BIGINT, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(decode(BIGINT, "9223372036854775808")).isNull();
        assertThat(decode(INTEGER, "2147483648")).isNull();
        assertThat(decode(BIGINT, "+7")).isEqualTo(7L);
        assertThat(decode(BIGINT, "7.0")).isNull();
        // up to 18 digits take the path without overflow checks, more the one with them
        assertThat(decode(BIGINT, "999999999999999999")).isEqualTo(999_999_999_999_999_999L);
        assertThat(decode(BIGINT, "-999999999999999999")).isEqualTo(-999_999_999_999_999_999L);
        assertThat(decode(BIGINT, "0000000000000000000000042")).isEqualTo(42L);
        assertThat(decode(BIGINT, "99999999999999999999")).isNull();
        assertThat(decode(INTEGER, "-2147483648")).isEqualTo((long) Integer.MIN_VALUE);
        assertThat(decode(INTEGER, "-2147483649")).isNull();
        assertThat(decode(INTEGER, "1917")).isEqualTo(1917L);
        assertThat(decode(INTEGER, "19a7")).isNull();
        assertThat(decode(INTEGER, "-")).isNull();
        assertThat(decode(INTEGER, "")).isNull();
        assertThat(decode(INTEGER, " 1")).isNull();
    }

    private static Object decode(Type type, String text)
    {
        TextValueDecoder decoder = TextValueDecoder.create(new LandingColumn("c", type));
        byte[] bytes = ("#" + text + "#").getBytes(UTF_8);
        if (!decoder.decode(bytes, 1, bytes.length - 2)) {
            return null;
        }
        BlockBuilder builder = type.createBlockBuilder(null, 1);
        decoder.write(builder);
        Block block = builder.build();
        Object value = type.getObjectValue(SESSION, block, 0);
        if (value instanceof SqlDecimal decimal) {
            return decimal.toBigDecimal();
        }
        if (value instanceof Integer integer) {
            return integer.longValue();
        }
        return value;
    }
}
