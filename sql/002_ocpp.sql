-- 002_ocpp.sql: what the OCPP bridge needs beyond 001: a few columns, idempotent meter values,
-- data transfers and indexes for the bridges. Its functions (one per OCPP message) and
-- notification triggers are in sql/defs/20_ocpp.sql and 30_meter.sql.

ALTER TABLE charge_points
	ADD COLUMN firmware_status       text CHECK (length(firmware_status) <= 40),
	ADD COLUMN firmware_status_at    timestamptz,
	ADD COLUMN diagnostics_status    text CHECK (length(diagnostics_status) <= 40),
	ADD COLUMN diagnostics_status_at timestamptz;

-- A replayed MeterValues or StopTransaction stores nothing twice. Leads with
-- (charge_point_id, sampled_at), so it also does the work of meter_values_cp.
CREATE UNIQUE INDEX meter_values_sample ON meter_values
	(charge_point_id, sampled_at, connector_id, measurand, phase, location, context) NULLS NOT DISTINCT;
DROP INDEX meter_values_cp;

-- meter_values takes every sampled value of every charger (10,000 chargers sending six values a
-- second is 60,000 rows a second) and only the bridge writes it: the charge point comes from
-- the authenticated connection, the transaction from a lookup in the same statement
-- (ocpp_meter_batch, ocpp_stop_transaction). Checking the two foreign keys row by row was a
-- third of the database's work per MeterValues (each check is a locking query of its own),
-- so they go. The rows still name existing charge points and transactions when written; a
-- charge point with transactions cannot be deleted (transactions.charge_point_id), and one
-- deleted without any would leave its loose meter values behind under its old id.
ALTER TABLE meter_values DROP CONSTRAINT meter_values_charge_point_id_fkey,
	DROP CONSTRAINT meter_values_transaction_id_fkey;

-- DataTransfer from chargers, kept as sent.
CREATE TABLE ocpp_data_transfers (
	id              bigserial PRIMARY KEY,
	charge_point_id bigint NOT NULL REFERENCES charge_points ON DELETE CASCADE,
	at              timestamptz NOT NULL DEFAULT now(),
	vendor_id       text NOT NULL CHECK (length(vendor_id) <= 255),
	message_id      text CHECK (length(message_id) <= 50),
	data            text
);
CREATE INDEX ocpp_data_transfers_cp ON ocpp_data_transfers (charge_point_id, id DESC);

-- (no index on last_seen_at: the sweep reads charge_points whole every few seconds, which is
-- cheap, while such an index would turn every last_seen_at update into a non-HOT one)
CREATE INDEX charge_point_connections_node ON charge_point_connections (node);
CREATE INDEX ocpp_commands_state ON ocpp_commands (state, created_at) WHERE state IN ('pending', 'sent');

-- (the notify triggers and one function per OCPP message: sql/defs/20_ocpp.sql and 30_meter.sql,
-- re-applied after every migrate)
