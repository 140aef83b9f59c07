MODEL (
  name lake.bronze.title_basics,
  kind FULL,
  description 'IMDb titles (title.basics.tsv.gz) of one landing snapshot, typed',
  table_properties (format = 'PARQUET')
);

-- Landing columns are varchar with \N already read as NULL; bronze keeps IMDb's names and gives them types.
SELECT
  tconst,
  titletype,
  primarytitle,
  originaltitle,
  CAST(isadult AS boolean) AS isadult,
  CAST(startyear AS integer) AS startyear,
  CAST(endyear AS integer) AS endyear,
  CAST(runtimeminutes AS integer) AS runtimeminutes,
  genres,
  ds
FROM lakehouse.landing.title_basics
WHERE ds = {{ ds }}
