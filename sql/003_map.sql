-- 003_map.sql: what the map shows, one row per charger on it, kept up to date by triggers.
--
-- GET /api/v1/chargers used to join listings, tariffs, charge points and connectors and group
-- them for every request: with 100,000 chargers a city-sized box (500 features) cost 13-22 ms
-- of PostgreSQL per request, and building the features with jansson another ~5 ms in
-- evshare.fcgi (bench/web.sh: 50-100 req/s). From this table it is one GiST index scan over one
-- table (~0.4 ms), and each row carries its GeoJSON Feature ready-made (built here with
-- to_json, so every text value is JSON-escaped by PostgreSQL), which the API only joins with
-- commas (~1,400-1,900 req/s).
--
-- A row exists exactly while its listing is approved, has a tariff and at least one connector
-- (what the old inner joins required). The triggers (sql/defs/40_map.sql) rebuild a listing's row whenever
-- anything it is made of changes; the charge point's heartbeats (last_seen_at) refresh nothing,
-- only going online/offline or its first contact does. map_listing_source is the one
-- definition of a row: the triggers and the initial fill both read it.
-- What the writers pay (bench data): a connector status change ~0.3-1 ms more in its
-- transaction; a statement marking 72,000 chargers offline ~3 s more; the bridge's batched
-- last_seen_at touches ~10 %.

CREATE TABLE map_listings (
	listing_id      bigint PRIMARY KEY REFERENCES listings ON DELETE CASCADE,
	lon             double precision NOT NULL,
	lat             double precision NOT NULL,
	price_per_kwh   bigint NOT NULL,
	-- the listing's live summary: available, charging, offline or unknown
	status          text NOT NULL,
	-- its connectors in connector_id order, for the type / power filters
	connector_types text[] NOT NULL,
	connector_watts integer[] NOT NULL,
	-- the GeoJSON Feature as the API sends it
	feature         text NOT NULL
) WITH (fillfactor = 90);   -- room for status updates on the same page (HOT)
-- The map's bounding-box index. Chosen by measurement against SP-GiST, btree (lat, lon), cube,
-- earthdistance and PostGIS: bench/spatial.sh prints them all. It replaces listings_geo, which
-- nothing reads any more.
CREATE INDEX map_listings_geo ON map_listings USING gist (point(lon, lat));
DROP INDEX listings_geo;

-- The labels the web side shows for connector types (fcgi/connector.c connector_labels); the
-- current definition is sql/defs/40_map.sql.
CREATE FUNCTION map_connector_label(type text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE type WHEN 'type2' THEN 'Type 2' WHEN 'ccs2' THEN 'CCS2' WHEN 'chademo' THEN 'CHAdeMO'
	       WHEN 'schuko' THEN 'Schuko' WHEN 'gbt' THEN 'GB/T' WHEN 'type1' THEN 'Type 1'
	       WHEN 'tesla' THEN 'Tesla' ELSE type END
$$;

CREATE VIEW map_listing_source AS
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

-- (map_refresh, the triggers that call it, and the current map_connector_label and
-- map_listing_source: sql/defs/40_map.sql, re-applied after every migrate. The two above are
-- kept here as they were at 003 because the initial fill below reads them.)

SET LOCAL extra_float_digits = 1;
INSERT INTO map_listings (listing_id, lon, lat, price_per_kwh, status, connector_types,
                          connector_watts, feature)
SELECT * FROM map_listing_source;
