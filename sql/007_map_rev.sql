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

-- (the stamp and tombstone triggers: sql/defs/40_map.sql, re-applied after every migrate)
