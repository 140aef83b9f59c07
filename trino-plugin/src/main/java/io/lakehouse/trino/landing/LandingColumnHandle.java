package io.lakehouse.trino.landing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.type.Type;

import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * A column of a landing table: a field of the files, a value of the folders above them, a hidden column describing
 * where a row comes from, or a column of the {@code $rejects} companion table.
 */
public record LandingColumnHandle(String name, Type type, Kind kind, Optional<String> pattern)
        implements ColumnHandle
{
    public enum Kind
    {
        DATA, PARTITION, PATH, FILE_SIZE, FILE_MODIFIED_TIME, LINE, REJECT_COLUMN, REJECT_VALUE, REJECT_REASON
    }

    public static final LandingColumnHandle PATH_COLUMN = new LandingColumnHandle("$path", VARCHAR, Kind.PATH, Optional.empty());
    public static final LandingColumnHandle FILE_SIZE_COLUMN = new LandingColumnHandle("$file_size", BIGINT, Kind.FILE_SIZE, Optional.empty());
    public static final LandingColumnHandle FILE_MODIFIED_TIME_COLUMN = new LandingColumnHandle("$file_modified_time", TIMESTAMP_TZ_MILLIS, Kind.FILE_MODIFIED_TIME, Optional.empty());
    public static final LandingColumnHandle LINE_COLUMN = new LandingColumnHandle("$line", BIGINT, Kind.LINE, Optional.empty());

    public LandingColumnHandle
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(pattern, "pattern is null");
    }

    public static LandingColumnHandle data(String name, Type type, Optional<String> pattern)
    {
        return new LandingColumnHandle(name, type, Kind.DATA, pattern);
    }

    public static LandingColumnHandle partition(String name, Type type)
    {
        return new LandingColumnHandle(name, type, Kind.PARTITION, Optional.empty());
    }

    @JsonIgnore
    public boolean isHidden()
    {
        return name.startsWith("$");
    }

    public ColumnMetadata toColumnMetadata()
    {
        return ColumnMetadata.builder()
                .setName(name)
                .setType(type)
                .setHidden(isHidden())
                .setComment(comment())
                .build();
    }

    private Optional<String> comment()
    {
        return switch (kind) {
            case PARTITION -> Optional.of("partition folder");
            case DATA -> pattern.map(value -> "read with pattern " + value);
            case PATH -> Optional.of("file the row comes from");
            case FILE_SIZE -> Optional.of("size of that file in bytes");
            case FILE_MODIFIED_TIME -> Optional.of("when that file was last modified");
            case LINE -> Optional.of("line of that file where the row starts");
            default -> Optional.empty();
        };
    }
}
