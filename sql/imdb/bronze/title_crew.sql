MODEL (
  name lake.bronze.title_crew,
  kind FULL,
  description 'IMDb crews (title.crew.tsv.gz) of one landing snapshot: the nconsts of each title''s directors and writers, comma-joined as in the file',
  table_properties (format = 'PARQUET')
);

SELECT
  tconst,
  directors,
  writers,
  ds
FROM lakehouse.landing.title_crew
WHERE ds = {{ ds }}
