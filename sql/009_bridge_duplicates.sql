-- 009_bridge_duplicates.sql: one live session per charger across several bridges.
-- A bridge that gets a connection for a charger another live bridge holds asks that bridge to
-- probe its connection (NOTIFY ocpp_probe, "charge point id SPACE holder node"); the holder pings
-- its connection and, if it answers, stamps alive_at. After the probe time the asker looks: an
-- answer keeps the old connection (the newcomer is closed), silence hands the charger over
-- (ocpp_connect takes the row and tells the old holder to let go: NOTIFY ocpp_takeover).
ALTER TABLE charge_point_connections ADD COLUMN alive_at timestamptz;

-- (ocpp_probe_ask, ocpp_probe_answer, ocpp_probe_alive and the ocpp_connect that tells the old
-- holder to let go: sql/defs/20_ocpp.sql, re-applied after every migrate)
