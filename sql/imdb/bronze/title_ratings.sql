MODEL (
  name lake.bronze.title_ratings,
  kind FULL,
  description 'IMDb ratings (title.ratings.tsv.gz) of one landing snapshot, typed: the weighted average of the votes (1.0 to 10.0) and their number',
  table_properties (format = 'PARQUET')
);

SELECT
  tconst,
  CAST(averagerating AS decimal(3, 1)) AS averagerating,
  CAST(numvotes AS integer) AS numvotes,
  ds
FROM lakehouse.landing.title_ratings
WHERE ds = {{ ds }}
