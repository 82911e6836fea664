-- 012_ocpp_speed3.sql: less PostgreSQL work per OCPP message.
--
-- ------------------------------------------------------------ the raw conversation
-- bench-ocpp: the raw log cost ~27 us per MeterValues (two rows of ~14 us: a sequence value,
-- a json check of the payload, a heap row and two index entries each). A charger's CALL and our
-- answer are now one row (the bridge holds the CALL's part until it answers): the answer's
-- type, time and payload sit next to the CALL's. A frame that answers nothing of the same row
-- (an answer to a frame we could not read, our CALLs to the charger and its answers) stays a
-- row of its own, as all rows were before. The payloads are text: the bridge parsed and
-- checked every frame it logs, and json input lexed it once more. The id stays for the order
-- of a charger's rows, read through ocpp_messages_cp; nothing reads its primary key index.
ALTER TABLE ocpp_messages DROP CONSTRAINT ocpp_messages_pkey,
	ALTER COLUMN payload TYPE text,
	ADD COLUMN answer_type smallint CHECK (answer_type IN (3, 4)),
	ADD COLUMN answered_at timestamptz,
	ADD COLUMN answer text,
	-- (only a CALL has an answer; all three or none)
	ADD CHECK (answer_type IS NULL OR (message_type = 2 AND answered_at IS NOT NULL AND answer IS NOT NULL));

-- ------------------------------------------------------------ events
-- A 'meter' event per MeterValues: ~18 us each in bench-ocpp, of which an entry in
-- events_listing, an index on (listing, id) that no query of either program reads (events are
-- read by id). Its entries land all over it, one per listing, so each insert is a page of its
-- own to find, change and log. A reader of one listing's events, when there is one, brings back
-- the index it needs.
DROP INDEX events_listing;
