package io.lakehouse.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The IMDb build of {@code sql/imdb} (bronze, silver, gold) written a third time, in Spark SQL as the seeds' Spark
 * job would run it: Spark in local mode reads the day's gzip TSV files from the local filesystem with its CSV reader
 * (every column a string, as the files come), and each model is written as Parquet and read back by the models that
 * use it, as the layers are persisted between Airflow tasks. The logic follows the models column by column.
 * <p>
 * Not run on its own: {@code BenchmarkImdbBuild} of the materializer's test sources starts it in a child JVM with
 * {@code <landing folder> <output folder> <ds> <master>} and reads one line per model ({@code model <table>
 * <seconds>}) and the totals ({@code build <wall seconds> <process CPU seconds>}) from its standard output.
 */
public final class SparkImdbBuild
{
    private static final List<String> LANDING_FILES = List.of("title_basics", "title_ratings", "title_crew", "title_principals", "name_basics");

    private final SparkSession spark;
    private final Path landing;
    private final Path output;
    private final LocalDate ds;

    private SparkImdbBuild(SparkSession spark, Path landing, Path output, LocalDate ds)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.landing = requireNonNull(landing, "landing is null");
        this.output = requireNonNull(output, "output is null");
        this.ds = requireNonNull(ds, "ds is null");
    }

    public static void main(String[] args)
    {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: SparkImdbBuild <landing folder> <output folder> <ds> <master, e.g. local[2]>");
        }
        SparkSession spark = SparkSession.builder()
                .appName("imdb-build")
                .master(args[3])
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                // the codec of the Parquet files Trino's Hive connector writes (etc/catalog/lake.properties), Spark's default
                .config("spark.sql.parquet.compression.codec", "snappy")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            new SparkImdbBuild(spark, Path.of(args[0]), Path.of(args[1]), LocalDate.parse(args[2])).build();
        }
        finally {
            spark.stop();
        }
    }

    private void build()
    {
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        for (String file : LANDING_FILES) {
            // IMDb's TSV: tab-separated, a header, \N for null and no quoting at all (titles have stray quotes)
            spark.read()
                    .option("sep", "\t")
                    .option("header", "true")
                    .option("quote", "")
                    .option("nullValue", "\\N")
                    .csv(landing.resolve(file).resolve("ds=" + ds).toString())
                    .createOrReplaceTempView("raw_" + file);
        }
        String day = "DATE '%s'".formatted(ds);
        Map<String, String> models = new LinkedHashMap<>();
        models.put("bronze.title_basics", """
                SELECT tconst, titleType AS titletype, primaryTitle AS primarytitle, originalTitle AS originaltitle, isAdult = '1' AS isadult,
                       CAST(startYear AS INT) AS startyear, CAST(endYear AS INT) AS endyear, CAST(runtimeMinutes AS INT) AS runtimeminutes,
                       genres, %s AS ds
                FROM raw_title_basics""".formatted(day));
        models.put("bronze.title_ratings", """
                SELECT tconst, CAST(averageRating AS DECIMAL(3, 1)) AS averagerating, CAST(numVotes AS INT) AS numvotes, %s AS ds
                FROM raw_title_ratings""".formatted(day));
        models.put("bronze.title_crew", """
                SELECT tconst, directors, writers, %s AS ds
                FROM raw_title_crew""".formatted(day));
        models.put("bronze.title_principals", """
                SELECT tconst, CAST(ordering AS INT) AS ordering, nconst, category, job, characters, %s AS ds
                FROM raw_title_principals""".formatted(day));
        models.put("bronze.name_basics", """
                SELECT nconst, primaryName AS primaryname, CAST(birthYear AS INT) AS birthyear, CAST(deathYear AS INT) AS deathyear,
                       primaryProfession AS primaryprofession, knownForTitles AS knownfortitles, %s AS ds
                FROM raw_name_basics""".formatted(day));
        models.put("silver.title_credits", """
                WITH credits AS (
                    SELECT tconst, 'director' AS category, CAST(NULL AS INT) AS ordering, director AS nconst, CAST(NULL AS STRING) AS job, CAST(NULL AS STRING) AS characters
                    FROM bronze_title_crew
                    LATERAL VIEW explode(split(directors, ',')) d AS director
                    UNION ALL
                    SELECT tconst, 'writer', NULL, writer, NULL, NULL
                    FROM bronze_title_crew
                    LATERAL VIEW explode(split(writers, ',')) w AS writer
                    UNION ALL
                    SELECT tconst, category, ordering, nconst, job, characters
                    FROM bronze_title_principals
                    WHERE category NOT IN ('director', 'writer')
                )
                SELECT t.tconst, t.titletype AS title_type, t.primarytitle AS primary_title, t.originaltitle AS original_title, t.isadult AS is_adult,
                       t.startyear AS start_year, t.endyear AS end_year, t.runtimeminutes AS runtime_minutes, split(t.genres, ',') AS genres,
                       r.averagerating AS average_rating, r.numvotes AS num_votes, c.category AS credit_category, c.ordering AS credit_ordering, c.nconst,
                       n.primaryname AS person_name, n.birthyear AS birth_year, n.deathyear AS death_year, c.job,
                       from_json(c.characters, 'array<string>') AS characters, t.ds
                FROM bronze_title_basics t
                LEFT JOIN bronze_title_ratings r ON r.tconst = t.tconst
                LEFT JOIN credits c ON c.tconst = t.tconst
                LEFT JOIN bronze_name_basics n ON n.nconst = c.nconst
                WHERE t.ds = %s""".formatted(day));
        models.put("gold.genre_ratings_by_decade", """
                WITH rated_titles AS (
                    SELECT DISTINCT tconst, primary_title, start_year, genres, average_rating, num_votes, ds
                    FROM silver_title_credits
                    WHERE average_rating IS NOT NULL AND start_year IS NOT NULL
                )
                SELECT genre, start_year DIV 10 * 10 AS decade, count(*) AS rated_titles, sum(num_votes) AS votes,
                       CAST(sum(average_rating * num_votes) AS DOUBLE) / sum(num_votes) AS weighted_rating,
                       CAST(sum(average_rating) AS DOUBLE) / count(average_rating) AS average_rating,
                       max_by(primary_title, struct(num_votes, tconst)) AS most_voted_title, ds
                FROM rated_titles
                LATERAL VIEW explode(genres) g AS genre
                GROUP BY genre, start_year DIV 10 * 10, ds""");
        models.put("gold.director_careers", """
                SELECT nconst, person_name AS director, birth_year, death_year, count(*) AS titles, count_if(title_type = 'movie') AS movies,
                       min(start_year) AS first_year, max(coalesce(end_year, start_year)) AS last_year,
                       max(coalesce(end_year, start_year)) - min(start_year) AS career_years, count(average_rating) AS rated_titles, sum(num_votes) AS votes,
                       CAST(sum(average_rating * num_votes) AS DOUBLE) / sum(num_votes) AS weighted_rating,
                       max_by(primary_title, struct(num_votes, tconst)) FILTER (WHERE num_votes IS NOT NULL) AS best_known_title, ds
                FROM silver_title_credits
                WHERE credit_category = 'director'
                GROUP BY nconst, person_name, birth_year, death_year, ds""");
        models.put("gold.prolific_actors", """
                SELECT rank() OVER (ORDER BY count(DISTINCT tconst) DESC) AS rank, nconst, person_name AS name, credit_category AS category,
                       count(DISTINCT tconst) AS titles,
                       count(DISTINCT tconst) FILTER (WHERE title_type = 'movie') AS movies,
                       count(DISTINCT tconst) FILTER (WHERE title_type IN ('tvSeries', 'tvMiniSeries', 'tvEpisode', 'tvMovie', 'tvSpecial', 'tvShort')) AS tv_titles,
                       min(start_year) AS first_year, max(start_year) AS last_year,
                       CAST(sum(average_rating) AS DOUBLE) / count(average_rating) AS average_rating,
                       max_by(primary_title, struct(num_votes, tconst)) FILTER (WHERE num_votes IS NOT NULL) AS best_known_title, ds
                FROM silver_title_credits
                WHERE credit_category IN ('actor', 'actress')
                GROUP BY nconst, person_name, credit_category, ds""");

        for (Map.Entry<String, String> model : models.entrySet()) {
            long modelStart = System.nanoTime();
            String location = output.resolve(model.getKey().replace('.', '/')).toString();
            spark.sql(model.getValue()).write().mode("overwrite").parquet(location);
            // the next layer reads what this one wrote, as a table of the lake
            Dataset<Row> written = spark.read().parquet(location);
            written.createOrReplaceTempView(model.getKey().replace('.', '_'));
            System.out.printf("model %s %.3f%n", model.getKey(), seconds(System.nanoTime() - modelStart));
        }
        System.out.printf("build %.3f %.3f%n", seconds(System.nanoTime() - start), seconds(processCpuNanos() - cpuBefore));
        System.out.flush();
    }

    private static long processCpuNanos()
    {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
    }

    private static double seconds(long nanos)
    {
        return nanos / 1e9;
    }
}
