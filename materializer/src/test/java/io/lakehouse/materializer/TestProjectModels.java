package io.lakehouse.materializer;

import com.google.common.base.Splitter;
import io.lakehouse.materializer.generate.ImdbFile;
import io.lakehouse.materializer.generate.ImdbGenerator;
import io.lakehouse.materializer.generate.ScaleFactor;
import io.lakehouse.materializer.generate.TitleBasics;
import io.lakehouse.materializer.generate.TitleBasicsGenerator;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.ModelLoader;
import io.lakehouse.materializer.model.ModelParser;
import io.lakehouse.materializer.model.TableName;
import io.lakehouse.materializer.template.TemplateVariables;
import io.trino.plugin.memory.MemoryPlugin;
import io.trino.sql.tree.StringLiteral;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.sql.ExpressionFormatter.formatExpression;
import static io.trino.testing.TestingSession.testSessionBuilder;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The models in the project's {@code sql/} folder, run against generated landing data. The landing connector
 * is stood in for by a memory table with the columns it exposes for these files: the types it infers from the
 * samples and a {@code ds} date.
 */
@TestInstance(PER_CLASS)
final class TestProjectModels
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);
    // isadult, startyear and runtimeminutes
    private static final Set<Integer> BIGINT_COLUMNS = Set.of(4, 5, 7);
    private static final List<Model> MODELS = new ModelLoader(new ModelParser()).load(Path.of("../sql"));
    private static final ImdbGenerator GENERATOR = new ImdbGenerator(TitleBasicsGenerator.DEFAULT_SEED, new ScaleFactor(0.0002));

    private QueryRunner queryRunner;

    @BeforeAll
    void startTrino()
            throws Exception
    {
        queryRunner = DistributedQueryRunner.builder(testSessionBuilder().setCatalog("lakehouse").setSchema("landing").build())
                .setWorkerCount(0)
                .build();
        queryRunner.installPlugin(new MemoryPlugin());
        queryRunner.createCatalog("lakehouse", "memory", Map.of());
        queryRunner.execute("CREATE SCHEMA lakehouse.landing");
        queryRunner.execute("""
                CREATE TABLE lakehouse.landing.title_basics (
                  tconst varchar, titletype varchar, primarytitle varchar, originaltitle varchar, isadult bigint,
                  startyear bigint, endyear varchar, runtimeminutes bigint, genres varchar, ds date)
                """);
        for (LocalDate ds : List.of(DS, DS.plusDays(1))) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            ImdbFile.TITLE_BASICS.landingFile(GENERATOR, ds).content().writeTo(file);
            queryRunner.execute("INSERT INTO lakehouse.landing.title_basics VALUES " + rows(file.toByteArray(), ds));
        }
    }

    @AfterAll
    void stopTrino()
    {
        queryRunner.close();
        queryRunner = null;
    }

    @Test
    void testBronzeTitleBasicsTypesOneLandingSnapshot()
    {
        Model bronze = model("lake.bronze.title_basics");

        MaterializedResult result = queryRunner.execute(bronze.renderQuery(TemplateVariables.forDs(DS)));

        assertThat(result.getColumnNames()).containsExactly("tconst", "titletype", "primarytitle", "originaltitle", "isadult", "startyear", "endyear", "runtimeminutes", "genres", "ds");
        assertThat(result.getTypes()).containsExactly(VARCHAR, VARCHAR, VARCHAR, VARCHAR, BOOLEAN, INTEGER, INTEGER, INTEGER, VARCHAR, DATE);
        assertThat(result.getRowCount()).isEqualTo(GENERATOR.titleCount(DS));
        assertThat(result.getMaterializedRows()).extracting(row -> row.getField(9)).containsOnly(DS);
        assertThat(result.getMaterializedRows()).anySatisfy(row -> assertThat(row.getField(4)).isEqualTo(false));
        assertThat(result.getMaterializedRows()).anySatisfy(row -> assertThat(row.getField(5)).isNull());
        assertThat(result.getMaterializedRows()).anySatisfy(row -> assertThat((String) row.getField(8)).contains(","));
        for (int number = 1; number <= 20; number++) {
            TitleBasics title = GENERATOR.title(number);
            MaterializedRow row = result.getMaterializedRows().stream()
                    .filter(candidate -> candidate.getField(0).equals(title.tconst()))
                    .findFirst()
                    .orElseThrow();
            assertThat(row.getFields()).containsExactly(
                    title.tconst(),
                    title.titleType(),
                    title.primaryTitle(),
                    title.originalTitle(),
                    title.adult(),
                    valueOrNull(title.startYear()),
                    valueOrNull(title.endYear()),
                    valueOrNull(title.runtimeMinutes()),
                    title.genres().isEmpty() ? null : String.join(",", title.genres()),
                    DS);
        }
    }

    private static String literal(String field, boolean bigint)
    {
        if (field.equals("\\N")) {
            return "NULL";
        }
        return bigint ? "BIGINT '%s'".formatted(Long.parseLong(field)) : formatExpression(new StringLiteral(field));
    }

    private static Integer valueOrNull(OptionalInt value)
    {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static Model model(String name)
    {
        TableName table = TableName.parse(name);
        return MODELS.stream()
                .filter(model -> model.name().equals(table))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The rows of a landing file as SQL values, each field a literal of its column's type or NULL for IMDb's {@code \N}.
     */
    private static String rows(byte[] file, LocalDate ds)
    {
        String text;
        try (InputStream input = new GZIPInputStream(new ByteArrayInputStream(file))) {
            text = new String(input.readAllBytes(), UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.lines()
                .skip(1)
                .map(line -> {
                    List<String> fields = Splitter.on('\t').splitToList(line);
                    return IntStream.range(0, fields.size())
                            .mapToObj(column -> literal(fields.get(column), BIGINT_COLUMNS.contains(column)))
                            .collect(joining(", ", "(", ", DATE '%s')".formatted(ds)));
                })
                .collect(joining(",\n"));
    }
}
