MODEL (
  name lake.gold.user_behavior_metric,
  kind INCREMENTAL_BY_TIME_RANGE,
  time_column insert_date,
  start '2024-01-01',
  description 'Per customer and day (the seed''s user_behavior_metric): what the customer spent on the day''s purchases with a quantity above 2, how many of the day''s reviews they wrote and how many of those are positive; customers who both bought and reviewed that day. Blocking check: the day has at least one row.',
  -- blocking: a day without rows (or with a customer twice) fails the run and the published table stays as it was
  checks (row_count(min = 1), not_null(customerid), unique(customerid)),
  table_properties (format = 'PARQUET')
);

-- Both sides are aggregated per customer before the join; the seed joins the rows first, which multiplies a
-- customer's spend by their number of reviews and their review count by their number of purchase lines.
WITH purchases AS (
  SELECT customer_id AS customerid, sum(quantity * unit_price) AS amount_spent
  FROM lake.bronze.user_purchase
  WHERE insert_date = {{ ds }} AND customer_id IS NOT NULL
  GROUP BY customer_id
),
reviews AS (
  SELECT cid AS customerid, count_if(positive_review) AS review_score, count(*) AS review_count
  FROM lake.silver.movie_review_clean
  WHERE insert_date = {{ ds }}
  GROUP BY cid
)
SELECT
  p.customerid,
  CAST(p.amount_spent AS decimal(18, 5)) AS amount_spent,
  CAST(r.review_score AS integer) AS review_score,
  CAST(r.review_count AS integer) AS review_count,
  {{ ds }} AS insert_date
FROM purchases p
JOIN reviews r ON r.customerid = p.customerid
