--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: btree_gist; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;


--
-- Name: EXTENSION btree_gist; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION btree_gist IS 'support for indexing common datatypes in GiST';


--
-- Name: charge_points_deleted(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.charge_points_deleted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public'
    AS $$
BEGIN
	DELETE FROM ocpp_messages m USING gone WHERE m.charge_point_id = gone.id;
	UPDATE events e SET charge_point_id = NULL FROM gone WHERE e.charge_point_id = gone.id;
	RETURN NULL;
END $$;


--
-- Name: charge_points_notify(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.charge_points_notify() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	PERFORM pg_notify('ocpp_charge_points', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END::text);
	RETURN NULL;
END $$;


--
-- Name: ledger_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ledger_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END $$;


--
-- Name: ledger_entry_balanced(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ledger_entry_balanced() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM ledger_postings WHERE entry_id = NEW.entry_id
	           GROUP BY currency HAVING sum(amount) <> 0) THEN
		RAISE EXCEPTION 'ledger entry % does not balance', NEW.entry_id;
	END IF;
	RETURN NULL;
END $$;


--
-- Name: listing_moderate(bigint, text, text, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.listing_moderate(p_id bigint, p_to text, p_reason text, p_from text[]) RETURNS SETOF bigint
    LANGUAGE plpgsql
    AS $$
DECLARE
	rv listing_revisions%ROWTYPE;
BEGIN
	IF p_to IN ('approved', 'rejected') AND 'pending' = ANY (p_from) THEN
		SELECT r.* INTO rv FROM listing_revisions r JOIN listings l ON l.id = r.listing_id
		 WHERE r.listing_id = p_id AND r.state = 'pending' AND l.state IN ('approved', 'paused')
		   FOR UPDATE OF r;
		IF FOUND THEN
			IF p_to = 'approved' THEN
				UPDATE listings SET title = rv.title, description = rv.description, address = rv.address,
				       city = rv.city, lat = rv.lat, lon = rv.lon, updated_at = now()
				 WHERE id = p_id;
				DELETE FROM listing_revisions WHERE listing_id = p_id;
			ELSE
				UPDATE listing_revisions SET state = 'rejected', state_reason = p_reason
				 WHERE listing_id = p_id;
			END IF;
			RETURN NEXT p_id;
			RETURN;
		END IF;
	END IF;
	RETURN QUERY
	UPDATE listings SET state = p_to, state_reason = p_reason, updated_at = now(),
	       approved_at = CASE WHEN p_to = 'approved' THEN coalesce(approved_at, now()) ELSE approved_at END
	 WHERE id = p_id AND state = ANY (p_from) RETURNING id;
END $$;


--
-- Name: listing_update(bigint, bigint, text, text, text, text, double precision, double precision, text, boolean, bigint, bigint, integer, bigint, integer[], integer[], integer[], date[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.listing_update(p_id bigint, p_owner bigint, p_title text, p_description text, p_address text, p_city text, p_lat double precision, p_lon double precision, p_access text, p_auto_accept boolean, p_price bigint, p_idle_fee bigint, p_idle_grace integer, p_session_fee bigint, p_days integer[], p_starts integer[], p_ends integer[], p_blocked date[]) RETURNS text
    LANGUAGE plpgsql
    AS $$
DECLARE
	l listings%ROWTYPE;
	looks_same boolean;
	st text;
BEGIN
	SELECT * INTO l FROM listings
	 WHERE id = p_id AND owner_id = p_owner AND state NOT IN ('deleted', 'suspended') FOR UPDATE;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	-- (the form carries the pin with 7 decimals, about a centimetre: closer is the same place)
	looks_same := l.title = p_title AND l.description = p_description AND l.address = p_address
		AND l.city = p_city AND abs(l.lat - p_lat) < 0.0000006 AND abs(l.lon - p_lon) < 0.0000006;
	IF l.state IN ('approved', 'paused') THEN
		-- published before: the public keeps the approved look; a new look waits
		IF looks_same THEN
			DELETE FROM listing_revisions WHERE listing_id = p_id;
			st := l.state;
		ELSE
			INSERT INTO listing_revisions AS r (listing_id, title, description, address, city, lat, lon)
			VALUES (p_id, p_title, p_description, p_address, p_city, p_lat, p_lon)
			ON CONFLICT (listing_id) DO UPDATE
			   SET title = EXCLUDED.title, description = EXCLUDED.description, address = EXCLUDED.address,
			       city = EXCLUDED.city, lat = EXCLUDED.lat, lon = EXCLUDED.lon, state = 'pending',
			       state_reason = NULL, created_at = now();
			st := 'revision';
		END IF;
		UPDATE listings SET access_instructions = p_access, auto_accept = p_auto_accept, updated_at = now()
		 WHERE id = p_id;
	ELSE
		-- never published (draft, pending, rejected): the listing itself is what moderation sees;
		-- a rejected one goes back to moderation only when its look changed
		DELETE FROM listing_revisions WHERE listing_id = p_id;
		UPDATE listings
		   SET title = p_title, description = p_description, address = p_address, city = p_city,
		       lat = p_lat, lon = p_lon, access_instructions = p_access, auto_accept = p_auto_accept,
		       state = CASE WHEN state = 'rejected' AND NOT looks_same THEN 'pending' ELSE state END,
		       state_reason = CASE WHEN state = 'rejected' AND NOT looks_same THEN NULL ELSE state_reason END,
		       updated_at = now()
		 WHERE id = p_id
		RETURNING state INTO st;
	END IF;
	UPDATE tariffs SET price_per_kwh = p_price, idle_fee_per_min = p_idle_fee,
	       idle_grace_min = p_idle_grace, session_fee = p_session_fee, updated_at = now()
	 WHERE listing_id = p_id;
	DELETE FROM availability_windows WHERE listing_id = p_id;
	INSERT INTO availability_windows (listing_id, weekday, start_min, end_min)
	SELECT p_id, x.d, x.s, x.e FROM unnest(p_days, p_starts, p_ends) AS x (d, s, e);
	DELETE FROM blocked_dates WHERE listing_id = p_id;
	INSERT INTO blocked_dates (listing_id, day) SELECT DISTINCT p_id, x FROM unnest(p_blocked) AS x;
	RETURN st;
END $$;


--
-- Name: listings_deleted(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.listings_deleted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public'
    AS $$
BEGIN
	UPDATE events e SET listing_id = NULL FROM gone WHERE e.listing_id = gone.id;
	RETURN NULL;
END $$;


--
-- Name: map_connector_label(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.map_connector_label(type text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
	SELECT CASE type WHEN 'type2' THEN 'Type 2' WHEN 'ccs2' THEN 'CCS2' WHEN 'chademo' THEN 'CHAdeMO'
	       WHEN 'schuko' THEN 'Schuko' WHEN 'gbt' THEN 'GB/T' WHEN 'type1' THEN 'Type 1'
	       WHEN 'tesla' THEN 'Tesla' ELSE type END
$$;


--
-- Name: map_refresh(bigint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.map_refresh(ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    SET extra_float_digits TO '1'
    AS $$
BEGIN
	-- One transaction at a time per row: after this lock the next statement's snapshot (READ
	-- COMMITTED) sees what a concurrent refresh of the same listing committed, so the last
	-- writer never stores a summary built from rows older than the other's.
	PERFORM 1 FROM map_listings m JOIN (SELECT DISTINCT unnest(ids) AS id) AS u ON m.listing_id = u.id
		ORDER BY m.listing_id FOR UPDATE OF m;
	WITH u AS (
		SELECT DISTINCT unnest(ids) AS id
	), src AS (
		SELECT s.* FROM u JOIN map_listing_source s ON s.listing_id = u.id
	), gone AS (
		DELETE FROM map_listings m USING u WHERE m.listing_id = u.id
			AND NOT EXISTS (SELECT 1 FROM src WHERE src.listing_id = m.listing_id)
	)
	INSERT INTO map_listings (listing_id, lon, lat, price_per_kwh, status, connector_types,
	                          connector_watts, feature)
	SELECT * FROM src
	ON CONFLICT (listing_id) DO UPDATE SET lon = EXCLUDED.lon, lat = EXCLUDED.lat,
		price_per_kwh = EXCLUDED.price_per_kwh, status = EXCLUDED.status,
		connector_types = EXCLUDED.connector_types, connector_watts = EXCLUDED.connector_watts,
		feature = EXCLUDED.feature
	WHERE map_listings.feature IS DISTINCT FROM EXCLUDED.feature
	   OR map_listings.connector_types IS DISTINCT FROM EXCLUDED.connector_types
	   OR map_listings.connector_watts IS DISTINCT FROM EXCLUDED.connector_watts;
END $$;


--
-- Name: map_stamp(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.map_stamp() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	NEW.written_by := pg_current_xact_id();
	RETURN NEW;
END $$;


--
-- Name: map_tombstones(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.map_tombstones() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		DELETE FROM map_gone g USING new_rows n WHERE g.listing_id = n.listing_id;
	ELSE
		INSERT INTO map_gone (listing_id) SELECT listing_id FROM old_rows
		ON CONFLICT (listing_id) DO UPDATE SET written_by = pg_current_xact_id();
	END IF;
	RETURN NULL;
END $$;


--
-- Name: map_touch_charge_points(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.map_touch_charge_points() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
	ids bigint[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(DISTINCT listing_id) INTO ids FROM new_rows;
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(DISTINCT listing_id) INTO ids FROM old_rows;
	ELSE   -- the map shows whether it is online and whether it was ever heard from
		SELECT array_agg(DISTINCT listing_id) INTO ids FROM (
			(SELECT id, listing_id, online, last_seen_at IS NULL FROM new_rows
			 EXCEPT SELECT id, listing_id, online, last_seen_at IS NULL FROM old_rows)
			UNION ALL
			(SELECT id, listing_id, online, last_seen_at IS NULL FROM old_rows
			 EXCEPT SELECT id, listing_id, online, last_seen_at IS NULL FROM new_rows)) AS x;
	END IF;
	ids := array_remove(ids, NULL);   -- a charge point without a listing
	IF cardinality(ids) > 0 THEN
		PERFORM map_refresh(ids);
	END IF;
	RETURN NULL;
END $$;


--
-- Name: map_touch_connectors(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.map_touch_connectors() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
	ids bigint[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(DISTINCT listing_id) INTO ids FROM new_rows;
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(DISTINCT listing_id) INTO ids FROM old_rows;
	ELSE
		SELECT array_agg(DISTINCT listing_id) INTO ids FROM (
			(SELECT listing_id, connector_id, type, max_power_w, status FROM new_rows
			 EXCEPT SELECT listing_id, connector_id, type, max_power_w, status FROM old_rows)
			UNION ALL
			(SELECT listing_id, connector_id, type, max_power_w, status FROM old_rows
			 EXCEPT SELECT listing_id, connector_id, type, max_power_w, status FROM new_rows)) AS x;
	END IF;
	IF ids IS NOT NULL THEN
		PERFORM map_refresh(ids);
	END IF;
	RETURN NULL;
END $$;


--
-- Name: map_touch_listings(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.map_touch_listings() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
	ids bigint[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(id) INTO ids FROM new_rows;
	ELSE   -- UPDATE (a deleted listing's row goes through the foreign key)
		SELECT array_agg(DISTINCT id) INTO ids FROM (
			(SELECT id, state, title, city, lat, lon FROM new_rows
			 EXCEPT SELECT id, state, title, city, lat, lon FROM old_rows)) AS x;
	END IF;
	IF ids IS NOT NULL THEN
		PERFORM map_refresh(ids);
	END IF;
	RETURN NULL;
END $$;


--
-- Name: map_touch_tariffs(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.map_touch_tariffs() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
	ids bigint[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(listing_id) INTO ids FROM new_rows;
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(listing_id) INTO ids FROM old_rows;
	ELSE
		SELECT array_agg(DISTINCT listing_id) INTO ids FROM (
			(SELECT listing_id, price_per_kwh, currency FROM new_rows
			 EXCEPT SELECT listing_id, price_per_kwh, currency FROM old_rows)
			UNION ALL
			(SELECT listing_id, price_per_kwh, currency FROM old_rows
			 EXCEPT SELECT listing_id, price_per_kwh, currency FROM new_rows)) AS x;
	END IF;
	IF ids IS NOT NULL THEN
		PERFORM map_refresh(ids);
	END IF;
	RETURN NULL;
END $$;


--
-- Name: meter_layout_ids(text[], text[], text[], text[], text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.meter_layout_ids(p_measurand text[], p_context text[], p_phase text[], p_location text[], p_unit text[]) RETURNS integer[]
    LANGUAGE plpgsql
    SET enable_seqscan TO 'off'
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


--
-- Name: meter_layout_key(text[], text[], text[], text[], text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.meter_layout_key(m text[], c text[], p text[], l text[], u text[]) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN sha256(textsend((ROW(m, c, p, l, u))::text));


--
-- Name: meter_store(bigint[], integer[], bigint[], bigint[], timestamp with time zone[], text[], text[], text[], text[], text[], double precision[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.meter_store(p_cp bigint[], p_connector integer[], p_tx bigint[], v_cp bigint[], v_at timestamp with time zone[], v_measurand text[], v_context text[], v_phase text[], v_location text[], v_unit text[], v_value double precision[]) RETURNS TABLE(cp bigint, n bigint)
    LANGUAGE plpgsql
    SET enable_seqscan TO 'off'
    SET extra_float_digits TO '1'
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


--
-- Name: ocpp_boot(bigint, text, text, text, text, text, text, text, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_boot(p_cp bigint, p_vendor text, p_model text, p_serial text, p_firmware text, p_iccid text, p_imsi text, p_meter_type text, p_meter_serial text, p_interval integer) RETURNS text
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_state text;
	v_listing bigint;
BEGIN
	SELECT CASE WHEN l.state = 'approved' THEN 'accepted' ELSE 'pending' END, cp.listing_id
	  INTO v_state, v_listing
	  FROM charge_points cp LEFT JOIN listings l ON l.id = cp.listing_id
	 WHERE cp.id = p_cp;
	IF v_state IS NULL THEN
		RETURN 'rejected';   -- deleted while connected
	END IF;
	UPDATE charge_points
	   SET vendor = p_vendor, model = p_model, serial_number = p_serial, firmware_version = p_firmware,
	       iccid = p_iccid, imsi = p_imsi, meter_type = p_meter_type, meter_serial = p_meter_serial,
	       boot_state = v_state, last_boot_at = now(), heartbeat_interval = p_interval,
	       online = true, last_seen_at = now()
	 WHERE id = p_cp;
	INSERT INTO events (kind, charge_point_id, listing_id, data)
	VALUES ('boot', p_cp, v_listing, jsonb_build_object('state', v_state, 'vendor', p_vendor,
	        'model', p_model, 'firmware', p_firmware));
	RETURN v_state;
END $$;


--
-- Name: ocpp_claim_commands(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_claim_commands(p_node text) RETURNS TABLE(id bigint, charge_point_id bigint, action text, payload text, timeout_s integer)
    LANGUAGE sql
    AS $$
	WITH c AS (
		SELECT oc.id FROM ocpp_commands oc
		  JOIN charge_point_connections r ON r.charge_point_id = oc.charge_point_id AND r.node = p_node
		 WHERE oc.state = 'pending'
		 ORDER BY oc.id LIMIT 500
		   FOR UPDATE OF oc SKIP LOCKED
	)
	UPDATE ocpp_commands o
	   SET state = 'sent', node = p_node, sent_at = now(), message_id = 'c' || o.id
	  FROM c WHERE o.id = c.id
	RETURNING o.id, o.charge_point_id, o.action, o.payload::text, o.timeout_s;
$$;


--
-- Name: ocpp_command_finish(bigint, text, jsonb, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_command_finish(p_id bigint, p_state text, p_response jsonb, p_code text, p_description text) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
	UPDATE ocpp_commands
	   SET state = p_state, finished_at = now(), response = p_response, error_code = p_code,
	       error_description = left(p_description, 1000)
	 WHERE id = p_id AND state = 'sent';
END $$;


--
-- Name: ocpp_command_release(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_command_release(p_id bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
	UPDATE ocpp_commands SET state = 'pending', node = NULL, sent_at = NULL, message_id = NULL
	 WHERE id = p_id AND state = 'sent';
END $$;


--
-- Name: ocpp_commands_notify(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_commands_notify() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	PERFORM pg_notify('ocpp_commands', '');
	RETURN NULL;
END $$;


--
-- Name: ocpp_connect(bigint, text, bigint, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_connect(p_cp bigint, p_node text, p_generation bigint, p_addr text) RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
	was text;
BEGIN
	SELECT node INTO was FROM charge_point_connections WHERE charge_point_id = p_cp FOR UPDATE;
	INSERT INTO charge_point_connections (charge_point_id, node, generation, remote_addr)
	VALUES (p_cp, p_node, p_generation, p_addr)
	ON CONFLICT (charge_point_id) DO UPDATE
	   SET node = EXCLUDED.node, generation = EXCLUDED.generation,
	       remote_addr = EXCLUDED.remote_addr, connected_at = now(), alive_at = NULL;
	IF was IS NOT NULL AND was <> p_node THEN
		PERFORM pg_notify('ocpp_takeover', p_cp || ' ' || was);
	END IF;
	UPDATE charge_points SET online = true, last_seen_at = now() WHERE id = p_cp;
	INSERT INTO events (kind, charge_point_id, listing_id, data)
	SELECT 'connect', id, listing_id, jsonb_build_object('node', p_node) FROM charge_points WHERE id = p_cp;
END $$;


--
-- Name: ocpp_data_transfer(bigint, text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_data_transfer(p_cp bigint, p_vendor text, p_message text, p_data text) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
	INSERT INTO ocpp_data_transfers (charge_point_id, vendor_id, message_id, data)
	VALUES (p_cp, p_vendor, p_message, p_data);
END $$;


--
-- Name: ocpp_diagnostics_status(bigint, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_diagnostics_status(p_cp bigint, p_status text) RETURNS void
    LANGUAGE sql
    AS $$
	UPDATE charge_points SET diagnostics_status = p_status, diagnostics_status_at = now() WHERE id = p_cp;
	INSERT INTO events (kind, charge_point_id, listing_id, data)
	SELECT 'diagnostics', id, listing_id, jsonb_build_object('status', p_status) FROM charge_points WHERE id = p_cp;
$$;


--
-- Name: ocpp_disconnect(bigint, text, bigint, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_disconnect(p_cp bigint, p_node text, p_generation bigint, p_reason text, p_last_seen timestamp with time zone) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
	DELETE FROM charge_point_connections
	 WHERE charge_point_id = p_cp AND node = p_node AND generation = p_generation;
	UPDATE charge_points SET last_seen_at = greatest(last_seen_at, p_last_seen) WHERE id = p_cp;
	INSERT INTO events (kind, charge_point_id, listing_id, data)
	SELECT 'disconnect', id, listing_id, jsonb_build_object('node', p_node, 'reason', p_reason)
	  FROM charge_points WHERE id = p_cp;
END $$;


--
-- Name: ocpp_firmware_status(bigint, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_firmware_status(p_cp bigint, p_status text) RETURNS void
    LANGUAGE sql
    AS $$
	UPDATE charge_points SET firmware_status = p_status, firmware_status_at = now() WHERE id = p_cp;
	INSERT INTO events (kind, charge_point_id, listing_id, data)
	SELECT 'firmware', id, listing_id, jsonb_build_object('status', p_status) FROM charge_points WHERE id = p_cp;
$$;


--
-- Name: ocpp_heartbeat_batch(bigint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_heartbeat_batch(p_cps bigint[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
	UPDATE charge_points SET last_seen_at = now(), online = true WHERE id = ANY (p_cps);
END $$;


--
-- Name: ocpp_id_tag_info(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_id_tag_info(p_tag text, OUT status text, OUT expiry timestamp with time zone, OUT parent text) RETURNS record
    LANGUAGE plpgsql STABLE
    AS $$
BEGIN
	-- (plpgsql, like every function the bridge calls per message: its plans are kept for the
	-- connection, where a sql function's are made again at every call)
	SELECT CASE WHEN t.id_tag IS NULL THEN 'Invalid'
	            WHEN t.status = 'Accepted' AND a.state IS NOT NULL AND a.state <> 'active' THEN 'Blocked'
	            WHEN t.status = 'Accepted' AND t.expires_at <= now() THEN 'Expired'
	            ELSE t.status END,
	       t.expires_at, t.parent_id_tag
	  INTO status, expiry, parent
	  FROM (SELECT 1) one
	  LEFT JOIN id_tags t ON upper(t.id_tag) = upper(p_tag)   -- CiString20: id_tags_upper (017)
	  LEFT JOIN accounts a ON a.id = t.account_id;
END $$;


--
-- Name: ocpp_insert_samples(bigint, integer, bigint, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_insert_samples(p_cp bigint, p_connector integer, p_tx bigint, p_values jsonb) RETURNS integer
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: ocpp_meter_batch(bigint[], integer[], integer[], double precision[], double precision[], bigint[], timestamp with time zone[], text[], text[], text[], text[], text[], text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_meter_batch(p_cp bigint[], p_connector integer[], p_tx integer[], p_energy double precision[], p_power double precision[], s_cp bigint[], s_at timestamp with time zone[], s_measurand text[], s_context text[], s_phase text[], s_location text[], s_unit text[], s_value text[]) RETURNS void
    LANGUAGE plpgsql
    SET enable_seqscan TO 'off'
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


--
-- Name: ocpp_node_alive(text, text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_node_alive(p_node text, p_version text, p_start boolean) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
	INSERT INTO bridge_nodes (node, version) VALUES (p_node, p_version)
	ON CONFLICT (node) DO UPDATE
	   SET last_seen_at = now(), version = EXCLUDED.version,
	       started_at = CASE WHEN p_start THEN now() ELSE bridge_nodes.started_at END;
	IF p_start THEN
		DELETE FROM charge_point_connections WHERE node = p_node;
		UPDATE ocpp_commands
		   SET state = 'error', finished_at = now(), error_code = 'BridgeRestarted',
		       error_description = 'the bridge restarted before the charger answered'
		 WHERE state = 'sent' AND node = p_node;
	END IF;
	DELETE FROM charge_point_connections
	 WHERE node IN (SELECT node FROM bridge_nodes WHERE last_seen_at < now() - interval '60 seconds');
END $$;


--
-- Name: ocpp_node_stop(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_node_stop(p_node text) RETURNS void
    LANGUAGE sql
    AS $$
	UPDATE ocpp_commands
	   SET state = 'error', finished_at = now(), error_code = 'BridgeStopped',
	       error_description = 'the bridge stopped before the charger answered'
	 WHERE state = 'sent' AND node = p_node;
	DELETE FROM bridge_nodes WHERE node = p_node;
$$;


--
-- Name: ocpp_probe_alive(bigint, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_probe_alive(p_cp bigint, p_holder text, p_asked timestamp with time zone) RETURNS boolean
    LANGUAGE sql
    AS $$
	SELECT EXISTS (SELECT 1 FROM charge_point_connections
	                WHERE charge_point_id = p_cp AND node = p_holder AND alive_at >= p_asked);
$$;


--
-- Name: ocpp_probe_answer(bigint, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_probe_answer(p_cp bigint, p_node text) RETURNS void
    LANGUAGE sql
    AS $$
	UPDATE charge_point_connections SET alive_at = now() WHERE charge_point_id = p_cp AND node = p_node;
$$;


--
-- Name: ocpp_probe_ask(bigint, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_probe_ask(p_cp bigint, p_node text, OUT holder text, OUT asked_at timestamp with time zone) RETURNS record
    LANGUAGE plpgsql
    AS $$
BEGIN
	asked_at := clock_timestamp();
	SELECT r.node INTO holder
	  FROM charge_point_connections r JOIN bridge_nodes b ON b.node = r.node
	 WHERE r.charge_point_id = p_cp AND r.node <> p_node
	   AND b.last_seen_at > now() - interval '60 seconds';
	IF holder IS NOT NULL THEN
		PERFORM pg_notify('ocpp_probe', p_cp || ' ' || holder);
	END IF;
END $$;


--
-- Name: ocpp_security_event(bigint, text, text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_security_event(p_cp bigint, p_identity text, p_addr text, p_kind text, p_detail text) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
	INSERT INTO security_events (charge_point_id, identity, remote_addr, kind, detail)
	VALUES (p_cp, p_identity, p_addr, left(p_kind, 50), left(p_detail, 2000));
END $$;


--
-- Name: ocpp_start_transaction(bigint, integer, text, bigint, integer, timestamp with time zone, integer[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_start_transaction(p_cp bigint, p_connector integer, p_tag text, p_meter_start bigint, p_reservation integer, p_at timestamp with time zone, p_candidates integer[], OUT tx_id integer, OUT status text, OUT expiry timestamp with time zone, OUT parent text, OUT replay boolean) RETURNS record
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_listing bigint;
	v_account bigint;
	v_res bigint;
	v_id bigint;
	c integer;
BEGIN
	SELECT i.status, i.expiry, i.parent INTO status, expiry, parent FROM ocpp_id_tag_info(p_tag) i;
	replay := true;
	SELECT ocpp_tx_id INTO tx_id FROM transactions
	 WHERE charge_point_id = p_cp AND connector_id = p_connector AND started_at = p_at AND id_tag = p_tag;
	IF FOUND THEN
		RETURN;
	END IF;
	replay := false;
	SELECT listing_id INTO v_listing FROM charge_points WHERE id = p_cp;
	SELECT account_id INTO v_account FROM id_tags WHERE upper(id_tag) = upper(p_tag);
	IF p_reservation IS NOT NULL THEN
		SELECT id INTO v_res FROM reservations
		 WHERE ocpp_reservation_id = p_reservation AND listing_id = v_listing;
	END IF;
	FOREACH c IN ARRAY p_candidates LOOP
		INSERT INTO transactions (ocpp_tx_id, charge_point_id, connector_id, listing_id, account_id,
		                          reservation_id, id_tag, started_at, meter_start_wh, currency,
		                          price_per_kwh, idle_fee_per_min, session_fee)
		SELECT c, p_cp, p_connector, v_listing, v_account, v_res, p_tag, p_at, p_meter_start,
		       coalesce(tf.currency, 'CZK'), coalesce(tf.price_per_kwh, 0),
		       coalesce(tf.idle_fee_per_min, 0), coalesce(tf.session_fee, 0)
		  FROM (SELECT 1) one LEFT JOIN tariffs tf ON tf.listing_id = v_listing
		ON CONFLICT DO NOTHING
		RETURNING id INTO v_id;
		IF v_id IS NOT NULL THEN
			tx_id := c;
			INSERT INTO events (kind, charge_point_id, listing_id, transaction_id, data)
			VALUES ('tx.start', p_cp, v_listing, v_id, jsonb_strip_nulls(jsonb_build_object(
			        'transactionId', c, 'connectorId', p_connector, 'idTag', p_tag,
			        'meterStartWh', p_meter_start, 'timestamp', p_at, 'reservationId', p_reservation)));
			RETURN;
		END IF;
		-- taken: by another transaction (try the next id) or by a concurrent retry of this one
		SELECT ocpp_tx_id INTO tx_id FROM transactions
		 WHERE charge_point_id = p_cp AND connector_id = p_connector AND started_at = p_at AND id_tag = p_tag;
		IF FOUND THEN
			replay := true;
			RETURN;
		END IF;
	END LOOP;
	RAISE EXCEPTION 'no free transaction id among % candidates', cardinality(p_candidates);
END $$;


--
-- Name: ocpp_status_batch(bigint[], integer[], text[], text[], text[], text[], text[], timestamp with time zone[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_status_batch(p_cp bigint[], p_connector integer[], p_status text[], p_error text[], p_info text[], p_vendor_id text[], p_vendor_error text[], p_at timestamp with time zone[]) RETURNS void
    LANGUAGE plpgsql
    SET enable_seqscan TO 'off'
    AS $$
BEGIN
	UPDATE charge_points c
	   SET status = CASE WHEN x.st IN ('Available', 'Unavailable', 'Faulted') THEN x.st ELSE 'Unknown' END,
	       error_code = x.err, status_at = x.at
	  FROM unnest(p_cp, p_connector, p_status, p_error, p_at) AS x(cp, k, st, err, at)
	 WHERE x.k = 0 AND c.id = x.cp;
	UPDATE connectors n
	   SET status = y.st, error_code = y.err, status_info = y.info, status_at = y.at
	  FROM (SELECT x.*, (SELECT c.listing_id FROM charge_points c WHERE c.id = x.cp) AS listing_id
	          FROM unnest(p_cp, p_connector, p_status, p_error, p_info, p_at) AS x(cp, k, st, err, info, at)
	         WHERE x.k > 0) y
	 WHERE n.listing_id = y.listing_id AND n.connector_id = y.k;
	INSERT INTO events (kind, charge_point_id, listing_id, data)
	SELECT 'status', x.cp, (SELECT c.listing_id FROM charge_points c WHERE c.id = x.cp),
	       jsonb_strip_nulls(jsonb_build_object('connectorId', x.k, 'status', x.st, 'errorCode', x.err,
	       'info', x.info, 'vendorId', x.vid, 'vendorErrorCode', x.verr, 'timestamp', x.at))
	  FROM unnest(p_cp, p_connector, p_status, p_error, p_info, p_vendor_id, p_vendor_error, p_at)
	       WITH ORDINALITY AS x(cp, k, st, err, info, vid, verr, at, i)
	 ORDER BY x.i;
END $$;


--
-- Name: ocpp_stop_transaction(bigint, integer, text, bigint, timestamp with time zone, text, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_stop_transaction(p_cp bigint, p_tx integer, p_tag text, p_meter_stop bigint, p_at timestamp with time zone, p_reason text, p_data jsonb, OUT status text, OUT expiry timestamp with time zone, OUT parent text, OUT outcome text) RETURNS record
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_id bigint;
	v_listing bigint;
	v_connector integer;
	v_start bigint;
BEGIN
	IF p_tag IS NOT NULL THEN
		SELECT i.status, i.expiry, i.parent INTO status, expiry, parent FROM ocpp_id_tag_info(p_tag) i;
	END IF;
	UPDATE transactions
	   SET stopped_at = p_at, meter_stop_wh = p_meter_stop, stop_reason = coalesce(p_reason, 'Local'),
	       stop_id_tag = p_tag
	 WHERE ocpp_tx_id = p_tx AND charge_point_id = p_cp AND stopped_at IS NULL
	RETURNING id, listing_id, connector_id, meter_start_wh INTO v_id, v_listing, v_connector, v_start;
	IF FOUND THEN
		outcome := 'stopped';
		INSERT INTO events (kind, charge_point_id, listing_id, transaction_id, data)
		VALUES ('tx.stop', p_cp, v_listing, v_id, jsonb_strip_nulls(jsonb_build_object(
		        'transactionId', p_tx, 'connectorId', v_connector, 'meterStopWh', p_meter_stop,
		        'energyWh', p_meter_stop - v_start, 'reason', coalesce(p_reason, 'Local'),
		        'timestamp', p_at)));
	ELSE
		SELECT id, connector_id INTO v_id, v_connector FROM transactions
		 WHERE ocpp_tx_id = p_tx AND charge_point_id = p_cp;
		outcome := CASE WHEN FOUND THEN 'replay' ELSE 'unknown' END;
	END IF;
	IF v_id IS NOT NULL AND p_data IS NOT NULL AND jsonb_array_length(p_data) > 0 THEN
		PERFORM ocpp_insert_samples(p_cp, v_connector, v_id, p_data);
	END IF;
END $$;


--
-- Name: ocpp_sweep(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_sweep(p_offline_after integer) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
	n integer;
BEGIN
	WITH off AS (
		UPDATE charge_points SET online = false, status = 'Unknown'
		 WHERE online AND (last_seen_at IS NULL OR last_seen_at < now() - make_interval(secs => p_offline_after))
		RETURNING id, listing_id
	), conn AS (
		UPDATE connectors c SET status = 'Unknown', status_at = now()
		  FROM off WHERE c.listing_id = off.listing_id AND c.status <> 'Unknown'
		RETURNING c.listing_id
	)
	INSERT INTO events (kind, charge_point_id, listing_id, data)
	SELECT 'offline', off.id, off.listing_id,
	       jsonb_build_object('connectors', (SELECT count(*) FROM conn WHERE conn.listing_id = off.listing_id))
	  FROM off;
	GET DIAGNOSTICS n = ROW_COUNT;
	UPDATE ocpp_commands
	   SET state = 'timeout', finished_at = now(), error_description = 'the charger was not connected'
	 WHERE state = 'pending' AND created_at < now() - make_interval(secs => timeout_s);
	UPDATE ocpp_commands
	   SET state = 'timeout', finished_at = now(), error_description = 'the bridge that sent it went away'
	 WHERE state = 'sent' AND sent_at < now() - make_interval(secs => timeout_s + 60);
	RETURN n;
END $$;


--
-- Name: ocpp_touch(bigint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ocpp_touch(p_ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
	UPDATE charge_points SET last_seen_at = now(), online = true WHERE id = ANY (p_ids);
END $$;


--
-- Name: transactions_deleted(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.transactions_deleted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM events e JOIN gone ON e.transaction_id = gone.id) THEN
		RAISE foreign_key_violation USING
			MESSAGE = 'a transaction that events refer to cannot be deleted';
	END IF;
	RETURN NULL;
END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: account_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_tokens (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    purpose text NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    CONSTRAINT account_tokens_purpose_check CHECK ((purpose = ANY (ARRAY['verify_email'::text, 'reset_password'::text]))),
    CONSTRAINT account_tokens_token_hash_check CHECK ((length(token_hash) = 32))
);


--
-- Name: account_tokens_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.account_tokens_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: account_tokens_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.account_tokens_id_seq OWNED BY public.account_tokens.id;


--
-- Name: accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts (
    id bigint NOT NULL,
    email text NOT NULL,
    display_name text NOT NULL,
    phone text,
    lang text DEFAULT 'cs'::text NOT NULL,
    password_hash text,
    email_verified_at timestamp with time zone,
    is_owner boolean DEFAULT false NOT NULL,
    is_admin boolean DEFAULT false NOT NULL,
    state text DEFAULT 'active'::text NOT NULL,
    state_reason text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT accounts_check CHECK (((state = 'deleted'::text) = (deleted_at IS NOT NULL))),
    CONSTRAINT accounts_display_name_check CHECK (((length(display_name) >= 1) AND (length(display_name) <= 80))),
    CONSTRAINT accounts_email_check CHECK (((email = lower(email)) AND ((length(email) >= 3) AND (length(email) <= 254)) AND (email ~~ '%_@_%'::text))),
    CONSTRAINT accounts_lang_check CHECK ((lang = ANY (ARRAY['cs'::text, 'en'::text]))),
    CONSTRAINT accounts_phone_check CHECK ((length(phone) <= 32)),
    CONSTRAINT accounts_state_check CHECK ((state = ANY (ARRAY['active'::text, 'suspended'::text, 'deleted'::text])))
);


--
-- Name: accounts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.accounts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: accounts_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.accounts_id_seq OWNED BY public.accounts.id;


--
-- Name: api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_keys (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    prefix text NOT NULL,
    key_hash bytea NOT NULL,
    scopes text[] DEFAULT '{}'::text[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    CONSTRAINT api_keys_key_hash_check CHECK ((length(key_hash) = 32)),
    CONSTRAINT api_keys_name_check CHECK (((length(name) >= 1) AND (length(name) <= 80))),
    CONSTRAINT api_keys_prefix_check CHECK ((prefix ~ '^[A-Za-z0-9]{8,16}$'::text)),
    CONSTRAINT api_keys_scopes_check CHECK ((scopes <@ ARRAY['read:stations'::text, 'read:account'::text, 'write:charging'::text, 'write:bookings'::text]))
);


--
-- Name: api_keys_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.api_keys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: api_keys_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.api_keys_id_seq OWNED BY public.api_keys.id;


--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    actor_id bigint,
    action text NOT NULL,
    target_type text,
    target_id bigint,
    reason text,
    detail jsonb DEFAULT '{}'::jsonb NOT NULL,
    ip inet,
    CONSTRAINT audit_log_action_check CHECK ((action ~ '^[a-z_.]{1,60}$'::text)),
    CONSTRAINT audit_log_reason_check CHECK ((length(reason) <= 1000)),
    CONSTRAINT audit_log_target_type_check CHECK ((target_type = ANY (ARRAY['account'::text, 'listing'::text, 'charge_point'::text, 'payment'::text, 'reservation'::text, 'transaction'::text, 'card'::text])))
);


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;


--
-- Name: availability_windows; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.availability_windows (
    id bigint NOT NULL,
    listing_id bigint NOT NULL,
    weekday smallint NOT NULL,
    start_min integer NOT NULL,
    end_min integer NOT NULL,
    CONSTRAINT availability_windows_check CHECK ((end_min > start_min)),
    CONSTRAINT availability_windows_end_min_check CHECK (((end_min >= 1) AND (end_min <= 1440))),
    CONSTRAINT availability_windows_start_min_check CHECK (((start_min >= 0) AND (start_min <= 1439))),
    CONSTRAINT availability_windows_weekday_check CHECK (((weekday >= 1) AND (weekday <= 7)))
);


--
-- Name: availability_windows_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.availability_windows_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: availability_windows_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.availability_windows_id_seq OWNED BY public.availability_windows.id;


--
-- Name: blocked_dates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.blocked_dates (
    listing_id bigint NOT NULL,
    day date NOT NULL,
    reason text,
    CONSTRAINT blocked_dates_reason_check CHECK ((length(reason) <= 200))
);


--
-- Name: bridge_nodes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.bridge_nodes (
    node text NOT NULL,
    version text DEFAULT ''::text NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT bridge_nodes_node_check CHECK (((length(node) >= 1) AND (length(node) <= 100)))
);


--
-- Name: charge_point_connections; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.charge_point_connections (
    charge_point_id bigint NOT NULL,
    node text NOT NULL,
    generation bigint NOT NULL,
    remote_addr text,
    connected_at timestamp with time zone DEFAULT now() NOT NULL,
    alive_at timestamp with time zone
);


--
-- Name: charge_points; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.charge_points (
    id bigint NOT NULL,
    identity text NOT NULL,
    listing_id bigint,
    password_hash text NOT NULL,
    password_set_at timestamp with time zone DEFAULT now() NOT NULL,
    vendor text,
    model text,
    serial_number text,
    firmware_version text,
    iccid text,
    imsi text,
    meter_type text,
    meter_serial text,
    boot_state text DEFAULT 'never'::text NOT NULL,
    last_boot_at timestamp with time zone,
    heartbeat_interval integer,
    online boolean DEFAULT false NOT NULL,
    last_seen_at timestamp with time zone,
    status text DEFAULT 'Unknown'::text NOT NULL,
    error_code text DEFAULT 'NoError'::text NOT NULL,
    status_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    firmware_status text,
    firmware_status_at timestamp with time zone,
    diagnostics_status text,
    diagnostics_status_at timestamp with time zone,
    CONSTRAINT charge_points_boot_state_check CHECK ((boot_state = ANY (ARRAY['never'::text, 'accepted'::text, 'pending'::text, 'rejected'::text]))),
    CONSTRAINT charge_points_diagnostics_status_check CHECK ((length(diagnostics_status) <= 40)),
    CONSTRAINT charge_points_error_code_check CHECK ((length(error_code) <= 50)),
    CONSTRAINT charge_points_firmware_status_check CHECK ((length(firmware_status) <= 40)),
    CONSTRAINT charge_points_firmware_version_check CHECK ((length(firmware_version) <= 50)),
    CONSTRAINT charge_points_heartbeat_interval_check CHECK ((heartbeat_interval > 0)),
    CONSTRAINT charge_points_iccid_check CHECK ((length(iccid) <= 20)),
    CONSTRAINT charge_points_identity_check CHECK ((identity ~ '^[A-Za-z0-9._-]{1,48}$'::text)),
    CONSTRAINT charge_points_imsi_check CHECK ((length(imsi) <= 20)),
    CONSTRAINT charge_points_meter_serial_check CHECK ((length(meter_serial) <= 25)),
    CONSTRAINT charge_points_meter_type_check CHECK ((length(meter_type) <= 25)),
    CONSTRAINT charge_points_model_check CHECK ((length(model) <= 20)),
    CONSTRAINT charge_points_serial_number_check CHECK ((length(serial_number) <= 25)),
    CONSTRAINT charge_points_status_check CHECK ((status = ANY (ARRAY['Available'::text, 'Unavailable'::text, 'Faulted'::text, 'Unknown'::text]))),
    CONSTRAINT charge_points_vendor_check CHECK ((length(vendor) <= 20))
);


--
-- Name: charge_points_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.charge_points_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: charge_points_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.charge_points_id_seq OWNED BY public.charge_points.id;


--
-- Name: connectors; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.connectors (
    listing_id bigint NOT NULL,
    connector_id integer NOT NULL,
    type text NOT NULL,
    max_power_w integer NOT NULL,
    status text DEFAULT 'Unknown'::text NOT NULL,
    error_code text DEFAULT 'NoError'::text NOT NULL,
    status_info text,
    status_at timestamp with time zone,
    CONSTRAINT connectors_connector_id_check CHECK (((connector_id >= 1) AND (connector_id <= 32))),
    CONSTRAINT connectors_error_code_check CHECK ((length(error_code) <= 50)),
    CONSTRAINT connectors_max_power_w_check CHECK (((max_power_w >= 1000) AND (max_power_w <= 400000))),
    CONSTRAINT connectors_status_check CHECK ((status = ANY (ARRAY['Available'::text, 'Preparing'::text, 'Charging'::text, 'SuspendedEVSE'::text, 'SuspendedEV'::text, 'Finishing'::text, 'Reserved'::text, 'Unavailable'::text, 'Faulted'::text, 'Unknown'::text]))),
    CONSTRAINT connectors_status_info_check CHECK ((length(status_info) <= 50)),
    CONSTRAINT connectors_type_check CHECK ((type = ANY (ARRAY['type2'::text, 'ccs2'::text, 'chademo'::text, 'schuko'::text, 'gbt'::text, 'type1'::text, 'tesla'::text])))
);


--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    kind text NOT NULL,
    charge_point_id bigint,
    listing_id bigint,
    transaction_id bigint,
    data jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT events_kind_check CHECK ((kind ~ '^[a-z_.]{1,50}$'::text))
);


--
-- Name: events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: events_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.events_id_seq OWNED BY public.events.id;


--
-- Name: id_tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.id_tags (
    id_tag text NOT NULL,
    account_id bigint,
    parent_id_tag text,
    status text DEFAULT 'Accepted'::text NOT NULL,
    expires_at timestamp with time zone,
    label text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    id bigint NOT NULL,
    blocked_by_admin boolean DEFAULT false NOT NULL,
    CONSTRAINT id_tags_id_tag_check CHECK (((length(id_tag) >= 1) AND (length(id_tag) <= 20))),
    CONSTRAINT id_tags_label_check CHECK ((length(label) <= 80)),
    CONSTRAINT id_tags_status_check CHECK ((status = ANY (ARRAY['Accepted'::text, 'Blocked'::text, 'Expired'::text, 'Invalid'::text])))
);


--
-- Name: id_tags_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.id_tags ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.id_tags_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: known_devices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.known_devices (
    account_id bigint NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_used_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT known_devices_token_hash_check CHECK ((length(token_hash) = 32))
);


--
-- Name: ledger_accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ledger_accounts (
    id bigint NOT NULL,
    kind text NOT NULL,
    account_id bigint,
    currency text DEFAULT 'CZK'::text NOT NULL,
    CONSTRAINT ledger_accounts_check CHECK (((kind = ANY (ARRAY['platform_fees'::text, 'gopay_clearing'::text])) = (account_id IS NULL))),
    CONSTRAINT ledger_accounts_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ledger_accounts_kind_check CHECK ((kind = ANY (ARRAY['wallet'::text, 'hold'::text, 'owner_earnings'::text, 'platform_fees'::text, 'gopay_clearing'::text, 'payouts'::text])))
);


--
-- Name: ledger_accounts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ledger_accounts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: ledger_accounts_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.ledger_accounts_id_seq OWNED BY public.ledger_accounts.id;


--
-- Name: ledger_entries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ledger_entries (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    kind text NOT NULL,
    external_ref text,
    memo text,
    created_by bigint,
    CONSTRAINT ledger_entries_external_ref_check CHECK ((length(external_ref) <= 100)),
    CONSTRAINT ledger_entries_kind_check CHECK ((kind = ANY (ARRAY['topup'::text, 'hold'::text, 'release'::text, 'charge'::text, 'refund'::text, 'payout'::text, 'adjustment'::text]))),
    CONSTRAINT ledger_entries_memo_check CHECK ((length(memo) <= 500))
);


--
-- Name: ledger_entries_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ledger_entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: ledger_entries_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.ledger_entries_id_seq OWNED BY public.ledger_entries.id;


--
-- Name: ledger_postings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ledger_postings (
    id bigint NOT NULL,
    entry_id bigint NOT NULL,
    ledger_account_id bigint NOT NULL,
    amount bigint NOT NULL,
    currency text NOT NULL,
    CONSTRAINT ledger_postings_amount_check CHECK ((amount <> 0)),
    CONSTRAINT ledger_postings_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text))
);


--
-- Name: ledger_postings_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ledger_postings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: ledger_postings_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.ledger_postings_id_seq OWNED BY public.ledger_postings.id;


--
-- Name: listing_revisions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.listing_revisions (
    listing_id bigint NOT NULL,
    title text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    address text NOT NULL,
    city text DEFAULT ''::text NOT NULL,
    lat double precision NOT NULL,
    lon double precision NOT NULL,
    state text DEFAULT 'pending'::text NOT NULL,
    state_reason text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT listing_revisions_address_check CHECK (((length(address) >= 3) AND (length(address) <= 300))),
    CONSTRAINT listing_revisions_city_check CHECK ((length(city) <= 80)),
    CONSTRAINT listing_revisions_description_check CHECK ((length(description) <= 5000)),
    CONSTRAINT listing_revisions_lat_check CHECK (((lat >= ('-90'::integer)::double precision) AND (lat <= (90)::double precision))),
    CONSTRAINT listing_revisions_lon_check CHECK (((lon >= ('-180'::integer)::double precision) AND (lon <= (180)::double precision))),
    CONSTRAINT listing_revisions_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'rejected'::text]))),
    CONSTRAINT listing_revisions_state_reason_check CHECK ((length(state_reason) <= 1000)),
    CONSTRAINT listing_revisions_title_check CHECK (((length(title) >= 3) AND (length(title) <= 120)))
);


--
-- Name: listing_secret_once; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.listing_secret_once (
    listing_id bigint NOT NULL,
    account_id bigint NOT NULL,
    secret text NOT NULL,
    expires_at timestamp with time zone DEFAULT (now() + '00:10:00'::interval) NOT NULL,
    CONSTRAINT listing_secret_once_secret_check CHECK (((length(secret) >= 8) AND (length(secret) <= 64)))
);


--
-- Name: listings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.listings (
    id bigint NOT NULL,
    owner_id bigint NOT NULL,
    title text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    address text NOT NULL,
    city text DEFAULT ''::text NOT NULL,
    lat double precision NOT NULL,
    lon double precision NOT NULL,
    access_instructions text DEFAULT ''::text NOT NULL,
    state text DEFAULT 'draft'::text NOT NULL,
    state_reason text,
    auto_accept boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    approved_at timestamp with time zone,
    state_before_suspension text,
    CONSTRAINT listings_access_instructions_check CHECK ((length(access_instructions) <= 2000)),
    CONSTRAINT listings_address_check CHECK (((length(address) >= 3) AND (length(address) <= 300))),
    CONSTRAINT listings_city_check CHECK ((length(city) <= 80)),
    CONSTRAINT listings_description_check CHECK ((length(description) <= 5000)),
    CONSTRAINT listings_lat_check CHECK (((lat >= ('-90'::integer)::double precision) AND (lat <= (90)::double precision))),
    CONSTRAINT listings_lon_check CHECK (((lon >= ('-180'::integer)::double precision) AND (lon <= (180)::double precision))),
    CONSTRAINT listings_state_before_suspension_check CHECK ((state_before_suspension = ANY (ARRAY['pending'::text, 'approved'::text, 'paused'::text]))),
    CONSTRAINT listings_state_check CHECK ((state = ANY (ARRAY['draft'::text, 'pending'::text, 'approved'::text, 'rejected'::text, 'paused'::text, 'suspended'::text, 'deleted'::text]))),
    CONSTRAINT listings_state_reason_check CHECK ((length(state_reason) <= 1000)),
    CONSTRAINT listings_title_check CHECK (((length(title) >= 3) AND (length(title) <= 120)))
);


--
-- Name: listings_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.listings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: listings_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.listings_id_seq OWNED BY public.listings.id;


--
-- Name: map_gone; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.map_gone (
    listing_id bigint NOT NULL,
    written_by xid8 DEFAULT pg_current_xact_id() NOT NULL
);


--
-- Name: tariffs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tariffs (
    listing_id bigint NOT NULL,
    currency text DEFAULT 'CZK'::text NOT NULL,
    price_per_kwh bigint NOT NULL,
    idle_fee_per_min bigint DEFAULT 0 NOT NULL,
    idle_grace_min integer DEFAULT 0 NOT NULL,
    session_fee bigint DEFAULT 0 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tariffs_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT tariffs_idle_fee_per_min_check CHECK (((idle_fee_per_min >= 0) AND (idle_fee_per_min <= 100000))),
    CONSTRAINT tariffs_idle_grace_min_check CHECK (((idle_grace_min >= 0) AND (idle_grace_min <= 1440))),
    CONSTRAINT tariffs_price_per_kwh_check CHECK (((price_per_kwh >= 0) AND (price_per_kwh <= 100000))),
    CONSTRAINT tariffs_session_fee_check CHECK (((session_fee >= 0) AND (session_fee <= 1000000)))
);


--
-- Name: map_listing_source; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.map_listing_source AS
 SELECT l.id AS listing_id,
    l.lon,
    l.lat,
    t.price_per_kwh,
    s.status,
    s.types,
    s.watts,
    format('{"type":"Feature","id":%s,"geometry":{"type":"Point","coordinates":[%s,%s]},"properties":{"id":%s,"title":%s,"city":%s,"status":%s,"max_kw":%s,"price_per_kwh":%s,"currency":%s,"connectors":[%s],"url":%s}}'::text, l.id, to_json(l.lon), to_json(l.lat), l.id, to_json(l.title), to_json(l.city), to_json(s.status), to_json(((s.max_w)::double precision / (1000.0)::double precision)), t.price_per_kwh, to_json(t.currency), j.connectors, to_json(('/chargers/'::text || l.id))) AS format
   FROM ((((public.listings l
     JOIN public.tariffs t ON ((t.listing_id = l.id)))
     LEFT JOIN public.charge_points cp ON ((cp.listing_id = l.id)))
     CROSS JOIN LATERAL ( SELECT
                CASE
                    WHEN ((cp.id IS NULL) OR (cp.last_seen_at IS NULL)) THEN 'unknown'::text
                    WHEN (NOT cp.online) THEN 'offline'::text
                    WHEN bool_or((c.status = 'Available'::text)) THEN 'available'::text
                    WHEN bool_or((c.status = ANY (ARRAY['Preparing'::text, 'Charging'::text, 'SuspendedEV'::text, 'SuspendedEVSE'::text, 'Finishing'::text, 'Reserved'::text]))) THEN 'charging'::text
                    WHEN bool_and((c.status = 'Unknown'::text)) THEN 'unknown'::text
                    ELSE 'offline'::text
                END AS status,
            max(c.max_power_w) AS max_w,
            array_agg(c.type ORDER BY c.connector_id) AS types,
            array_agg(c.max_power_w ORDER BY c.connector_id) AS watts,
            count(*) AS n
           FROM public.connectors c
          WHERE (c.listing_id = l.id)) s)
     CROSS JOIN LATERAL ( SELECT string_agg(format('{"connector_id":%s,"type":%s,"label":%s,"max_kw":%s,"status":%s}'::text, c.connector_id, to_json(c.type), to_json(public.map_connector_label(c.type)), to_json(((c.max_power_w)::double precision / (1000.0)::double precision)), to_json(
                CASE
                    WHEN (s.status = ANY (ARRAY['unknown'::text, 'offline'::text])) THEN s.status
                    WHEN (c.status = 'Available'::text) THEN 'available'::text
                    WHEN (c.status = 'Unknown'::text) THEN 'unknown'::text
                    WHEN (c.status = ANY (ARRAY['Unavailable'::text, 'Faulted'::text])) THEN 'offline'::text
                    ELSE 'charging'::text
                END)), ','::text ORDER BY c.connector_id) AS connectors
           FROM public.connectors c
          WHERE (c.listing_id = l.id)) j)
  WHERE ((l.state = 'approved'::text) AND (s.n > 0));


--
-- Name: map_listings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.map_listings (
    listing_id bigint NOT NULL,
    lon double precision NOT NULL,
    lat double precision NOT NULL,
    price_per_kwh bigint NOT NULL,
    status text NOT NULL,
    connector_types text[] NOT NULL,
    connector_watts integer[] NOT NULL,
    feature text NOT NULL,
    written_by xid8 DEFAULT pg_current_xact_id() NOT NULL
)
WITH (fillfactor='90');


--
-- Name: meter_layouts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meter_layouts (
    id integer NOT NULL,
    measurand text[] NOT NULL,
    context text[] NOT NULL,
    phase text[] NOT NULL,
    location text[] NOT NULL,
    unit text[] NOT NULL,
    key bytea GENERATED ALWAYS AS (public.meter_layout_key(measurand, context, phase, location, unit)) STORED NOT NULL,
    CONSTRAINT meter_layouts_check CHECK (((cardinality(measurand) > 0) AND (cardinality(context) = cardinality(measurand)) AND (cardinality(phase) = cardinality(measurand)) AND (cardinality(location) = cardinality(measurand)) AND (cardinality(unit) = cardinality(measurand))))
);


--
-- Name: meter_layouts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meter_layouts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.meter_layouts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meter_samplings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meter_samplings (
    charge_point_id bigint NOT NULL,
    sampled_at timestamp with time zone NOT NULL,
    connector_id integer NOT NULL,
    part smallint DEFAULT 0 NOT NULL,
    transaction_id bigint,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    layout_id integer NOT NULL,
    value double precision[] NOT NULL,
    CONSTRAINT meter_samplings_new_connector_id_check CHECK ((connector_id >= 0)),
    CONSTRAINT meter_samplings_new_part_check CHECK ((part >= 0)),
    CONSTRAINT meter_samplings_new_value_check CHECK ((cardinality(value) > 0))
);


--
-- Name: meter_values; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.meter_values WITH (security_invoker='true') AS
 SELECT s.charge_point_id,
    s.connector_id,
    s.transaction_id,
    s.sampled_at,
    v.measurand,
    v.context,
    v.phase,
    v.location,
    v.unit,
    v.value,
    s.received_at
   FROM ((public.meter_samplings s
     JOIN public.meter_layouts l ON ((l.id = s.layout_id)))
     CROSS JOIN LATERAL UNNEST(l.measurand, l.context, l.phase, l.location, l.unit, s.value) v(measurand, context, phase, location, unit, value));


--
-- Name: ocpp_commands; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ocpp_commands (
    id bigint NOT NULL,
    charge_point_id bigint NOT NULL,
    action text NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    state text DEFAULT 'pending'::text NOT NULL,
    timeout_s integer DEFAULT 30 NOT NULL,
    created_by bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    node text,
    message_id text,
    sent_at timestamp with time zone,
    finished_at timestamp with time zone,
    response jsonb,
    error_code text,
    error_description text,
    CONSTRAINT ocpp_commands_action_check CHECK ((action = ANY (ARRAY['RemoteStartTransaction'::text, 'RemoteStopTransaction'::text, 'Reset'::text, 'UnlockConnector'::text, 'ChangeAvailability'::text, 'ChangeConfiguration'::text, 'GetConfiguration'::text, 'ClearCache'::text, 'TriggerMessage'::text, 'ReserveNow'::text, 'CancelReservation'::text, 'SendLocalList'::text, 'GetLocalListVersion'::text, 'SetChargingProfile'::text, 'ClearChargingProfile'::text, 'GetCompositeSchedule'::text, 'GetDiagnostics'::text, 'UpdateFirmware'::text, 'DataTransfer'::text]))),
    CONSTRAINT ocpp_commands_check CHECK (((state = ANY (ARRAY['pending'::text, 'sent'::text])) = (finished_at IS NULL))),
    CONSTRAINT ocpp_commands_message_id_check CHECK ((length(message_id) <= 36)),
    CONSTRAINT ocpp_commands_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'sent'::text, 'accepted'::text, 'rejected'::text, 'error'::text, 'timeout'::text]))),
    CONSTRAINT ocpp_commands_timeout_s_check CHECK (((timeout_s >= 1) AND (timeout_s <= 3600)))
);


--
-- Name: ocpp_commands_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ocpp_commands_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: ocpp_commands_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.ocpp_commands_id_seq OWNED BY public.ocpp_commands.id;


--
-- Name: ocpp_data_transfers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ocpp_data_transfers (
    id bigint NOT NULL,
    charge_point_id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    vendor_id text NOT NULL,
    message_id text,
    data text,
    CONSTRAINT ocpp_data_transfers_message_id_check CHECK ((length(message_id) <= 50)),
    CONSTRAINT ocpp_data_transfers_vendor_id_check CHECK ((length(vendor_id) <= 255))
);


--
-- Name: ocpp_data_transfers_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ocpp_data_transfers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: ocpp_data_transfers_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.ocpp_data_transfers_id_seq OWNED BY public.ocpp_data_transfers.id;


--
-- Name: ocpp_messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ocpp_messages (
    id bigint NOT NULL,
    charge_point_id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    direction text NOT NULL,
    message_type smallint NOT NULL,
    unique_id text NOT NULL,
    action text,
    payload text NOT NULL,
    answer_type smallint,
    answered_at timestamp with time zone,
    answer text,
    CONSTRAINT ocpp_messages_answer_type_check CHECK ((answer_type = ANY (ARRAY[3, 4]))),
    CONSTRAINT ocpp_messages_check CHECK (((answer_type IS NULL) OR ((message_type = 2) AND (answered_at IS NOT NULL) AND (answer IS NOT NULL)))),
    CONSTRAINT ocpp_messages_direction_check CHECK ((direction = ANY (ARRAY['in'::text, 'out'::text]))),
    CONSTRAINT ocpp_messages_message_type_check CHECK ((message_type = ANY (ARRAY[2, 3, 4])))
);


--
-- Name: ocpp_messages_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ocpp_messages_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: ocpp_messages_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.ocpp_messages_id_seq OWNED BY public.ocpp_messages.id;


--
-- Name: payments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payments (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    provider text DEFAULT 'gopay'::text NOT NULL,
    provider_id bigint,
    order_number text NOT NULL,
    amount bigint NOT NULL,
    currency text DEFAULT 'CZK'::text NOT NULL,
    state text DEFAULT 'CREATED'::text NOT NULL,
    gateway_url text,
    ledger_entry_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT payments_amount_check CHECK ((amount > 0)),
    CONSTRAINT payments_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT payments_order_number_check CHECK ((length(order_number) <= 128)),
    CONSTRAINT payments_provider_check CHECK ((provider = 'gopay'::text)),
    CONSTRAINT payments_state_check CHECK ((length(state) <= 32))
);


--
-- Name: payments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.payments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: payments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.payments_id_seq OWNED BY public.payments.id;


--
-- Name: rate_limits; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rate_limits (
    bucket text NOT NULL,
    hit_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: reservations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reservations (
    id bigint NOT NULL,
    listing_id bigint NOT NULL,
    connector_id integer NOT NULL,
    driver_id bigint NOT NULL,
    period tstzrange NOT NULL,
    state text DEFAULT 'requested'::text NOT NULL,
    id_tag text,
    ocpp_reservation_id integer,
    note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reservations_note_check CHECK ((length(note) <= 500)),
    CONSTRAINT reservations_period_check CHECK (((NOT isempty(period)) AND lower_inc(period) AND (NOT upper_inc(period)) AND (NOT lower_inf(period)) AND (NOT upper_inf(period)))),
    CONSTRAINT reservations_state_check CHECK ((state = ANY (ARRAY['requested'::text, 'confirmed'::text, 'rejected'::text, 'cancelled'::text, 'completed'::text, 'no_show'::text])))
);


--
-- Name: reservations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.reservations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: reservations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.reservations_id_seq OWNED BY public.reservations.id;


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: security_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.security_events (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    charge_point_id bigint,
    identity text,
    remote_addr text,
    kind text NOT NULL,
    detail text,
    CONSTRAINT security_events_detail_check CHECK ((length(detail) <= 2000)),
    CONSTRAINT security_events_kind_check CHECK (((length(kind) >= 1) AND (length(kind) <= 50)))
);


--
-- Name: security_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.security_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: security_events_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.security_events_id_seq OWNED BY public.security_events.id;


--
-- Name: transactions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.transactions (
    id bigint NOT NULL,
    ocpp_tx_id integer NOT NULL,
    charge_point_id bigint NOT NULL,
    connector_id integer NOT NULL,
    listing_id bigint,
    account_id bigint,
    reservation_id bigint,
    id_tag text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    meter_start_wh bigint NOT NULL,
    stopped_at timestamp with time zone,
    meter_stop_wh bigint,
    stop_reason text,
    stop_id_tag text,
    currency text DEFAULT 'CZK'::text NOT NULL,
    price_per_kwh bigint DEFAULT 0 NOT NULL,
    idle_fee_per_min bigint DEFAULT 0 NOT NULL,
    session_fee bigint DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT transactions_check CHECK (((stopped_at IS NULL) = (meter_stop_wh IS NULL))),
    CONSTRAINT transactions_connector_id_check CHECK ((connector_id >= 1)),
    CONSTRAINT transactions_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT transactions_id_tag_check CHECK (((length(id_tag) >= 1) AND (length(id_tag) <= 20))),
    CONSTRAINT transactions_idle_fee_per_min_check CHECK ((idle_fee_per_min >= 0)),
    CONSTRAINT transactions_meter_start_wh_check CHECK ((meter_start_wh >= 0)),
    CONSTRAINT transactions_meter_stop_wh_check CHECK ((meter_stop_wh >= 0)),
    CONSTRAINT transactions_ocpp_tx_id_check CHECK ((ocpp_tx_id > 0)),
    CONSTRAINT transactions_price_per_kwh_check CHECK ((price_per_kwh >= 0)),
    CONSTRAINT transactions_session_fee_check CHECK ((session_fee >= 0)),
    CONSTRAINT transactions_stop_id_tag_check CHECK ((length(stop_id_tag) <= 20))
);


--
-- Name: transactions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.transactions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: transactions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.transactions_id_seq OWNED BY public.transactions.id;


--
-- Name: web_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.web_sessions (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    ip inet,
    user_agent text,
    CONSTRAINT web_sessions_token_hash_check CHECK ((length(token_hash) = 32)),
    CONSTRAINT web_sessions_user_agent_check CHECK ((length(user_agent) <= 512))
);


--
-- Name: web_sessions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.web_sessions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: web_sessions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.web_sessions_id_seq OWNED BY public.web_sessions.id;


--
-- Name: account_tokens id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_tokens ALTER COLUMN id SET DEFAULT nextval('public.account_tokens_id_seq'::regclass);


--
-- Name: accounts id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts ALTER COLUMN id SET DEFAULT nextval('public.accounts_id_seq'::regclass);


--
-- Name: api_keys id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys ALTER COLUMN id SET DEFAULT nextval('public.api_keys_id_seq'::regclass);


--
-- Name: audit_log id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log ALTER COLUMN id SET DEFAULT nextval('public.audit_log_id_seq'::regclass);


--
-- Name: availability_windows id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.availability_windows ALTER COLUMN id SET DEFAULT nextval('public.availability_windows_id_seq'::regclass);


--
-- Name: charge_points id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.charge_points ALTER COLUMN id SET DEFAULT nextval('public.charge_points_id_seq'::regclass);


--
-- Name: events id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events ALTER COLUMN id SET DEFAULT nextval('public.events_id_seq'::regclass);


--
-- Name: ledger_accounts id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_accounts ALTER COLUMN id SET DEFAULT nextval('public.ledger_accounts_id_seq'::regclass);


--
-- Name: ledger_entries id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries ALTER COLUMN id SET DEFAULT nextval('public.ledger_entries_id_seq'::regclass);


--
-- Name: ledger_postings id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_postings ALTER COLUMN id SET DEFAULT nextval('public.ledger_postings_id_seq'::regclass);


--
-- Name: listings id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.listings ALTER COLUMN id SET DEFAULT nextval('public.listings_id_seq'::regclass);


--
-- Name: ocpp_commands id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ocpp_commands ALTER COLUMN id SET DEFAULT nextval('public.ocpp_commands_id_seq'::regclass);


--
-- Name: ocpp_data_transfers id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ocpp_data_transfers ALTER COLUMN id SET DEFAULT nextval('public.ocpp_data_transfers_id_seq'::regclass);


--
-- Name: ocpp_messages id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ocpp_messages ALTER COLUMN id SET DEFAULT nextval('public.ocpp_messages_id_seq'::regclass);


--
-- Name: payments id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments ALTER COLUMN id SET DEFAULT nextval('public.payments_id_seq'::regclass);


--
-- Name: reservations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reservations ALTER COLUMN id SET DEFAULT nextval('public.reservations_id_seq'::regclass);


--
-- Name: security_events id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.security_events ALTER COLUMN id SET DEFAULT nextval('public.security_events_id_seq'::regclass);


--
-- Name: transactions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transactions ALTER COLUMN id SET DEFAULT nextval('public.transactions_id_seq'::regclass);


--
-- Name: web_sessions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.web_sessions ALTER COLUMN id SET DEFAULT nextval('public.web_sessions_id_seq'::regclass);


--
-- Name: account_tokens account_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_tokens
    ADD CONSTRAINT account_tokens_pkey PRIMARY KEY (id);


--
-- Name: account_tokens account_tokens_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_tokens
    ADD CONSTRAINT account_tokens_token_hash_key UNIQUE (token_hash);


--
-- Name: accounts accounts_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_email_key UNIQUE (email);


--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);


--
-- Name: api_keys api_keys_key_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash);


--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);


--
-- Name: api_keys api_keys_prefix_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_prefix_key UNIQUE (prefix);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);


--
-- Name: availability_windows availability_windows_listing_id_weekday_int4range_excl; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.availability_windows
    ADD CONSTRAINT availability_windows_listing_id_weekday_int4range_excl EXCLUDE USING gist (listing_id WITH =, weekday WITH =, int4range(start_min, end_min) WITH &&);


--
-- Name: availability_windows availability_windows_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.availability_windows
    ADD CONSTRAINT availability_windows_pkey PRIMARY KEY (id);


--
-- Name: blocked_dates blocked_dates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.blocked_dates
    ADD CONSTRAINT blocked_dates_pkey PRIMARY KEY (listing_id, day);


--
-- Name: bridge_nodes bridge_nodes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bridge_nodes
    ADD CONSTRAINT bridge_nodes_pkey PRIMARY KEY (node);


--
-- Name: charge_point_connections charge_point_connections_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.charge_point_connections
    ADD CONSTRAINT charge_point_connections_pkey PRIMARY KEY (charge_point_id);


--
-- Name: charge_points charge_points_identity_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.charge_points
    ADD CONSTRAINT charge_points_identity_key UNIQUE (identity);


--
-- Name: charge_points charge_points_listing_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.charge_points
    ADD CONSTRAINT charge_points_listing_id_key UNIQUE (listing_id);


--
-- Name: charge_points charge_points_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.charge_points
    ADD CONSTRAINT charge_points_pkey PRIMARY KEY (id);


--
-- Name: connectors connectors_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.connectors
    ADD CONSTRAINT connectors_pkey PRIMARY KEY (listing_id, connector_id);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);


--
-- Name: id_tags id_tags_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.id_tags
    ADD CONSTRAINT id_tags_id_key UNIQUE (id);


--
-- Name: id_tags id_tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.id_tags
    ADD CONSTRAINT id_tags_pkey PRIMARY KEY (id_tag);


--
-- Name: known_devices known_devices_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.known_devices
    ADD CONSTRAINT known_devices_pkey PRIMARY KEY (account_id, token_hash);


--
-- Name: ledger_accounts ledger_accounts_kind_account_id_currency_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_accounts
    ADD CONSTRAINT ledger_accounts_kind_account_id_currency_key UNIQUE NULLS NOT DISTINCT (kind, account_id, currency);


--
-- Name: ledger_accounts ledger_accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_accounts
    ADD CONSTRAINT ledger_accounts_pkey PRIMARY KEY (id);


--
-- Name: ledger_entries ledger_entries_external_ref_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_external_ref_key UNIQUE (external_ref);


--
-- Name: ledger_entries ledger_entries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_pkey PRIMARY KEY (id);


--
-- Name: ledger_postings ledger_postings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_postings
    ADD CONSTRAINT ledger_postings_pkey PRIMARY KEY (id);


--
-- Name: listing_revisions listing_revisions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.listing_revisions
    ADD CONSTRAINT listing_revisions_pkey PRIMARY KEY (listing_id);


--
-- Name: listing_secret_once listing_secret_once_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.listing_secret_once
    ADD CONSTRAINT listing_secret_once_pkey PRIMARY KEY (listing_id);


--
-- Name: listings listings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.listings
    ADD CONSTRAINT listings_pkey PRIMARY KEY (id);


--
-- Name: map_gone map_gone_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.map_gone
    ADD CONSTRAINT map_gone_pkey PRIMARY KEY (listing_id);


--
-- Name: map_listings map_listings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.map_listings
    ADD CONSTRAINT map_listings_pkey PRIMARY KEY (listing_id);


--
-- Name: meter_layouts meter_layouts_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meter_layouts
    ADD CONSTRAINT meter_layouts_key_key UNIQUE (key);


--
-- Name: meter_layouts meter_layouts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meter_layouts
    ADD CONSTRAINT meter_layouts_pkey PRIMARY KEY (id);


--
-- Name: meter_samplings meter_samplings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meter_samplings
    ADD CONSTRAINT meter_samplings_pkey PRIMARY KEY (charge_point_id, sampled_at, connector_id, part);


--
-- Name: ocpp_commands ocpp_commands_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ocpp_commands
    ADD CONSTRAINT ocpp_commands_pkey PRIMARY KEY (id);


--
-- Name: ocpp_data_transfers ocpp_data_transfers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ocpp_data_transfers
    ADD CONSTRAINT ocpp_data_transfers_pkey PRIMARY KEY (id);


--
-- Name: payments payments_order_number_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_order_number_key UNIQUE (order_number);


--
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (id);


--
-- Name: payments payments_provider_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_provider_id_key UNIQUE (provider_id);


--
-- Name: reservations reservations_listing_id_connector_id_period_excl; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT reservations_listing_id_connector_id_period_excl EXCLUDE USING gist (listing_id WITH =, connector_id WITH =, period WITH &&) WHERE ((state = ANY (ARRAY['requested'::text, 'confirmed'::text])));


--
-- Name: reservations reservations_ocpp_reservation_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT reservations_ocpp_reservation_id_key UNIQUE (ocpp_reservation_id);


--
-- Name: reservations reservations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT reservations_pkey PRIMARY KEY (id);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: security_events security_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.security_events
    ADD CONSTRAINT security_events_pkey PRIMARY KEY (id);


--
-- Name: tariffs tariffs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tariffs
    ADD CONSTRAINT tariffs_pkey PRIMARY KEY (listing_id);


--
-- Name: transactions transactions_charge_point_id_connector_id_started_at_id_tag_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transactions
    ADD CONSTRAINT transactions_charge_point_id_connector_id_started_at_id_tag_key UNIQUE (charge_point_id, connector_id, started_at, id_tag);


--
-- Name: transactions transactions_ocpp_tx_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transactions
    ADD CONSTRAINT transactions_ocpp_tx_id_key UNIQUE (ocpp_tx_id);


--
-- Name: transactions transactions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transactions
    ADD CONSTRAINT transactions_pkey PRIMARY KEY (id);


--
-- Name: web_sessions web_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.web_sessions
    ADD CONSTRAINT web_sessions_pkey PRIMARY KEY (id);


--
-- Name: web_sessions web_sessions_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.web_sessions
    ADD CONSTRAINT web_sessions_token_hash_key UNIQUE (token_hash);


--
-- Name: audit_log_actor; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_actor ON public.audit_log USING btree (actor_id, id DESC);


--
-- Name: audit_log_target; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_target ON public.audit_log USING btree (target_type, target_id, id DESC);


--
-- Name: charge_point_connections_node; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX charge_point_connections_node ON public.charge_point_connections USING btree (node);


--
-- Name: connectors_type; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX connectors_type ON public.connectors USING btree (type, max_power_w);


--
-- Name: id_tags_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX id_tags_account ON public.id_tags USING btree (account_id);


--
-- Name: id_tags_upper; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX id_tags_upper ON public.id_tags USING btree (upper(id_tag));


--
-- Name: ledger_postings_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ledger_postings_account ON public.ledger_postings USING btree (ledger_account_id, id);


--
-- Name: ledger_postings_entry; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ledger_postings_entry ON public.ledger_postings USING btree (entry_id);


--
-- Name: listing_revisions_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX listing_revisions_pending ON public.listing_revisions USING btree (created_at) WHERE (state = 'pending'::text);


--
-- Name: listings_owner; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX listings_owner ON public.listings USING btree (owner_id);


--
-- Name: listings_state; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX listings_state ON public.listings USING btree (state, created_at);


--
-- Name: map_gone_written_by; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX map_gone_written_by ON public.map_gone USING btree (written_by);


--
-- Name: map_listings_written_by; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX map_listings_written_by ON public.map_listings USING btree (written_by);


--
-- Name: meter_samplings_tx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meter_samplings_tx ON public.meter_samplings USING btree (transaction_id, sampled_at) WHERE (transaction_id IS NOT NULL);


--
-- Name: ocpp_commands_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ocpp_commands_pending ON public.ocpp_commands USING btree (charge_point_id, id) WHERE (state = ANY (ARRAY['pending'::text, 'sent'::text]));


--
-- Name: ocpp_commands_state; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ocpp_commands_state ON public.ocpp_commands USING btree (state, created_at) WHERE (state = ANY (ARRAY['pending'::text, 'sent'::text]));


--
-- Name: ocpp_data_transfers_cp; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ocpp_data_transfers_cp ON public.ocpp_data_transfers USING btree (charge_point_id, id DESC);


--
-- Name: ocpp_messages_cp; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ocpp_messages_cp ON public.ocpp_messages USING btree (charge_point_id, id DESC);


--
-- Name: payments_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payments_account ON public.payments USING btree (account_id, created_at DESC);


--
-- Name: rate_limits_bucket; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rate_limits_bucket ON public.rate_limits USING btree (bucket, hit_at);


--
-- Name: reservations_driver; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reservations_driver ON public.reservations USING btree (driver_id, lower(period));


--
-- Name: security_events_cp; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX security_events_cp ON public.security_events USING btree (charge_point_id, id DESC);


--
-- Name: tariffs_price; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tariffs_price ON public.tariffs USING btree (price_per_kwh);


--
-- Name: transactions_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX transactions_account ON public.transactions USING btree (account_id, started_at DESC);


--
-- Name: transactions_active; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX transactions_active ON public.transactions USING btree (charge_point_id) WHERE (stopped_at IS NULL);


--
-- Name: transactions_cp; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX transactions_cp ON public.transactions USING btree (charge_point_id, started_at DESC);


--
-- Name: web_sessions_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX web_sessions_account ON public.web_sessions USING btree (account_id);


--
-- Name: audit_log audit_log_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_append_only BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION public.ledger_append_only();


--
-- Name: charge_points charge_points_deleted; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER charge_points_deleted AFTER DELETE ON public.charge_points REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION public.charge_points_deleted();


--
-- Name: charge_points charge_points_notify; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER charge_points_notify AFTER INSERT OR DELETE OR UPDATE OF identity, password_hash ON public.charge_points FOR EACH ROW EXECUTE FUNCTION public.charge_points_notify();


--
-- Name: ledger_entries ledger_entries_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_entries_append_only BEFORE DELETE OR UPDATE ON public.ledger_entries FOR EACH ROW EXECUTE FUNCTION public.ledger_append_only();


--
-- Name: ledger_postings ledger_postings_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_postings_append_only BEFORE DELETE OR UPDATE ON public.ledger_postings FOR EACH ROW EXECUTE FUNCTION public.ledger_append_only();


--
-- Name: ledger_postings ledger_postings_balanced; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON public.ledger_postings DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.ledger_entry_balanced();


--
-- Name: listings listings_deleted; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER listings_deleted AFTER DELETE ON public.listings REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION public.listings_deleted();


--
-- Name: charge_points map_charge_points_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_charge_points_del AFTER DELETE ON public.charge_points REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_touch_charge_points();


--
-- Name: charge_points map_charge_points_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_charge_points_ins AFTER INSERT ON public.charge_points REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_touch_charge_points();


--
-- Name: charge_points map_charge_points_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_charge_points_upd AFTER UPDATE ON public.charge_points REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_touch_charge_points();


--
-- Name: connectors map_connectors_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_connectors_del AFTER DELETE ON public.connectors REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_touch_connectors();


--
-- Name: connectors map_connectors_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_connectors_ins AFTER INSERT ON public.connectors REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_touch_connectors();


--
-- Name: connectors map_connectors_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_connectors_upd AFTER UPDATE ON public.connectors REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_touch_connectors();


--
-- Name: map_listings map_listings_back; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_listings_back AFTER INSERT ON public.map_listings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_tombstones();


--
-- Name: map_listings map_listings_gone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_listings_gone AFTER DELETE ON public.map_listings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_tombstones();


--
-- Name: listings map_listings_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_listings_ins AFTER INSERT ON public.listings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_touch_listings();


--
-- Name: map_listings map_listings_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_listings_stamp BEFORE INSERT OR UPDATE ON public.map_listings FOR EACH ROW EXECUTE FUNCTION public.map_stamp();


--
-- Name: listings map_listings_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_listings_upd AFTER UPDATE ON public.listings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_touch_listings();


--
-- Name: tariffs map_tariffs_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_tariffs_del AFTER DELETE ON public.tariffs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_touch_tariffs();


--
-- Name: tariffs map_tariffs_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_tariffs_ins AFTER INSERT ON public.tariffs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_touch_tariffs();


--
-- Name: tariffs map_tariffs_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER map_tariffs_upd AFTER UPDATE ON public.tariffs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.map_touch_tariffs();


--
-- Name: ocpp_commands ocpp_commands_notify; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ocpp_commands_notify AFTER INSERT ON public.ocpp_commands FOR EACH STATEMENT EXECUTE FUNCTION public.ocpp_commands_notify();


--
-- Name: transactions transactions_deleted; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER transactions_deleted AFTER DELETE ON public.transactions REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION public.transactions_deleted();


--
-- Name: account_tokens account_tokens_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_tokens
    ADD CONSTRAINT account_tokens_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;


--
-- Name: api_keys api_keys_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;


--
-- Name: audit_log audit_log_actor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.accounts(id);


--
-- Name: availability_windows availability_windows_listing_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.availability_windows
    ADD CONSTRAINT availability_windows_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES public.listings(id) ON DELETE CASCADE;


--
-- Name: blocked_dates blocked_dates_listing_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.blocked_dates
    ADD CONSTRAINT blocked_dates_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES public.listings(id) ON DELETE CASCADE;


--
-- Name: charge_point_connections charge_point_connections_charge_point_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.charge_point_connections
    ADD CONSTRAINT charge_point_connections_charge_point_id_fkey FOREIGN KEY (charge_point_id) REFERENCES public.charge_points(id) ON DELETE CASCADE;


--
-- Name: charge_point_connections charge_point_connections_node_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.charge_point_connections
    ADD CONSTRAINT charge_point_connections_node_fkey FOREIGN KEY (node) REFERENCES public.bridge_nodes(node) ON DELETE CASCADE;


--
-- Name: charge_points charge_points_listing_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.charge_points
    ADD CONSTRAINT charge_points_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES public.listings(id) ON DELETE SET NULL;


--
-- Name: connectors connectors_listing_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.connectors
    ADD CONSTRAINT connectors_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES public.listings(id) ON DELETE CASCADE;


--
-- Name: id_tags id_tags_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.id_tags
    ADD CONSTRAINT id_tags_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE SET NULL;


--
-- Name: id_tags id_tags_parent_id_tag_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.id_tags
    ADD CONSTRAINT id_tags_parent_id_tag_fkey FOREIGN KEY (parent_id_tag) REFERENCES public.id_tags(id_tag) ON DELETE SET NULL;


--
-- Name: known_devices known_devices_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.known_devices
    ADD CONSTRAINT known_devices_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;


--
-- Name: ledger_accounts ledger_accounts_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_accounts
    ADD CONSTRAINT ledger_accounts_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: ledger_entries ledger_entries_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.accounts(id);


--
-- Name: ledger_postings ledger_postings_entry_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_postings
    ADD CONSTRAINT ledger_postings_entry_id_fkey FOREIGN KEY (entry_id) REFERENCES public.ledger_entries(id);


--
-- Name: ledger_postings ledger_postings_ledger_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_postings
    ADD CONSTRAINT ledger_postings_ledger_account_id_fkey FOREIGN KEY (ledger_account_id) REFERENCES public.ledger_accounts(id);


--
-- Name: listing_revisions listing_revisions_listing_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.listing_revisions
    ADD CONSTRAINT listing_revisions_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES public.listings(id) ON DELETE CASCADE;


--
-- Name: listing_secret_once listing_secret_once_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.listing_secret_once
    ADD CONSTRAINT listing_secret_once_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: listing_secret_once listing_secret_once_listing_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.listing_secret_once
    ADD CONSTRAINT listing_secret_once_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES public.listings(id) ON DELETE CASCADE;


--
-- Name: listings listings_owner_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.listings
    ADD CONSTRAINT listings_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.accounts(id);


--
-- Name: map_listings map_listings_listing_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.map_listings
    ADD CONSTRAINT map_listings_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES public.listings(id) ON DELETE CASCADE;


--
-- Name: ocpp_commands ocpp_commands_charge_point_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ocpp_commands
    ADD CONSTRAINT ocpp_commands_charge_point_id_fkey FOREIGN KEY (charge_point_id) REFERENCES public.charge_points(id) ON DELETE CASCADE;


--
-- Name: ocpp_commands ocpp_commands_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ocpp_commands
    ADD CONSTRAINT ocpp_commands_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.accounts(id) ON DELETE SET NULL;


--
-- Name: ocpp_data_transfers ocpp_data_transfers_charge_point_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ocpp_data_transfers
    ADD CONSTRAINT ocpp_data_transfers_charge_point_id_fkey FOREIGN KEY (charge_point_id) REFERENCES public.charge_points(id) ON DELETE CASCADE;


--
-- Name: payments payments_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: payments payments_ledger_entry_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_ledger_entry_id_fkey FOREIGN KEY (ledger_entry_id) REFERENCES public.ledger_entries(id);


--
-- Name: reservations reservations_driver_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT reservations_driver_id_fkey FOREIGN KEY (driver_id) REFERENCES public.accounts(id);


--
-- Name: reservations reservations_id_tag_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT reservations_id_tag_fkey FOREIGN KEY (id_tag) REFERENCES public.id_tags(id_tag);


--
-- Name: reservations reservations_listing_id_connector_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT reservations_listing_id_connector_id_fkey FOREIGN KEY (listing_id, connector_id) REFERENCES public.connectors(listing_id, connector_id) ON DELETE CASCADE;


--
-- Name: security_events security_events_charge_point_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.security_events
    ADD CONSTRAINT security_events_charge_point_id_fkey FOREIGN KEY (charge_point_id) REFERENCES public.charge_points(id) ON DELETE SET NULL;


--
-- Name: tariffs tariffs_listing_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tariffs
    ADD CONSTRAINT tariffs_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES public.listings(id) ON DELETE CASCADE;


--
-- Name: transactions transactions_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transactions
    ADD CONSTRAINT transactions_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: transactions transactions_charge_point_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transactions
    ADD CONSTRAINT transactions_charge_point_id_fkey FOREIGN KEY (charge_point_id) REFERENCES public.charge_points(id);


--
-- Name: transactions transactions_listing_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transactions
    ADD CONSTRAINT transactions_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES public.listings(id);


--
-- Name: transactions transactions_reservation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transactions
    ADD CONSTRAINT transactions_reservation_id_fkey FOREIGN KEY (reservation_id) REFERENCES public.reservations(id);


--
-- Name: web_sessions web_sessions_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.web_sessions
    ADD CONSTRAINT web_sessions_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO evshare_web;
GRANT USAGE ON SCHEMA public TO evshare_bridge;


--
-- Name: TABLE account_tokens; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.account_tokens TO evshare_web;


--
-- Name: SEQUENCE account_tokens_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.account_tokens_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.account_tokens_id_seq TO evshare_bridge;


--
-- Name: TABLE accounts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.accounts TO evshare_web;
GRANT SELECT ON TABLE public.accounts TO evshare_bridge;


--
-- Name: SEQUENCE accounts_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.accounts_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.accounts_id_seq TO evshare_bridge;


--
-- Name: TABLE api_keys; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.api_keys TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.api_keys TO evshare_bridge;


--
-- Name: SEQUENCE api_keys_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.api_keys_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.api_keys_id_seq TO evshare_bridge;


--
-- Name: TABLE audit_log; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.audit_log TO evshare_web;
GRANT SELECT ON TABLE public.audit_log TO evshare_bridge;


--
-- Name: SEQUENCE audit_log_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.audit_log_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.audit_log_id_seq TO evshare_bridge;


--
-- Name: TABLE availability_windows; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.availability_windows TO evshare_web;
GRANT SELECT ON TABLE public.availability_windows TO evshare_bridge;


--
-- Name: SEQUENCE availability_windows_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.availability_windows_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.availability_windows_id_seq TO evshare_bridge;


--
-- Name: TABLE blocked_dates; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.blocked_dates TO evshare_web;
GRANT SELECT ON TABLE public.blocked_dates TO evshare_bridge;


--
-- Name: TABLE bridge_nodes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.bridge_nodes TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.bridge_nodes TO evshare_bridge;


--
-- Name: TABLE charge_point_connections; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.charge_point_connections TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.charge_point_connections TO evshare_bridge;


--
-- Name: TABLE charge_points; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.charge_points TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.charge_points TO evshare_bridge;


--
-- Name: SEQUENCE charge_points_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.charge_points_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.charge_points_id_seq TO evshare_bridge;


--
-- Name: TABLE connectors; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.connectors TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.connectors TO evshare_bridge;


--
-- Name: TABLE events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.events TO evshare_web;
GRANT SELECT,INSERT ON TABLE public.events TO evshare_bridge;


--
-- Name: SEQUENCE events_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.events_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.events_id_seq TO evshare_bridge;


--
-- Name: TABLE id_tags; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.id_tags TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.id_tags TO evshare_bridge;


--
-- Name: SEQUENCE id_tags_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.id_tags_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.id_tags_id_seq TO evshare_bridge;


--
-- Name: TABLE known_devices; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.known_devices TO evshare_web;


--
-- Name: TABLE ledger_accounts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.ledger_accounts TO evshare_web;
GRANT SELECT ON TABLE public.ledger_accounts TO evshare_bridge;


--
-- Name: SEQUENCE ledger_accounts_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.ledger_accounts_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.ledger_accounts_id_seq TO evshare_bridge;


--
-- Name: TABLE ledger_entries; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.ledger_entries TO evshare_web;
GRANT SELECT,INSERT ON TABLE public.ledger_entries TO evshare_bridge;


--
-- Name: SEQUENCE ledger_entries_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.ledger_entries_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.ledger_entries_id_seq TO evshare_bridge;


--
-- Name: TABLE ledger_postings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.ledger_postings TO evshare_web;
GRANT SELECT,INSERT ON TABLE public.ledger_postings TO evshare_bridge;


--
-- Name: SEQUENCE ledger_postings_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.ledger_postings_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.ledger_postings_id_seq TO evshare_bridge;


--
-- Name: TABLE listing_revisions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.listing_revisions TO evshare_web;


--
-- Name: TABLE listing_secret_once; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.listing_secret_once TO evshare_web;


--
-- Name: TABLE listings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.listings TO evshare_web;
GRANT SELECT ON TABLE public.listings TO evshare_bridge;


--
-- Name: SEQUENCE listings_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.listings_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.listings_id_seq TO evshare_bridge;


--
-- Name: TABLE map_gone; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.map_gone TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.map_gone TO evshare_bridge;


--
-- Name: TABLE tariffs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.tariffs TO evshare_web;
GRANT SELECT ON TABLE public.tariffs TO evshare_bridge;


--
-- Name: TABLE map_listing_source; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.map_listing_source TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.map_listing_source TO evshare_bridge;


--
-- Name: TABLE map_listings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.map_listings TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.map_listings TO evshare_bridge;


--
-- Name: TABLE meter_layouts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.meter_layouts TO evshare_web;
GRANT SELECT,INSERT ON TABLE public.meter_layouts TO evshare_bridge;


--
-- Name: SEQUENCE meter_layouts_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.meter_layouts_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.meter_layouts_id_seq TO evshare_bridge;


--
-- Name: TABLE meter_samplings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.meter_samplings TO evshare_web;
GRANT SELECT,INSERT ON TABLE public.meter_samplings TO evshare_bridge;


--
-- Name: TABLE meter_values; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.meter_values TO evshare_web;
GRANT SELECT,INSERT ON TABLE public.meter_values TO evshare_bridge;


--
-- Name: TABLE ocpp_commands; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.ocpp_commands TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.ocpp_commands TO evshare_bridge;


--
-- Name: SEQUENCE ocpp_commands_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.ocpp_commands_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.ocpp_commands_id_seq TO evshare_bridge;


--
-- Name: TABLE ocpp_data_transfers; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.ocpp_data_transfers TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.ocpp_data_transfers TO evshare_bridge;


--
-- Name: SEQUENCE ocpp_data_transfers_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.ocpp_data_transfers_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.ocpp_data_transfers_id_seq TO evshare_bridge;


--
-- Name: TABLE ocpp_messages; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.ocpp_messages TO evshare_web;
GRANT SELECT,INSERT ON TABLE public.ocpp_messages TO evshare_bridge;


--
-- Name: SEQUENCE ocpp_messages_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.ocpp_messages_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.ocpp_messages_id_seq TO evshare_bridge;


--
-- Name: TABLE payments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.payments TO evshare_web;
GRANT SELECT ON TABLE public.payments TO evshare_bridge;


--
-- Name: SEQUENCE payments_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.payments_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.payments_id_seq TO evshare_bridge;


--
-- Name: TABLE rate_limits; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.rate_limits TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.rate_limits TO evshare_bridge;


--
-- Name: TABLE reservations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.reservations TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.reservations TO evshare_bridge;


--
-- Name: SEQUENCE reservations_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.reservations_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.reservations_id_seq TO evshare_bridge;


--
-- Name: TABLE schema_migrations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.schema_migrations TO evshare_web;
GRANT SELECT ON TABLE public.schema_migrations TO evshare_bridge;


--
-- Name: TABLE security_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.security_events TO evshare_web;
GRANT SELECT,INSERT ON TABLE public.security_events TO evshare_bridge;


--
-- Name: SEQUENCE security_events_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.security_events_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.security_events_id_seq TO evshare_bridge;


--
-- Name: TABLE transactions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.transactions TO evshare_web;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.transactions TO evshare_bridge;


--
-- Name: SEQUENCE transactions_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.transactions_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.transactions_id_seq TO evshare_bridge;


--
-- Name: TABLE web_sessions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.web_sessions TO evshare_web;


--
-- Name: SEQUENCE web_sessions_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.web_sessions_id_seq TO evshare_web;
GRANT SELECT,USAGE ON SEQUENCE public.web_sessions_id_seq TO evshare_bridge;


--
-- PostgreSQL database dump complete
--


