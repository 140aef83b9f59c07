MODEL (
  name lake.bronze.name_basics,
  kind FULL,
  description 'IMDb people (name.basics.tsv.gz) of one landing snapshot, typed; professions and known-for titles comma-joined as in the file',
  table_properties (format = 'PARQUET')
);

SELECT
  nconst,
  primaryname,
  CAST(birthyear AS integer) AS birthyear,
  CAST(deathyear AS integer) AS deathyear,
  primaryprofession,
  knownfortitles,
  ds
FROM lakehouse.landing.name_basics
WHERE ds = {{ ds }}
