package io.lakehouse.trino.landing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.airlift.slice.Slices;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.NullableValue;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * Partition values from the folders between a dataset folder and its files: Hive style {@code key=value}, and plain
 * date folders {@code yyyy/MM/dd} as the column {@value #DATE_FOLDER_COLUMN}.
 */
public final class PartitionFolders
{
    public static final String DATE_FOLDER_COLUMN = "landing_date";

    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final Pattern MONTH_OR_DAY = Pattern.compile("[0-9]{2}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

    private PartitionFolders() {}

    public static Map<String, String> values(String relativePath)
    {
        Map<String, String> values = new LinkedHashMap<>();
        String[] segments = relativePath.split("/");
        int folders = segments.length - 1;
        for (int i = 0; i < folders; i++) {
            String segment = segments[i];
            int equals = segment.indexOf('=');
            if (equals > 0) {
                values.put(segment.substring(0, equals).toLowerCase(Locale.ENGLISH), segment.substring(equals + 1));
            }
            else if (isDateFolders(segments, i, folders)) {
                values.put(DATE_FOLDER_COLUMN, "%s-%s-%s".formatted(segments[i], segments[i + 1], segments[i + 2]));
                i += 2;
            }
        }
        return ImmutableMap.copyOf(values);
    }

    /**
     * The partition columns of a set of files, typed date or bigint when every value is one, else varchar.
     */
    public static List<LandingColumnHandle> columns(List<LandingFile> files)
    {
        Map<String, Type> types = new LinkedHashMap<>();
        for (LandingFile file : files) {
            file.partitionValues().forEach((key, value) -> types.merge(key, typeOf(value), (left, right) -> left.equals(right) ? left : VARCHAR));
        }
        return types.entrySet().stream()
                .map(entry -> LandingColumnHandle.partition(entry.getKey(), entry.getValue()))
                .collect(ImmutableList.toImmutableList());
    }

    /**
     * Whether a file with these partition values can hold rows matching the predicate.
     */
    public static boolean matches(List<LandingColumnHandle> columns, Map<String, String> values, TupleDomain<ColumnHandle> constraint)
    {
        if (constraint.isAll()) {
            return true;
        }
        if (constraint.isNone()) {
            return false;
        }
        Map<ColumnHandle, Domain> domains = constraint.getDomains().orElseThrow();
        for (LandingColumnHandle column : columns) {
            Domain domain = domains.get(column);
            if (column.kind() != LandingColumnHandle.Kind.PARTITION || domain == null) {
                continue;
            }
            Object value = nativeValue(column, values.get(column.name())).getValue();
            if (!domain.includesNullableValue(value)) {
                return false;
            }
        }
        return true;
    }

    public static NullableValue nativeValue(LandingColumnHandle column, String value)
    {
        if (value == null) {
            return NullableValue.asNull(column.type());
        }
        if (column.type().equals(DATE)) {
            return NullableValue.of(DATE, LocalDate.parse(value).toEpochDay());
        }
        if (column.type().equals(BIGINT)) {
            return NullableValue.of(BIGINT, Long.parseLong(value));
        }
        return NullableValue.of(column.type(), Slices.utf8Slice(value));
    }

    /**
     * What to do with a file that cannot be read, after "replace it": files whose name starts so are not read.
     */
    static final String SET_ASIDE = "move it out of the dataset folder or name it with a leading _ to hide it";

    public static boolean isHidden(String name)
    {
        return name.startsWith(".") || name.startsWith("_");
    }

    public static boolean isHiddenPath(String relativePath)
    {
        for (String segment : relativePath.split("/")) {
            if (isHidden(segment)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDateFolders(String[] segments, int index, int folders)
    {
        if (index + 2 >= folders) {
            return false;
        }
        if (!YEAR.matcher(segments[index]).matches() || !MONTH_OR_DAY.matcher(segments[index + 1]).matches() || !MONTH_OR_DAY.matcher(segments[index + 2]).matches()) {
            return false;
        }
        return parseDate("%s-%s-%s".formatted(segments[index], segments[index + 1], segments[index + 2])).isPresent();
    }

    private static Type typeOf(String value)
    {
        if (parseDate(value).isPresent()) {
            return DATE;
        }
        return INTEGER.matcher(value).matches() ? BIGINT : VARCHAR;
    }

    private static Optional<LocalDate> parseDate(String value)
    {
        try {
            return Optional.of(LocalDate.parse(value));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
