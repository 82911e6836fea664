-- 006_rate_sliding.sql: a rate limit counts the hits of the last window, wherever the clock
-- stands. Fixed windows (001) let twice the limit through across a window boundary, and made
-- "the 11th attempt in an hour" depend on what time it was. One row per hit; a bucket's rows
-- older than its window are deleted by its next hit.
DROP TABLE rate_limits;
CREATE TABLE rate_limits (
	bucket text NOT NULL,
	hit_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rate_limits_bucket ON rate_limits (bucket, hit_at);
