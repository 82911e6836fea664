-- 017_id_tag_cards.sql: drivers' RFID cards on the account page (issue 10, item 4).
--
-- id: a number for the card in the page's forms (a POST names a card by it, never by its UID,
--     and one that is not the signed-in person's is a 404).
-- blocked_by_admin: the card was blocked by an admin (the audit log says who and why); its
--     driver cannot unblock it, only an admin can.
-- id_tags_upper: an OCPP idTag is CiString20, compared without regard to case; a UID is stored
--     as typed and unique case-insensitively. ocpp_id_tag_info (sql/defs/20_ocpp.sql) looks a
--     tag up by upper(id_tag), so the bridge's Authorize stays one index probe.
-- A card is deleted for real: transactions keep the id_tag as text (no foreign key); a
-- reservation names its tag by a foreign key, so a card named by a booking cannot be deleted
-- (the page says so: block it instead).
ALTER TABLE id_tags ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
ALTER TABLE id_tags ADD COLUMN blocked_by_admin boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX id_tags_upper ON id_tags (upper(id_tag));
-- An admin's block or unblock of a card is audited with the card as its target.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_target_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_target_type_check CHECK (target_type IN
	('account', 'listing', 'charge_point', 'payment', 'reservation', 'transaction', 'card'));
