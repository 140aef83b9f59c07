MODEL (
  name lake.silver.customers,
  kind INCREMENTAL_BY_TIME_RANGE,
  time_column ds,
  start '2024-01-01',
  description 'The customer feed of the run''s date flattened: one column per nested field (name, contact, address, loyalty, preferences), the marketing channels an array',
  table_properties (format = 'PARQUET')
);

SELECT
  customer_id,
  name.first AS first_name,
  name.last AS last_name,
  contact.email AS email,
  contact.phone AS phone,
  address.street AS street,
  address.city AS city,
  address.postal_code AS postal_code,
  address.country AS country,
  loyalty.tier AS loyalty_tier,
  loyalty.points AS loyalty_points,
  loyalty.member_since AS member_since,
  preferences.newsletter AS newsletter,
  preferences.channels AS marketing_channels,
  updated_at,
  ds
FROM lake.bronze.customers
WHERE ds = {{ ds }}
