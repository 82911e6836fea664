-- 009_bridge_duplicates.sql: one live session per charger across several bridges.
-- A bridge that gets a connection for a charger another live bridge holds asks that bridge to
-- probe its connection (NOTIFY ocpp_probe, "charge point id SPACE holder node"); the holder pings
-- its connection and, if it answers, stamps alive_at. After the probe time the asker looks: an
-- answer keeps the old connection (the newcomer is closed), silence hands the charger over
-- (ocpp_connect takes the row and tells the old holder to let go: NOTIFY ocpp_takeover).
ALTER TABLE charge_point_connections ADD COLUMN alive_at timestamptz;

-- A connection for p_cp arrived at p_node: the other live node holding the charger, if any
-- (asked to probe), and when it was asked.
CREATE FUNCTION ocpp_probe_ask(p_cp bigint, p_node text, OUT holder text, OUT asked_at timestamptz)
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
CREATE FUNCTION ocpp_probe_answer(p_cp bigint, p_node text) RETURNS void LANGUAGE sql AS $$
	UPDATE charge_point_connections SET alive_at = now() WHERE charge_point_id = p_cp AND node = p_node;
$$;

-- Did the holder's connection answer since p_asked?
CREATE FUNCTION ocpp_probe_alive(p_cp bigint, p_holder text, p_asked timestamptz) RETURNS boolean
LANGUAGE sql AS $$
	SELECT EXISTS (SELECT 1 FROM charge_point_connections
	                WHERE charge_point_id = p_cp AND node = p_holder AND alive_at >= p_asked);
$$;

-- As in 002, and a node that takes a charger from another one tells it to let go.
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
