/*
 * webdb.c - the process's one PostgreSQL connection and every statement the web side runs,
 * in one table indexed by enum stmt (openradtool's way), prepared once per connection.
 * A lost connection (PostgreSQL restarted) is re-established on the next query.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "evshare.h"

/* The live summary of a listing, from its charge point and connectors. */
#define STATUS_SQL \
	"CASE WHEN cp.id IS NULL OR cp.last_seen_at IS NULL THEN 'unknown' " \
	"WHEN NOT cp.online THEN 'offline' " \
	"WHEN bool_or(c.status = 'Available') THEN 'available' " \
	"WHEN bool_or(c.status IN ('Preparing','Charging','SuspendedEV','SuspendedEVSE','Finishing','Reserved')) THEN 'charging' " \
	"WHEN bool_and(c.status = 'Unknown') THEN 'unknown' " \
	"ELSE 'offline' END"

static const struct db_stmt stmts[S__MAX + 1] = {
	/* $1..$4 bbox, $5 connector type, $6 min W, $7 max price, $8 available only, $9 limit */
	[S_MAP_BBOX] = { "map_bbox",
		"SELECT l.id, l.title, l.city, l.lon, l.lat, t.price_per_kwh, t.currency, "
		STATUS_SQL ", max(c.max_power_w), "
		"array_to_string(array_agg(c.connector_id ORDER BY c.connector_id), ','), "
		"array_to_string(array_agg(c.type ORDER BY c.connector_id), ','), "
		"array_to_string(array_agg(c.max_power_w ORDER BY c.connector_id), ','), "
		"array_to_string(array_agg(c.status ORDER BY c.connector_id), ',') "
		"FROM listings l JOIN tariffs t ON t.listing_id = l.id "
		"JOIN connectors c ON c.listing_id = l.id "
		"LEFT JOIN charge_points cp ON cp.listing_id = l.id "
		"WHERE l.state = 'approved' "
		"AND point(l.lon, l.lat) <@ box(point($1::float8, $2::float8), point($3::float8, $4::float8)) "
		"AND ($7::bigint IS NULL OR t.price_per_kwh <= $7) "
		"AND (($5::text IS NULL AND $6::int IS NULL) OR EXISTS (SELECT 1 FROM connectors x "
		"     WHERE x.listing_id = l.id AND ($5 IS NULL OR x.type = $5) "
		"     AND ($6 IS NULL OR x.max_power_w >= $6))) "
		"GROUP BY l.id, t.listing_id, cp.id "
		"HAVING NOT $8::bool OR (" STATUS_SQL ") = 'available' "
		"LIMIT $9::int" },
	[S_CHARGER] = { "charger",
		"SELECT l.id, l.title, l.description, l.address, l.city, l.lat, l.lon, "
		"a.display_name, t.price_per_kwh, t.currency, t.idle_fee_per_min, t.idle_grace_min, "
		"t.session_fee, l.auto_accept, "
		"CASE WHEN cp.id IS NULL OR cp.last_seen_at IS NULL THEN 'unknown' "
		"WHEN NOT cp.online THEN 'offline' "
		"WHEN EXISTS (SELECT 1 FROM connectors c WHERE c.listing_id = l.id AND c.status = 'Available') THEN 'available' "
		"WHEN EXISTS (SELECT 1 FROM connectors c WHERE c.listing_id = l.id AND c.status IN "
		"  ('Preparing','Charging','SuspendedEV','SuspendedEVSE','Finishing','Reserved')) THEN 'charging' "
		"ELSE 'offline' END, "
		"coalesce(to_char(cp.last_seen_at AT TIME ZONE 'Europe/Prague', 'DD.MM.YYYY HH24:MI'), '') "
		"FROM listings l JOIN accounts a ON a.id = l.owner_id "
		"JOIN tariffs t ON t.listing_id = l.id "
		"LEFT JOIN charge_points cp ON cp.listing_id = l.id "
		"WHERE l.id = $1::bigint AND l.state = 'approved'" },
	[S_CHARGER_CONNECTORS] = { "charger_connectors",
		"SELECT c.connector_id, c.type, c.max_power_w, "
		"CASE WHEN cp.id IS NULL OR cp.last_seen_at IS NULL OR NOT cp.online THEN 'Unknown' ELSE c.status END "
		"FROM connectors c LEFT JOIN charge_points cp ON cp.listing_id = c.listing_id "
		"WHERE c.listing_id = $1::bigint ORDER BY c.connector_id" },
	[S_CHARGER_WINDOWS] = { "charger_windows",
		"SELECT weekday, start_min, end_min FROM availability_windows "
		"WHERE listing_id = $1::bigint ORDER BY weekday, start_min" },
	[S_HEALTH] = { "health",
		"SELECT (SELECT max(version) FROM schema_migrations), "
		"(SELECT to_char(max(last_seen_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM bridge_nodes), "
		"(SELECT extract(epoch FROM now() - max(last_seen_at))::int FROM bridge_nodes), "
		"(SELECT count(*) FROM charge_points WHERE online)" },
	[S__MAX] = { NULL, NULL }
};

static PGconn *conn;

int
webdb_connect(void)
{
	char err[512];

	if (conn)
		PQfinish(conn);
	if ((conn = db_connect("db_user_web", "evshare.fcgi", err, sizeof err)) == NULL) {
		log_error("database: %s", err);
		return -1;
	}
	if (db_prepare_all(conn, stmts)) {
		PQfinish(conn);
		conn = NULL;
		return -1;
	}
	return 0;
}

int
webdb_ok(void)
{
	return conn && PQstatus(conn) == CONNECTION_OK;
}

PGresult *
dbq(enum stmt s, int n, const char *const *params)
{
	PGresult *res;

	for (int attempt = 0; attempt < 2; attempt++) {
		ExecStatusType st;

		if (!webdb_ok() && webdb_connect())
			return NULL;
		res = PQexecPrepared(conn, stmts[s].name, n, params, NULL, NULL, 0);
		st = PQresultStatus(res);
		if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
			return res;
		if (PQstatus(conn) == CONNECTION_BAD && attempt == 0) {
			/* the server went away (restart): reconnect and try once more */
			log_warn("database connection lost, reconnecting");
			PQclear(res);
			continue;
		}
		log_error("%s: %s", stmts[s].name, PQresultErrorMessage(res));
		PQclear(res);
		return NULL;
	}
	return NULL;
}
