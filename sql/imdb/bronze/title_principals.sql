MODEL (
  name lake.bronze.title_principals,
  kind FULL,
  description 'IMDb principal credits (title.principals.tsv.gz) of one landing snapshot, typed: cast and crew of each title in billing order, characters as the JSON array text of the file',
  table_properties (format = 'PARQUET')
);

SELECT
  tconst,
  CAST(ordering AS integer) AS ordering,
  nconst,
  category,
  job,
  characters,
  ds
FROM lakehouse.landing.title_principals
WHERE ds = {{ ds }}
