MODEL (
  name lake.gold.prolific_actors,
  kind FULL,
  description 'Actors and actresses by number of titles they are billed in, ranked (rank 1 is the most prolific; ties share a rank): feature films and TV titles among them, active years, their titles'' average rating and the best-known title (the most voted)',
  table_properties (format = 'PARQUET')
);

SELECT
  rank() OVER (ORDER BY count(DISTINCT tconst) DESC) AS rank,
  nconst,
  person_name AS name,
  credit_category AS category,
  count(DISTINCT tconst) AS titles,
  count(DISTINCT tconst) FILTER (WHERE title_type = 'movie') AS movies,
  count(DISTINCT tconst) FILTER (WHERE title_type IN ('tvSeries', 'tvMiniSeries', 'tvEpisode', 'tvMovie', 'tvSpecial', 'tvShort')) AS tv_titles,
  min(start_year) AS first_year,
  max(start_year) AS last_year,
  -- an exact decimal sum and one division in double: the same value on every engine (round for display only)
  CAST(sum(average_rating) AS double) / count(average_rating) AS average_rating,
  -- the most voted title, ties broken by id so that every run names the same one
  max_by(primary_title, ROW(num_votes, tconst)) FILTER (WHERE num_votes IS NOT NULL) AS best_known_title,
  ds
FROM lake.silver.title_credits
WHERE credit_category IN ('actor', 'actress')
GROUP BY nconst, person_name, credit_category, ds
