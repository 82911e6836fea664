-- 011_drop_unused_geo.sql: the map's bounding-box query no longer runs in PostgreSQL. Each
-- evshare.fcgi process answers it from its own copy of map_listings with a grid in memory
-- (fcgi/mapindex.c, 007), so the GiST index on point(lon, lat) (003) is read by nothing, while it
-- was rewritten by every status change the bridge stores (map_listings rows
-- are updated, never HOT, as written_by changes). bench/spatial.sh keeps the measurement that
-- chose GiST among the in-database candidates.
DROP INDEX map_listings_geo;
