MODEL (
  name lake.bronze.movie_review,
  kind FULL,
  description 'The movie review vendor''s file of the run''s date (landing movie_review), typed: the reviewing customer and the review''s text; one partition per insert date',
  table_properties (format = 'PARQUET', partitioned_by = ARRAY['insert_date'])
);

SELECT
  CAST(cid AS integer) AS cid,
  review_str,
  ds AS insert_date
FROM lakehouse.landing.movie_review
WHERE ds = {{ ds }}
