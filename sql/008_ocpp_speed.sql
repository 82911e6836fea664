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

DROP FUNCTION ocpp_insert_samples(bigint, integer, bigint, jsonb);
DROP TABLE meter_values;

-- Every sampled value, as the table was: one row per value.
CREATE VIEW meter_values WITH (security_invoker = true) AS
SELECT s.charge_point_id, s.connector_id, s.transaction_id, s.sampled_at, v.measurand, v.context,
       v.phase, v.location, v.unit, v.value, s.received_at
  FROM meter_samplings s
 CROSS JOIN LATERAL unnest(s.measurand, s.context, s.phase, s.location, s.unit, s.value)
       AS v(measurand, context, phase, location, unit, value);

-- Stores sampled values of many messages (one charger at most once): the messages as charge
-- point, connector and transaction (our id, or null); their values as charge point, timestamp,
-- measurand, context, phase, location, unit, value. A value is the same as a stored one when
-- charger, time, connector, measurand, phase, location and context are (what the unique index
-- of meter_values said): a message that repeats a value stores it once, a replay stores nothing.
-- Returns, per charge point with anything new, how many values were new.
CREATE FUNCTION meter_store(p_cp bigint[], p_connector integer[], p_tx bigint[],
	v_cp bigint[], v_at timestamptz[], v_measurand text[], v_context text[], v_phase text[],
	v_location text[], v_unit text[], v_value double precision[])
RETURNS TABLE (cp bigint, n bigint) LANGUAGE plpgsql
SET enable_seqscan = off        -- (index lookups only, whatever the statistics: see 002)
AS $$
BEGIN
	RETURN QUERY
	WITH m AS (
		SELECT x.cp, x.k, x.tx FROM unnest(p_cp, p_connector, p_tx) AS x(cp, k, tx)
	), r AS MATERIALIZED (
		-- each value once, in the order sent
		SELECT DISTINCT ON (x.cp, x.t, x.m, x.p, x.l, x.c) x.*
		  FROM unnest(v_cp, v_at, v_measurand, v_context, v_phase, v_location, v_unit, v_value)
		       WITH ORDINALITY AS x(cp, t, m, c, p, l, u, v, i)
		 ORDER BY x.cp, x.t, x.m, x.p, x.l, x.c, x.i
	), s AS MATERIALIZED (
		-- the samplings, and how many rows each has already (one index probe each; the same
		-- charger's jobs run one after the other, so a plain probe does)
		SELECT g.cp, g.t, m.k, m.tx,
		       (SELECT count(*) FROM meter_samplings o
		         WHERE o.charge_point_id = g.cp AND o.sampled_at = g.t AND o.connector_id = m.k) AS parts
		  FROM (SELECT DISTINCT r.cp, r.t FROM r) g JOIN m ON m.cp = g.cp
	), ins AS (
		INSERT INTO meter_samplings (charge_point_id, sampled_at, connector_id, part, transaction_id,
		                             measurand, context, phase, location, unit, value)
		SELECT s.cp, s.t, s.k, s.parts, s.tx, array_agg(r.m ORDER BY r.i), array_agg(r.c ORDER BY r.i),
		       array_agg(r.p ORDER BY r.i), array_agg(r.l ORDER BY r.i), array_agg(r.u ORDER BY r.i),
		       array_agg(r.v ORDER BY r.i)
		  FROM s JOIN r ON r.cp = s.cp AND r.t = s.t
		 -- a sampling seen before: only what it does not hold yet
		 WHERE s.parts = 0
		    OR NOT EXISTS (SELECT 1 FROM meter_samplings o
		                    CROSS JOIN LATERAL unnest(o.measurand, o.phase, o.location, o.context) AS ov(m, p, l, c)
		                    WHERE o.charge_point_id = s.cp AND o.sampled_at = s.t AND o.connector_id = s.k
		                      AND ov.m = r.m AND ov.p IS NOT DISTINCT FROM r.p
		                      AND ov.l IS NOT DISTINCT FROM r.l AND ov.c IS NOT DISTINCT FROM r.c)
		 GROUP BY s.cp, s.t, s.k, s.parts, s.tx
		RETURNING charge_point_id, cardinality(value) AS nv
	)
	SELECT ins.charge_point_id, sum(ins.nv)::bigint FROM ins GROUP BY ins.charge_point_id;
END $$;

-- Sampled values of one message, already normalised by the bridge (StopTransaction's
-- transactionData): [{"t": timestamp, "m": measurand, "c": context, "p": phase, "l": location,
-- "u": unit, "v": value}]. Returns how many were new (a replay inserts nothing).
CREATE FUNCTION ocpp_insert_samples(p_cp bigint, p_connector integer, p_tx bigint, p_values jsonb)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	n integer;
BEGIN
	SELECT coalesce(sum(s.n), 0) INTO n
	  FROM (SELECT array_agg(p_cp ORDER BY x.i) AS cps, array_agg(x.t ORDER BY x.i) AS t,
	               array_agg(x.m ORDER BY x.i) AS m, array_agg(x.c ORDER BY x.i) AS c,
	               array_agg(x.p ORDER BY x.i) AS p, array_agg(x.l ORDER BY x.i) AS l,
	               array_agg(x.u ORDER BY x.i) AS u, array_agg(x.v ORDER BY x.i) AS v
	          FROM ROWS FROM (jsonb_to_recordset(p_values) AS (t timestamptz, m text, c text, p text,
	               l text, u text, v double precision)) WITH ORDINALITY AS x(t, m, c, p, l, u, v, i)) a
	 CROSS JOIN LATERAL meter_store(ARRAY[p_cp], ARRAY[p_connector], ARRAY[p_tx],
	                                a.cps, a.t, a.m, a.c, a.p, a.l, a.u, a.v) s;
	RETURN n;
END $$;

-- MeterValues of many chargers at once (see 002): the same arguments, stored through
-- meter_store; one 'meter' event per message that brought anything new.
CREATE OR REPLACE FUNCTION ocpp_meter_batch(p_cp bigint[], p_connector integer[], p_tx integer[],
	p_energy double precision[], p_power double precision[],
	v_cp bigint[], v_at timestamptz[], v_measurand text[], v_context text[], v_phase text[],
	v_location text[], v_unit text[], v_value double precision[])
RETURNS void LANGUAGE plpgsql
SET enable_seqscan = off
AS $$
DECLARE
	v_tx bigint[];
	v_listing bigint[];
BEGIN
	-- (lookups as subqueries: one index probe per message, never a join over whole tables)
	SELECT array_agg((SELECT t.id FROM transactions t WHERE t.ocpp_tx_id = x.ocpp_tx AND t.charge_point_id = x.cp) ORDER BY x.i),
	       array_agg((SELECT c.listing_id FROM charge_points c WHERE c.id = x.cp) ORDER BY x.i)
	  INTO v_tx, v_listing
	  FROM unnest(p_cp, p_tx) WITH ORDINALITY AS x(cp, ocpp_tx, i);
	INSERT INTO events (kind, charge_point_id, listing_id, transaction_id, data)
	SELECT 'meter', x.cp, x.listing_id, x.tx, jsonb_strip_nulls(jsonb_build_object(
	       'connectorId', x.k, 'transactionId', x.ocpp_tx, 'samples', s.n, 'energyWh', x.e,
	       'powerW', x.w))
	  FROM unnest(p_cp, p_connector, p_tx, p_energy, p_power, v_tx, v_listing)
	       WITH ORDINALITY AS x(cp, k, ocpp_tx, e, w, tx, listing_id, i)
	  JOIN meter_store(p_cp, p_connector, v_tx, v_cp, v_at, v_measurand, v_context, v_phase,
	                   v_location, v_unit, v_value) s ON s.cp = x.cp
	 ORDER BY x.i;
END $$;

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

-- (SECURITY DEFINER: as the foreign keys' actions did, they write as the owner; nobody else
-- may rewrite history)
CREATE FUNCTION charge_points_deleted() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public AS $$
BEGIN
	DELETE FROM ocpp_messages m USING gone WHERE m.charge_point_id = gone.id;
	UPDATE events e SET charge_point_id = NULL FROM gone WHERE e.charge_point_id = gone.id;
	RETURN NULL;
END $$;
CREATE TRIGGER charge_points_deleted AFTER DELETE ON charge_points
	REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION charge_points_deleted();

CREATE FUNCTION listings_deleted() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public AS $$
BEGIN
	UPDATE events e SET listing_id = NULL FROM gone WHERE e.listing_id = gone.id;
	RETURN NULL;
END $$;
CREATE TRIGGER listings_deleted AFTER DELETE ON listings
	REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION listings_deleted();

CREATE FUNCTION transactions_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM events e JOIN gone ON e.transaction_id = gone.id) THEN
		RAISE foreign_key_violation USING
			MESSAGE = 'a transaction that events refer to cannot be deleted';
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER transactions_deleted AFTER DELETE ON transactions
	REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION transactions_deleted();
