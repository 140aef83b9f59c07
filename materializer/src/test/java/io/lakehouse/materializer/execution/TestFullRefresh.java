package io.lakehouse.materializer.execution;

import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.ModelParser;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.template.TemplateVariables;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

final class TestFullRefresh
{
    private static final RunId RUN_ID = new RunId("20240101_120000_abcde");

    @Test
    void testWritesStagingTableThenReplacesTarget()
    {
        Model model = model("""
                MODEL (
                  name lake.bronze.title_basics,
                  kind FULL,
                  table_properties (format = 'PARQUET', sorted_by = ARRAY['ds'])
                );
                SELECT * FROM lakehouse.landing.title_basics WHERE ds = {{ ds }}""");

        FullRefresh refresh = plan(model, Optional.of(new Warehouse("s3://lake/")));

        assertThat(refresh.staging()).isEqualTo(new TableName("lake", "bronze", "title_basics__stg_20240101_120000_abcde"));
        assertThat(refresh.statements()).containsExactly(
                "CREATE SCHEMA IF NOT EXISTS lake.bronze WITH (location = 's3://lake/bronze/')",
                "CREATE TABLE lake.bronze.title_basics__stg_20240101_120000_abcde WITH (format = 'PARQUET', sorted_by = ARRAY['ds']) AS\n" +
                        "SELECT * FROM lakehouse.landing.title_basics WHERE ds = DATE '2024-01-01'",
                "DROP TABLE IF EXISTS lake.bronze.title_basics",
                "CREATE TABLE lake.bronze.title_basics WITH (format = 'PARQUET', sorted_by = ARRAY['ds']) AS SELECT * FROM lake.bronze.title_basics__stg_20240101_120000_abcde",
                "DROP TABLE IF EXISTS lake.bronze.title_basics__stg_20240101_120000_abcde");
        assertThat(refresh.dropStaging()).isEqualTo("DROP TABLE IF EXISTS lake.bronze.title_basics__stg_20240101_120000_abcde");
    }

    @Test
    void testWithoutWarehouseOrPropertiesTheClausesAreLeftOut()
    {
        FullRefresh refresh = plan(model("MODEL (name memory.bronze.numbers, kind FULL); SELECT 1 AS one"), Optional.empty());

        assertThat(refresh.createSchema()).isEqualTo("CREATE SCHEMA IF NOT EXISTS memory.bronze");
        assertThat(refresh.createStaging()).isEqualTo("CREATE TABLE memory.bronze.numbers__stg_20240101_120000_abcde AS SELECT 1 AS one");
    }

    @Test
    void testPropertyValuesAndLocationsAreRenderedAsEscapedLiterals()
    {
        Model model = model("MODEL (name lake.bronze.t, kind FULL, table_properties (comment_like = 'it''s ''quoted''')); SELECT 1 AS one");

        FullRefresh refresh = plan(model, Optional.of(new Warehouse("s3://lake/o'brien")));

        assertThat(refresh.createSchema()).isEqualTo("CREATE SCHEMA IF NOT EXISTS lake.bronze WITH (location = 's3://lake/o''brien/bronze/')");
        assertThat(refresh.createStaging()).startsWith("CREATE TABLE lake.bronze.t__stg_20240101_120000_abcde WITH (comment_like = 'it''s ''quoted''') AS");
    }

    @Test
    void testReservedWordsInNamesAreQuoted()
    {
        FullRefresh refresh = plan(model("MODEL (name lake.from.select, kind FULL); SELECT 1 AS one"), Optional.empty());

        assertThat(refresh.dropTarget()).isEqualTo("DROP TABLE IF EXISTS lake.\"from\".\"select\"");
        assertThat(refresh.createSchema()).isEqualTo("CREATE SCHEMA IF NOT EXISTS lake.\"from\"");
    }

    private static FullRefresh plan(Model model, Optional<Warehouse> warehouse)
    {
        return FullRefresh.plan(model, model.renderQuery(TemplateVariables.forDs(LocalDate.of(2024, 1, 1))), RUN_ID, warehouse);
    }

    private static Model model(String text)
    {
        return new ModelParser().parse(Path.of("sql/model.sql"), text);
    }
}
