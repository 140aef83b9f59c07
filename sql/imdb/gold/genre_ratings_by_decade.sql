MODEL (
  name lake.gold.genre_ratings_by_decade,
  kind FULL,
  description 'How each genre rates, decade by decade: rated titles, their votes, the rating weighted by votes (a title with 100,000 votes counts 100,000 times) next to the plain average, and the most voted title. A title counts once in each of its genres.',
  table_properties (format = 'PARQUET')
);

WITH rated_titles AS (
  SELECT DISTINCT tconst, primary_title, start_year, genres, average_rating, num_votes, ds
  FROM lake.silver.title_credits
  WHERE average_rating IS NOT NULL AND start_year IS NOT NULL
)
SELECT
  genre,
  start_year / 10 * 10 AS decade,
  count(*) AS rated_titles,
  sum(num_votes) AS votes,
  -- exact decimal sums and one division in double: the same value on every engine (round for display only)
  CAST(sum(average_rating * num_votes) AS double) / sum(num_votes) AS weighted_rating,
  CAST(sum(average_rating) AS double) / count(average_rating) AS average_rating,
  -- ties broken by id, so every run names the same title
  max_by(primary_title, ROW(num_votes, tconst)) AS most_voted_title,
  ds
FROM rated_titles
CROSS JOIN UNNEST(genres) AS g (genre)
GROUP BY genre, start_year / 10 * 10, ds
