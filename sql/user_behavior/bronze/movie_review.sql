MODEL (
  name lake.bronze.movie_review,
  kind INCREMENTAL_BY_TIME_RANGE,
  time_column insert_date,
  start '2024-01-01',
  description 'The movie review vendor''s file of the run''s date (landing movie_review), typed: the reviewing customer and the review''s text; one partition per insert date',
  table_properties (format = 'PARQUET')
);

SELECT
  CAST(cid AS integer) AS cid,
  review_str,
  ds AS insert_date
FROM lakehouse.landing.movie_review
WHERE ds = {{ ds }}
