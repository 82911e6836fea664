/*
 * statements.c - the bridge's statements, one row per OCPP message or bridge chore: its name,
 * its SQL and whether it is grouped. Nothing else: no code runs here.
 * The logic is in the SQL functions they call: sql/defs/20_ocpp.sql, and ocpp_meter_batch in
 * sql/defs/30_meter.sql. Each row says what its $n are (who fills them: the Q_ name in
 * handlers.c, session.c, server.c, commands.c).
 * Grouped rows (the hottest messages): a job's parameters are its elements of the statement's
 * array parameters; the worker joins every job's params[i] by ',' into the statement's $i+1 (a
 * job's element list may be empty). tests/unit/test_ocpp_statements.c checks every row against
 * the function it calls.
 */
#include "statements.h"

/* idTagInfo's expiry as OCPP writes a date */
#define EXPIRY "to_char(expiry AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

const struct store_stmt store_stmts[Q__MAX] = {
	/* $1 charge point, $2..$9 chargePointVendor, chargePointModel, serial number, firmwareVersion,
	 * iccid, imsi, meterType, meterSerialNumber, $10 the heartbeat interval (s) */
	[Q_BOOT] = { "boot", "SELECT ocpp_boot($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", 0 },
	/* grouped: $1 the charge points */
	[Q_HEARTBEAT] = { "heartbeat", "SELECT ocpp_heartbeat_batch($1)", 1 },
	/* grouped: $1..$8 charge point, connector, status, errorCode, info, vendorId,
	 * vendorErrorCode, timestamp */
	[Q_STATUS] = { "status", "SELECT ocpp_status_batch($1, $2, $3, $4, $5, $6, $7, $8)", 1 },
	/* $1 idTag: its idTagInfo */
	[Q_AUTHORIZE] = { "authorize", "SELECT status, " EXPIRY ", parent FROM ocpp_id_tag_info($1)", 0 },
	/* $1 charge point, $2 connectorId, $3 idTag, $4 meterStart, $5 reservationId (NULL: none),
	 * $6 timestamp, $7 four candidate transaction ids (an array literal): the transaction, its
	 * idTagInfo, whether it repeats one already started */
	[Q_START] = { "start", "SELECT tx_id, status, " EXPIRY ", parent, replay"
	              " FROM ocpp_start_transaction($1, $2, $3, $4, $5, $6, $7)", 0 },
	/* $1 charge point, $2 transactionId (0: not ours), $3 idTag, $4 meterStop, $5 timestamp,
	 * $6 reason, $7 transactionData's samples (jsonb, NULL: none): idTagInfo and the outcome */
	[Q_STOP] = { "stop", "SELECT status, " EXPIRY ", parent, outcome"
	             " FROM ocpp_stop_transaction($1, $2, $3, $4, $5, $6, $7)", 0 },
	/* grouped: $1 charge point, $2 connector, $3 transaction, $4 energy (Wh), $5 power (W),
	 * $6..$13 the METER_COLS lists of its samplings and their sampled values (util.h meter_rows) */
	[Q_METER] = { "meter",
	              "SELECT ocpp_meter_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)", 1 },
	/* $1 charge point, $2 vendorId, $3 messageId, $4 data */
	[Q_DATA_TRANSFER] = { "data_transfer", "SELECT ocpp_data_transfer($1, $2, $3, $4)", 0 },
	/* $1 charge point, $2 status */
	[Q_DIAG_STATUS] = { "diag_status", "SELECT ocpp_diagnostics_status($1, $2)", 0 },
	/* $1 charge point, $2 status */
	[Q_FW_STATUS] = { "fw_status", "SELECT ocpp_firmware_status($1, $2)", 0 },
	/* $1 charge point (NULL: none known), $2 identity, $3 remote address, $4 kind, $5 detail */
	[Q_SECURITY_EVENT] = { "security_event", "SELECT ocpp_security_event($1, $2, $3, $4, $5)", 0 },
	/* $1 charge point, $2 node, $3 the connection's generation, $4 remote address */
	[Q_CONNECT] = { "connect", "SELECT ocpp_connect($1, $2, $3, $4)", 0 },
	/* $1 charge point, $2 node, $3 generation, $4 reason, $5 last message received (Unix time) */
	[Q_DISCONNECT] = { "disconnect", "SELECT ocpp_disconnect($1, $2, $3, $4, to_timestamp($5))", 0 },
	/* $1 the charge points heard from lately (an array literal) */
	[Q_TOUCH] = { "touch", "SELECT ocpp_touch($1)", 0 },
	/* $1 node, $2 version, $3 whether it has just started */
	[Q_NODE_ALIVE] = { "node_alive", "SELECT ocpp_node_alive($1, $2, $3)", 0 },
	/* $1 seconds of silence after which a charger is offline: how many went */
	[Q_SWEEP] = { "sweep", "SELECT ocpp_sweep($1)", 0 },
	/* $1 node: the commands it is to send now */
	[Q_CLAIM] = { "claim", "SELECT id, charge_point_id, action, payload, timeout_s FROM ocpp_claim_commands($1)", 0 },
	/* $1 command, $2 state, $3 response (jsonb), $4 error code, $5 error description */
	[Q_CMD_FINISH] = { "cmd_finish", "SELECT ocpp_command_finish($1, $2, $3, $4, $5)", 0 },
	/* $1 command: back to pending (it was not sent) */
	[Q_CMD_RELEASE] = { "cmd_release", "SELECT ocpp_command_release($1)", 0 },
	/* every charge point (also main.c's load at start, unprepared) */
	[Q_CP_ALL] = { "cp_all", "SELECT id, identity, password_hash, boot_state FROM charge_points", 0 },
	/* $1 charge point: as Q_CP_ALL (no row: it was deleted) */
	[Q_CP_ONE] = { "cp_one",
	               "SELECT $1::bigint, identity, password_hash, boot_state FROM charge_points WHERE id = $1", 0 },
	/* $1 node, stopping */
	[Q_NODE_STOP] = { "node_stop", "SELECT ocpp_node_stop($1)", 0 },
	/* $1 charge point, $2 node: which node holds its connection, asked when */
	[Q_PROBE_ASK] = { "probe_ask", "SELECT holder, asked_at FROM ocpp_probe_ask($1, $2)", 0 },
	/* $1 charge point, $2 node: this node's connection is alive */
	[Q_PROBE_ANSWER] = { "probe_answer", "SELECT ocpp_probe_answer($1, $2)", 0 },
	/* $1 charge point, $2 the holder, $3 asked at: whether the holder answered since */
	[Q_PROBE_ALIVE] = { "probe_alive", "SELECT ocpp_probe_alive($1, $2, $3)", 0 },
};
