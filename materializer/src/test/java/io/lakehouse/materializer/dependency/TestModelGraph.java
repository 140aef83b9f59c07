package io.lakehouse.materializer.dependency;

import com.google.common.collect.ImmutableList;
import io.lakehouse.materializer.model.Model;
import io.lakehouse.materializer.model.ModelParser;
import io.lakehouse.materializer.model.TableName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestModelGraph
{
    private static final ModelParser PARSER = new ModelParser();

    private static final Model BRONZE_TITLES = model("lake.bronze.titles", "SELECT * FROM lakehouse.landing.title_basics");
    private static final Model BRONZE_RATINGS = model("lake.bronze.ratings", "SELECT * FROM lakehouse.landing.title_ratings");
    private static final Model SILVER_TITLES = model("lake.silver.titles", "SELECT * FROM lake.bronze.titles t JOIN lake.bronze.ratings r USING (tconst)");
    private static final Model GOLD_TOP = model("lake.gold.top_titles", "WITH ranked AS (SELECT * FROM lake.silver.titles) SELECT * FROM ranked");

    @Test
    void testOrdersModelsAfterTheModelsTheyRead()
    {
        ModelGraph graph = ModelGraph.of(ImmutableList.of(GOLD_TOP, SILVER_TITLES, BRONZE_TITLES, BRONZE_RATINGS));

        assertThat(names(graph.models())).containsExactly("lake.bronze.ratings", "lake.bronze.titles", "lake.silver.titles", "lake.gold.top_titles");
    }

    @Test
    void testOrderDoesNotDependOnInputOrder()
    {
        List<Model> expected = ModelGraph.of(ImmutableList.of(BRONZE_TITLES, BRONZE_RATINGS, SILVER_TITLES, GOLD_TOP)).models();

        assertThat(ModelGraph.of(ImmutableList.of(GOLD_TOP, BRONZE_RATINGS, SILVER_TITLES, BRONZE_TITLES)).models()).isEqualTo(expected);
        assertThat(ModelGraph.of(ImmutableList.of(SILVER_TITLES, GOLD_TOP, BRONZE_TITLES, BRONZE_RATINGS)).models()).isEqualTo(expected);
    }

    @Test
    void testIndependentModelsAreOrderedByName()
    {
        Model zebra = model("lake.bronze.zebra", "SELECT 1 AS one");
        Model alpha = model("lake.silver.alpha", "SELECT 1 AS one");
        Model middle = model("lake.gold.middle", "SELECT 1 AS one");

        assertThat(names(ModelGraph.of(ImmutableList.of(zebra, alpha, middle)).models()))
                .containsExactly("lake.bronze.zebra", "lake.gold.middle", "lake.silver.alpha");
    }

    @Test
    void testSeparatesModelDependenciesFromSources()
    {
        ModelGraph graph = ModelGraph.of(ImmutableList.of(BRONZE_TITLES, BRONZE_RATINGS, SILVER_TITLES));

        assertThat(graph.upstream(SILVER_TITLES.name())).containsExactlyInAnyOrder(BRONZE_TITLES.name(), BRONZE_RATINGS.name());
        assertThat(graph.sources(SILVER_TITLES.name())).isEmpty();
        assertThat(graph.upstream(BRONZE_TITLES.name())).isEmpty();
        assertThat(graph.sources(BRONZE_TITLES.name())).containsExactly(new TableName("lakehouse", "landing", "title_basics"));
    }

    @Test
    void testCycleIsAnErrorNamingTheFilesInvolved()
    {
        Model a = model("lake.silver.a", "SELECT * FROM lake.silver.c");
        Model b = model("lake.silver.b", "SELECT * FROM lake.silver.a");
        Model c = model("lake.silver.c", "SELECT * FROM lake.silver.b");
        Model unrelated = model("lake.bronze.unrelated", "SELECT 1 AS one");

        assertThatThrownBy(() -> ModelGraph.of(ImmutableList.of(unrelated, a, b, c)))
                .isInstanceOf(DependencyException.class)
                .hasMessage("Models form a dependency cycle, each reading the next: " +
                        "lake.silver.a (sql/silver/a.sql) -> lake.silver.c (sql/silver/c.sql) -> lake.silver.b (sql/silver/b.sql) -> lake.silver.a (sql/silver/a.sql); " +
                        "remove one of these references");
    }

    @Test
    void testCycleBehindAnAcyclicModelIsFound()
    {
        Model a = model("lake.silver.a", "SELECT * FROM lake.silver.b");
        Model b = model("lake.silver.b", "SELECT * FROM lake.silver.c");
        Model c = model("lake.silver.c", "SELECT * FROM lake.silver.b");

        assertThatThrownBy(() -> ModelGraph.of(ImmutableList.of(a, b, c)))
                .isInstanceOf(DependencyException.class)
                .hasMessageContaining("lake.silver.b (sql/silver/b.sql) -> lake.silver.c (sql/silver/c.sql) -> lake.silver.b (sql/silver/b.sql)")
                .hasMessageNotContaining("silver/a.sql");
    }

    @Test
    void testModelReadingItsOwnTableIsAnError()
    {
        Model model = model("lake.silver.a", "SELECT * FROM lake.silver.a");

        assertThatThrownBy(() -> ModelGraph.of(ImmutableList.of(model)))
                .isInstanceOf(DependencyException.class)
                .hasMessage("Model lake.silver.a (sql/silver/a.sql) reads its own table; a FULL model replaces its table on every run and cannot read it");
    }

    @Test
    void testTwoFilesDefiningOneModelIsAnError()
    {
        Model first = PARSER.parse(Path.of("sql/one.sql"), "MODEL (name lake.bronze.titles, kind FULL);\nSELECT 1 AS one");
        Model second = PARSER.parse(Path.of("sql/two.sql"), "MODEL (name lake.bronze.titles, kind FULL);\nSELECT 2 AS two");

        assertThatThrownBy(() -> ModelGraph.of(ImmutableList.of(first, second)))
                .isInstanceOf(DependencyException.class)
                .hasMessage("Model lake.bronze.titles is defined twice, in sql/one.sql and in sql/two.sql; rename or remove one of them");
    }

    @Test
    void testSelectionKeepsDependencyOrder()
    {
        ModelGraph graph = ModelGraph.of(ImmutableList.of(BRONZE_TITLES, BRONZE_RATINGS, SILVER_TITLES, GOLD_TOP));

        assertThat(names(graph.select(ImmutableList.of(GOLD_TOP.name(), BRONZE_TITLES.name()))))
                .containsExactly("lake.bronze.titles", "lake.gold.top_titles");
    }

    @Test
    void testSelectingAnUnknownModelIsAnError()
    {
        ModelGraph graph = ModelGraph.of(ImmutableList.of(BRONZE_TITLES));

        assertThatThrownBy(() -> graph.select(ImmutableList.of(TableName.parse("lake.bronze.missing"))))
                .isInstanceOf(DependencyException.class)
                .hasMessage("No model named lake.bronze.missing; models are: lake.bronze.titles");
    }

    private static Model model(String name, String query)
    {
        TableName table = TableName.parse(name);
        return PARSER.parse(Path.of("sql", table.schema(), table.table() + ".sql"), "MODEL (name %s, kind FULL);\n%s".formatted(name, query));
    }

    private static List<String> names(List<Model> models)
    {
        return models.stream()
                .map(model -> model.name().toString())
                .toList();
    }
}
