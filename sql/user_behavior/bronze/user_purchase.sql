MODEL (
  name lake.bronze.user_purchase,
  kind INCREMENTAL_BY_TIME_RANGE,
  time_column insert_date,
  start '2024-01-01',
  description 'The day''s purchases read from the shop''s OLTP database (PostgreSQL retail.user_purchase) as the seed unloads them: invoice lines with a quantity above 2, invoiced on the run''s date; one partition per insert date',
  table_properties (format = 'PARQUET')
);

-- A range on invoice_date, not a cast of it, so the PostgreSQL connector pushes it down to the database's index.
SELECT
  invoice_number,
  stock_code,
  detail,
  quantity,
  -- the lake's tables keep timestamps in milliseconds; the shop records minutes
  CAST(invoice_date AS timestamp(3)) AS invoice_date,
  unit_price,
  customer_id,
  country,
  {{ ds }} AS insert_date
FROM retail.retail.user_purchase
WHERE quantity > 2
  AND invoice_date >= CAST({{ ds }} AS timestamp)
  AND invoice_date < CAST({{ ds }} + INTERVAL '1' DAY AS timestamp)
