package io.lakehouse.trino.landing;

import io.trino.spi.type.BigintType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;

import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * The type of a column whose files disagree: the narrowest type both fit without loss, else varchar, so that no
 * value of any file becomes unreadable.
 */
public final class TypeMerging
{
    private static final int BIGINT_DIGITS = 19;

    private TypeMerging() {}

    public static Type merge(Type left, Type right)
    {
        if (left.equals(right)) {
            return left;
        }
        if (isNumber(left) && isNumber(right)) {
            if (left instanceof DoubleType || right instanceof DoubleType) {
                return DOUBLE;
            }
            int integerDigits = Math.max(integerDigits(left), integerDigits(right));
            int scale = Math.max(scale(left), scale(right));
            return integerDigits + scale <= Decimals.MAX_PRECISION ? createDecimalType(integerDigits + scale, scale) : DOUBLE;
        }
        if (left instanceof TimestampType leftTimestamp && right instanceof TimestampType rightTimestamp) {
            return leftTimestamp.getPrecision() >= rightTimestamp.getPrecision() ? left : right;
        }
        return VARCHAR;
    }

    private static boolean isNumber(Type type)
    {
        return type instanceof BigintType || type instanceof DecimalType || type instanceof DoubleType;
    }

    private static int integerDigits(Type type)
    {
        return type instanceof DecimalType decimal ? decimal.getPrecision() - decimal.getScale() : BIGINT_DIGITS;
    }

    private static int scale(Type type)
    {
        return type instanceof DecimalType decimal ? decimal.getScale() : 0;
    }
}
