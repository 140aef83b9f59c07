package io.lakehouse.materializer.model;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.template.TemplateVariables;
import io.trino.sql.tree.Array;
import io.trino.sql.tree.BooleanLiteral;
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.StringLiteral;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestModelParser
{
    private static final Path FILE = Path.of("sql/imdb/bronze/title_basics.sql");

    private final ModelParser parser = new ModelParser();

    @Test
    void testParsesHeaderAndQuery()
    {
        Model model = parser.parse(FILE, """
                MODEL (
                  name lake.bronze.title_basics, -- the table the model writes
                  kind FULL,
                  /* a block comment */
                  description 'IMDb titles, typed; it''s bronze',
                  table_properties (format = 'PARQUET', bucket_count = 8, ratio = 0.5, transactional = false, partitioned_by = ARRAY['ds'])
                );
                SELECT tconst, ds FROM lakehouse.landing.title_basics WHERE ds = {{ ds }}
                """);

        assertThat(model.file()).isEqualTo(FILE);
        assertThat(model.name()).isEqualTo(new TableName("lake", "bronze", "title_basics"));
        assertThat(model.kind()).isEqualTo(ModelKind.FULL);
        assertThat(model.header().description()).contains("IMDb titles, typed; it's bronze");
        assertThat(model.header().tableProperties()).containsExactly(
                Map.entry("format", new StringLiteral("PARQUET")),
                Map.entry("bucket_count", new LongLiteral("8")),
                Map.entry("ratio", new DecimalLiteral("0.5")),
                Map.entry("transactional", new BooleanLiteral("false")),
                Map.entry("partitioned_by", new Array(ImmutableList.of(new StringLiteral("ds")))));
        assertThat(model.references()).containsExactly(new TableName("lakehouse", "landing", "title_basics"));
        assertThat(model.renderQuery(TemplateVariables.forDs(LocalDate.of(2024, 1, 1))))
                .isEqualTo("\nSELECT tconst, ds FROM lakehouse.landing.title_basics WHERE ds = DATE '2024-01-01'");
    }

    @Test
    void testKeysKindsAndNamesAreCaseInsensitive()
    {
        Model model = parser.parse(FILE, "model (NAME Lake.Bronze.Titles, KIND full); SELECT 1 AS one");

        assertThat(model.name()).isEqualTo(new TableName("lake", "bronze", "titles"));
        assertThat(model.kind()).isEqualTo(ModelKind.FULL);
        assertThat(model.header().description()).isEqualTo(Optional.empty());
        assertThat(model.header().tableProperties()).isEmpty();
    }

    @Test
    void testTrailingSemicolonAfterQueryIsAccepted()
    {
        Model model = parser.parse(FILE, "MODEL (name a.b.c, kind FULL);\nSELECT 1 AS one;\n\n");

        assertThat(model.renderQuery(TemplateVariables.placeholders())).isEqualTo("\nSELECT 1 AS one");
    }

    @Test
    void testUnqualifiedReferencesResolveAgainstTheModelsCatalogAndSchema()
    {
        Model model = parser.parse(FILE, """
                MODEL (name lake.silver.titles, kind FULL);
                SELECT * FROM title_basics JOIN bronze.ratings USING (tconst) JOIN lakehouse.landing.names USING (tconst)
                """);

        assertThat(model.references()).containsExactlyInAnyOrder(
                new TableName("lake", "silver", "title_basics"),
                new TableName("lake", "bronze", "ratings"),
                new TableName("lakehouse", "landing", "names"));
    }

    @Test
    void testUnknownHeaderKeyNamesFileAndLine()
    {
        assertThatThrownBy(() -> parser.parse(FILE, """
                MODEL (
                  name lake.bronze.title_basics,
                  owner 'data-team',
                  kind FULL
                );
                SELECT 1
                """))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.getFile()).isEqualTo(FILE);
                    assertThat(e.getLine()).isEqualTo(3);
                })
                .hasMessage("sql/imdb/bronze/title_basics.sql:3:3: Unknown MODEL property 'owner'; expected one of: name, kind, description, table_properties");
    }

    @Test
    void testMissingNameIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (\n  kind FULL\n);\nSELECT 1"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:1:1: MODEL header has no 'name'; add for example: name lake.bronze.title_basics");
    }

    @Test
    void testMissingKindIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "\n\nMODEL (\n  name a.b.c\n);\nSELECT 1"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:3:1: MODEL header has no 'kind'; add for example: kind FULL (supported kinds: FULL)");
    }

    @Test
    void testUnknownKindIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (\n  name a.b.c,\n  kind SNAPSHOT\n);\nSELECT 1"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:3:8: Unknown model kind 'SNAPSHOT'; supported kinds: FULL");
    }

    @Test
    void testModelNameMustHaveThreeParts()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (\n  name bronze.title_basics,\n  kind FULL\n);\nSELECT 1"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:2:8: Model name must be catalog.schema.table, found 'bronze.title_basics'");
    }

    @Test
    void testDuplicateHeaderKeyIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (\n  name a.b.c,\n  kind FULL,\n  name a.b.d\n);\nSELECT 1"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:4:3: Duplicate MODEL property 'name', first set on line 2");
    }

    @Test
    void testFileWithoutHeaderIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "SELECT 1"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:1:1: Expected the model header 'MODEL (' at the start of the file, found 'SELECT'");
    }

    @Test
    void testHeaderWithoutSemicolonIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL)\nSELECT 1"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:2:1: Expected ';' after the MODEL header's closing parenthesis, found 'SELECT'");
    }

    @Test
    void testUnterminatedStringInHeaderIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (\n  name a.b.c,\n  description 'titles\n);\nSELECT 1"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("sql/imdb/bronze/title_basics.sql:3:15: Unterminated string");
    }

    @Test
    void testNonLiteralTablePropertyIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (\n  name a.b.c,\n  kind FULL,\n  table_properties (format = PARQUET)\n);\nSELECT 1"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:4:30: Expected a literal value (a quoted string, a number, true, false or ARRAY[...]), found 'PARQUET'");
    }

    @Test
    void testMissingSelectIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (\n  name a.b.c,\n  kind FULL\n);\n\n"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:4:3: Missing SELECT after the MODEL header: a model file is a header followed by one query");
    }

    @Test
    void testStatementOtherThanQueryIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (\n  name a.b.c,\n  kind FULL\n);\n\nDROP TABLE a.b.c"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("sql/imdb/bronze/title_basics.sql:6:1: Expected a SELECT query after the MODEL header, found a DropTable statement");
    }

    @Test
    void testSecondStatementIsASyntaxError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL);\nSELECT 1;\nDROP TABLE a.b.c"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.getLine()).isEqualTo(2))
                .hasMessageContaining("SQL syntax error");
    }

    @Test
    void testSqlSyntaxErrorNamesTheLineInTheFile()
    {
        assertThatThrownBy(() -> parser.parse(FILE, """
                MODEL (
                  name a.b.c,
                  kind FULL
                );
                SELECT tconst
                FROM lakehouse.landing.title_basics
                WHERE ds = {{ ds }} AND AND
                """))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.getLine()).isEqualTo(7))
                .hasMessageStartingWith("sql/imdb/bronze/title_basics.sql:7:")
                .hasMessageContaining("SQL syntax error: mismatched input 'AND'");
    }

    @Test
    void testUnknownTemplateVariableNamesFileAndLine()
    {
        assertThatThrownBy(() -> parser.parse(FILE, """
                MODEL (
                  name a.b.c,
                  kind FULL
                );
                SELECT tconst
                FROM lakehouse.landing.title_basics
                WHERE ds = {{ date }}
                """))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:7:12: Unknown template variable 'date'; available variables: ds");
    }

    @Test
    void testTableNameWithFourPartsIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL);\n\nSELECT * FROM w.x.y.z"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("sql/imdb/bronze/title_basics.sql:3:15: Table name 'w.x.y.z' has more than three parts");
    }
}
