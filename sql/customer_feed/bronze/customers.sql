MODEL (
  name lake.bronze.customers,
  kind INCREMENTAL_BY_TIME_RANGE,
  time_column ds,
  start '2024-01-01',
  description 'The customer feed of the run''s date (landing customer_feed, JSON lines) as Parquet: one row per changed customer, nested objects kept as rows and arrays; one partition per feed date',
  table_properties (format = 'PARQUET')
);

SELECT
  customer_id,
  updated_at,
  name,
  contact,
  address,
  loyalty,
  preferences,
  ds
FROM lakehouse.landing.customer_feed
WHERE ds = {{ ds }}
