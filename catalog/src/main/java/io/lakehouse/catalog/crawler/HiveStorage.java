package io.lakehouse.catalog.crawler;

import com.google.common.collect.ImmutableMap;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.text.TextDialect;
import io.lakehouse.trino.landing.FileSchema;
import io.lakehouse.trino.landing.LandingFormat;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarbinaryType;
import io.trino.spi.type.VarcharType;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * How a landing dataset is described to Hive readers (Trino's Hive connector, Athena, Spark) through Glue: the
 * SerDe for its format, and Hive column types for the Trino types the landing connector infers.
 * <ul>
 * <li>Delimited text without quoting: {@code LazySimpleSerDe} with {@code field.delim}, {@code escape.delim} and
 * {@code serialization.null.format}; columns keep their types.</li>
 * <li>Quoted CSV: {@code OpenCSVSerde} with {@code separatorChar} and {@code quoteChar}; this SerDe reads every
 * column as a string, so the inferred type is kept in the column comment and parameters.</li>
 * <li>JSON lines: the OpenX {@code JsonSerDe}, with nested objects and arrays as structs and arrays.</li>
 * </ul>
 * A header line becomes {@code skip.header.line.count=1}. Each column records the Trino type the landing connector
 * gives it in the column parameter {@value #TYPE_PARAMETER}, so that later crawls compare types exactly.
 */
public final class HiveStorage
{
    public static final String TYPE_PARAMETER = "lakehouse.type";

    static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    static final String OPENX_JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    private static final String TEXT_INPUT_FORMAT = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String TEXT_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    // Hive's own null marker; the landing connector also reads empty fields as null, which a Hive SerDe cannot say
    private static final String HIVE_NULL = "\\N";

    private final String classification;
    private final String serializationLibrary;
    private final Map<String, String> serdeParameters;
    private final boolean header;
    private final boolean everyColumnIsString;

    private HiveStorage(String classification, String serializationLibrary, Map<String, String> serdeParameters, boolean header, boolean everyColumnIsString)
    {
        this.classification = requireNonNull(classification, "classification is null");
        this.serializationLibrary = requireNonNull(serializationLibrary, "serializationLibrary is null");
        this.serdeParameters = ImmutableMap.copyOf(requireNonNull(serdeParameters, "serdeParameters is null"));
        this.header = header;
        this.everyColumnIsString = everyColumnIsString;
    }

    /**
     * The storage of a dataset written as {@code schema} says, with these data columns.
     */
    public static HiveStorage forDataset(FileSchema schema, List<LandingColumn> columns)
    {
        if (schema.format() == LandingFormat.JSON) {
            return new HiveStorage("json", OPENX_JSON_SERDE, timestampFormats(columns)
                    .map(formats -> ImmutableMap.of("timestamp.formats", formats))
                    .orElse(ImmutableMap.of()), false, false);
        }
        TextDialect dialect = schema.dialect().orElseThrow();
        String delimiter = String.valueOf((char) dialect.delimiter());
        String classification = dialect.delimiter() == '\t' ? "tsv" : "csv";
        if (dialect.quote() != TextDialect.NONE) {
            ImmutableMap.Builder<String, String> parameters = ImmutableMap.<String, String>builder()
                    .put("separatorChar", delimiter)
                    .put("quoteChar", String.valueOf((char) dialect.quote()));
            if (dialect.escape() != TextDialect.NONE) {
                parameters.put("escapeChar", String.valueOf((char) dialect.escape()));
            }
            return new HiveStorage(classification, OPEN_CSV_SERDE, parameters.buildOrThrow(), dialect.header(), true);
        }
        ImmutableMap.Builder<String, String> parameters = ImmutableMap.<String, String>builder()
                .put("field.delim", delimiter)
                .put("serialization.format", delimiter)
                .put("serialization.null.format", dialect.nullStrings().contains(HIVE_NULL) || dialect.nullStrings().isEmpty() ? HIVE_NULL : dialect.nullStrings().iterator().next());
        if (dialect.escape() != TextDialect.NONE) {
            parameters.put("escape.delim", String.valueOf((char) dialect.escape()));
        }
        if (!dialect.charset().equals(UTF_8)) {
            parameters.put("serialization.encoding", dialect.charset().name());
        }
        timestampFormats(columns).ifPresent(formats -> parameters.put("timestamp.formats", formats));
        return new HiveStorage(classification, LAZY_SIMPLE_SERDE, parameters.buildOrThrow(), dialect.header(), false);
    }

    public String classification()
    {
        return classification;
    }

    public String serializationLibrary()
    {
        return serializationLibrary;
    }

    /**
     * Table parameters that describe the data, as a Glue crawler writes them.
     */
    public Map<String, String> tableParameters()
    {
        ImmutableMap.Builder<String, String> parameters = ImmutableMap.<String, String>builder()
                .put("EXTERNAL", "TRUE")
                .put("classification", classification)
                .put("typeOfData", "file");
        if (header) {
            parameters.put("skip.header.line.count", "1");
        }
        return parameters.buildOrThrow();
    }

    public StorageDescriptor storageDescriptor(String location, List<Column> columns)
    {
        ImmutableMap.Builder<String, String> serde = ImmutableMap.<String, String>builder().putAll(serdeParameters);
        if (header) {
            // Hive reads the header count from the table, Trino also from the storage of each partition
            serde.put("skip.header.line.count", "1");
        }
        return StorageDescriptor.builder()
                .location(location)
                .columns(columns)
                .inputFormat(TEXT_INPUT_FORMAT)
                .outputFormat(TEXT_OUTPUT_FORMAT)
                .compressed(false)
                .numberOfBuckets(-1)
                .serdeInfo(SerDeInfo.builder().serializationLibrary(serializationLibrary).parameters(serde.buildOrThrow()).build())
                .parameters(ImmutableMap.of())
                .storedAsSubDirectories(false)
                .build();
    }

    /**
     * The Glue column for a data column of the landing connector.
     */
    public Column column(LandingColumn column)
    {
        String trinoType = column.type().getDisplayName();
        String hiveType = everyColumnIsString ? "string" : hiveType(column);
        StringBuilder comment = new StringBuilder("lakehouse.landing type ").append(trinoType);
        column.pattern().ifPresent(pattern -> comment.append(", values like ").append(pattern));
        if (!hiveType.equals(hiveType(column.type()))) {
            comment.append(everyColumnIsString ? "; OpenCSVSerde reads every column as a string" : "; read as a string by Hive");
        }
        return Column.builder()
                .name(column.name())
                .type(hiveType)
                .comment(comment.toString())
                .parameters(ImmutableMap.of(TYPE_PARAMETER, trinoType))
                .build();
    }

    /**
     * The Glue column for a partition key of the landing connector.
     */
    public static Column partitionKey(LandingColumn column)
    {
        return Column.builder()
                .name(column.name())
                .type(hiveType(column.type()))
                .comment("partition folder")
                .parameters(ImmutableMap.of(TYPE_PARAMETER, column.type().getDisplayName()))
                .build();
    }

    private static String hiveType(LandingColumn column)
    {
        // Hive reads dates only as yyyy-MM-dd; other date layouts stay text
        if (column.type() instanceof DateType && column.pattern().isPresent()) {
            return "string";
        }
        return hiveType(column.type());
    }

    static String hiveType(Type type)
    {
        return switch (type) {
            case BooleanType _ -> "boolean";
            case TinyintType _ -> "tinyint";
            case SmallintType _ -> "smallint";
            case IntegerType _ -> "int";
            case BigintType _ -> "bigint";
            case RealType _ -> "float";
            case DoubleType _ -> "double";
            case DecimalType decimal -> "decimal(%s,%s)".formatted(decimal.getPrecision(), decimal.getScale());
            case VarcharType varchar -> varchar.isUnbounded() ? "string" : "varchar(%s)".formatted(varchar.getBoundedLength());
            case CharType character -> "char(%s)".formatted(character.getLength());
            case DateType _ -> "date";
            case TimestampType _ -> "timestamp";
            case VarbinaryType _ -> "binary";
            case ArrayType array -> "array<%s>".formatted(hiveType(array.getElementType()));
            case MapType map -> "map<%s,%s>".formatted(hiveType(map.getKeyType()), hiveType(map.getValueType()));
            case RowType row -> row.getFields().stream()
                    .map(field -> "%s:%s".formatted(field.getName().orElseThrow().toLowerCase(Locale.ROOT), hiveType(field.getType())))
                    .collect(joining(",", "struct<", ">"));
            // timestamps with a time zone and any other type: Hive has no equivalent, the text stays readable
            default -> "string";
        };
    }

    /**
     * The layouts of timestamp columns that are not ISO-8601, in Hive's {@code timestamp.formats} syntax (Joda).
     */
    private static Optional<String> timestampFormats(List<LandingColumn> columns)
    {
        Set<String> formats = new LinkedHashSet<>();
        for (LandingColumn column : columns) {
            if (column.type() instanceof TimestampType && column.pattern().isPresent()) {
                // java.time's year-of-era 'u' is Joda's 'y'; a ',' separates formats and needs escaping
                formats.add(column.pattern().get().replace('u', 'y').replace(",", "\\,"));
            }
        }
        return formats.isEmpty() ? Optional.empty() : Optional.of(String.join(",", formats));
    }
}
