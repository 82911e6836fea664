-- grants.sql: least privilege for the two programs, applied after every migration run
-- (evshare-admin migrate), so new tables are covered. Idempotent.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'evshare_web') THEN
		CREATE ROLE evshare_web LOGIN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'evshare_bridge') THEN
		CREATE ROLE evshare_bridge LOGIN;
	END IF;
END $$;

-- The bridge's statements are short and run thousands of times a second: JIT compiling one
-- (any plan whose estimate passes jit_above_cost, as enable_seqscan = off makes some) costs far
-- more than it could save. (A setting of the role: it takes effect at the next connection.)
ALTER ROLE evshare_bridge SET jit = off;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO evshare_web, evshare_bridge;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO evshare_web, evshare_bridge;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO evshare_web, evshare_bridge;

-- Append-only history: nobody but the owner rewrites it (triggers refuse even that for money).
REVOKE UPDATE, DELETE ON ledger_entries, ledger_postings, audit_log, events, ocpp_messages,
	security_events, meter_samplings, meter_layouts, meter_values FROM evshare_web, evshare_bridge;
-- The bridge has no business with people's secrets.
REVOKE ALL ON web_sessions, account_tokens, known_devices, listing_secret_once, listing_revisions FROM evshare_bridge;
REVOKE INSERT, UPDATE, DELETE ON accounts, listings, tariffs, availability_windows, blocked_dates,
	payments, ledger_accounts, audit_log, schema_migrations FROM evshare_bridge;
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM evshare_web;
