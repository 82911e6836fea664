-- 007_map_rev.sql: every map row says which transaction wrote it last, and a row that leaves the
-- map leaves a tombstone, so each evshare.fcgi process can keep its own copy of map_listings
-- (fcgi/mapindex.c) and bring it up to date at the start of every bbox request with one indexed
-- query that usually returns nothing.
--
-- Why a transaction id and not a number from a sequence: numbers are drawn in the order
-- transactions write, not in the order they commit. A reader that has seen number 11 (committed)
-- and remembers "> 11" never sees number 10, committed a moment later. The writer's transaction
-- id works with the reader's snapshot instead: every transaction with an id below the xmin of a
-- snapshot had ended when the snapshot was taken, so its rows were already visible then. A
-- reader that remembers the xmin of the snapshot it last read with and asks for the rows written
-- by transactions >= that xmin misses nothing; it may get a row it already has again (a
-- transaction that committed just before that snapshot), which changes nothing.
-- xid8 (pg_current_xact_id) carries the epoch, so it never wraps around.
--
-- A listing is at any moment either in map_listings or in map_gone or in neither (never on the
-- map), never in both: putting a row on the map takes its tombstone away in the same
-- transaction.

ALTER TABLE map_listings ADD COLUMN written_by xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX map_listings_written_by ON map_listings (written_by);

CREATE TABLE map_gone (
	listing_id bigint PRIMARY KEY,   -- no foreign key: the listing itself may be gone
	written_by xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX map_gone_written_by ON map_gone (written_by);

-- Whoever writes a row (map_refresh, an operator by hand), it is stamped.
CREATE FUNCTION map_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.written_by := pg_current_xact_id();
	RETURN NEW;
END $$;
CREATE TRIGGER map_listings_stamp BEFORE INSERT OR UPDATE ON map_listings
	FOR EACH ROW EXECUTE FUNCTION map_stamp();

-- Statement level, like the triggers of 003: a sweep that takes 70,000 rows off the map is one
-- INSERT of 70,000 tombstones.
CREATE FUNCTION map_tombstones() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		DELETE FROM map_gone g USING new_rows n WHERE g.listing_id = n.listing_id;
	ELSE
		INSERT INTO map_gone (listing_id) SELECT listing_id FROM old_rows
		ON CONFLICT (listing_id) DO UPDATE SET written_by = pg_current_xact_id();
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER map_listings_back AFTER INSERT ON map_listings
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION map_tombstones();
CREATE TRIGGER map_listings_gone AFTER DELETE ON map_listings
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION map_tombstones();
