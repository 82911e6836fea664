-- 013_meter_layouts.sql: a sampling's measurands, contexts, phases, locations and units stored
-- once per layout, not once per row.
--
-- bench-ocpp: a meter_samplings row was ~650 bytes, of which the five text arrays that name the
-- values (nearly always the same for one charger, and for most chargers) were all but the values.
-- The tables grew ~20 MB/s, and the kernel writing that back every 30 s delayed the commits'
-- WAL flushes (the p99 spikes). A row now holds a layout id and its values; the layouts
-- (layout id -> the five arrays) are a small table of their own, found by a digest of the
-- arrays. bench-ocpp (~906,000 samplings of six values): meter_samplings 665 MB -> 211 MB
-- (heap 583 -> 128 MB, ~770 -> ~245 bytes a row with its indexes); the samplings insert 0.60 ->
-- 0.53 ms per ocpp_meter_batch call of ~27 messages, plus 0.12 ms for the layout lookup.
-- meter_values, the view of one row per value, returns the same rows and columns as before.

CREATE TABLE meter_layouts (
	id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	-- element i of each array names value i of a sampling of this layout
	measurand text[] NOT NULL,
	context   text[] NOT NULL,
	phase     text[] NOT NULL,
	location  text[] NOT NULL,
	unit      text[] NOT NULL,
	CHECK (cardinality(measurand) > 0 AND cardinality(context) = cardinality(measurand)
	       AND cardinality(phase) = cardinality(measurand)
	       AND cardinality(location) = cardinality(measurand)
	       AND cardinality(unit) = cardinality(measurand))
);

-- A layout's identity: a digest of its five arrays as text (record and array output quote and
-- escape, so two layouts never have the same text). A unique index on the arrays themselves
-- would hold each layout whole, compared element by element, and a btree entry holds at most
-- ~2,700 bytes (compressed): a large enough sampling could not be stored. (IMMUTABLE: the text
-- of text arrays depends on no setting.)
CREATE FUNCTION meter_layout_key(m text[], c text[], p text[], l text[], u text[])
RETURNS bytea LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN sha256(textsend(ROW(m, c, p, l, u)::text));

ALTER TABLE meter_layouts ADD COLUMN key bytea NOT NULL
	GENERATED ALWAYS AS (meter_layout_key(measurand, context, phase, location, unit)) STORED,
	ADD UNIQUE (key);

-- ------------------------------------------------------------ the samplings, rewritten

INSERT INTO meter_layouts (measurand, context, phase, location, unit)
SELECT DISTINCT measurand, context, phase, location, unit FROM meter_samplings;

-- (a new table rather than columns dropped: the old rows' arrays would stay until rewritten)
CREATE TABLE meter_samplings_new (
	charge_point_id bigint NOT NULL,
	sampled_at      timestamptz NOT NULL,
	connector_id    integer NOT NULL CHECK (connector_id >= 0),
	-- 0, or the how-manieth later message brought values this sampling did not have yet
	-- (values are never rewritten: a sampling that gets more is a row more)
	part            smallint NOT NULL DEFAULT 0 CHECK (part >= 0),
	transaction_id  bigint,
	received_at     timestamptz NOT NULL DEFAULT now(),
	-- what the values are (no foreign key: only the functions below write rows, with a layout
	-- they have just looked up, and layouts are never deleted)
	layout_id       integer NOT NULL,
	-- the sampled values, element i is the value the layout's elements i name; units
	-- normalised (Wh, W, A, V...)
	value           double precision[] NOT NULL CHECK (cardinality(value) > 0)
);
INSERT INTO meter_samplings_new (charge_point_id, sampled_at, connector_id, part, transaction_id,
                                 received_at, layout_id, value)
SELECT s.charge_point_id, s.sampled_at, s.connector_id, s.part, s.transaction_id, s.received_at,
       l.id, s.value
  FROM meter_samplings s
  JOIN meter_layouts l ON l.key = meter_layout_key(s.measurand, s.context, s.phase, s.location, s.unit);

DROP VIEW IF EXISTS meter_values;   -- (it reads the old table; sql/defs/30_meter.sql makes it again)
DROP TABLE meter_samplings;
ALTER TABLE meter_samplings_new RENAME TO meter_samplings;
-- a replay stores nothing twice: two writers of one new sampling would both write part 0
ALTER TABLE meter_samplings ADD CONSTRAINT meter_samplings_pkey
	PRIMARY KEY (charge_point_id, sampled_at, connector_id, part);
CREATE INDEX meter_samplings_tx ON meter_samplings (transaction_id, sampled_at) WHERE transaction_id IS NOT NULL;

-- (meter_values, the view of one row per value, and the functions that write the samplings
-- (meter_layout_ids, meter_store, ocpp_meter_batch): sql/defs/30_meter.sql, re-applied after
-- every migrate)
