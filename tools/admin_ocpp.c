/* admin_ocpp.c - `evshare-admin command IDENTITY ACTION 'JSON' [--timeout S]`: queues one OCPP
 * command for a charger (a row in ocpp_commands; its insert trigger wakes the bridges), waits
 * for the bridge that holds the charger to finish it, and prints the outcome and the charger's
 * answer. Exit 0 when the charger accepted, 1 when it rejected, answered with an error, did not
 * answer in time or is unknown; 2 for a wrong command line or payload. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "admin.h"
#include "config.h"
#include "ocpp/ocpp.h"

/* the actions listed are lib/ocpp's commands (.command), exactly those ocpp_commands accepts
 * (its CHECK on action; tests/integration/t37-admin-command-list.sh holds the two together) */
static int
usage(const char *msg)
{
	if (msg)
		fprintf(stderr, "evshare-admin command: %s\n", msg);
	fprintf(stderr, "usage: evshare-admin command IDENTITY ACTION 'JSON' [--timeout S]\nactions:");
	for (int i = 0; i < ACT__MAX; i++)
		if (ocpp_actions[i].command)
			fprintf(stderr, " %s", ocpp_actions[i].name);
	fputc('\n', stderr);
	return 2;
}

static PGresult *
run(const char *sql, int n, const char *const *p)
{
	PGresult *r = PQexecParams(admin_db(), sql, n, NULL, p, NULL, NULL, 0);

	if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "evshare-admin command: %s", PQresultErrorMessage(r));
		PQclear(r);
		return NULL;
	}
	return r;
}

int
admin_command(int argc, char **argv)
{
	const char *identity = NULL, *action = NULL, *json = NULL;
	const struct ocpp_action *a;
	long timeout = config_int("ocpp_command_timeout");
	char msg[256], tbuf[16], cmd_id[32] = "", cp_id[32];
	json_error_t je;
	json_t *payload;
	PGresult *r;
	int rc = 1, i, npos = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
			char *end;

			timeout = strtol(argv[++i], &end, 10);
			if (*end || timeout < 1 || timeout > 3600)
				return usage("--timeout takes 1 to 3600 seconds");
		} else if (npos == 0) {
			identity = argv[i], npos++;
		} else if (npos == 1) {
			action = argv[i], npos++;
		} else if (npos == 2) {
			json = argv[i], npos++;
		} else {
			return usage("too many arguments");
		}
	}
	if (npos == 2)
		json = "{}";
	if (identity == NULL || action == NULL)
		return usage(NULL);
	if ((a = ocpp_action_find(action)) == NULL || !a->command)
		return usage("not an action the central system sends to chargers");
	if ((payload = json_loads(json, 0, &je)) == NULL || !json_is_object(payload)) {
		fprintf(stderr, "evshare-admin command: the payload must be a JSON object (%s)\n",
		    payload ? "not an object" : je.text);
		json_decref(payload);
		return 2;
	}
	enum ocpp_error e = schema_validate(ocpp_req_schema(a), payload, msg, sizeof msg);
	if (e != OCPP_OK) {
		fprintf(stderr, "evshare-admin command: the payload is not a valid %s.req: %s: %s\n",
		    action, ocpp_error_name(e), msg);
		json_decref(payload);
		return 2;
	}
	char *canon = json_dumps(payload, JSON_COMPACT);
	json_decref(payload);

	const char *p1[1] = { identity };
	if ((r = run("SELECT cp.id, r.node FROM charge_points cp "
	    "LEFT JOIN charge_point_connections r ON r.charge_point_id = cp.id WHERE cp.identity = $1", 1, p1)) == NULL)
		goto out;
	if (PQntuples(r) == 0) {
		fprintf(stderr, "evshare-admin command: no charge point '%s'\n", identity);
		PQclear(r);
		goto out;
	}
	snprintf(cp_id, sizeof cp_id, "%s", PQgetvalue(r, 0, 0));
	if (PQgetisnull(r, 0, 1))
		fprintf(stderr, "evshare-admin command: %s is not connected now; the command waits up to %ld s\n",
		    identity, timeout);
	PQclear(r);

	snprintf(tbuf, sizeof tbuf, "%ld", timeout);
	const char *p2[4] = { cp_id, action, canon, tbuf };
	if ((r = run("INSERT INTO ocpp_commands (charge_point_id, action, payload, timeout_s) "
	    "VALUES ($1, $2, $3::jsonb, $4) RETURNING id", 4, p2)) == NULL)
		goto out;
	snprintf(cmd_id, sizeof cmd_id, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);

	/* the bridge ends it within the timeout; a little grace for the round trips */
	const char *p3[1] = { cmd_id };
	time_t deadline = time(NULL) + timeout + 5;
	for (;;) {
		if ((r = run("SELECT state, response::text, error_code, error_description FROM ocpp_commands "
		    "WHERE id = $1", 1, p3)) == NULL)
			goto out;
		const char *state = PQntuples(r) ? PQgetvalue(r, 0, 0) : "error";
		if (strcmp(state, "pending") != 0 && strcmp(state, "sent") != 0) {
			printf("command %s %s to %s: %s\n", cmd_id, action, identity, state);
			if (!PQgetisnull(r, 0, 1))
				printf("%s\n", PQgetvalue(r, 0, 1));
			if (!PQgetisnull(r, 0, 2) && !PQgetisnull(r, 0, 3))
				printf("error: %s: %s\n", PQgetvalue(r, 0, 2), PQgetvalue(r, 0, 3));
			else if (!PQgetisnull(r, 0, 2) || !PQgetisnull(r, 0, 3))
				printf("error: %s\n", PQgetvalue(r, 0, PQgetisnull(r, 0, 2) ? 3 : 2));
			rc = strcmp(state, "accepted") == 0 ? 0 : 1;
			PQclear(r);
			break;
		}
		PQclear(r);
		if (time(NULL) > deadline) {
			/* no bridge took it (or the one that did went away): it ends here */
			PQclear(run("UPDATE ocpp_commands SET state = 'timeout', finished_at = now(), "
			    "error_description = 'no bridge finished it in time' "
			    "WHERE id = $1 AND state IN ('pending', 'sent')", 1, p3));
			printf("command %s %s to %s: timeout\nerror: no answer within %ld s\n", cmd_id, action,
			    identity, timeout);
			break;
		}
		usleep(100000);
	}
out:
	free(canon);
	return rc;
}
