MODEL (
  name lake.silver.title_credits,
  kind FULL,
  description 'IMDb as one big table: one row per credit of a title (each director and writer of title.crew, each principal of title.principals other than directors and writers, whom title.crew lists completely) with the title, its genres and rating and the person''s name and years; a title without credits has one row with empty credit columns',
  table_properties (format = 'PARQUET'),
  -- the row count is published, the column statistics not: the gold models only scan this table, and collecting
  -- them (distinct values, nulls, min, max of 20 columns) is 13 % of its query CPU by profile (scale 0.25, warm run:
  -- 216 of 1,660 samples, approx_distinct most of it, about 2.8 s of 21.7 s); query CPU 18.1-22.4 s with them and
  -- 17.8-18.7 s without in five runs on a shared machine
  column_statistics false
);

WITH credits AS (
  -- the comma-joined people of title.crew, exploded: one row per director and per writer
  SELECT tconst, 'director' AS category, CAST(NULL AS integer) AS ordering, director AS nconst, CAST(NULL AS varchar) AS job, CAST(NULL AS varchar) AS characters
  FROM lake.bronze.title_crew
  CROSS JOIN UNNEST(split(directors, ',')) AS d (director)
  UNION ALL
  SELECT tconst, 'writer', NULL, writer, NULL, NULL
  FROM lake.bronze.title_crew
  CROSS JOIN UNNEST(split(writers, ',')) AS w (writer)
  UNION ALL
  SELECT tconst, category, ordering, nconst, job, characters
  FROM lake.bronze.title_principals
  WHERE category NOT IN ('director', 'writer')
)
SELECT
  t.tconst,
  t.titletype AS title_type,
  t.primarytitle AS primary_title,
  t.originaltitle AS original_title,
  t.isadult AS is_adult,
  t.startyear AS start_year,
  t.endyear AS end_year,
  t.runtimeminutes AS runtime_minutes,
  split(t.genres, ',') AS genres,
  r.averagerating AS average_rating,
  r.numvotes AS num_votes,
  c.category AS credit_category,
  c.ordering AS credit_ordering,
  c.nconst,
  n.primaryname AS person_name,
  n.birthyear AS birth_year,
  n.deathyear AS death_year,
  c.job,
  CAST(json_parse(c.characters) AS array(varchar)) AS characters,
  t.ds
FROM lake.bronze.title_basics t
LEFT JOIN lake.bronze.title_ratings r ON r.tconst = t.tconst
LEFT JOIN credits c ON c.tconst = t.tconst
LEFT JOIN lake.bronze.name_basics n ON n.nconst = c.nconst
-- bronze title_basics keeps a partition per landing snapshot; the other bronze tables hold the latest one
WHERE t.ds = {{ ds }}
