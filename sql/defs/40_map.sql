-- defs/40_map.sql: keeping map_listings (003) and its tombstones (007) up to date: a row per
-- listing on the map, rebuilt by triggers whenever anything it is made of changes.
-- Re-applied after every migrate (see sql/README.md): the current definition, idempotent.

-- The labels the web side shows for connector types (fcgi/connector.c connector_labels).
CREATE OR REPLACE FUNCTION map_connector_label(type text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE type WHEN 'type2' THEN 'Type 2' WHEN 'ccs2' THEN 'CCS2' WHEN 'chademo' THEN 'CHAdeMO'
	       WHEN 'schuko' THEN 'Schuko' WHEN 'gbt' THEN 'GB/T' WHEN 'type1' THEN 'Type 1'
	       WHEN 'tesla' THEN 'Tesla' ELSE type END
$$;

CREATE OR REPLACE VIEW map_listing_source AS
SELECT l.id AS listing_id, l.lon, l.lat, t.price_per_kwh, s.status, s.types, s.watts,
       format('{"type":"Feature","id":%s,"geometry":{"type":"Point","coordinates":[%s,%s]},'
              '"properties":{"id":%s,"title":%s,"city":%s,"status":%s,"max_kw":%s,'
              '"price_per_kwh":%s,"currency":%s,"connectors":[%s],"url":%s}}',
              l.id, to_json(l.lon), to_json(l.lat), l.id, to_json(l.title), to_json(l.city),
              to_json(s.status), to_json(s.max_w / 1000.0::float8), t.price_per_kwh,
              to_json(t.currency), j.connectors, to_json('/chargers/' || l.id))
FROM listings l
JOIN tariffs t ON t.listing_id = l.id
LEFT JOIN charge_points cp ON cp.listing_id = l.id
CROSS JOIN LATERAL (
	-- the summary the API always showed (the charger page's, in fcgi/webdb.c, has no
	-- "all connectors Unknown" case)
	SELECT CASE WHEN cp.id IS NULL OR cp.last_seen_at IS NULL THEN 'unknown'
	            WHEN NOT cp.online THEN 'offline'
	            WHEN bool_or(c.status = 'Available') THEN 'available'
	            WHEN bool_or(c.status IN ('Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE',
	                                      'Finishing', 'Reserved')) THEN 'charging'
	            WHEN bool_and(c.status = 'Unknown') THEN 'unknown'
	            ELSE 'offline' END AS status,
	       max(c.max_power_w) AS max_w,
	       array_agg(c.type ORDER BY c.connector_id) AS types,
	       array_agg(c.max_power_w ORDER BY c.connector_id) AS watts,
	       count(*) AS n
	FROM connectors c WHERE c.listing_id = l.id
) AS s
CROSS JOIN LATERAL (
	-- a connector's own status only while the charger is live, else the listing's
	SELECT string_agg(format('{"connector_id":%s,"type":%s,"label":%s,"max_kw":%s,"status":%s}',
	           c.connector_id, to_json(c.type), to_json(map_connector_label(c.type)),
	           to_json(c.max_power_w / 1000.0::float8),
	           to_json(CASE WHEN s.status IN ('unknown', 'offline') THEN s.status
	                        WHEN c.status = 'Available' THEN 'available'
	                        WHEN c.status = 'Unknown' THEN 'unknown'
	                        WHEN c.status IN ('Unavailable', 'Faulted') THEN 'offline'
	                        ELSE 'charging' END)), ',' ORDER BY c.connector_id) AS connectors
	FROM connectors c WHERE c.listing_id = l.id
) AS j
WHERE l.state = 'approved' AND s.n > 0;

-- Rebuilds the rows of these listings (adds, changes or removes them). The ids are joined as a
-- set (unnest), never tested with = ANY (ids): that is a linear search of the array per row,
-- and a sweep that marks 70,000 chargers offline would take minutes.
-- (extra_float_digits = 1, the default: to_json prints a float8 in its shortest exact form)
CREATE OR REPLACE FUNCTION map_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql SET extra_float_digits = 1 AS $$
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

-- Statement-level triggers with transition tables: one refresh per statement for every listing
-- it changed, however many rows (a sweep that marks 70,000 chargers offline is one refresh of
-- 70,000 rows, not 70,000 refreshes). An UPDATE counts only when a column the map shows
-- changed: a row is in one projection and not in the other (the bridge's heartbeat touches
-- change last_seen_at only, and refresh nothing).
CREATE OR REPLACE FUNCTION map_touch_listings() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE FUNCTION map_touch_tariffs() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE FUNCTION map_touch_connectors() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE FUNCTION map_touch_charge_points() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE TRIGGER map_listings_ins AFTER INSERT ON listings
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION map_touch_listings();
CREATE OR REPLACE TRIGGER map_listings_upd AFTER UPDATE ON listings
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION map_touch_listings();
CREATE OR REPLACE TRIGGER map_tariffs_ins AFTER INSERT ON tariffs
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION map_touch_tariffs();
CREATE OR REPLACE TRIGGER map_tariffs_upd AFTER UPDATE ON tariffs
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION map_touch_tariffs();
CREATE OR REPLACE TRIGGER map_tariffs_del AFTER DELETE ON tariffs
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION map_touch_tariffs();
CREATE OR REPLACE TRIGGER map_connectors_ins AFTER INSERT ON connectors
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION map_touch_connectors();
CREATE OR REPLACE TRIGGER map_connectors_upd AFTER UPDATE ON connectors
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION map_touch_connectors();
CREATE OR REPLACE TRIGGER map_connectors_del AFTER DELETE ON connectors
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION map_touch_connectors();
CREATE OR REPLACE TRIGGER map_charge_points_ins AFTER INSERT ON charge_points
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION map_touch_charge_points();
CREATE OR REPLACE TRIGGER map_charge_points_upd AFTER UPDATE ON charge_points
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION map_touch_charge_points();
CREATE OR REPLACE TRIGGER map_charge_points_del AFTER DELETE ON charge_points
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION map_touch_charge_points();

-- ------------------------------------------------------------ revisions and tombstones (007)

-- Whoever writes a row (map_refresh, an operator by hand), it is stamped.
CREATE OR REPLACE FUNCTION map_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.written_by := pg_current_xact_id();
	RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER map_listings_stamp BEFORE INSERT OR UPDATE ON map_listings
	FOR EACH ROW EXECUTE FUNCTION map_stamp();

-- Statement level, like the triggers of 003: a sweep that takes 70,000 rows off the map is one
-- INSERT of 70,000 tombstones.
CREATE OR REPLACE FUNCTION map_tombstones() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		DELETE FROM map_gone g USING new_rows n WHERE g.listing_id = n.listing_id;
	ELSE
		INSERT INTO map_gone (listing_id) SELECT listing_id FROM old_rows
		ON CONFLICT (listing_id) DO UPDATE SET written_by = pg_current_xact_id();
	END IF;
	RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER map_listings_back AFTER INSERT ON map_listings
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION map_tombstones();
CREATE OR REPLACE TRIGGER map_listings_gone AFTER DELETE ON map_listings
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION map_tombstones();
