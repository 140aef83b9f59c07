MODEL (
  name lake.gold.director_careers,
  kind FULL,
  description 'Every director''s career: titles directed (of them feature films), first and last year, rated titles and their votes, the rating weighted by votes and the best-known title (the most voted)',
  table_properties (format = 'PARQUET')
);

SELECT
  nconst,
  person_name AS director,
  birth_year,
  death_year,
  count(*) AS titles,
  count_if(title_type = 'movie') AS movies,
  min(start_year) AS first_year,
  max(coalesce(end_year, start_year)) AS last_year,
  max(coalesce(end_year, start_year)) - min(start_year) AS career_years,
  count(average_rating) AS rated_titles,
  sum(num_votes) AS votes,
  -- exact decimal sums and one division in double: the same value on every engine (round for display only)
  CAST(sum(average_rating * num_votes) AS double) / sum(num_votes) AS weighted_rating,
  -- the most voted title, ties broken by id so that every run names the same one
  max_by(primary_title, ROW(num_votes, tconst)) FILTER (WHERE num_votes IS NOT NULL) AS best_known_title,
  ds
FROM lake.silver.title_credits
WHERE credit_category = 'director'
GROUP BY nconst, person_name, birth_year, death_year, ds
