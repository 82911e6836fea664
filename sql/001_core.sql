-- 001_core.sql: the schema of the whole system. Rules live here too: foreign keys, CHECKs,
-- uniques, an exclusion constraint for bookings; the triggers that keep the ledger append-only
-- and balanced are in sql/defs/10_ledger.sql (see sql/README.md: migrations, re-applied
-- definitions, the generated schema.sql). Money is bigint minor units (halere), energy integer
-- Wh, power W, time timestamptz.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- ---------------------------------------------------------------- people
CREATE TABLE accounts (
	id                bigserial PRIMARY KEY,
	email             text NOT NULL UNIQUE
	                  CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
	display_name      text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
	phone             text CHECK (length(phone) <= 32),
	lang              text NOT NULL DEFAULT 'cs' CHECK (lang IN ('cs', 'en')),
	password_hash     text,                 -- argon2id (libsodium crypto_pwhash_str); NULL once deleted
	email_verified_at timestamptz,
	is_owner          boolean NOT NULL DEFAULT false,
	is_admin          boolean NOT NULL DEFAULT false,
	state             text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'suspended', 'deleted')),
	state_reason      text,
	created_at        timestamptz NOT NULL DEFAULT now(),
	deleted_at        timestamptz,
	CHECK ((state = 'deleted') = (deleted_at IS NOT NULL))
);

-- Only hashes of secrets are stored: the cookie holds a random 256-bit token.
CREATE TABLE web_sessions (
	id           bigserial PRIMARY KEY,
	account_id   bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
	token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	created_at   timestamptz NOT NULL DEFAULT now(),
	last_seen_at timestamptz NOT NULL DEFAULT now(),
	expires_at   timestamptz NOT NULL,
	revoked_at   timestamptz,
	ip           inet,
	user_agent   text CHECK (length(user_agent) <= 512)
);
CREATE INDEX web_sessions_account ON web_sessions (account_id);

-- Email verification and password reset links.
CREATE TABLE account_tokens (
	id          bigserial PRIMARY KEY,
	account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
	purpose     text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
	token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	created_at  timestamptz NOT NULL DEFAULT now(),
	expires_at  timestamptz NOT NULL,
	used_at     timestamptz
);

CREATE TABLE api_keys (
	id           bigserial PRIMARY KEY,
	account_id   bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
	name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
	prefix       text NOT NULL UNIQUE CHECK (prefix ~ '^[A-Za-z0-9]{8,16}$'),  -- shown to identify a key
	key_hash     bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
	scopes       text[] NOT NULL DEFAULT '{}'
	             CHECK (scopes <@ ARRAY['read:stations', 'read:account', 'write:charging', 'write:bookings']::text[]),
	created_at   timestamptz NOT NULL DEFAULT now(),
	last_used_at timestamptz,
	revoked_at   timestamptz
);

-- Fixed-window counters for throttling (login per IP and per account, OCPP auth failures...).
CREATE TABLE rate_limits (
	bucket       text NOT NULL,
	window_start timestamptz NOT NULL,
	hits         integer NOT NULL DEFAULT 0 CHECK (hits >= 0),
	PRIMARY KEY (bucket, window_start)
);

-- ---------------------------------------------------------------- listings
CREATE TABLE listings (
	id                  bigserial PRIMARY KEY,
	owner_id            bigint NOT NULL REFERENCES accounts,
	title               text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
	description         text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
	address             text NOT NULL CHECK (length(address) BETWEEN 3 AND 300),
	city                text NOT NULL DEFAULT '' CHECK (length(city) <= 80),
	lat                 double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
	lon                 double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
	access_instructions text NOT NULL DEFAULT '' CHECK (length(access_instructions) <= 2000),
	state               text NOT NULL DEFAULT 'draft'
	                    CHECK (state IN ('draft', 'pending', 'approved', 'rejected', 'paused', 'suspended', 'deleted')),
	state_reason        text CHECK (length(state_reason) <= 1000),  -- why rejected or suspended; the owner sees it
	auto_accept         boolean NOT NULL DEFAULT true,          -- bookings accepted without the owner
	created_at          timestamptz NOT NULL DEFAULT now(),
	updated_at          timestamptz NOT NULL DEFAULT now(),
	approved_at         timestamptz
);
CREATE INDEX listings_owner ON listings (owner_id);
CREATE INDEX listings_state ON listings (state, created_at);
-- The map's bounding-box index: a GiST on the built-in point type, only for what the map shows.
-- Chosen by measurement against btree (lat, lon): bench/spatial.sh prints both.
CREATE INDEX listings_geo ON listings USING gist (point(lon, lat)) WHERE state = 'approved';

CREATE TABLE connectors (
	listing_id   bigint NOT NULL REFERENCES listings ON DELETE CASCADE,
	connector_id integer NOT NULL CHECK (connector_id BETWEEN 1 AND 32),  -- OCPP connector number
	type         text NOT NULL CHECK (type IN ('type2', 'ccs2', 'chademo', 'schuko', 'gbt', 'type1', 'tesla')),
	max_power_w  integer NOT NULL CHECK (max_power_w BETWEEN 1000 AND 400000),
	-- live state, written by the bridge from StatusNotification
	status       text NOT NULL DEFAULT 'Unknown'
	             CHECK (status IN ('Available', 'Preparing', 'Charging', 'SuspendedEVSE', 'SuspendedEV',
	                               'Finishing', 'Reserved', 'Unavailable', 'Faulted', 'Unknown')),
	error_code   text NOT NULL DEFAULT 'NoError' CHECK (length(error_code) <= 50),
	status_info  text CHECK (length(status_info) <= 50),
	status_at    timestamptz,
	PRIMARY KEY (listing_id, connector_id)
);
CREATE INDEX connectors_type ON connectors (type, max_power_w);

CREATE TABLE tariffs (
	listing_id       bigint PRIMARY KEY REFERENCES listings ON DELETE CASCADE,
	currency         text NOT NULL DEFAULT 'CZK' CHECK (currency ~ '^[A-Z]{3}$'),
	price_per_kwh    bigint NOT NULL CHECK (price_per_kwh BETWEEN 0 AND 100000),  -- minor units per kWh
	idle_fee_per_min bigint NOT NULL DEFAULT 0 CHECK (idle_fee_per_min BETWEEN 0 AND 100000),
	idle_grace_min   integer NOT NULL DEFAULT 0 CHECK (idle_grace_min BETWEEN 0 AND 1440),
	session_fee      bigint NOT NULL DEFAULT 0 CHECK (session_fee BETWEEN 0 AND 1000000),
	updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tariffs_price ON tariffs (price_per_kwh);

-- Weekly windows in local time (Europe/Prague); ISO weekday 1 = Monday.
CREATE TABLE availability_windows (
	id         bigserial PRIMARY KEY,
	listing_id bigint NOT NULL REFERENCES listings ON DELETE CASCADE,
	weekday    smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	start_min  integer NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
	end_min    integer NOT NULL CHECK (end_min BETWEEN 1 AND 1440),
	CHECK (end_min > start_min),
	EXCLUDE USING gist (listing_id WITH =, weekday WITH =, int4range(start_min, end_min) WITH &&)
);

CREATE TABLE blocked_dates (
	listing_id bigint NOT NULL REFERENCES listings ON DELETE CASCADE,
	day        date NOT NULL,
	reason     text CHECK (length(reason) <= 200),
	PRIMARY KEY (listing_id, day)
);

-- ---------------------------------------------------------------- chargers (OCPP)
CREATE TABLE charge_points (
	id                 bigserial PRIMARY KEY,
	identity           text NOT NULL UNIQUE CHECK (identity ~ '^[A-Za-z0-9._-]{1,48}$'),
	listing_id         bigint UNIQUE REFERENCES listings ON DELETE SET NULL,
	password_hash      text NOT NULL,          -- argon2id of the 16-40 character OCPP password
	password_set_at    timestamptz NOT NULL DEFAULT now(),
	vendor             text CHECK (length(vendor) <= 20),
	model              text CHECK (length(model) <= 20),
	serial_number      text CHECK (length(serial_number) <= 25),
	firmware_version   text CHECK (length(firmware_version) <= 50),
	iccid              text CHECK (length(iccid) <= 20),
	imsi               text CHECK (length(imsi) <= 20),
	meter_type         text CHECK (length(meter_type) <= 25),
	meter_serial       text CHECK (length(meter_serial) <= 25),
	boot_state         text NOT NULL DEFAULT 'never' CHECK (boot_state IN ('never', 'accepted', 'pending', 'rejected')),
	last_boot_at       timestamptz,
	heartbeat_interval integer CHECK (heartbeat_interval > 0),
	online             boolean NOT NULL DEFAULT false,
	last_seen_at       timestamptz,
	-- connector 0: the charge point as a whole
	status             text NOT NULL DEFAULT 'Unknown'
	                   CHECK (status IN ('Available', 'Unavailable', 'Faulted', 'Unknown')),
	error_code         text NOT NULL DEFAULT 'NoError' CHECK (length(error_code) <= 50),
	status_at          timestamptz,
	created_at         timestamptz NOT NULL DEFAULT now()
);

-- Bridges that run (or ran): one row per node, refreshed while it lives.
CREATE TABLE bridge_nodes (
	node         text PRIMARY KEY CHECK (length(node) BETWEEN 1 AND 100),
	version      text NOT NULL DEFAULT '',
	started_at   timestamptz NOT NULL DEFAULT now(),
	last_seen_at timestamptz NOT NULL DEFAULT now()
);

-- The connection registry: which bridge holds which charger, and since when.
CREATE TABLE charge_point_connections (
	charge_point_id bigint PRIMARY KEY REFERENCES charge_points ON DELETE CASCADE,
	node            text NOT NULL REFERENCES bridge_nodes ON DELETE CASCADE,
	generation      bigint NOT NULL,
	remote_addr     text,
	connected_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE id_tags (
	id_tag       text PRIMARY KEY CHECK (length(id_tag) BETWEEN 1 AND 20),
	account_id   bigint REFERENCES accounts ON DELETE SET NULL,
	parent_id_tag text REFERENCES id_tags ON DELETE SET NULL,
	status       text NOT NULL DEFAULT 'Accepted' CHECK (status IN ('Accepted', 'Blocked', 'Expired', 'Invalid')),
	expires_at   timestamptz,
	label        text CHECK (length(label) <= 80),
	created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX id_tags_account ON id_tags (account_id);

-- Bookings. Two live bookings of one connector can never overlap: the database refuses it.
CREATE TABLE reservations (
	id                  bigserial PRIMARY KEY,
	listing_id          bigint NOT NULL,
	connector_id        integer NOT NULL,
	driver_id           bigint NOT NULL REFERENCES accounts,
	period              tstzrange NOT NULL
	                    CHECK (NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period)
	                           AND NOT lower_inf(period) AND NOT upper_inf(period)),
	state               text NOT NULL DEFAULT 'requested'
	                    CHECK (state IN ('requested', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show')),
	id_tag              text REFERENCES id_tags,
	ocpp_reservation_id integer UNIQUE,
	note                text CHECK (length(note) <= 500),
	created_at          timestamptz NOT NULL DEFAULT now(),
	updated_at          timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (listing_id, connector_id) REFERENCES connectors ON DELETE CASCADE,
	EXCLUDE USING gist (listing_id WITH =, connector_id WITH =, period WITH &&)
		WHERE (state IN ('requested', 'confirmed'))
);
CREATE INDEX reservations_driver ON reservations (driver_id, lower(period));

-- Charging sessions as the charger reports them. ocpp_tx_id is the id we hand the charger:
-- random, so it cannot be guessed from outside.
CREATE TABLE transactions (
	id               bigserial PRIMARY KEY,
	ocpp_tx_id       integer NOT NULL UNIQUE CHECK (ocpp_tx_id > 0),
	charge_point_id  bigint NOT NULL REFERENCES charge_points,
	connector_id     integer NOT NULL CHECK (connector_id >= 1),
	listing_id       bigint REFERENCES listings,
	account_id       bigint REFERENCES accounts,
	reservation_id   bigint REFERENCES reservations,
	id_tag           text NOT NULL CHECK (length(id_tag) BETWEEN 1 AND 20),
	started_at       timestamptz NOT NULL,
	meter_start_wh   bigint NOT NULL CHECK (meter_start_wh >= 0),
	stopped_at       timestamptz,
	meter_stop_wh    bigint CHECK (meter_stop_wh >= 0),
	stop_reason      text,
	stop_id_tag      text CHECK (length(stop_id_tag) <= 20),
	-- the tariff as it was when charging started
	currency         text NOT NULL DEFAULT 'CZK' CHECK (currency ~ '^[A-Z]{3}$'),
	price_per_kwh    bigint NOT NULL DEFAULT 0 CHECK (price_per_kwh >= 0),
	idle_fee_per_min bigint NOT NULL DEFAULT 0 CHECK (idle_fee_per_min >= 0),
	session_fee      bigint NOT NULL DEFAULT 0 CHECK (session_fee >= 0),
	created_at       timestamptz NOT NULL DEFAULT now(),
	CHECK ((stopped_at IS NULL) = (meter_stop_wh IS NULL)),
	-- a retried StartTransaction is the same transaction, not a new one
	UNIQUE (charge_point_id, connector_id, started_at, id_tag)
);
CREATE INDEX transactions_cp ON transactions (charge_point_id, started_at DESC);
CREATE INDEX transactions_account ON transactions (account_id, started_at DESC);
CREATE INDEX transactions_active ON transactions (charge_point_id) WHERE stopped_at IS NULL;

-- Every sampled value, units normalised (Wh, W, A, V, ...).
CREATE TABLE meter_values (
	id              bigserial PRIMARY KEY,
	charge_point_id bigint NOT NULL REFERENCES charge_points,
	connector_id    integer NOT NULL CHECK (connector_id >= 0),
	transaction_id  bigint REFERENCES transactions,
	sampled_at      timestamptz NOT NULL,
	measurand       text NOT NULL DEFAULT 'Energy.Active.Import.Register',
	context         text,
	phase           text,
	location        text,
	unit            text NOT NULL,
	value           double precision NOT NULL,
	received_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meter_values_tx ON meter_values (transaction_id, sampled_at) WHERE transaction_id IS NOT NULL;
CREATE INDEX meter_values_cp ON meter_values (charge_point_id, sampled_at);

-- Commands for chargers (web -> bridge): inserted pending, claimed by the bridge that holds the
-- charger, finished with the charger's answer.
CREATE TABLE ocpp_commands (
	id                bigserial PRIMARY KEY,
	charge_point_id   bigint NOT NULL REFERENCES charge_points ON DELETE CASCADE,
	action            text NOT NULL CHECK (action IN (
	                      'RemoteStartTransaction', 'RemoteStopTransaction', 'Reset', 'UnlockConnector',
	                      'ChangeAvailability', 'ChangeConfiguration', 'GetConfiguration', 'ClearCache',
	                      'TriggerMessage', 'ReserveNow', 'CancelReservation', 'SendLocalList',
	                      'GetLocalListVersion', 'SetChargingProfile', 'ClearChargingProfile',
	                      'GetCompositeSchedule', 'GetDiagnostics', 'UpdateFirmware', 'DataTransfer')),
	payload           jsonb NOT NULL DEFAULT '{}',
	state             text NOT NULL DEFAULT 'pending'
	                  CHECK (state IN ('pending', 'sent', 'accepted', 'rejected', 'error', 'timeout')),
	timeout_s         integer NOT NULL DEFAULT 30 CHECK (timeout_s BETWEEN 1 AND 3600),
	created_by        bigint REFERENCES accounts ON DELETE SET NULL,
	created_at        timestamptz NOT NULL DEFAULT now(),
	node              text,
	message_id        text CHECK (length(message_id) <= 36),
	sent_at           timestamptz,
	finished_at       timestamptz,
	response          jsonb,
	error_code        text,
	error_description text,
	CHECK ((state IN ('pending', 'sent')) = (finished_at IS NULL))
);
CREATE INDEX ocpp_commands_pending ON ocpp_commands (charge_point_id, id) WHERE state IN ('pending', 'sent');

-- The raw conversation with each charger (admins read the recent part of it).
CREATE TABLE ocpp_messages (
	id              bigserial PRIMARY KEY,
	charge_point_id bigint NOT NULL REFERENCES charge_points ON DELETE CASCADE,
	at              timestamptz NOT NULL DEFAULT now(),
	direction       text NOT NULL CHECK (direction IN ('in', 'out')),
	message_type    smallint NOT NULL CHECK (message_type IN (2, 3, 4)),
	unique_id       text NOT NULL,
	action          text,
	payload         jsonb NOT NULL
);
CREATE INDEX ocpp_messages_cp ON ocpp_messages (charge_point_id, id DESC);

CREATE TABLE security_events (
	id              bigserial PRIMARY KEY,
	at              timestamptz NOT NULL DEFAULT now(),
	charge_point_id bigint REFERENCES charge_points ON DELETE SET NULL,
	identity        text,
	remote_addr     text,
	kind            text NOT NULL CHECK (length(kind) BETWEEN 1 AND 50),
	detail          text CHECK (length(detail) <= 2000)
);
CREATE INDEX security_events_cp ON security_events (charge_point_id, id DESC);

-- The append-only event log every live page and app reads (getEventsSince).
CREATE TABLE events (
	id              bigserial PRIMARY KEY,
	at              timestamptz NOT NULL DEFAULT now(),
	kind            text NOT NULL CHECK (kind ~ '^[a-z_.]{1,50}$'),
	charge_point_id bigint REFERENCES charge_points ON DELETE SET NULL,
	listing_id      bigint REFERENCES listings ON DELETE SET NULL,
	transaction_id  bigint REFERENCES transactions,
	data            jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX events_listing ON events (listing_id, id) WHERE listing_id IS NOT NULL;

-- ---------------------------------------------------------------- money
-- Double-entry ledger: an entry's postings sum to zero; postings are never changed or deleted;
-- every external reference is unique so nothing is applied twice.
CREATE TABLE ledger_accounts (
	id         bigserial PRIMARY KEY,
	kind       text NOT NULL CHECK (kind IN ('wallet', 'hold', 'owner_earnings', 'platform_fees',
	                                         'gopay_clearing', 'payouts')),
	account_id bigint REFERENCES accounts,
	currency   text NOT NULL DEFAULT 'CZK' CHECK (currency ~ '^[A-Z]{3}$'),
	UNIQUE NULLS NOT DISTINCT (kind, account_id, currency),
	CHECK ((kind IN ('platform_fees', 'gopay_clearing')) = (account_id IS NULL))
);

CREATE TABLE ledger_entries (
	id           bigserial PRIMARY KEY,
	at           timestamptz NOT NULL DEFAULT now(),
	kind         text NOT NULL CHECK (kind IN ('topup', 'hold', 'release', 'charge', 'refund', 'payout', 'adjustment')),
	external_ref text UNIQUE CHECK (length(external_ref) <= 100),  -- e.g. 'gopay:3000012345', 'tx:4711'
	memo         text CHECK (length(memo) <= 500),
	created_by   bigint REFERENCES accounts
);

CREATE TABLE ledger_postings (
	id                bigserial PRIMARY KEY,
	entry_id          bigint NOT NULL REFERENCES ledger_entries,
	ledger_account_id bigint NOT NULL REFERENCES ledger_accounts,
	amount            bigint NOT NULL CHECK (amount <> 0),
	currency          text NOT NULL CHECK (currency ~ '^[A-Z]{3}$')
);
CREATE INDEX ledger_postings_account ON ledger_postings (ledger_account_id, id);
CREATE INDEX ledger_postings_entry ON ledger_postings (entry_id);

-- (append-only and balanced: the triggers are in sql/defs/10_ledger.sql, re-applied after every migrate)

CREATE TABLE payments (
	id              bigserial PRIMARY KEY,
	account_id      bigint NOT NULL REFERENCES accounts,
	provider        text NOT NULL DEFAULT 'gopay' CHECK (provider IN ('gopay')),
	provider_id     bigint UNIQUE,                 -- GoPay payment id
	order_number    text NOT NULL UNIQUE CHECK (length(order_number) <= 128),
	amount          bigint NOT NULL CHECK (amount > 0),
	currency        text NOT NULL DEFAULT 'CZK' CHECK (currency ~ '^[A-Z]{3}$'),
	state           text NOT NULL DEFAULT 'CREATED' CHECK (length(state) <= 32),  -- GoPay's state, as fetched
	gateway_url     text,
	ledger_entry_id bigint REFERENCES ledger_entries,
	created_at      timestamptz NOT NULL DEFAULT now(),
	updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_account ON payments (account_id, created_at DESC);

-- ---------------------------------------------------------------- audit
CREATE TABLE audit_log (
	id          bigserial PRIMARY KEY,
	at          timestamptz NOT NULL DEFAULT now(),
	actor_id    bigint REFERENCES accounts,    -- NULL: the system or the admin CLI
	action      text NOT NULL CHECK (action ~ '^[a-z_.]{1,60}$'),
	target_type text CHECK (target_type IN ('account', 'listing', 'charge_point', 'payment', 'reservation', 'transaction')),
	target_id   bigint,
	reason      text CHECK (length(reason) <= 1000),
	detail      jsonb NOT NULL DEFAULT '{}',
	ip          inet
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, id DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id DESC);
-- (its append-only trigger, like the ledger's: sql/defs/10_ledger.sql)
