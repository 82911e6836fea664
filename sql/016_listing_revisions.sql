-- 016_listing_revisions.sql: what a host and a driver ran into (issue 8, items 4.1 and 4.2).
--
-- 4.1 A charger password the owner generates is shown once, on the listing page the POST
-- redirects to (post/redirect/get): the POST stores its hash on charge_points and the plaintext
-- here; the next GET of the listing page by that owner takes it out (DELETE ... RETURNING), so
-- a reload never shows it again and never makes another one. A row nobody came for is useless
-- after ten minutes and is removed by the next one written.
CREATE TABLE listing_secret_once (
	listing_id bigint PRIMARY KEY REFERENCES listings ON DELETE CASCADE,
	account_id bigint NOT NULL REFERENCES accounts,
	secret     text NOT NULL CHECK (length(secret) BETWEEN 8 AND 64),
	expires_at timestamptz NOT NULL DEFAULT now() + interval '10 minutes'
);

-- 4.2 Only a change of how a listing looks to the public (title, description, address, city,
-- the pin) needs an admin's eye again. On a listing that is published (or paused after being
-- published) such a change waits here, and the approved version stays public (map, charger
-- page) until an admin approves the new one; prices, fees, hours, blocked days, access
-- instructions and the booking mode apply at once. A rejected revision stays (with the reason,
-- for the owner) until the owner edits again. One revision per listing: a new edit replaces it.
CREATE TABLE listing_revisions (
	listing_id   bigint PRIMARY KEY REFERENCES listings ON DELETE CASCADE,
	title        text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
	description  text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
	address      text NOT NULL CHECK (length(address) BETWEEN 3 AND 300),
	city         text NOT NULL DEFAULT '' CHECK (length(city) <= 80),
	lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
	lon          double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
	state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
	state_reason text CHECK (length(state_reason) <= 1000),
	created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX listing_revisions_pending ON listing_revisions (created_at) WHERE state = 'pending';

-- (listing_update, which since 016 keeps a published listing's look public while a new one
-- waits here, and listing_moderate: sql/defs/50_listings.sql, re-applied after every migrate)
