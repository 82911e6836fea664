-- defs/10_ledger.sql: money and the audit log are append-only, and a ledger entry balances.
-- Re-applied after every migrate (see sql/README.md): the current definition, idempotent.

CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END $$;
CREATE OR REPLACE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
	FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE OR REPLACE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
	FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- Checked at commit: each entry touched in the transaction balances per currency.
CREATE OR REPLACE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM ledger_postings WHERE entry_id = NEW.entry_id
	           GROUP BY currency HAVING sum(amount) <> 0) THEN
		RAISE EXCEPTION 'ledger entry % does not balance', NEW.entry_id;
	END IF;
	RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS ledger_postings_balanced ON ledger_postings;
CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();

-- (the audit log is history too: the same trigger)
CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
