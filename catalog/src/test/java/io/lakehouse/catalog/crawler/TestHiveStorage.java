package io.lakehouse.catalog.crawler;

import com.google.common.collect.ImmutableSet;
import io.lakehouse.trino.format.LandingColumn;
import io.lakehouse.trino.format.text.TextDialect;
import io.lakehouse.trino.landing.FileSchema;
import io.lakehouse.trino.landing.LandingFormat;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.RowType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.TimestampType.createTimestampType;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.spi.type.VarcharType.createVarcharType;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

final class TestHiveStorage
{
    @Test
    void testUnquotedTextIsLazySimpleSerDeWithTypedColumns()
    {
        TextDialect dialect = TextDialect.TSV.withEscape('\\').withCharset(ISO_8859_1);
        HiveStorage storage = HiveStorage.forDataset(new FileSchema(LandingFormat.TEXT, Optional.of(dialect), List.of()), List.of());
        StorageDescriptor descriptor = storage.storageDescriptor("s3://landing/t/", List.of());

        assertThat(descriptor.serdeInfo().serializationLibrary()).isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
        assertThat(descriptor.serdeInfo().parameters())
                .containsEntry("field.delim", "\t")
                .containsEntry("escape.delim", "\\")
                .containsEntry("serialization.null.format", "\\N")
                .containsEntry("serialization.encoding", "ISO-8859-1")
                .containsEntry("skip.header.line.count", "1");
        assertThat(descriptor.inputFormat()).isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
        assertThat(storage.tableParameters()).containsEntry("classification", "tsv").containsEntry("EXTERNAL", "TRUE").containsEntry("skip.header.line.count", "1");
        assertThat(storage.column(new LandingColumn("price", createDecimalType(18, 2))))
                .extracting(Column::type, Column::parameters)
                .containsExactly("decimal(18,2)", Map.of(HiveStorage.TYPE_PARAMETER, "decimal(18,2)"));
    }

    @Test
    void testOnlyNullStringThatHiveCanSayIsUsed()
    {
        TextDialect dialect = TextDialect.TSV.withNullStrings(ImmutableSet.of("NA")).withHeader(false);
        HiveStorage storage = HiveStorage.forDataset(new FileSchema(LandingFormat.TEXT, Optional.of(dialect), List.of()), List.of());

        assertThat(storage.storageDescriptor("s3://landing/t/", List.of()).serdeInfo().parameters())
                .containsEntry("serialization.null.format", "NA")
                .doesNotContainKey("skip.header.line.count");
        assertThat(storage.tableParameters()).doesNotContainKey("skip.header.line.count");
    }

    @Test
    void testQuotedCsvIsOpenCsvSerDeWithStringColumns()
    {
        HiveStorage storage = HiveStorage.forDataset(new FileSchema(LandingFormat.TEXT, Optional.of(TextDialect.CSV.withDelimiter((byte) ';')), List.of()), List.of());

        assertThat(storage.storageDescriptor("s3://landing/t/", List.of()).serdeInfo().parameters())
                .containsEntry("separatorChar", ";")
                .containsEntry("quoteChar", "\"")
                .doesNotContainKey("escapeChar");
        Column column = storage.column(new LandingColumn("votes", BIGINT));
        assertThat(column.type()).isEqualTo("string");
        assertThat(column.comment()).isEqualTo("lakehouse.landing type bigint; OpenCSVSerde reads every column as a string");
        assertThat(column.parameters()).containsEntry(HiveStorage.TYPE_PARAMETER, "bigint");
    }

    @Test
    void testJsonLinesIsOpenXJsonSerDeWithNestedTypes()
    {
        LandingColumn nested = new LandingColumn("payload", RowType.from(List.of(RowType.field("Items", new ArrayType(BIGINT)), RowType.field("ok", BOOLEAN))));
        HiveStorage storage = HiveStorage.forDataset(new FileSchema(LandingFormat.JSON, Optional.empty(), List.of(nested)), List.of(nested));

        assertThat(storage.serializationLibrary()).isEqualTo("org.openx.data.jsonserde.JsonSerDe");
        assertThat(storage.column(nested).type()).isEqualTo("struct<items:array<bigint>,ok:boolean>");
    }

    @Test
    void testTypesWithoutHiveEquivalentStayReadable()
    {
        HiveStorage storage = HiveStorage.forDataset(new FileSchema(LandingFormat.TEXT, Optional.of(TextDialect.TSV), List.of()), List.of());

        assertThat(storage.column(new LandingColumn("day", DATE, Optional.of("M/d/uuuu"))).type()).isEqualTo("string");
        assertThat(storage.column(new LandingColumn("day", DATE)).type()).isEqualTo("date");
        assertThat(storage.column(new LandingColumn("at", TIMESTAMP_TZ_MILLIS)).type()).isEqualTo("string");
        assertThat(storage.column(new LandingColumn("code", createVarcharType(3))).type()).isEqualTo("varchar(3)");
        assertThat(storage.column(new LandingColumn("name", VARCHAR)).type()).isEqualTo("string");
        assertThat(storage.column(new LandingColumn("ratio", DOUBLE)).type()).isEqualTo("double");
    }

    @Test
    void testTimestampPatternsBecomeHiveTimestampFormats()
    {
        List<LandingColumn> columns = List.of(
                new LandingColumn("created", createTimestampType(0), Optional.of("M/d/uuuu H:mm")),
                new LandingColumn("updated", createTimestampType(3)));
        HiveStorage storage = HiveStorage.forDataset(new FileSchema(LandingFormat.TEXT, Optional.of(TextDialect.TSV), columns), columns);

        assertThat(storage.storageDescriptor("s3://landing/t/", List.of()).serdeInfo().parameters()).containsEntry("timestamp.formats", "M/d/yyyy H:mm");
        assertThat(storage.column(columns.getFirst()))
                .extracting(Column::type, Column::comment)
                .containsExactly("timestamp", "lakehouse.landing type timestamp(0), values like M/d/uuuu H:mm");
    }
}
