package io.lakehouse.materializer.pipeline;

import com.google.common.collect.ImmutableList;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The IMDb pipeline of {@code sql/imdb} written a second time, independently, in DuckDB's dialect: bronze reads the
 * day's raw files as S3Proxy stores them (one plain file per object under the bucket's folder) with DuckDB's own CSV
 * reader instead of the landing connector, silver and gold read the tables of the layer before. Each model has the
 * columns of its {@code sql/imdb} model, in the same order. {@link DuckDbPipelines} keeps the tables in memory; the
 * IMDb build benchmark writes them as Parquet.
 */
public final class ImdbDuckDbModels
{
    private ImdbDuckDbModels() {}

    /**
     * The models in dependency order, bronze over the files of {@code ds} under {@code landing}.
     */
    public static List<DuckDbModel> models(Path landing, LocalDate ds)
    {
        String day = "DATE '%s'".formatted(ds);
        return ImmutableList.of(
                new DuckDbModel("bronze_title_basics", """
                        SELECT tconst, titleType AS titletype, primaryTitle AS primarytitle, originalTitle AS originaltitle, isAdult = '1' AS isadult,
                               CAST(startYear AS INTEGER) AS startyear, CAST(endYear AS INTEGER) AS endyear, CAST(runtimeMinutes AS INTEGER) AS runtimeminutes,
                               genres, %s AS ds
                        FROM %s""".formatted(day, rawFile(landing, "title_basics", ds))),
                new DuckDbModel("bronze_title_ratings", """
                        SELECT tconst, CAST(averageRating AS DECIMAL(3, 1)) AS averagerating, CAST(numVotes AS INTEGER) AS numvotes, %s AS ds
                        FROM %s""".formatted(day, rawFile(landing, "title_ratings", ds))),
                new DuckDbModel("bronze_title_crew", """
                        SELECT tconst, directors, writers, %s AS ds
                        FROM %s""".formatted(day, rawFile(landing, "title_crew", ds))),
                new DuckDbModel("bronze_title_principals", """
                        SELECT tconst, CAST(ordering AS INTEGER) AS ordering, nconst, category, job, characters, %s AS ds
                        FROM %s""".formatted(day, rawFile(landing, "title_principals", ds))),
                new DuckDbModel("bronze_name_basics", """
                        SELECT nconst, primaryName AS primaryname, CAST(birthYear AS INTEGER) AS birthyear, CAST(deathYear AS INTEGER) AS deathyear,
                               primaryProfession AS primaryprofession, knownForTitles AS knownfortitles, %s AS ds
                        FROM %s""".formatted(day, rawFile(landing, "name_basics", ds))),
                new DuckDbModel("silver_title_credits", """
                        WITH credits AS (
                            SELECT tconst, 'director' AS category, CAST(NULL AS INTEGER) AS ordering, unnest(string_split(directors, ',')) AS nconst,
                                   CAST(NULL AS VARCHAR) AS job, CAST(NULL AS VARCHAR) AS characters
                            FROM bronze_title_crew
                            UNION ALL
                            SELECT tconst, 'writer', NULL, unnest(string_split(writers, ',')), NULL, NULL
                            FROM bronze_title_crew
                            UNION ALL
                            SELECT tconst, category, ordering, nconst, job, characters
                            FROM bronze_title_principals
                            WHERE category NOT IN ('director', 'writer')
                        )
                        SELECT t.tconst, t.titletype AS title_type, t.primarytitle AS primary_title, t.originaltitle AS original_title, t.isadult AS is_adult,
                               t.startyear AS start_year, t.endyear AS end_year, t.runtimeminutes AS runtime_minutes, string_split(t.genres, ',') AS genres,
                               r.averagerating AS average_rating, r.numvotes AS num_votes, c.category AS credit_category, c.ordering AS credit_ordering, c.nconst,
                               n.primaryname AS person_name, n.birthyear AS birth_year, n.deathyear AS death_year, c.job,
                               from_json(c.characters, '["VARCHAR"]') AS characters, t.ds
                        FROM bronze_title_basics t
                        LEFT JOIN bronze_title_ratings r ON r.tconst = t.tconst
                        LEFT JOIN credits c ON c.tconst = t.tconst
                        LEFT JOIN bronze_name_basics n ON n.nconst = c.nconst"""),
                new DuckDbModel("gold_genre_ratings_by_decade", """
                        WITH rated_titles AS (
                            SELECT DISTINCT tconst, primary_title, start_year, genres, average_rating, num_votes, ds
                            FROM silver_title_credits
                            WHERE average_rating IS NOT NULL AND start_year IS NOT NULL
                        ),
                        by_genre AS (
                            SELECT unnest(genres) AS genre, * EXCLUDE (genres) FROM rated_titles
                        )
                        SELECT genre, start_year // 10 * 10 AS decade, count(*) AS rated_titles, sum(num_votes) AS votes,
                               CAST(sum(average_rating * num_votes) AS DOUBLE) / sum(num_votes) AS weighted_rating,
                               CAST(sum(average_rating) AS DOUBLE) / count(average_rating) AS average_rating,
                               arg_max(primary_title, (num_votes, tconst)) AS most_voted_title, ds
                        FROM by_genre
                        GROUP BY genre, start_year // 10 * 10, ds"""),
                new DuckDbModel("gold_director_careers", """
                        SELECT nconst, person_name AS director, birth_year, death_year, count(*) AS titles, count_if(title_type = 'movie') AS movies,
                               min(start_year) AS first_year, max(coalesce(end_year, start_year)) AS last_year,
                               max(coalesce(end_year, start_year)) - min(start_year) AS career_years, count(average_rating) AS rated_titles, sum(num_votes) AS votes,
                               CAST(sum(average_rating * num_votes) AS DOUBLE) / sum(num_votes) AS weighted_rating,
                               arg_max(primary_title, (num_votes, tconst)) FILTER (WHERE num_votes IS NOT NULL) AS best_known_title, ds
                        FROM silver_title_credits
                        WHERE credit_category = 'director'
                        GROUP BY nconst, person_name, birth_year, death_year, ds"""),
                new DuckDbModel("gold_prolific_actors", """
                        SELECT rank() OVER (ORDER BY count(DISTINCT tconst) DESC) AS rank, nconst, person_name AS name, credit_category AS category,
                               count(DISTINCT tconst) AS titles,
                               count(DISTINCT tconst) FILTER (WHERE title_type = 'movie') AS movies,
                               count(DISTINCT tconst) FILTER (WHERE title_type IN ('tvSeries', 'tvMiniSeries', 'tvEpisode', 'tvMovie', 'tvSpecial', 'tvShort')) AS tv_titles,
                               min(start_year) AS first_year, max(start_year) AS last_year,
                               CAST(sum(average_rating) AS DOUBLE) / count(average_rating) AS average_rating,
                               arg_max(primary_title, (num_votes, tconst)) FILTER (WHERE num_votes IS NOT NULL) AS best_known_title, ds
                        FROM silver_title_credits
                        WHERE credit_category IN ('actor', 'actress')
                        GROUP BY nconst, person_name, credit_category, ds"""));
    }

    /**
     * IMDb's TSV: tab-separated, a header, no quoting at all (titles have stray quotes), {@code \N} for null; every
     * column read as text, as the files come.
     */
    private static String rawFile(Path landing, String dataset, LocalDate ds)
    {
        return "read_csv('%s', delim = '\\t', quote = '', escape = '', header = true, nullstr = '\\N', all_varchar = true)"
                .formatted(landing.resolve(dataset).resolve("ds=" + ds).resolve("*"));
    }
}
