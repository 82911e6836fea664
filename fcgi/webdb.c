/*
 * webdb.c - the process's one PostgreSQL connection and every statement the web side runs,
 * in one table indexed by enum stmt (openradtool's way), prepared once per connection.
 * A lost connection (PostgreSQL restarted) is re-established on the next query.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "evshare.h"

static const struct db_stmt stmts[S__MAX + 1] = {
	/* ---- issue 10/4: RFID cards (cards.c). $1 account: id, UID, label, status, blocked by an
	 * admin, added (Europe/Prague) */
	[S_CARD_LIST] = { "card_list",
		"SELECT id, id_tag, coalesce(label, ''), status, blocked_by_admin, "
		"to_char(created_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY') FROM id_tags "
		"WHERE account_id = $1::bigint ORDER BY created_at, id" },
	/* $1 account, $2 UID, $3 label ('' none), $4 most cards: how many the account had, and the
	 * new card's id, NULL when it had $4 already or the UID is anyone's in any case (id_tags_upper) */
	[S_CARD_ADD] = { "card_add",
		"WITH n AS (SELECT count(*) AS n FROM id_tags WHERE account_id = $1::bigint), "
		"ins AS (INSERT INTO id_tags (id_tag, account_id, label) SELECT $2, $1::bigint, nullif($3, '') "
		"  FROM n WHERE n.n < $4::int ON CONFLICT DO NOTHING RETURNING id) "
		"SELECT (SELECT n FROM n), (SELECT id FROM ins)" },
	/* $1 card, $2 account, $3 'Accepted' or 'Blocked': a row when the card is the account's:
	 * blocked by an admin (then unchanged), changed */
	[S_CARD_STATE] = { "card_state",
		"WITH t AS (SELECT id, blocked_by_admin FROM id_tags WHERE id = $1::bigint AND account_id = $2::bigint), "
		"u AS (UPDATE id_tags SET status = $3 WHERE id IN (SELECT id FROM t WHERE NOT blocked_by_admin) "
		"  AND status IN ('Accepted', 'Blocked') RETURNING id) "
		"SELECT t.blocked_by_admin, u.id IS NOT NULL FROM t LEFT JOIN u ON u.id = t.id" },
	/* $1 card, $2 account: a row when the card is the account's: blocked by an admin, deleted
	 * (not when an admin blocked it, nor when a booking names it; transactions keep the text) */
	/* $1 account (any state: an admin sees a suspended person's cards too) */
	[S_ADMIN_CARD_ACCOUNT] = { "admin_card_account",
		"SELECT email, display_name FROM accounts WHERE id = $1::bigint AND state <> 'deleted'" },
	/* $1 card: its account */
	[S_ADMIN_CARD_OWNER] = { "admin_card_owner",
		"SELECT account_id FROM id_tags WHERE id = $1::bigint AND account_id IS NOT NULL" },
	/* $1 card, $2 true block / false unblock (an admin's: blocked_by_admin follows) */
	[S_ADMIN_CARD_STATE] = { "admin_card_state",
		"UPDATE id_tags SET status = CASE WHEN $2::boolean THEN 'Blocked' ELSE 'Accepted' END, "
		"blocked_by_admin = $2::boolean WHERE id = $1::bigint AND status IN ('Accepted', 'Blocked') RETURNING id" },
	[S_CARD_DELETE] = { "card_delete",
		"WITH t AS (SELECT id, id_tag, blocked_by_admin FROM id_tags WHERE id = $1::bigint AND account_id = $2::bigint), "
		"d AS (DELETE FROM id_tags WHERE id IN (SELECT t.id FROM t WHERE NOT t.blocked_by_admin "
		"  AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.id_tag = t.id_tag)) RETURNING id) "
		"SELECT t.blocked_by_admin, d.id IS NOT NULL FROM t LEFT JOIN d ON d.id = t.id" },
	/* $1 the xmin of the snapshot the process's copy of map_listings is as of ('0': none yet):
	 * the snapshot's xmin, then every map row and tombstone written by a transaction from $1 on
	 * (written_by: sql/007_map_rev.sql says why; map_stamp, sql/defs/40_map.sql, sets it), in one statement so in one snapshot. Nothing changed: one row
	 * with the xmin and NULLs. A tombstone: NULL lon. The upper bound is true of every row the
	 * snapshot sees; it is there for the generic plan, whose estimate for an open range would
	 * be a third of the table (a sequential scan), and for a closed one is 0.5 % (the index). */
	[S_MAP_CHANGES] = { "map_changes",
		"SELECT s.xmin, m.* FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin) AS s "
		"LEFT JOIN LATERAL ("
		"  SELECT listing_id, lon, lat, price_per_kwh, status, array_to_string(connector_types, ' '), "
		"    array_to_string(connector_watts, ' '), feature FROM map_listings "
		"  WHERE written_by >= $1::xid8 AND written_by < pg_snapshot_xmax(pg_current_snapshot()) "
		"  UNION ALL "
		"  SELECT listing_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM map_gone "
		"  WHERE written_by >= $1::xid8 AND written_by < pg_snapshot_xmax(pg_current_snapshot())"
		") AS m ON true" },
	/* $1 listing: the whole charger page in one round trip. Columns 16 and 17 are the
	 * connectors "id type watts status,..." (status Unknown unless the charger is online; as
	 * charger_connectors) and the weekly windows "weekday start end,..." (as charger_windows),
	 * each in display order; every part is a number or a word from a CHECK list. */
	[S_CHARGER] = { "charger",
		"SELECT l.id, l.title, l.description, l.address, l.city, l.lat, l.lon, "
		"a.display_name, t.price_per_kwh, t.currency, t.idle_fee_per_min, t.idle_grace_min, "
		"t.session_fee, l.auto_accept, "
		"CASE WHEN cp.id IS NULL OR cp.last_seen_at IS NULL THEN 'unknown' "
		"WHEN NOT cp.online THEN 'offline' "
		"WHEN k.any_available THEN 'available' "
		"WHEN k.any_charging THEN 'charging' "
		"ELSE 'offline' END, "
		"coalesce(to_char(cp.last_seen_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI'), ''), "
		"coalesce(k.connectors, ''), "
		"coalesce((SELECT string_agg(w.weekday || ' ' || w.start_min || ' ' || w.end_min, ',' "
		"  ORDER BY w.weekday, w.start_min) FROM availability_windows w WHERE w.listing_id = l.id), '') "
		"FROM listings l JOIN accounts a ON a.id = l.owner_id "
		"JOIN tariffs t ON t.listing_id = l.id "
		"LEFT JOIN charge_points cp ON cp.listing_id = l.id "
		"CROSS JOIN LATERAL (SELECT bool_or(c.status = 'Available') AS any_available, "
		"  bool_or(c.status IN ('Preparing','Charging','SuspendedEV','SuspendedEVSE','Finishing','Reserved')) AS any_charging, "
		"  string_agg(c.connector_id || ' ' || c.type || ' ' || c.max_power_w || ' ' || "
		"    CASE WHEN cp.id IS NULL OR cp.last_seen_at IS NULL OR NOT cp.online THEN 'Unknown' ELSE c.status END, "
		"    ',' ORDER BY c.connector_id) AS connectors "
		"  FROM connectors c WHERE c.listing_id = l.id) AS k "
		"WHERE l.id = $1::bigint AND l.state = 'approved'" },
	[S_CHARGER_CONNECTORS] = { "charger_connectors",
		"SELECT c.connector_id, c.type, c.max_power_w, "
		"CASE WHEN cp.id IS NULL OR cp.last_seen_at IS NULL OR NOT cp.online THEN 'Unknown' ELSE c.status END "
		"FROM connectors c LEFT JOIN charge_points cp ON cp.listing_id = c.listing_id "
		"WHERE c.listing_id = $1::bigint ORDER BY c.connector_id" },
	[S_CHARGER_WINDOWS] = { "charger_windows",
		"SELECT weekday, start_min, end_min FROM availability_windows "
		"WHERE listing_id = $1::bigint ORDER BY weekday, start_min" },
	[S_HEALTH] = { "health",
		"SELECT (SELECT max(version) FROM schema_migrations), "
		"(SELECT to_char(max(last_seen_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM bridge_nodes), "
		"(SELECT extract(epoch FROM now() - max(last_seen_at))::int FROM bridge_nodes), "
		"(SELECT count(*) FROM charge_points WHERE online)" },
	/* ---- accounts and sessions (session.c, account.c) */
	/* $1 token hash: the live session and its person; last_seen_at is written at most every
	 * 5 minutes, so a page view is a read, not a commit */
	[S_SESSION_TOUCH] = { "session_touch",
		"WITH s AS (SELECT s.id, s.last_seen_at, a.id AS aid, a.display_name, a.email, "
		"  a.is_owner, a.is_admin, a.email_verified_at IS NOT NULL AS verified, a.lang "
		"  FROM web_sessions s JOIN accounts a ON a.id = s.account_id "
		"  WHERE s.token_hash = $1::bytea AND s.revoked_at IS NULL "
		"  AND s.expires_at > now() AND a.state = 'active'), "
		"t AS (UPDATE web_sessions w SET last_seen_at = now() FROM s "
		"  WHERE w.id = s.id AND s.last_seen_at < now() - interval '5 minutes') "
		"SELECT id, aid, display_name, email, is_owner, is_admin, verified, lang FROM s" },
	/* $1 account, $2 token hash, $3 days, $4 ip, $5 user agent */
	[S_SESSION_NEW] = { "session_new",
		"INSERT INTO web_sessions (account_id, token_hash, expires_at, ip, user_agent) "
		"VALUES ($1::bigint, $2::bytea, now() + $3::int * interval '1 day', $4::inet, left($5, 512)) "
		"RETURNING id" },
	/* $1 session id, $2 account (a person revokes only their own) */
	[S_SESSION_REVOKE] = { "session_revoke",
		"UPDATE web_sessions SET revoked_at = now() WHERE id = $1::bigint AND account_id = $2::bigint "
		"AND revoked_at IS NULL RETURNING id" },
	/* $1 account: every session ends (password reset, deletion, suspension) */
	[S_SESSION_REVOKE_ALL] = { "session_revoke_all",
		"UPDATE web_sessions SET revoked_at = now() WHERE account_id = $1::bigint AND revoked_at IS NULL" },
	/* $1 account */
	[S_SESSION_LIST] = { "session_list",
		"SELECT id, to_char(created_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI'), "
		"to_char(last_seen_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI'), "
		"coalesce(host(ip), ''), coalesce(user_agent, '') FROM web_sessions "
		"WHERE account_id = $1::bigint AND revoked_at IS NULL AND expires_at > now() "
		"ORDER BY last_seen_at DESC LIMIT 50" },
	/* $1 bucket, $2 window seconds, $3 the most hits allowed in it: hits in the last window
	 * counting this one, and seconds until it is under the limit again (until the $3-th newest
	 * hit leaves the window). A hit over the limit is refused and not recorded, so a refused
	 * client cannot keep the window full by trickling (sql/006_rate_sliding.sql; issue 8, 3.2). */
	[S_RATE_HIT] = { "rate_hit",
		"WITH old AS (DELETE FROM rate_limits WHERE bucket = $1 "
		"AND hit_at <= now() - $2::int * interval '1 second'), "
		"h AS (SELECT hit_at FROM rate_limits WHERE bucket = $1 AND hit_at > now() - $2::int * interval '1 second'), "
		"n AS (SELECT count(*) AS n FROM h), "
		"hit AS (INSERT INTO rate_limits (bucket) SELECT $1 FROM n WHERE n.n < $3::int) "
		"SELECT n.n + 1, coalesce((SELECT ceil(extract(epoch FROM hit_at + $2::int * interval '1 second' - now()))::int "
		"  FROM h ORDER BY hit_at DESC OFFSET greatest($3::int - 1, 0) LIMIT 1), $2::int) FROM n" },
	/* $1 email */
	[S_ACCOUNT_BY_EMAIL] = { "account_by_email",
		"SELECT id, password_hash, state, display_name, email_verified_at IS NOT NULL, lang "
		"FROM accounts WHERE email = $1" },
	/* $1 email, $2 name, $3 hash, $4 lang; nothing when the e-mail is taken */
	[S_ACCOUNT_NEW] = { "account_new",
		"INSERT INTO accounts (email, display_name, password_hash, lang) VALUES ($1, $2, $3, $4) "
		"ON CONFLICT (email) DO NOTHING RETURNING id" },
	/* $1 account */
	[S_ACCOUNT_GET] = { "account_get",
		"SELECT email, display_name, coalesce(phone, ''), lang, email_verified_at IS NOT NULL, "
		"is_owner, is_admin, password_hash FROM accounts WHERE id = $1::bigint AND state = 'active'" },
	/* $1 account, $2 name, $3 phone, $4 lang */
	[S_ACCOUNT_UPDATE] = { "account_update",
		"UPDATE accounts SET display_name = $2, phone = nullif($3, ''), lang = $4 "
		"WHERE id = $1::bigint AND state = 'active' RETURNING id" },
	/* $1 account, $2 hash */
	[S_ACCOUNT_PASSWORD] = { "account_password",
		"UPDATE accounts SET password_hash = $2 WHERE id = $1::bigint AND state = 'active' RETURNING id" },
	/* $1 account */
	[S_ACCOUNT_HOST] = { "account_host",
		"UPDATE accounts SET is_owner = true WHERE id = $1::bigint AND state = 'active' RETURNING id" },
	/* $1 account: personal data goes, the rows money and charging refer to stay */
	[S_ACCOUNT_DELETE] = { "account_delete",
		"WITH a AS (UPDATE accounts SET email = 'deleted-' || id || '@deleted.invalid', "
		"  display_name = 'deleted', phone = NULL, password_hash = NULL, state = 'deleted', "
		"  deleted_at = now(), is_owner = false, is_admin = false, email_verified_at = NULL "
		"  WHERE id = $1::bigint AND state <> 'deleted' RETURNING id), "
		"s AS (UPDATE web_sessions SET revoked_at = now(), ip = NULL, user_agent = NULL "
		"  WHERE account_id IN (SELECT id FROM a) AND revoked_at IS NULL), "
		"t AS (DELETE FROM account_tokens WHERE account_id IN (SELECT id FROM a)), "
		"d AS (DELETE FROM known_devices WHERE account_id IN (SELECT id FROM a)), "
		"k AS (UPDATE api_keys SET revoked_at = now() WHERE account_id IN (SELECT id FROM a) AND revoked_at IS NULL), "
		"l AS (UPDATE listings SET state = 'deleted', updated_at = now() "
		"  WHERE owner_id IN (SELECT id FROM a) AND state <> 'deleted'), "
		"c AS (UPDATE charge_points SET password_hash = 'disabled', password_set_at = now() "
		"  WHERE listing_id IN (SELECT id FROM listings WHERE owner_id IN (SELECT id FROM a))) "
		"SELECT id FROM a" },
	/* $1 account, $2 purpose, $3 token hash, $4 hours */
	[S_TOKEN_NEW] = { "token_new",
		"INSERT INTO account_tokens (account_id, purpose, token_hash, expires_at) "
		"VALUES ($1::bigint, $2, $3::bytea, now() + $4::int * interval '1 hour') RETURNING id" },
	/* $1 purpose, $2 token hash: is it usable, for whom */
	[S_TOKEN_PEEK] = { "token_peek",
		"SELECT t.account_id, a.email FROM account_tokens t JOIN accounts a ON a.id = t.account_id "
		"WHERE t.purpose = $1 AND t.token_hash = $2::bytea AND t.used_at IS NULL "
		"AND t.expires_at > now() AND a.state = 'active'" },
	/* $1 purpose, $2 token hash: use it up (once) */
	[S_TOKEN_USE] = { "token_use",
		"UPDATE account_tokens t SET used_at = now() FROM accounts a "
		"WHERE t.purpose = $1 AND t.token_hash = $2::bytea AND t.used_at IS NULL "
		"AND t.expires_at > now() AND a.id = t.account_id AND a.state = 'active' RETURNING t.account_id" },
	/* $1 account */
	[S_VERIFY_EMAIL] = { "verify_email",
		"UPDATE accounts SET email_verified_at = coalesce(email_verified_at, now()) "
		"WHERE id = $1::bigint RETURNING id" },
	/* $1 actor, $2 action, $3 target type, $4 target id, $5 reason, $6 ip */
	[S_AUDIT] = { "audit",
		"INSERT INTO audit_log (actor_id, action, target_type, target_id, reason, ip) "
		"VALUES ($1::bigint, $2, $3, $4::bigint, $5, $6::inet)" },
	/* $1 bucket, $2 window seconds, $3 limit: the failures noted in the window, and seconds
	 * until there are fewer than $3 (0 when there are); nothing is recorded (login throttle) */
	[S_RATE_PEEK] = { "rate_peek",
		"WITH h AS (SELECT hit_at FROM rate_limits WHERE bucket = $1 AND hit_at > now() - $2::int * interval '1 second') "
		"SELECT (SELECT count(*) FROM h), coalesce((SELECT ceil(extract(epoch FROM hit_at + $2::int * interval '1 second' "
		"  - now()))::int FROM h ORDER BY hit_at DESC OFFSET greatest($3::int - 1, 0) LIMIT 1), 0)" },
	/* $1 bucket, $2 window seconds: one failure noted (the bucket's old ones go) */
	[S_RATE_NOTE] = { "rate_note",
		"WITH old AS (DELETE FROM rate_limits WHERE bucket = $1 AND hit_at <= now() - $2::int * interval '1 second') "
		"INSERT INTO rate_limits (bucket) VALUES ($1)" },
	/* $1 account, $2 purpose: every token still open for it is used up (after a reset, R2
	 * no longer works once R1 set the password) */
	[S_TOKEN_EXPIRE] = { "token_expire",
		"UPDATE account_tokens SET used_at = now() WHERE account_id = $1::bigint AND purpose = $2 "
		"AND used_at IS NULL" },
	/* $1 account, $2 device token hash: has this browser logged in to it (in 180 days)? */
	[S_DEVICE_KNOWN] = { "device_known",
		"SELECT 1 FROM known_devices WHERE account_id = $1::bigint AND token_hash = $2::bytea "
		"AND created_at > now() - interval '180 days'" },
	/* $1 account, $2 device token hash: this browser has logged in (sql/014) */
	[S_DEVICE_NOTE] = { "device_note",
		"INSERT INTO known_devices (account_id, token_hash) VALUES ($1::bigint, $2::bytea) "
		"ON CONFLICT (account_id, token_hash) DO UPDATE SET last_used_at = now(), "
		"created_at = CASE WHEN known_devices.created_at > now() - interval '180 days' "
		"  THEN known_devices.created_at ELSE now() END" },
	/* $1 account: no browser is known any more (a new password: whoever used the old one
	 * does not keep a way around the login throttle) */
	[S_DEVICE_FORGET] = { "device_forget",
		"DELETE FROM known_devices WHERE account_id = $1::bigint" },
	/* $1 account, whatever its state: where and in which language to write to them */
	[S_ACCOUNT_MAIL] = { "account_mail",
		"SELECT email, lang, display_name FROM accounts WHERE id = $1::bigint AND state <> 'deleted'" },
	/* $1 listing: its owner's address and language, and the listing's title */
	[S_LISTING_MAIL] = { "listing_mail",
		"SELECT a.email, a.lang, l.title FROM listings l JOIN accounts a ON a.id = l.owner_id "
		"WHERE l.id = $1::bigint AND a.state <> 'deleted'" },
	/* ---- owners (owner.c) */
	/* $1 owner, $2 title, $3 description, $4 address, $5 city, $6 lat, $7 lon, $8 access,
	 * $9 auto accept, $10 price, $11 idle fee, $12 idle grace, $13 session fee,
	 * $14 connector types[], $15 watts[], $16 weekdays[], $17 starts[], $18 ends[],
	 * $19 blocked dates[], $20 charger password hash: the whole listing, pending moderation */
	[S_LISTING_NEW] = { "listing_new",
		"WITH l AS (INSERT INTO listings (owner_id, title, description, address, city, lat, lon, "
		"  access_instructions, state, auto_accept) VALUES ($1::bigint, $2, $3, $4, $5, $6::float8, "
		"  $7::float8, $8, 'pending', $9::bool) RETURNING id), "
		"t AS (INSERT INTO tariffs (listing_id, price_per_kwh, idle_fee_per_min, idle_grace_min, session_fee) "
		"  SELECT id, $10::bigint, $11::bigint, $12::int, $13::bigint FROM l), "
		"c AS (INSERT INTO connectors (listing_id, connector_id, type, max_power_w) "
		"  SELECT l.id, x.n, x.type, x.w FROM l, unnest($14::text[], $15::int[]) WITH ORDINALITY AS x (type, w, n)), "
		"w AS (INSERT INTO availability_windows (listing_id, weekday, start_min, end_min) "
		"  SELECT l.id, x.d, x.s, x.e FROM l, unnest($16::int[], $17::int[], $18::int[]) AS x (d, s, e)), "
		"b AS (INSERT INTO blocked_dates (listing_id, day) "
		"  SELECT DISTINCT l.id, x.d FROM l, unnest($19::date[]) AS x (d)), "
		"cp AS (INSERT INTO charge_points (identity, listing_id, password_hash) "
		"  SELECT 'EVS-' || lpad(l.id::text, 6, '0'), l.id, $20 FROM l) "
		"SELECT id FROM l" },
	/* $1 owner */
	[S_OWNER_LISTINGS] = { "owner_listings",
		"SELECT l.id, l.title, l.state, l.city, t.price_per_kwh, t.currency, "
		"CASE WHEN cp.online THEN 'connected' ELSE 'disconnected' END, coalesce(l.state_reason, ''), "
		"coalesce(to_char(cp.last_seen_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI'), '') "
		"FROM listings l JOIN tariffs t ON t.listing_id = l.id "
		"LEFT JOIN charge_points cp ON cp.listing_id = l.id "
		"WHERE l.owner_id = $1::bigint AND l.state <> 'deleted' ORDER BY l.id" },
	/* $1 listing, $2 owner: only one's own (anything else is 404) */
	[S_OWNER_LISTING] = { "owner_listing",
		"SELECT l.id, l.title, l.description, l.address, l.city, l.lat, l.lon, l.access_instructions, "
		"l.state, coalesce(l.state_reason, ''), l.auto_accept, t.price_per_kwh, t.currency, "
		"t.idle_fee_per_min, t.idle_grace_min, t.session_fee, coalesce(cp.identity, ''), "
		"coalesce(cp.online, false), "
		"coalesce(to_char(cp.last_seen_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI:SS'), ''), "
		"coalesce(cp.vendor, ''), coalesce(cp.model, ''), coalesce(cp.firmware_version, ''), "
		"coalesce(cp.id, 0), cp.password_set_at > cp.created_at + interval '1 second' "
		"FROM listings l JOIN tariffs t ON t.listing_id = l.id "
		"LEFT JOIN charge_points cp ON cp.listing_id = l.id "
		"WHERE l.id = $1::bigint AND l.owner_id = $2::bigint AND l.state <> 'deleted'" },
	/* $1 listing: the last commands and what came of them */
	[S_LISTING_COMMANDS] = { "listing_commands",
		"SELECT oc.id, oc.action, oc.state, coalesce(oc.response->>'status', ''), "
		"coalesce(oc.error_code, ''), "
		"to_char(oc.created_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI:SS') "
		"FROM ocpp_commands oc JOIN charge_points cp ON cp.id = oc.charge_point_id "
		"WHERE cp.listing_id = $1::bigint ORDER BY oc.id DESC LIMIT 5" },
	/* $1 listing, $2 owner, $3 new hash: the old password stops working (the bridge drops it) */
	/* $4 the new password itself, kept until the owner's next GET of the listing page shows it
	 * once (post/redirect/get; sql/016_listing_revisions.sql); stale ones are removed here */
	[S_CP_PASSWORD] = { "cp_password",
		"WITH u AS (UPDATE charge_points cp SET password_hash = $3, password_set_at = now() FROM listings l "
		"  WHERE l.id = cp.listing_id AND l.id = $1::bigint AND l.owner_id = $2::bigint "
		"  AND l.state <> 'deleted' RETURNING cp.identity, cp.listing_id), "
		"g AS (DELETE FROM listing_secret_once WHERE expires_at < now()), "
		"o AS (INSERT INTO listing_secret_once (listing_id, account_id, secret) "
		"  SELECT listing_id, $2::bigint, $4 FROM u ON CONFLICT (listing_id) DO UPDATE "
		"  SET account_id = EXCLUDED.account_id, secret = EXCLUDED.secret, expires_at = EXCLUDED.expires_at) "
		"SELECT identity FROM u" },
	/* $1 listing, $2 owner: TriggerMessage(StatusNotification) through the command queue */
	[S_CP_TEST] = { "cp_test",
		"INSERT INTO ocpp_commands (charge_point_id, action, payload, created_by, timeout_s) "
		"SELECT cp.id, 'TriggerMessage', '{\"requestedMessage\":\"StatusNotification\"}', $2::bigint, 30 "
		"FROM charge_points cp JOIN listings l ON l.id = cp.listing_id "
		"WHERE l.id = $1::bigint AND l.owner_id = $2::bigint AND l.state <> 'deleted' RETURNING id" },
	/* $1 listing, $2 owner, $3 from state, $4 to state */
	[S_LISTING_STATE_OWNER] = { "listing_state_owner",
		"UPDATE listings SET state = $4, updated_at = now() "
		"WHERE id = $1::bigint AND owner_id = $2::bigint AND state = $3 RETURNING id" },
	/* $1 listing, $2 owner: only without live future bookings */
	/* (its charger's password stops working: 'disabled' is no argon2id hash, so the bridge
	 * drops the connection and refuses the next one) */
	[S_LISTING_DELETE] = { "listing_delete",
		"WITH d AS (UPDATE listings l SET state = 'deleted', updated_at = now() "
		"  WHERE l.id = $1::bigint AND l.owner_id = $2::bigint AND l.state <> 'deleted' "
		"  AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.listing_id = l.id "
		"    AND r.state IN ('requested', 'confirmed') AND upper(r.period) > now()) RETURNING id), "
		"c AS (UPDATE charge_points SET password_hash = 'disabled', password_set_at = now() "
		"  WHERE listing_id IN (SELECT id FROM d)) "
		"SELECT id FROM d" },
	/* $1 owner, $2 listing ids[], $3 price: all of them or none */
	[S_PRICES] = { "prices",
		"UPDATE tariffs t SET price_per_kwh = $3::bigint, updated_at = now() FROM listings l "
		"WHERE l.id = t.listing_id AND l.id = ANY ($2::bigint[]) AND l.owner_id = $1::bigint "
		"AND l.state <> 'deleted' AND (SELECT count(*) FROM listings x WHERE x.id = ANY ($2::bigint[]) "
		"  AND x.owner_id = $1::bigint AND x.state <> 'deleted') = "
		"  (SELECT count(DISTINCT u) FROM unnest($2::bigint[]) u) RETURNING t.listing_id" },
	/* $1 listing, $2 owner, $3.. the fields (listing_update, sql/defs/50_listings.sql): the new
	 * state or NULL */
	[S_LISTING_UPDATE] = { "listing_update",
		"SELECT listing_update($1::bigint, $2::bigint, $3, $4, $5, $6, $7::float8, $8::float8, $9, "
		"$10::bool, $11::bigint, $12::bigint, $13::int, $14::bigint, $15::int[], $16::int[], $17::int[], "
		"$18::date[])" },
	/* $1 listing */
	[S_LISTING_BLOCKED] = { "listing_blocked",
		"SELECT to_char(day, 'YYYY-MM-DD') FROM blocked_dates WHERE listing_id = $1::bigint ORDER BY day" },
	/* ---- admins (admin.c) */
	/* admin.c hands these results to the templates whole (hdf_rows with NULL names): each
	 * column's name is what templates/admin_*.cs print (row.title, row.submitted), so every
	 * column read that way has one, unique in its statement (AS where PostgreSQL would say
	 * "coalesce" or "to_char", or repeat one) */
	[S_ADMIN_QUEUE] = { "admin_queue",
		"SELECT l.id, l.title, l.city, l.address, a.display_name, a.email, "
		"to_char(l.created_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI') AS submitted, t.price_per_kwh, "
		"t.currency, (SELECT string_agg(c.type || ' ' || c.max_power_w, ',' ORDER BY c.connector_id) "
		"   FROM connectors c WHERE c.listing_id = l.id) AS connector_list, l.lat, l.lon "
		"FROM listings l JOIN accounts a ON a.id = l.owner_id JOIN tariffs t ON t.listing_id = l.id "
		"WHERE l.state = 'pending' ORDER BY l.created_at, l.id LIMIT 200" },
	/* (issue 8/4.2) the published listings whose new look waits: the new look in the columns of
	 * S_ADMIN_QUEUE, then the public title, description, address, city, lat, lon (pub_*), and
	 * the new description */
	[S_ADMIN_REVISIONS] = { "admin_revisions",
		"SELECT l.id, r.title, r.city, r.address, a.display_name, a.email, "
		"to_char(r.created_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI') AS submitted, t.price_per_kwh, "
		"t.currency, (SELECT string_agg(c.type || ' ' || c.max_power_w, ',' ORDER BY c.connector_id) "
		"   FROM connectors c WHERE c.listing_id = l.id) AS connector_list, r.lat, r.lon, "
		"l.title AS pub_title, l.description AS pub_description, l.address AS pub_address, "
		"l.city AS pub_city, l.lat AS pub_lat, l.lon AS pub_lon, r.description "
		"FROM listing_revisions r JOIN listings l ON l.id = r.listing_id "
		"JOIN accounts a ON a.id = l.owner_id JOIN tariffs t ON t.listing_id = l.id "
		"WHERE r.state = 'pending' AND l.state IN ('approved', 'paused') ORDER BY r.created_at, l.id LIMIT 200" },
	/* $1 listing, $2 new state, $3 reason, $4 states it may come from[] */
	/* (approve/reject decide a published listing's pending revision first: listing_moderate,
	 * sql/defs/50_listings.sql) */
	[S_ADMIN_LISTING_STATE] = { "admin_listing_state",
		"SELECT id FROM listing_moderate($1::bigint, $2, $3, $4::text[]) AS id" },
	/* $1 text ('' any), $2 state ('' any) */
	[S_ADMIN_LISTINGS] = { "admin_listings",
		"SELECT l.id, l.title, l.city, l.state, coalesce(l.state_reason, '') AS state_reason, a.display_name, "
		"a.email, coalesce(cp.identity, '') AS identity, coalesce(cp.online, false) AS online "
		"FROM listings l JOIN accounts a ON a.id = l.owner_id LEFT JOIN charge_points cp ON cp.listing_id = l.id "
		"WHERE ($1 = '' OR strpos(lower(l.title || ' ' || l.address || ' ' || l.city || ' ' || a.email || ' ' "
		"  || a.display_name || ' ' || coalesce(cp.identity, '')), lower($1)) > 0) "
		"AND ($2 = '' OR l.state = $2) ORDER BY l.id DESC LIMIT 200" },
	/* $1 listing */
	[S_ADMIN_LISTING] = { "admin_listing",
		"SELECT l.id, l.title, l.description, l.address, l.city, l.state, "
		"coalesce(l.state_reason, '') AS state_reason, a.id AS owner_id, a.display_name, a.email, "
		"coalesce(cp.id, 0) AS cp_id, coalesce(cp.identity, '') AS identity, coalesce(cp.online, false) AS online, "
		"coalesce(to_char(cp.last_seen_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI:SS'), '') AS last_seen, "
		"coalesce(cp.vendor, '') AS vendor, coalesce(cp.model, '') AS model, "
		"coalesce(cp.firmware_version, '') AS firmware, l.access_instructions, "
		/* (8/4.2) the pending change of look, if any (rev_*: '' when none) */
		"coalesce(rv.state, '') AS rev_state, coalesce(rv.title, '') AS rev_title, "
		"coalesce(rv.description, '') AS rev_description, coalesce(rv.address, '') AS rev_address, "
		"coalesce(rv.city, '') AS rev_city, coalesce(rv.lat::text, '') AS rev_lat, "
		"coalesce(rv.lon::text, '') AS rev_lon, coalesce(rv.state_reason, '') AS rev_reason, "
		"l.lat, l.lon "
		"FROM listings l JOIN accounts a ON a.id = l.owner_id LEFT JOIN charge_points cp ON cp.listing_id = l.id "
		"LEFT JOIN listing_revisions rv ON rv.listing_id = l.id "
		"WHERE l.id = $1::bigint" },
	/* $1 charge point; a CALL logged with its answer: type "2 → 3", the answer's payload last */
	[S_ADMIN_MESSAGES] = { "admin_messages",
		"SELECT to_char(at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI:SS') AS at, direction, "
		"message_type || coalesce(' → ' || answer_type, '') AS type, coalesce(action, '') AS action, "
		"left(payload, 500) AS payload, coalesce(left(answer, 500), '') AS answer FROM ocpp_messages WHERE charge_point_id = $1::bigint "
		"ORDER BY id DESC LIMIT 50" },
	[S_ADMIN_COMMANDS] = { "admin_commands",
		"SELECT to_char(created_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI:SS') AS at, action, state, "
		"left(payload::text, 300) AS payload, coalesce(left(response::text, 300), '') AS response, "
		"coalesce(error_code, '') AS error_code "
		"FROM ocpp_commands WHERE charge_point_id = $1::bigint ORDER BY id DESC LIMIT 20" },
	[S_ADMIN_SECURITY] = { "admin_security",
		"SELECT to_char(at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI:SS') AS at, kind, "
		"coalesce(remote_addr, '') AS remote_addr, coalesce(detail, '') AS detail FROM security_events WHERE charge_point_id = $1::bigint ORDER BY id DESC LIMIT 20" },
	/* $1 text ('' any), $2 state ('' any) */
	[S_ADMIN_ACCOUNTS] = { "admin_accounts",
		"SELECT id, email, display_name, state, coalesce(state_reason, '') AS state_reason, is_owner, is_admin, "
		"email_verified_at IS NOT NULL AS verified, to_char(created_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY') "
		"AS since "
		"FROM accounts WHERE ($1 = '' OR strpos(lower(email || ' ' || display_name || ' ' || coalesce(phone, '')), "
		"lower($1)) > 0) AND ($2 = '' OR state = $2) ORDER BY id DESC LIMIT 200" },
	/* $1 account, $2 new state, $3 reason, $4 from state, $5 the admin (never oneself) */
	[S_ADMIN_ACCOUNT_STATE] = { "admin_account_state",
		"WITH a AS (UPDATE accounts SET state = $2, state_reason = $3 WHERE id = $1::bigint AND state = $4 "
		"  AND id <> $5::bigint RETURNING id), "
		/* a suspended person's listings leave the map with them, and come back with them as
		 * each of them was (a paused one stays paused: state_before_suspension, sql/014) */
		"l AS (UPDATE listings SET state = CASE WHEN $2 = 'suspended' THEN 'suspended' "
		"    ELSE coalesce(state_before_suspension, 'approved') END, "
		"  state_before_suspension = CASE WHEN $2 = 'suspended' THEN state ELSE NULL END, "
		"  state_reason = CASE WHEN $2 = 'suspended' THEN 'account suspended' ELSE NULL END, updated_at = now() "
		"  WHERE owner_id IN (SELECT id FROM a) AND ((($2 = 'suspended') AND state IN ('approved', 'paused')) "
		"  OR ($2 = 'active' AND state = 'suspended' AND state_reason = 'account suspended'))) "
		"SELECT id FROM a" },
	/* $1 account, $2 admin or not, $3 the admin acting (never oneself) */
	[S_ADMIN_ACCOUNT_ROLE] = { "admin_account_role",
		"UPDATE accounts SET is_admin = $2::bool WHERE id = $1::bigint AND state = 'active' "
		"AND is_admin <> $2::bool AND id <> $3::bigint RETURNING id" },
	/* $1 action ('' any), $2 actor e-mail ('' any), $3 target type ('' any), $4 target id (NULL any) */
	[S_AUDIT_LIST] = { "audit_list",
		"SELECT to_char(l.at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI:SS') AS at, "
		"coalesce(a.email, 'system') AS actor, l.action, coalesce(l.target_type, '') AS target_type, "
		"coalesce(l.target_id::text, '') AS target_id, coalesce(l.reason, '') AS reason, "
		"coalesce(host(l.ip), '') AS ip FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id "
		"WHERE ($1 = '' OR l.action = $1) AND ($2 = '' OR a.email = lower($2)) "
		"AND ($3 = '' OR l.target_type = $3) AND ($4::bigint IS NULL OR l.target_id = $4::bigint) "
		"ORDER BY l.id DESC LIMIT 200" },
	/* ---- issue 8/4 (owner.c, helper D's block) */
	/* $1 listing, $2 owner: the password generated for it, once (the row goes) */
	[S_SECRET_ONCE_TAKE] = { "secret_once_take",
		"DELETE FROM listing_secret_once WHERE listing_id = $1::bigint AND account_id = $2::bigint "
		"RETURNING secret, expires_at > now()" },
	/* $1 listing: its change of look waiting for moderation (or rejected, with the reason) */
	[S_LISTING_REVISION] = { "listing_revision",
		"SELECT title, description, address, city, lat, lon, state, coalesce(state_reason, '') "
		"FROM listing_revisions WHERE listing_id = $1::bigint" },
	[S__MAX] = { NULL, NULL }
};

static PGconn *conn;

int
webdb_connect(void)
{
	char err[512];

	if (conn)
		PQfinish(conn);
	if ((conn = db_connect("db_user_web", "evshare.fcgi", err, sizeof err)) == NULL) {
		log_error("database: %s", err);
		return -1;
	}
	if (db_prepare_all(conn, stmts)) {
		PQfinish(conn);
		conn = NULL;
		return -1;
	}
	return 0;
}

int
webdb_ok(void)
{
	return conn && PQstatus(conn) == CONNECTION_OK;
}

PGresult *
dbq(enum stmt s, int n, const char *const *params)
{
	PGresult *res;

	for (int attempt = 0; attempt < 2; attempt++) {
		ExecStatusType st;

		if (!webdb_ok() && webdb_connect())
			return NULL;
		res = PQexecPrepared(conn, stmts[s].name, n, params, NULL, NULL, 0);
		st = PQresultStatus(res);
		if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
			return res;
		if (PQstatus(conn) == CONNECTION_BAD && attempt == 0) {
			/* the server went away (restart): reconnect and try once more */
			log_warn("database connection lost, reconnecting");
			PQclear(res);
			continue;
		}
		log_error("%s: %s", stmts[s].name, PQresultErrorMessage(res));
		PQclear(res);
		return NULL;
	}
	return NULL;
}
