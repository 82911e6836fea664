/*
 * health.c - GET /health: is this process able to serve? JSON with the database state, when a
 * bridge was last seen, how many chargers are online, and the version. 503 when the database
 * cannot be reached, so a load balancer takes the process out.
 */
#include <stdlib.h>
#include <string.h>

#include "evshare.h"

int
h_health(struct req *r)
{
	PGresult *res = dbq(S_HEALTH, 0, NULL);
	json_t *doc;

	if (res == NULL) {
		doc = json_pack("{s:s,s:{s:s},s:s}", "status", "error", "database", "state", "unavailable",
		    "version", EVSHARE_VERSION);
		return json_reply(r, 503, doc);
	}
	doc = json_pack("{s:s,s:{s:s,s:i},s:{s:o,s:o},s:i,s:s}",
	    "status", "ok",
	    "database", "state", "ok", "schema_version", atoi(PQgetvalue(res, 0, 0)),
	    "bridge", "last_seen", PQgetisnull(res, 0, 1) ? json_null() : json_string(PQgetvalue(res, 0, 1)),
	    "seconds_ago", PQgetisnull(res, 0, 2) ? json_null() : json_integer(atoi(PQgetvalue(res, 0, 2))),
	    "chargers_online", atoi(PQgetvalue(res, 0, 3)),
	    "version", EVSHARE_VERSION);
	PQclear(res);
	return json_reply(r, 200, doc);
}
