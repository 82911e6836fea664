-- 010_ocpp_speed2.sql: MeterValues stored without sorting or aggregating their values.
--
-- bench-ocpp spent ~31 % of PostgreSQL's time in meter_store (008): per message it unnested six
-- values, sorted them for DISTINCT ON, probed count(*) for the sampling and aggregated the
-- values back into arrays. The bridge now sends each message's values already grouped into
-- samplings (one per timestamp), the duplicates within the message removed, each column of a
-- sampling as one array literal. A sampling not stored yet (every one but a replay's) is one
-- plain insert of part 0; the rare rest goes through meter_store as before, which stores only
-- the values a sampling does not hold yet (a replay stores nothing). Per 1,000 MeterValues of
-- six values: ~50 ms in the function as it was, ~12 ms for the insert now.

DROP FUNCTION IF EXISTS ocpp_meter_batch(bigint[], integer[], integer[], double precision[],
	double precision[], bigint[], timestamptz[], text[], text[], text[], text[], text[],
	double precision[]);
-- (its arguments changed: the old signature goes here; the current ocpp_meter_batch is in
-- sql/defs/30_meter.sql, re-applied after every migrate)
