package io.lakehouse.trino.inference;

import io.trino.spi.type.TypeSignature;
import org.junit.jupiter.api.Test;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.CharType.createCharType;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.TimestampType.createTimestampType;
import static io.trino.spi.type.TimestampWithTimeZoneType.createTimestampWithTimeZoneType;
import static io.trino.spi.type.TypeSignatureParameter.numericParameter;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.spi.type.VarcharType.createVarcharType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestScalarTypeManager
{
    private final ScalarTypeManager types = new ScalarTypeManager();

    @Test
    void testSqlNamesAsTrinoWritesThem()
    {
        assertThat(types.fromSqlType("bigint")).isEqualTo(BIGINT);
        assertThat(types.fromSqlType("INT")).isEqualTo(INTEGER);
        assertThat(types.fromSqlType("varchar")).isEqualTo(VARCHAR);
        assertThat(types.fromSqlType("varchar(20)")).isEqualTo(createVarcharType(20));
        assertThat(types.fromSqlType("char(3)")).isEqualTo(createCharType(3));
        assertThat(types.fromSqlType("decimal(10, 2)")).isEqualTo(createDecimalType(10, 2));
        assertThat(types.fromSqlType("date")).isEqualTo(DATE);
        assertThat(types.fromSqlType("timestamp(3)")).isEqualTo(createTimestampType(3));
        assertThat(types.fromSqlType("timestamp(6) with time zone")).isEqualTo(createTimestampWithTimeZoneType(6));
        assertThat(types.getType(new TypeSignature("decimal", numericParameter(5), numericParameter(1))))
                .isEqualTo(createDecimalType(5, 1));
        assertThat(types.getType(createTimestampType(6).getTypeId())).isEqualTo(createTimestampType(6));
    }

    @Test
    void testUnknownTypesNameTheSupportedOnes()
    {
        assertThatThrownBy(() -> types.fromSqlType("array(bigint)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown type 'array(bigint)'; outside Trino the supported types are boolean");
        assertThatThrownBy(() -> types.fromSqlType("bigint(3)")).hasMessageStartingWith("Unknown type 'bigint(3)'");
        assertThatThrownBy(() -> types.fromSqlType("date with time zone")).hasMessageStartingWith("Unknown type");
    }
}
