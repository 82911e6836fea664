-- defs/20_ocpp.sql: the bridge's side of the database: notifications for the bridges, one
-- function per OCPP message so that each message is one statement (the bridge pipelines many of
-- them into one commit), connections and liveness, duplicate-connection probes, commands, and
-- what the foreign keys dropped for speed (008) still do on a deletion. Meter values:
-- defs/30_meter.sql. Every function runs with the caller's rights (evshare_bridge) unless it
-- says SECURITY DEFINER.
-- Re-applied after every migrate (see sql/README.md): the current definition, idempotent.

-- Whoever queues a command wakes the bridges (payload-free; they claim from the table).
CREATE OR REPLACE FUNCTION ocpp_commands_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('ocpp_commands', '');
	RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER ocpp_commands_notify AFTER INSERT ON ocpp_commands
	FOR EACH STATEMENT EXECUTE FUNCTION ocpp_commands_notify();

-- The bridges keep the chargers' identities and password hashes in memory (the websocket
-- handshake cannot wait for the database): a change tells them which row to reload.
CREATE OR REPLACE FUNCTION charge_points_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('ocpp_charge_points', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END::text);
	RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER charge_points_notify AFTER INSERT OR DELETE OR UPDATE OF identity, password_hash
	ON charge_points FOR EACH ROW EXECUTE FUNCTION charge_points_notify();

-- ------------------------------------------------------------ charger -> central system

-- idTagInfo for an id tag: unknown tags are Invalid, lapsed ones Expired, a suspended or
-- deleted account's tags Blocked.
CREATE OR REPLACE FUNCTION ocpp_id_tag_info(p_tag text, OUT status text, OUT expiry timestamptz, OUT parent text)
LANGUAGE plpgsql STABLE AS $$
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

-- BootNotification: Accepted only for a charger whose listing is approved, else Pending.
CREATE OR REPLACE FUNCTION ocpp_boot(p_cp bigint, p_vendor text, p_model text, p_serial text, p_firmware text,
	p_iccid text, p_imsi text, p_meter_type text, p_meter_serial text, p_interval integer)
RETURNS text LANGUAGE plpgsql AS $$
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

-- StatusNotifications of many chargers at once (one charger at most once per call, as with
-- ocpp_meter_batch): connector 0 is the charge point itself, others the listing's connectors.
-- One UPDATE per table for the whole group, so that what watches those tables (the map's
-- statement triggers) runs once per group, not once per message.
CREATE OR REPLACE FUNCTION ocpp_status_batch(p_cp bigint[], p_connector integer[], p_status text[],
	p_error text[], p_info text[], p_vendor_id text[], p_vendor_error text[], p_at timestamptz[])
RETURNS void LANGUAGE plpgsql
SET enable_seqscan = off        -- (as ocpp_meter_batch: index lookups only, whatever the stats)
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

-- Heartbeats of many chargers at once.
CREATE OR REPLACE FUNCTION ocpp_heartbeat_batch(p_cps bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	UPDATE charge_points SET last_seen_at = now(), online = true WHERE id = ANY (p_cps);
END $$;

-- StartTransaction. The bridge passes random candidate ids (from a CSPRNG); a retried
-- StartTransaction (same charger, connector, start time and tag) gets the id it got before.
CREATE OR REPLACE FUNCTION ocpp_start_transaction(p_cp bigint, p_connector integer, p_tag text,
	p_meter_start bigint, p_reservation integer, p_at timestamptz, p_candidates integer[],
	OUT tx_id integer, OUT status text, OUT expiry timestamptz, OUT parent text, OUT replay boolean)
LANGUAGE plpgsql AS $$
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

-- StopTransaction: always answerable. outcome: 'stopped', 'replay' (already stopped: nothing
-- changes) or 'unknown' (no such transaction of this charger: nothing is stored).
CREATE OR REPLACE FUNCTION ocpp_stop_transaction(p_cp bigint, p_tx integer, p_tag text, p_meter_stop bigint,
	p_at timestamptz, p_reason text, p_data jsonb,
	OUT status text, OUT expiry timestamptz, OUT parent text, OUT outcome text)
LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE FUNCTION ocpp_data_transfer(p_cp bigint, p_vendor text, p_message text, p_data text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO ocpp_data_transfers (charge_point_id, vendor_id, message_id, data)
	VALUES (p_cp, p_vendor, p_message, p_data);
END $$;

CREATE OR REPLACE FUNCTION ocpp_diagnostics_status(p_cp bigint, p_status text) RETURNS void LANGUAGE sql AS $$
	UPDATE charge_points SET diagnostics_status = p_status, diagnostics_status_at = now() WHERE id = p_cp;
	INSERT INTO events (kind, charge_point_id, listing_id, data)
	SELECT 'diagnostics', id, listing_id, jsonb_build_object('status', p_status) FROM charge_points WHERE id = p_cp;
$$;

CREATE OR REPLACE FUNCTION ocpp_firmware_status(p_cp bigint, p_status text) RETURNS void LANGUAGE sql AS $$
	UPDATE charge_points SET firmware_status = p_status, firmware_status_at = now() WHERE id = p_cp;
	INSERT INTO events (kind, charge_point_id, listing_id, data)
	SELECT 'firmware', id, listing_id, jsonb_build_object('status', p_status) FROM charge_points WHERE id = p_cp;
$$;

-- security events the bridge sees (kind 'duplicate_connection', ...) and the charger reports
-- (SecurityEventNotification: kind 'charger:' || type)
CREATE OR REPLACE FUNCTION ocpp_security_event(p_cp bigint, p_identity text, p_addr text, p_kind text, p_detail text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO security_events (charge_point_id, identity, remote_addr, kind, detail)
	VALUES (p_cp, p_identity, p_addr, left(p_kind, 50), left(p_detail, 2000));
END $$;

-- ------------------------------------------------------------ connections and liveness

-- (009) A node that takes a charger from another one tells it to let go.
CREATE OR REPLACE FUNCTION ocpp_connect(p_cp bigint, p_node text, p_generation bigint, p_addr text)
RETURNS void LANGUAGE plpgsql AS $$
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

-- The row goes only if it is still this connection's (a newer one may have replaced it).
-- p_last_seen: when the charger last said anything on it (the sweep counts silence from there,
-- not from the disconnect: a dead connection hung up late is not fresh news of the charger).
CREATE OR REPLACE FUNCTION ocpp_disconnect(p_cp bigint, p_node text, p_generation bigint, p_reason text,
	p_last_seen timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM charge_point_connections
	 WHERE charge_point_id = p_cp AND node = p_node AND generation = p_generation;
	UPDATE charge_points SET last_seen_at = greatest(last_seen_at, p_last_seen) WHERE id = p_cp;
	INSERT INTO events (kind, charge_point_id, listing_id, data)
	SELECT 'disconnect', id, listing_id, jsonb_build_object('node', p_node, 'reason', p_reason)
	  FROM charge_points WHERE id = p_cp;
END $$;

-- Chargers that said anything lately (the bridge batches these).
CREATE OR REPLACE FUNCTION ocpp_touch(p_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	UPDATE charge_points SET last_seen_at = now(), online = true WHERE id = ANY (p_ids);
END $$;

-- Called at start (p_start) and every few seconds: the node's row for /health; at start the
-- node's connections from before the restart are gone and its unanswered commands end in error;
-- nodes silent for a minute are taken as dead and their registry rows removed.
CREATE OR REPLACE FUNCTION ocpp_node_alive(p_node text, p_version text, p_start boolean) RETURNS void
LANGUAGE plpgsql AS $$
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

-- A clean stop: the node's registry rows go with its bridge_nodes row (ON DELETE CASCADE),
-- its unanswered commands end in error.
CREATE OR REPLACE FUNCTION ocpp_node_stop(p_node text) RETURNS void LANGUAGE sql AS $$
	UPDATE ocpp_commands
	   SET state = 'error', finished_at = now(), error_code = 'BridgeStopped',
	       error_description = 'the bridge stopped before the charger answered'
	 WHERE state = 'sent' AND node = p_node;
	DELETE FROM bridge_nodes WHERE node = p_node;
$$;

-- Chargers silent for longer than p_offline_after seconds are offline and their connectors
-- Unknown; commands nobody could deliver time out. Returns how many chargers went offline.
CREATE OR REPLACE FUNCTION ocpp_sweep(p_offline_after integer) RETURNS integer LANGUAGE plpgsql AS $$
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

-- ------------------------------------------------------------ commands (central system -> charger)

-- Claims the pending commands of the chargers connected to this node.
CREATE OR REPLACE FUNCTION ocpp_claim_commands(p_node text)
RETURNS TABLE (id bigint, charge_point_id bigint, action text, payload text, timeout_s integer)
LANGUAGE sql AS $$
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

CREATE OR REPLACE FUNCTION ocpp_command_finish(p_id bigint, p_state text, p_response jsonb, p_code text, p_description text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	UPDATE ocpp_commands
	   SET state = p_state, finished_at = now(), response = p_response, error_code = p_code,
	       error_description = left(p_description, 1000)
	 WHERE id = p_id AND state = 'sent';
END $$;

-- A claimed command that never went out (the charger left first) waits for the next connection.
CREATE OR REPLACE FUNCTION ocpp_command_release(p_id bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	UPDATE ocpp_commands SET state = 'pending', node = NULL, sent_at = NULL, message_id = NULL
	 WHERE id = p_id AND state = 'sent';
END $$;

-- ------------------------------------------------------------ duplicate connections (009)

-- A connection for p_cp arrived at p_node: the other live node holding the charger, if any
-- (asked to probe), and when it was asked.
CREATE OR REPLACE FUNCTION ocpp_probe_ask(p_cp bigint, p_node text, OUT holder text, OUT asked_at timestamptz)
LANGUAGE plpgsql AS $$
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

-- The holder's connection answered the probe.
CREATE OR REPLACE FUNCTION ocpp_probe_answer(p_cp bigint, p_node text) RETURNS void LANGUAGE sql AS $$
	UPDATE charge_point_connections SET alive_at = now() WHERE charge_point_id = p_cp AND node = p_node;
$$;

-- Did the holder's connection answer since p_asked?
CREATE OR REPLACE FUNCTION ocpp_probe_alive(p_cp bigint, p_holder text, p_asked timestamptz) RETURNS boolean
LANGUAGE sql AS $$
	SELECT EXISTS (SELECT 1 FROM charge_point_connections
	                WHERE charge_point_id = p_cp AND node = p_holder AND alive_at >= p_asked);
$$;

-- ------------------------------------------------------------ what the dropped foreign keys did (008)

-- events and ocpp_messages have no foreign keys (008): on the rare deletion of a charge
-- point, listing or transaction these statement triggers do what the keys' actions did.
-- (SECURITY DEFINER: as the foreign keys' actions did, they write as the owner; nobody else
-- may rewrite history)
CREATE OR REPLACE FUNCTION charge_points_deleted() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public AS $$
BEGIN
	DELETE FROM ocpp_messages m USING gone WHERE m.charge_point_id = gone.id;
	UPDATE events e SET charge_point_id = NULL FROM gone WHERE e.charge_point_id = gone.id;
	RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER charge_points_deleted AFTER DELETE ON charge_points
	REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION charge_points_deleted();

CREATE OR REPLACE FUNCTION listings_deleted() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public AS $$
BEGIN
	UPDATE events e SET listing_id = NULL FROM gone WHERE e.listing_id = gone.id;
	RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER listings_deleted AFTER DELETE ON listings
	REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION listings_deleted();

CREATE OR REPLACE FUNCTION transactions_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM events e JOIN gone ON e.transaction_id = gone.id) THEN
		RAISE foreign_key_violation USING
			MESSAGE = 'a transaction that events refer to cannot be deleted';
	END IF;
	RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER transactions_deleted AFTER DELETE ON transactions
	REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION transactions_deleted();
