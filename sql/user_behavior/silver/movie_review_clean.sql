MODEL (
  name lake.silver.movie_review_clean,
  kind INCREMENTAL_BY_TIME_RANGE,
  time_column insert_date,
  start '2024-01-01',
  description 'The day''s reviews classified as the seed''s Spark job does: the text lower-cased and split on white space (Spark''s Tokenizer), English stop words removed (Spark''s StopWordsRemover), positive when a remaining token is exactly "good"',
  table_properties (format = 'PARQUET')
);

WITH stop_words AS (
  -- Spark ML's default English stop words (StopWordsRemover.loadDefaultStopWords("english"))
  SELECT ARRAY[
    'i', 'me', 'my', 'myself', 'we', 'our', 'ours', 'ourselves', 'you', 'your', 'yours', 'yourself', 'yourselves',
    'he', 'him', 'his', 'himself', 'she', 'her', 'hers', 'herself', 'it', 'its', 'itself', 'they', 'them', 'their',
    'theirs', 'themselves', 'what', 'which', 'who', 'whom', 'this', 'that', 'these', 'those', 'am', 'is', 'are', 'was',
    'were', 'be', 'been', 'being', 'have', 'has', 'had', 'having', 'do', 'does', 'did', 'doing', 'a', 'an', 'the',
    'and', 'but', 'if', 'or', 'because', 'as', 'until', 'while', 'of', 'at', 'by', 'for', 'with', 'about', 'against',
    'between', 'into', 'through', 'during', 'before', 'after', 'above', 'below', 'to', 'from', 'up', 'down', 'in',
    'out', 'on', 'off', 'over', 'under', 'again', 'further', 'then', 'once', 'here', 'there', 'when', 'where', 'why',
    'how', 'all', 'any', 'both', 'each', 'few', 'more', 'most', 'other', 'some', 'such', 'no', 'nor', 'not', 'only',
    'own', 'same', 'so', 'than', 'too', 'very', 's', 't', 'can', 'will', 'just', 'don', 'should', 'now', 'i''ll',
    'you''ll', 'he''ll', 'she''ll', 'we''ll', 'they''ll', 'i''d', 'you''d', 'he''d', 'she''d', 'we''d', 'they''d',
    'i''m', 'you''re', 'he''s', 'she''s', 'it''s', 'we''re', 'they''re', 'i''ve', 'we''ve', 'you''ve', 'they''ve',
    'isn''t', 'aren''t', 'wasn''t', 'weren''t', 'haven''t', 'hasn''t', 'hadn''t', 'don''t', 'doesn''t', 'didn''t',
    'won''t', 'wouldn''t', 'shan''t', 'shouldn''t', 'mustn''t', 'can''t', 'couldn''t', 'cannot', 'could', 'here''s',
    'how''s', 'let''s', 'ought', 'that''s', 'there''s', 'what''s', 'when''s', 'where''s', 'who''s', 'why''s', 'would'
  ] AS words
),
tokenized AS (
  SELECT cid, regexp_split(lower(review_str), '\s') AS tokens, insert_date
  FROM lake.bronze.movie_review
  WHERE insert_date = {{ ds }}
),
cleaned AS (
  SELECT cid, filter(tokens, token -> NOT contains(s.words, token)) AS review_tokens, insert_date
  FROM tokenized
  CROSS JOIN stop_words s
)
SELECT
  cid,
  review_tokens,
  contains(review_tokens, 'good') AS positive_review,
  insert_date
FROM cleaned
