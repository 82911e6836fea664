-- 014_account_safety.sql: what issue 8 (3.2, 3.9) needs remembered about people.
--
-- known_devices: a browser that has logged in to an account before. Its cookie (ev_d) holds a
-- random 256-bit token; only the token's SHA-256 is stored, per account. The login throttle
-- lets a correct password from a known device through even while strangers' failed guesses
-- keep the account's other buckets full (a stranger can slow an account down, not lock its
-- owner out). Rows older than 180 days no longer count and are replaced at the next login.
CREATE TABLE known_devices (
	account_id   bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
	token_hash   bytea NOT NULL CHECK (length(token_hash) = 32),
	created_at   timestamptz NOT NULL DEFAULT now(),
	last_used_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (account_id, token_hash)
);

-- A listing suspended with its owner's account remembers the state it had, so that restoring
-- the account gives each listing back what it was (a paused listing stays paused); NULL for
-- every listing not suspended that way.
ALTER TABLE listings ADD COLUMN state_before_suspension text
	CHECK (state_before_suspension IN ('pending', 'approved', 'paused'));
-- listings the admins suspended with their owner before this column existed were approved or
-- paused; which one is lost, so they come back approved as before
