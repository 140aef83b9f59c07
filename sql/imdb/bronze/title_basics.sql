MODEL (
  name lake.bronze.title_basics,
  kind INCREMENTAL_BY_TIME_RANGE,
  time_column ds,
  start '2024-01-01',
  owner 'data-engineering',
  description 'IMDb titles (title.basics.tsv.gz), typed; one partition per landing day',
  checks (not_null(tconst), unique(tconst), row_count(min = 1)),
  table_properties (format = 'PARQUET')
);

-- The landing connector reads \N as NULL and infers column types (isadult, startyear and runtimeminutes are bigint,
-- endyear is varchar while every sample is \N); bronze keeps IMDb's names and gives each column its real type.
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
