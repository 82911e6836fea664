-- defs/30_meter.sql: meter values: the one-row-per-value view over meter_samplings and
-- meter_layouts (tables: 008, 013), and the functions that store MeterValues and
-- StopTransaction's transactionData. (meter_layout_key stays in 013: it is the expression of
-- meter_layouts.key, a stored generated column, so changing it means a migration.)
-- Re-applied after every migrate (see sql/README.md): the current definition, idempotent.

-- Every sampled value, as the table of 002 was: one row per value.
CREATE OR REPLACE VIEW meter_values WITH (security_invoker = true) AS
SELECT s.charge_point_id, s.connector_id, s.transaction_id, s.sampled_at, v.measurand, v.context,
       v.phase, v.location, v.unit, v.value, s.received_at
  FROM meter_samplings s
  JOIN meter_layouts l ON l.id = s.layout_id
 CROSS JOIN LATERAL unnest(l.measurand, l.context, l.phase, l.location, l.unit, s.value)
       AS v(measurand, context, phase, location, unit, value);

-- The layout ids of samplings given as their measurands, contexts, phases, locations and units,
-- each an array literal ('{Voltage,Current.Import}'); layouts not stored yet are added. Each
-- distinct layout of the arguments is looked up once (a batch's chargers mostly share a few).
CREATE OR REPLACE FUNCTION meter_layout_ids(p_measurand text[], p_context text[], p_phase text[],
	p_location text[], p_unit text[])
RETURNS integer[] LANGUAGE plpgsql
SET enable_seqscan = off
AS $$
DECLARE
	ids integer[];
BEGIN
	-- (twice at most: a layout another writer adds meanwhile makes our insert skip it, and the
	-- second look sees it, as the insert waited for that writer's commit)
	FOR pass IN 1..2 LOOP
		WITH d AS MATERIALIZED (
			SELECT y.m, y.c, y.p, y.l, y.u,
			       (SELECT k.id FROM meter_layouts k
			         WHERE k.key = meter_layout_key(y.m::text[], y.c::text[], y.p::text[],
			                                        y.l::text[], y.u::text[])) AS id
			  FROM (SELECT DISTINCT z.m, z.c, z.p, z.l, z.u
			          FROM unnest(p_measurand, p_context, p_phase, p_location, p_unit)
			               AS z(m, c, p, l, u)) y
		)
		SELECT array_agg(d.id ORDER BY x.i) INTO ids
		  FROM unnest(p_measurand, p_context, p_phase, p_location, p_unit)
		       WITH ORDINALITY AS x(m, c, p, l, u, i)
		  JOIN d ON d.m = x.m AND d.c = x.c AND d.p = x.p AND d.l = x.l AND d.u = x.u;
		IF array_position(ids, NULL) IS NULL OR pass = 2 THEN
			RETURN ids;
		END IF;
		INSERT INTO meter_layouts (measurand, context, phase, location, unit)
		SELECT x.m::text[], x.c::text[], x.p::text[], x.l::text[], x.u::text[]
		  FROM unnest(p_measurand, p_context, p_phase, p_location, p_unit, ids)
		       AS x(m, c, p, l, u, id)
		 WHERE x.id IS NULL
		 -- (in one order: two writers adding the same two layouts must not wait for each other)
		 ORDER BY meter_layout_key(x.m::text[], x.c::text[], x.p::text[], x.l::text[], x.u::text[])
		ON CONFLICT (key) DO NOTHING;
	END LOOP;
END $$;

-- Stores sampled values of many messages (one charger at most once): the messages
-- as charge point, connector and transaction (our id, or null); their values as charge point,
-- timestamp, measurand, context, phase, location, unit, value. A value is the same as a stored
-- one when charger, time, connector, measurand, phase, location and context are: a message
-- that repeats a value stores it once, a replay stores nothing. Returns, per charge point with
-- anything new, how many values were new.
CREATE OR REPLACE FUNCTION meter_store(p_cp bigint[], p_connector integer[], p_tx bigint[],
	v_cp bigint[], v_at timestamptz[], v_measurand text[], v_context text[], v_phase text[],
	v_location text[], v_unit text[], v_value double precision[])
RETURNS TABLE (cp bigint, n bigint) LANGUAGE plpgsql
SET enable_seqscan = off        -- (index lookups only, whatever the statistics: see ocpp_meter_batch)
SET extra_float_digits = 1      -- (values pass through text: every digit of them)
AS $$
DECLARE
	g_cp bigint[];
	g_t timestamptz[];
	g_k integer[];
	g_part integer[];
	g_tx bigint[];
	g_m text[];
	g_c text[];
	g_p text[];
	g_l text[];
	g_u text[];
	g_v text[];
BEGIN
	-- the new values, one element per sampling (its arrays as literals, for meter_layout_ids)
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
	), a AS (
		SELECT s.cp, s.t, s.k, s.parts, s.tx, array_agg(r.m ORDER BY r.i)::text AS m,
		       array_agg(r.c ORDER BY r.i)::text AS c, array_agg(r.p ORDER BY r.i)::text AS p,
		       array_agg(r.l ORDER BY r.i)::text AS l, array_agg(r.u ORDER BY r.i)::text AS u,
		       array_agg(r.v ORDER BY r.i)::text AS v
		  FROM s JOIN r ON r.cp = s.cp AND r.t = s.t
		 -- a sampling seen before: only what it does not hold yet
		 WHERE s.parts = 0
		    OR NOT EXISTS (SELECT 1 FROM meter_samplings o
		                     JOIN meter_layouts ol ON ol.id = o.layout_id
		                    CROSS JOIN LATERAL unnest(ol.measurand, ol.phase, ol.location, ol.context) AS ov(m, p, l, c)
		                    WHERE o.charge_point_id = s.cp AND o.sampled_at = s.t AND o.connector_id = s.k
		                      AND ov.m = r.m AND ov.p IS NOT DISTINCT FROM r.p
		                      AND ov.l IS NOT DISTINCT FROM r.l AND ov.c IS NOT DISTINCT FROM r.c)
		 GROUP BY s.cp, s.t, s.k, s.parts, s.tx
	)
	SELECT array_agg(a.cp), array_agg(a.t), array_agg(a.k), array_agg(a.parts), array_agg(a.tx),
	       array_agg(a.m), array_agg(a.c), array_agg(a.p), array_agg(a.l), array_agg(a.u),
	       array_agg(a.v)
	  INTO g_cp, g_t, g_k, g_part, g_tx, g_m, g_c, g_p, g_l, g_u, g_v
	  FROM a;
	IF g_cp IS NULL THEN
		RETURN;
	END IF;

	RETURN QUERY
	WITH ins AS (
		INSERT INTO meter_samplings (charge_point_id, sampled_at, connector_id, part, transaction_id,
		                             layout_id, value)
		SELECT x.cp, x.t, x.k, x.part, x.tx, x.layout, x.v::double precision[]
		  FROM unnest(g_cp, g_t, g_k, g_part, g_tx, meter_layout_ids(g_m, g_c, g_p, g_l, g_u), g_v)
		       AS x(cp, t, k, part, tx, layout, v)
		RETURNING charge_point_id, cardinality(value) AS nv
	)
	SELECT ins.charge_point_id, sum(ins.nv)::bigint FROM ins GROUP BY ins.charge_point_id;
END $$;

-- Sampled values of one message, already normalised by the bridge (StopTransaction's
-- transactionData): [{"t": timestamp, "m": measurand, "c": context, "p": phase, "l": location,
-- "u": unit, "v": value}]. Returns how many were new (a replay inserts nothing).
CREATE OR REPLACE FUNCTION ocpp_insert_samples(p_cp bigint, p_connector integer, p_tx bigint, p_values jsonb)
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

-- MeterValues of many chargers at once: the bridge groups every MeterValues of a round into
-- this one statement (one charger at most once per call), so that a message costs no statement
-- of its own.
-- MeterValues of many chargers at once (one charger at most once): the messages as charge
-- point, connector, transaction (the charger's id), energy and power (for the event); their
-- samplings as charge point, timestamp, then the sampling's measurands, contexts, phases,
-- locations, units and values, each as an array literal ('{Voltage,Current.Import}', one element
-- per value, in the same order). One 'meter' event per message that brought anything new.
-- A new sampling is its layout's id and its values; a sampling there already (a replay, a later
-- message with more values) goes through meter_store, which stores only what it does not hold.
-- (SET enable_seqscan = off: its plans are made once per connection, plpgsql, and must stay
-- right as the tables grow from nothing: planned against an empty table, a replay check became
-- a hash anti-join over the whole table. Every row it touches is found through an index.)
CREATE OR REPLACE FUNCTION ocpp_meter_batch(p_cp bigint[], p_connector integer[], p_tx integer[],
	p_energy double precision[], p_power double precision[], s_cp bigint[], s_at timestamptz[],
	s_measurand text[], s_context text[], s_phase text[], s_location text[], s_unit text[],
	s_value text[])
RETURNS void LANGUAGE plpgsql
SET enable_seqscan = off
AS $$
DECLARE
	v_tx bigint[];
	v_listing bigint[];
	new_cp bigint[];
	new_n bigint[];
	rest_cp bigint[];
BEGIN
	-- (lookups as subqueries: one index probe per message, never a join over whole tables)
	SELECT array_agg((SELECT t.id FROM transactions t WHERE t.ocpp_tx_id = x.ocpp_tx AND t.charge_point_id = x.cp) ORDER BY x.i),
	       array_agg((SELECT c.listing_id FROM charge_points c WHERE c.id = x.cp) ORDER BY x.i)
	  INTO v_tx, v_listing
	  FROM unnest(p_cp, p_tx) WITH ORDINALITY AS x(cp, ocpp_tx, i);

	-- every sampling not stored yet: one row, part 0
	WITH ins AS (
		INSERT INTO meter_samplings (charge_point_id, sampled_at, connector_id, part, transaction_id,
		                             layout_id, value)
		SELECT s.cp, s.t, m.k, 0, m.tx, s.layout, s.v::double precision[]
		  FROM unnest(s_cp, s_at, meter_layout_ids(s_measurand, s_context, s_phase, s_location, s_unit),
		              s_value) AS s(cp, t, layout, v)
		  JOIN unnest(p_cp, p_connector, v_tx) AS m(cp, k, tx) ON m.cp = s.cp
		ON CONFLICT DO NOTHING
		RETURNING charge_point_id, cardinality(value) AS nv
	)
	SELECT array_agg(ins.charge_point_id), array_agg(ins.nv) INTO new_cp, new_n FROM ins;

	-- charge points with a sampling that was there already (a replay, a later message with more
	-- values, or two timestamps of one instant): all their values through meter_store
	IF coalesce(cardinality(new_cp), 0) < coalesce(cardinality(s_cp), 0) THEN
		SELECT array_agg(a.cp) INTO rest_cp
		  FROM (SELECT x.cp, count(*) AS n FROM unnest(s_cp) AS x(cp) GROUP BY x.cp) a
		 WHERE a.n > (SELECT count(*) FROM unnest(new_cp) AS y(cp) WHERE y.cp = a.cp);
		WITH r AS (
			SELECT s.cp, s.t, s.i, v.j, v.m, v.c, v.p, v.l, v.u, v.v
			  FROM unnest(s_cp, s_at, s_measurand, s_context, s_phase, s_location, s_unit, s_value)
			       WITH ORDINALITY AS s(cp, t, m, c, p, l, u, v, i)
			 CROSS JOIN LATERAL unnest(s.m::text[], s.c::text[], s.p::text[], s.l::text[], s.u::text[],
			                           s.v::double precision[]) WITH ORDINALITY AS v(m, c, p, l, u, v, j)
			 WHERE s.cp = ANY (rest_cp)
		), a AS (
			SELECT array_agg(r.cp ORDER BY r.i, r.j) AS cp, array_agg(r.t ORDER BY r.i, r.j) AS t,
			       array_agg(r.m ORDER BY r.i, r.j) AS m, array_agg(r.c ORDER BY r.i, r.j) AS c,
			       array_agg(r.p ORDER BY r.i, r.j) AS p, array_agg(r.l ORDER BY r.i, r.j) AS l,
			       array_agg(r.u ORDER BY r.i, r.j) AS u, array_agg(r.v ORDER BY r.i, r.j) AS v
			  FROM r
		)
		SELECT new_cp || array_agg(ms.cp), new_n || array_agg(ms.n) INTO new_cp, new_n
		  FROM a CROSS JOIN LATERAL meter_store(p_cp, p_connector, v_tx, a.cp, a.t, a.m, a.c, a.p,
		                                        a.l, a.u, a.v) AS ms;
	END IF;

	INSERT INTO events (kind, charge_point_id, listing_id, transaction_id, data)
	SELECT 'meter', x.cp, x.listing_id, x.tx, jsonb_strip_nulls(jsonb_build_object(
	       'connectorId', x.k, 'transactionId', x.ocpp_tx, 'samples', s.n, 'energyWh', x.e,
	       'powerW', x.w))
	  FROM unnest(p_cp, p_connector, p_tx, p_energy, p_power, v_tx, v_listing)
	       WITH ORDINALITY AS x(cp, k, ocpp_tx, e, w, tx, listing_id, i)
	  JOIN (SELECT y.cp, sum(y.n)::bigint AS n FROM unnest(new_cp, new_n) AS y(cp, n) GROUP BY y.cp) s
	       ON s.cp = x.cp
	 ORDER BY x.i;
END $$;
