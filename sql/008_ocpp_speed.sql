-- 008_ocpp_speed.sql: what bench-ocpp showed PostgreSQL spending most of its time on, made
-- cheaper: sampled values stored one row per sampling instead of one row per value, the raw
-- conversation (ocpp_messages) kept as sent instead of parsed into jsonb, and no foreign key
-- checked row by row on the tables every message appends to (their actions on a deletion stay).
--
-- bench-ocpp (10,000 chargers, MeterValues of six values every second) spent most of its
-- PostgreSQL time on meter_values: six heap rows, eighteen index entries and six replay probes
-- per message. A sampling (charger, connector, time: one meterValue element) is now one row that
-- holds its values as parallel arrays: one heap row, two index entries and one probe per message.
-- meter_values stays, as a view with the old columns (one row per sampled value), so every
-- query that read the table reads the same rows; filters on the sampling's columns
-- (charge point, connector, transaction, time) reach the table's indexes through it.

CREATE TABLE meter_samplings (
	charge_point_id bigint NOT NULL,
	sampled_at      timestamptz NOT NULL,
	connector_id    integer NOT NULL CHECK (connector_id >= 0),
	-- 0, or the how-manieth later message brought values this sampling did not have yet
	-- (values are never rewritten: a sampling that gets more is a row more)
	part            smallint NOT NULL DEFAULT 0 CHECK (part >= 0),
	transaction_id  bigint,
	received_at     timestamptz NOT NULL DEFAULT now(),
	-- the sampled values, element i of each array is value i; units normalised (Wh, W, A, V...)
	measurand       text[] NOT NULL,
	context         text[] NOT NULL,
	phase           text[] NOT NULL,
	location        text[] NOT NULL,
	unit            text[] NOT NULL,
	value           double precision[] NOT NULL,
	CHECK (cardinality(measurand) > 0 AND cardinality(context) = cardinality(measurand)
	       AND cardinality(phase) = cardinality(measurand)
	       AND cardinality(location) = cardinality(measurand)
	       AND cardinality(unit) = cardinality(measurand)
	       AND cardinality(value) = cardinality(measurand)),
	-- a replay stores nothing twice: two writers of one new sampling would both write part 0
	PRIMARY KEY (charge_point_id, sampled_at, connector_id, part)
);
-- (no foreign keys, as meter_values had none since 002: the bridge writes the rows from the
-- authenticated connection and a lookup in the same statement)
CREATE INDEX meter_samplings_tx ON meter_samplings (transaction_id, sampled_at) WHERE transaction_id IS NOT NULL;

INSERT INTO meter_samplings (charge_point_id, sampled_at, connector_id, part, transaction_id,
                             received_at, measurand, context, phase, location, unit, value)
SELECT charge_point_id, sampled_at, connector_id,
       row_number() OVER (PARTITION BY charge_point_id, sampled_at, connector_id
                          ORDER BY min(id)) - 1,
       transaction_id, min(received_at),
       array_agg(measurand ORDER BY id), array_agg(context ORDER BY id), array_agg(phase ORDER BY id),
       array_agg(location ORDER BY id), array_agg(unit ORDER BY id), array_agg(value ORDER BY id)
  FROM meter_values
 GROUP BY charge_point_id, sampled_at, connector_id, transaction_id;

DROP TABLE meter_values;

-- (meter_values, the view with the old columns, and meter_store, ocpp_insert_samples and
-- ocpp_meter_batch, which write the samplings: sql/defs/30_meter.sql, re-applied after every
-- migrate)

-- ------------------------------------------------------------ the raw conversation

-- Two rows per message (the CALL and our answer), written by the bridge's COPY. Parsing every
-- frame into jsonb and checking the foreign key of every row cost about half of what the
-- COPY cost (per 1,000 MeterValues: ~52 ms as it was, ~27 ms after). json keeps the frame as
-- it was sent (still checked to be JSON); admins read it as text. The foreign key's cascade
-- stays, as a statement trigger on the rare deletion of a charge point (charge_points_deleted
-- below).
ALTER TABLE ocpp_messages DROP CONSTRAINT ocpp_messages_charge_point_id_fkey,
	ALTER COLUMN payload TYPE json USING payload::json;

-- ------------------------------------------------------------ events

-- One row per message that changes anything (a 'meter' event per MeterValues): checking its
-- three foreign keys (charge point, listing, transaction) took a locking lookup each, ~15 % of
-- PostgreSQL's time in bench-ocpp. The rows are written by the bridge and the SQL functions
-- above from rows they have just read; what the foreign keys did on a deletion stays, as
-- statement triggers: charge point and listing set to null, a transaction with events kept.
ALTER TABLE events DROP CONSTRAINT events_charge_point_id_fkey,
	DROP CONSTRAINT events_listing_id_fkey,
	DROP CONSTRAINT events_transaction_id_fkey;

-- (the statement triggers that do what the foreign keys did on a deletion:
-- sql/defs/20_ocpp.sql, re-applied after every migrate)
