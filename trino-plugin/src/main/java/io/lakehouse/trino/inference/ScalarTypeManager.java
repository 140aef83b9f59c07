package io.lakehouse.trino.inference;

import io.trino.spi.type.Type;
import io.trino.spi.type.TypeId;
import io.trino.spi.type.TypeManager;
import io.trino.spi.type.TypeNotFoundException;
import io.trino.spi.type.TypeOperators;
import io.trino.spi.type.TypeSignature;
import io.trino.spi.type.TypeSignatureParameter;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.CharType.createCharType;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimestampType.createTimestampType;
import static io.trino.spi.type.TimestampWithTimeZoneType.createTimestampWithTimeZoneType;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.spi.type.VarcharType.createVarcharType;

/**
 * Trino's scalar types by their SQL names, for reading the column types of dataset options outside the engine
 * (the Glue crawler), where no engine type manager exists. Inside Trino the connector gets the engine's own.
 */
public final class ScalarTypeManager
        implements TypeManager
{
    private static final Pattern SQL_TYPE = Pattern.compile("([a-z]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?(\\s+with\\s+time\\s+zone)?");

    private final TypeOperators typeOperators = new TypeOperators();

    @Override
    public Type getType(TypeSignature signature)
    {
        List<TypeSignatureParameter> parameters = signature.getParameters();
        StringBuilder sql = new StringBuilder(signature.getBase());
        if (!parameters.isEmpty()) {
            sql.append('(');
            for (int i = 0; i < parameters.size(); i++) {
                if (!parameters.get(i).isLongLiteral()) {
                    throw new TypeNotFoundException(signature);
                }
                sql.append(i > 0 ? "," : "").append(parameters.get(i).getLongLiteral());
            }
            sql.append(')');
        }
        try {
            return fromSqlType(sql.toString());
        }
        catch (IllegalArgumentException e) {
            throw new TypeNotFoundException(signature, e);
        }
    }

    @Override
    public Type fromSqlType(String type)
    {
        Matcher matcher = SQL_TYPE.matcher(type.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw unknown(type);
        }
        String base = matcher.group(1);
        Integer first = matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2));
        Integer second = matcher.group(3) == null ? null : Integer.valueOf(matcher.group(3));
        boolean withTimeZone = matcher.group(4) != null;
        if (withTimeZone && !base.equals("timestamp")) {
            throw unknown(type);
        }
        if (second != null && !base.equals("decimal")) {
            throw unknown(type);
        }
        return switch (base) {
            case "boolean" -> noParameters(type, first, BOOLEAN);
            case "tinyint" -> noParameters(type, first, TINYINT);
            case "smallint" -> noParameters(type, first, SMALLINT);
            case "integer", "int" -> noParameters(type, first, INTEGER);
            case "bigint" -> noParameters(type, first, BIGINT);
            case "real" -> noParameters(type, first, REAL);
            case "double" -> noParameters(type, first, DOUBLE);
            case "date" -> noParameters(type, first, DATE);
            case "varbinary" -> noParameters(type, first, VARBINARY);
            case "varchar" -> first == null ? VARCHAR : createVarcharType(first);
            case "char" -> createCharType(first == null ? 1 : first);
            case "decimal" -> first == null ? createDecimalType() : createDecimalType(first, second == null ? 0 : second);
            case "timestamp" -> withTimeZone
                    ? createTimestampWithTimeZoneType(first == null ? 3 : first)
                    : createTimestampType(first == null ? 3 : first);
            default -> throw unknown(type);
        };
    }

    @Override
    public Type getType(TypeId id)
    {
        return fromSqlType(id.getId());
    }

    @Override
    public TypeOperators getTypeOperators()
    {
        return typeOperators;
    }

    private static Type noParameters(String sql, Integer parameter, Type type)
    {
        if (parameter != null) {
            throw unknown(sql);
        }
        return type;
    }

    private static IllegalArgumentException unknown(String type)
    {
        return new IllegalArgumentException("Unknown type '%s'; outside Trino the supported types are boolean, tinyint, smallint, integer, bigint, real, double, decimal(p,s), varchar(n), char(n), varbinary, date, timestamp(p) and timestamp(p) with time zone".formatted(type));
    }
}
