package io.lakehouse.materializer.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestModelLoader
{
    private final ModelLoader loader = new ModelLoader(new ModelParser());

    @Test
    void testLoadsEverySqlFileBelowTheDirectoryInPathOrder(@TempDir Path directory)
            throws IOException
    {
        write(directory.resolve("imdb/silver/titles.sql"), "MODEL (name lake.silver.titles, kind FULL);\nSELECT * FROM lake.bronze.title_basics");
        write(directory.resolve("imdb/bronze/title_basics.sql"), "MODEL (name lake.bronze.title_basics, kind FULL);\nSELECT 1 AS one");
        write(directory.resolve("imdb/README.md"), "not a model");
        write(directory.resolve("imdb/gold/Ratings.SQL"), "MODEL (name lake.gold.ratings, kind FULL);\nSELECT * FROM lake.silver.titles");

        List<Model> models = loader.load(directory);

        assertThat(models).extracting(Model::file).containsExactly(
                directory.resolve("imdb/bronze/title_basics.sql"),
                directory.resolve("imdb/gold/Ratings.SQL"),
                directory.resolve("imdb/silver/titles.sql"));
    }

    @Test
    void testProjectModelsParse()
    {
        // the models shipped in sql/ at the project root
        List<Model> models = loader.load(Path.of("../sql"));

        assertThat(models).anySatisfy(model -> {
            assertThat(model.name()).isEqualTo(new TableName("lake", "bronze", "title_basics"));
            assertThat(model.file()).isEqualTo(Path.of("../sql/imdb/bronze/title_basics.sql"));
            assertThat(model.header().tableProperties()).containsKey("format");
            assertThat(model.references()).containsExactly(new TableName("lakehouse", "landing", "title_basics"));
            assertThat(model.query().variables()).containsExactly("ds");
        });
    }

    @Test
    void testMissingDirectoryIsAnError(@TempDir Path directory)
    {
        assertThatThrownBy(() -> loader.load(directory.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist; run from the project root or pass --models <dir>");
    }

    @Test
    void testDirectoryWithoutModelsIsAnError(@TempDir Path directory)
    {
        assertThatThrownBy(() -> loader.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No model files (*.sql) found in");
    }

    @Test
    void testErrorInOneFileNamesThatFile(@TempDir Path directory)
            throws IOException
    {
        Path broken = directory.resolve("imdb/bronze/broken.sql");
        write(directory.resolve("imdb/bronze/fine.sql"), "MODEL (name a.b.fine, kind FULL);\nSELECT 1 AS one");
        write(broken, "MODEL (name a.b.broken, kind FULL);\nSELECT FROM WHERE");

        assertThatThrownBy(() -> loader.load(directory))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.getFile()).isEqualTo(broken))
                .hasMessageStartingWith(broken + ":2:");
    }

    private static void write(Path file, String content)
            throws IOException
    {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
