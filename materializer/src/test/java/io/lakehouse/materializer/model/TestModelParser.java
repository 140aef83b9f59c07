package io.lakehouse.materializer.model;

import com.google.common.collect.ImmutableList;
import io.airlift.units.Duration;
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
import static org.assertj.core.api.Assertions.entry;

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
                  table_properties (format = 'PARQUET', bucket_count = 8, ratio = 0.5, transactional = false, sorted_by = ARRAY['ds'])
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
                Map.entry("sorted_by", new Array(ImmutableList.of(new StringLiteral("ds")))));
        assertThat(model.references()).containsExactly(new TableName("lakehouse", "landing", "title_basics"));
        assertThat(model.renderQuery(TemplateVariables.forDs(LocalDate.of(2024, 1, 1))))
                .isEqualTo("\nSELECT tconst, ds FROM lakehouse.landing.title_basics WHERE ds = DATE '2024-01-01'");
    }

    @Test
    void testColumnDescriptionsBecomeColumnCommentsAndMustBeStrings()
    {
        Model model = parser.parse(FILE, """
                MODEL (name a.b.c, kind FULL, column_descriptions (TConst = 'IMDb title id', votes = 'votes, all time'));
                SELECT 'tt1' AS tconst, 5 AS votes
                """);

        assertThat(model.header().columnDescriptions()).containsExactly(entry("tconst", "IMDb title id"), entry("votes", "votes, all time"));
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL,\n  column_descriptions (votes = 5)); SELECT 5 AS votes"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:2:23: The description of column 'votes' is not a string; write it in single quotes, as in votes = 'what the column holds'");
    }

    @Test
    void testParsesScheduleChecksVariablesAndSensorOfAnIncrementalModel()
    {
        Model model = parser.parse(FILE, """
                MODEL (
                  name lake.silver.titles,
                  kind INCREMENTAL_BY_TIME_RANGE,
                  time_column ds,
                  cron '0 6 * * *',
                  start '2024-01-01',
                  owner 'data-engineering',
                  checks (
                    not_null(tconst, ds),
                    unique(tconst),
                    row_count(min = 1, max = 1000),
                    accepted_values(titletype, ARRAY['movie', 'short']) WARN,
                    sql('SELECT * FROM this WHERE startyear > year({{ ds }}) + {{ slack }}')
                  ),
                  variables (min_votes = 100, country = 'US', strict = true),
                  sensor (sql = 'SELECT count(*) > 0 FROM lakehouse.landing.t WHERE ds = {{ ds }}', timeout = '6h', poke = '1m'),
                  depends_on_past true,
                  retries 3,
                  retry_delay '5s',
                  max_active_runs 2,
                  grace '2h',
                  freshness '26h',
                  retain_versions 5,
                  column_statistics false
                );
                SELECT tconst, titletype, {{ min_votes }} AS min_votes, {{ country }} AS country, ds FROM lakehouse.landing.t
                WHERE ds >= {{ data_interval_start }} AND ds < {{ data_interval_end }}
                """.replace("{{ slack }}", "1"));

        ModelHeader header = model.header();
        assertThat(header.kind()).isEqualTo(ModelKind.INCREMENTAL_BY_TIME_RANGE);
        assertThat(header.timeColumn()).contains("ds");
        assertThat(header.schedule().expression()).isEqualTo("0 6 * * *");
        assertThat(header.start()).contains(LocalDate.of(2024, 1, 1));
        assertThat(header.owner()).contains("data-engineering");
        assertThat(header.checks()).extracting(Check::describe).containsExactly(
                "not_null(tconst, ds)",
                "unique(tconst)",
                "row_count(min = 1, max = 1000)",
                "accepted_values(titletype, ARRAY['movie', 'short'])",
                "sql('SELECT * FROM this WHERE startyear > year({{ ds }}) + 1')");
        assertThat(header.checks()).extracting(Check::blocking).containsExactly(true, true, true, false, true);
        assertThat(((Check.RowCount) header.checks().get(2)).accepts(1000)).isTrue();
        assertThat(((Check.RowCount) header.checks().get(2)).accepts(0)).isFalse();
        Check.SqlAssertion assertion = (Check.SqlAssertion) header.checks().get(4);
        assertThat(model.render(assertion.query(), TemplateVariables.forDs(LocalDate.of(2024, 1, 1))))
                .isEqualTo("SELECT * FROM this WHERE startyear > year(DATE '2024-01-01') + 1");
        assertThat(header.sensor()).hasValueSatisfying(sensor -> {
            assertThat(sensor.timeout()).isEqualTo(Duration.valueOf("6h"));
            assertThat(sensor.poke()).isEqualTo(Duration.valueOf("1m"));
            assertThat(model.render(sensor.query(), TemplateVariables.forDs(LocalDate.of(2024, 1, 1))))
                    .isEqualTo("SELECT count(*) > 0 FROM lakehouse.landing.t WHERE ds = DATE '2024-01-01'");
        });
        assertThat(header.dependsOnPast()).isTrue();
        assertThat(header.retries()).isEqualTo(3);
        assertThat(header.retryDelay()).isEqualTo(Duration.valueOf("5s"));
        assertThat(header.maxActiveRuns()).isEqualTo(2);
        assertThat(header.grace()).isEqualTo(Duration.valueOf("2h"));
        assertThat(header.freshness()).contains(Duration.valueOf("26h"));
        assertThat(header.retainVersions()).isEqualTo(5);
        assertThat(header.columnStatistics()).isFalse();
        assertThat(model.renderQuery(TemplateVariables.forDs(LocalDate.of(2024, 1, 2))))
                .isEqualTo("""

                        SELECT tconst, titletype, 100 AS min_votes, 'US' AS country, ds FROM lakehouse.landing.t
                        WHERE ds >= TIMESTAMP '2024-01-02 00:00:00' AND ds < TIMESTAMP '2024-01-03 00:00:00'""");
    }

    @Test
    void testDefaultsOfOptionalKeys()
    {
        ModelHeader header = parser.parse(FILE, "MODEL (name a.b.c, kind VIEW); SELECT 1 AS one").header();

        assertThat(header.schedule().expression()).isEqualTo("@daily");
        assertThat(header.start()).isEmpty();
        assertThat(header.checks()).isEmpty();
        assertThat(header.dependsOnPast()).isFalse();
        assertThat(header.retries()).isZero();
        assertThat(header.maxActiveRuns()).isEqualTo(1);
        assertThat(header.retainVersions()).isEqualTo(2);
        assertThat(header.freshness()).isEmpty();
        assertThat(header.columnStatistics()).isTrue();
    }

    @Test
    void testViewHasNoColumnStatistics()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind VIEW, column_statistics false); SELECT 1 AS one"))
                .hasMessage("sql/imdb/bronze/title_basics.sql:1:31: A VIEW model writes no data to collect column statistics of; remove column_statistics");
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL, column_statistics 'no'); SELECT 1 AS one"))
                .hasMessage("sql/imdb/bronze/title_basics.sql:1:49: Expected a name as the value of column_statistics, true or false, found string 'no'");
    }

    @Test
    void testDeclaredStringVariableRendersAsEscapedLiteral()
    {
        Model model = parser.parse(FILE, """
                MODEL (name a.b.c, kind FULL, variables (name = 'x'' OR 1=1 --'));
                SELECT * FROM t WHERE name = {{ name }}""");

        assertThat(model.renderQuery(TemplateVariables.placeholders())).isEqualTo("\nSELECT * FROM t WHERE name = 'x'' OR 1=1 --'");
    }

    @Test
    void testDeclaredVariableCannotReplaceBuiltInOne()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL,\n variables (ds = '2024-01-01')); SELECT 1 AS one"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:2:12: Variable 'ds' is built in; choose another name");
    }

    @Test
    void testFullModelCannotBePartitioned()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL,\n table_properties (partitioned_by = ARRAY['ds'])); SELECT 1 AS one, current_date AS ds"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("sql/imdb/bronze/title_basics.sql:2:2: A FULL model's table is replaced by switching its location")
                .hasMessageContaining("make the model INCREMENTAL_BY_TIME_RANGE with a time_column");
    }

    @Test
    void testIncrementalModelNeedsTimeColumnAndStart()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind INCREMENTAL_BY_TIME_RANGE, start '2024-01-01'); SELECT 1 AS one"))
                .hasMessage("sql/imdb/bronze/title_basics.sql:1:1: A INCREMENTAL_BY_TIME_RANGE model needs a time_column, the partition column holding each interval's ds; add for example: time_column ds");
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind APPEND, time_column ds); SELECT 1 AS one"))
                .hasMessage("sql/imdb/bronze/title_basics.sql:1:1: A APPEND model needs a start, its first interval's date; add for example: start '2024-01-01'");
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL, time_column ds); SELECT 1 AS one"))
                .hasMessage("sql/imdb/bronze/title_basics.sql:1:31: time_column applies to INCREMENTAL_BY_TIME_RANGE and APPEND models, not FULL; remove it");
    }

    @Test
    void testInvalidCronNamesFileLineAndTheExpectedForm()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL,\n  cron 'every day'); SELECT 1 AS one"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("sql/imdb/bronze/title_basics.sql:2:8: Invalid cron 'every day'")
                .hasMessageContaining("such as '0 6 * * *', or @hourly, @daily");
    }

    @Test
    void testUnknownCheckAndInvalidBoundsAreErrors()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL, checks (positive(x))); SELECT 1 AS x"))
                .hasMessage("sql/imdb/bronze/title_basics.sql:1:39: Unknown check 'positive'; expected one of: not_null, unique, row_count, accepted_values, sql");
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL, checks (row_count())); SELECT 1 AS x"))
                .hasMessageContaining("row_count needs a bound, such as row_count(min = 1)");
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL, retries -1); SELECT 1 AS x"))
                .hasMessage("sql/imdb/bronze/title_basics.sql:1:39: retries must be at least 0, found -1");
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
                  owners 'data-team',
                  kind FULL
                );
                SELECT 1
                """))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.getFile()).isEqualTo(FILE);
                    assertThat(e.getLine()).isEqualTo(3);
                })
                .hasMessage("sql/imdb/bronze/title_basics.sql:3:3: Unknown MODEL property 'owners'; expected one of: name, kind, description, owner, cron, start, time_column, checks, variables, sensor, depends_on_past, retries, retry_delay, max_active_runs, grace, freshness, retain_versions, table_properties, column_statistics, column_descriptions");
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
                .hasMessage("sql/imdb/bronze/title_basics.sql:3:1: MODEL header has no 'kind'; add for example: kind FULL (supported kinds: FULL, VIEW, INCREMENTAL_BY_TIME_RANGE, APPEND)");
    }

    @Test
    void testUnknownKindIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (\n  name a.b.c,\n  kind SNAPSHOT\n);\nSELECT 1"))
                .isInstanceOf(ModelException.class)
                .hasMessage("sql/imdb/bronze/title_basics.sql:3:8: Unknown model kind 'SNAPSHOT'; supported kinds: FULL, VIEW, INCREMENTAL_BY_TIME_RANGE, APPEND");
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
                .hasMessageContaining("SQL syntax error: mismatched input ';'")
                .hasMessageEndingWith("A model file holds one query: give each further statement a model file of its own");
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
                .hasMessage("sql/imdb/bronze/title_basics.sql:7:12: Unknown template variable 'date'; available variables: ds, data_interval_start, data_interval_end");
    }

    @Test
    void testTableNameWithFourPartsIsAnError()
    {
        assertThatThrownBy(() -> parser.parse(FILE, "MODEL (name a.b.c, kind FULL);\n\nSELECT * FROM w.x.y.z"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("sql/imdb/bronze/title_basics.sql:3:15: Table name 'w.x.y.z' has more than three parts");
    }
}
