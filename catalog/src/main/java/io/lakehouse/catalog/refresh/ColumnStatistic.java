package io.lakehouse.catalog.refresh;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsData;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsType;
import software.amazon.awssdk.services.glue.model.DecimalNumber;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Statistics of one column as Glue keeps them, which is what Trino's Hive connector shows in {@code SHOW STATS}
 * and plans with. Build them with the factory for the column's kind of values. {@code distinctCount} is the number
 * of distinct non-null values, as {@code count(DISTINCT column)} gives it; Glue, like Hive, counts null as one more
 * distinct value, so it is stored that way.
 */
public record ColumnStatistic(String column, ColumnStatisticsData data)
{
    public ColumnStatistic
    {
        requireNonNull(column, "column is null");
        requireNonNull(data, "data is null");
    }

    public static ColumnStatistic integers(String column, long min, long max, long nullCount, long distinctCount)
    {
        checkCounts(nullCount, distinctCount);
        return new ColumnStatistic(column, ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.LONG)
                .longColumnStatisticsData(data -> data.minimumValue(min).maximumValue(max).numberOfNulls(nullCount).numberOfDistinctValues(withNull(distinctCount, nullCount)))
                .build());
    }

    public static ColumnStatistic doubles(String column, double min, double max, long nullCount, long distinctCount)
    {
        checkCounts(nullCount, distinctCount);
        return new ColumnStatistic(column, ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.DOUBLE)
                .doubleColumnStatisticsData(data -> data.minimumValue(min).maximumValue(max).numberOfNulls(nullCount).numberOfDistinctValues(withNull(distinctCount, nullCount)))
                .build());
    }

    public static ColumnStatistic decimals(String column, BigDecimal min, BigDecimal max, long nullCount, long distinctCount)
    {
        checkCounts(nullCount, distinctCount);
        return new ColumnStatistic(column, ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.DECIMAL)
                .decimalColumnStatisticsData(data -> data.minimumValue(decimal(min)).maximumValue(decimal(max)).numberOfNulls(nullCount).numberOfDistinctValues(withNull(distinctCount, nullCount)))
                .build());
    }

    public static ColumnStatistic strings(String column, long maxLength, double averageLength, long nullCount, long distinctCount)
    {
        checkCounts(nullCount, distinctCount);
        return new ColumnStatistic(column, ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.STRING)
                .stringColumnStatisticsData(data -> data.maximumLength(maxLength).averageLength(averageLength).numberOfNulls(nullCount).numberOfDistinctValues(withNull(distinctCount, nullCount)))
                .build());
    }

    public static ColumnStatistic dates(String column, LocalDate min, LocalDate max, long nullCount, long distinctCount)
    {
        checkCounts(nullCount, distinctCount);
        return new ColumnStatistic(column, ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.DATE)
                .dateColumnStatisticsData(data -> data
                        .minimumValue(min.atStartOfDay().toInstant(ZoneOffset.UTC))
                        .maximumValue(max.atStartOfDay().toInstant(ZoneOffset.UTC))
                        .numberOfNulls(nullCount)
                        .numberOfDistinctValues(withNull(distinctCount, nullCount)))
                .build());
    }

    public static ColumnStatistic booleans(String column, long trueCount, long falseCount, long nullCount)
    {
        checkCounts(nullCount, 0);
        checkArgument(trueCount >= 0 && falseCount >= 0, "true and false counts must not be negative");
        return new ColumnStatistic(column, ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.BOOLEAN)
                .booleanColumnStatisticsData(data -> data.numberOfTrues(trueCount).numberOfFalses(falseCount).numberOfNulls(nullCount))
                .build());
    }

    private static DecimalNumber decimal(BigDecimal value)
    {
        return DecimalNumber.builder()
                .unscaledValue(SdkBytes.fromByteArray(value.unscaledValue().toByteArray()))
                .scale(value.scale())
                .build();
    }

    private static long withNull(long distinctCount, long nullCount)
    {
        return nullCount > 0 ? distinctCount + 1 : distinctCount;
    }

    private static void checkCounts(long nullCount, long distinctCount)
    {
        checkArgument(nullCount >= 0, "nullCount must not be negative: %s", nullCount);
        checkArgument(distinctCount >= 0, "distinctCount must not be negative: %s", distinctCount);
    }
}
