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

/* The command line: IDENTITY ACTION ['JSON'] [--timeout S]. 0, or usage()'s 2. */
struct command_args {
	const char *identity, *action, *json;
	long timeout;
};

static int
parse_args(int argc, char **argv, struct command_args *c)
{
	int npos = 0;

	c->identity = c->action = c->json = NULL;
	c->timeout = config_int("ocpp_command_timeout");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
			char *end;

			c->timeout = strtol(argv[++i], &end, 10);
			if (*end || c->timeout < 1 || c->timeout > 3600)
				return usage("--timeout takes 1 to 3600 seconds");
		} else if (npos == 0) {
			c->identity = argv[i], npos++;
		} else if (npos == 1) {
			c->action = argv[i], npos++;
		} else if (npos == 2) {
			c->json = argv[i], npos++;
		} else {
			return usage("too many arguments");
		}
	}
	if (npos == 2)
		c->json = "{}";
	if (c->identity == NULL || c->action == NULL)
		return usage(NULL);
	return 0;
}

/* The payload as the bridge will send it (compact JSON, caller frees), once it is a valid
 * ACTION.req; NULL (said on stderr) when it is not. */
static char *
checked_payload(const struct ocpp_action *a, const char *json)
{
	json_error_t je;
	json_t *payload = json_loads(json, 0, &je);
	char msg[256], *canon;
	enum ocpp_error e;

	if (payload == NULL || !json_is_object(payload)) {
		fprintf(stderr, "evshare-admin command: the payload must be a JSON object (%s)\n",
		    payload ? "not an object" : je.text);
		json_decref(payload);
		return NULL;
	}
	if ((e = schema_validate(ocpp_req_schema(a), payload, msg, sizeof msg)) != OCPP_OK) {
		fprintf(stderr, "evshare-admin command: the payload is not a valid %s.req: %s: %s\n",
		    a->name, ocpp_error_name(e), msg);
		json_decref(payload);
		return NULL;
	}
	canon = json_dumps(payload, JSON_COMPACT);
	json_decref(payload);
	return canon;
}

/* The command's row in ocpp_commands (its id into cmd_id); 0, or -1 said on stderr. */
static int
queue_command(const struct command_args *c, const char *payload, char cmd_id[32])
{
	const char *p1[1] = { c->identity };
	char cp_id[32], tbuf[16];
	PGresult *r;

	if ((r = run("SELECT cp.id, r.node FROM charge_points cp "
	    "LEFT JOIN charge_point_connections r ON r.charge_point_id = cp.id WHERE cp.identity = $1", 1, p1)) == NULL)
		return -1;
	if (PQntuples(r) == 0) {
		fprintf(stderr, "evshare-admin command: no charge point '%s'\n", c->identity);
		PQclear(r);
		return -1;
	}
	snprintf(cp_id, sizeof cp_id, "%s", PQgetvalue(r, 0, 0));
	if (PQgetisnull(r, 0, 1))
		fprintf(stderr, "evshare-admin command: %s is not connected now; the command waits up to %ld s\n",
		    c->identity, c->timeout);
	PQclear(r);

	snprintf(tbuf, sizeof tbuf, "%ld", c->timeout);
	const char *p2[4] = { cp_id, c->action, payload, tbuf };
	if ((r = run("INSERT INTO ocpp_commands (charge_point_id, action, payload, timeout_s) "
	    "VALUES ($1, $2, $3::jsonb, $4) RETURNING id", 4, p2)) == NULL)
		return -1;
	snprintf(cmd_id, 32, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return 0;
}

/* Prints a finished command's row (state, the charger's answer, its error): 0 accepted, else 1. */
static int
print_outcome(const struct command_args *c, const char *cmd_id, PGresult *r)
{
	const char *state = PQgetvalue(r, 0, 0);

	printf("command %s %s to %s: %s\n", cmd_id, c->action, c->identity, state);
	if (!PQgetisnull(r, 0, 1))
		printf("%s\n", PQgetvalue(r, 0, 1));
	if (!PQgetisnull(r, 0, 2) && !PQgetisnull(r, 0, 3))
		printf("error: %s: %s\n", PQgetvalue(r, 0, 2), PQgetvalue(r, 0, 3));
	else if (!PQgetisnull(r, 0, 2) || !PQgetisnull(r, 0, 3))
		printf("error: %s\n", PQgetvalue(r, 0, PQgetisnull(r, 0, 2) ? 3 : 2));
	return strcmp(state, "accepted") == 0 ? 0 : 1;
}

/* Waits for the bridge to finish the command, within its timeout (and a little grace for the
 * round trips); past that, ends it as a timeout itself. 0 accepted, else 1. */
static int
wait_outcome(const struct command_args *c, const char *cmd_id)
{
	const char *p[1] = { cmd_id };
	time_t deadline = time(NULL) + c->timeout + 5;
	PGresult *r;

	for (;;) {
		if ((r = run("SELECT state, response::text, error_code, error_description FROM ocpp_commands "
		    "WHERE id = $1", 1, p)) == NULL)
			return 1;
		if (PQntuples(r) == 0) {
			fprintf(stderr, "evshare-admin command: command %s is gone\n", cmd_id);
			PQclear(r);
			return 1;
		}
		const char *state = PQgetvalue(r, 0, 0);
		if (strcmp(state, "pending") != 0 && strcmp(state, "sent") != 0) {
			int rc = print_outcome(c, cmd_id, r);

			PQclear(r);
			return rc;
		}
		PQclear(r);
		if (time(NULL) > deadline) {
			/* no bridge took it (or the one that did went away): it ends here */
			PQclear(run("UPDATE ocpp_commands SET state = 'timeout', finished_at = now(), "
			    "error_description = 'no bridge finished it in time' "
			    "WHERE id = $1 AND state IN ('pending', 'sent')", 1, p));
			printf("command %s %s to %s: timeout\nerror: no answer within %ld s\n", cmd_id, c->action,
			    c->identity, c->timeout);
			return 1;
		}
		usleep(100000);
	}
}

int
admin_command(int argc, char **argv)
{
	struct command_args c;
	const struct ocpp_action *a;
	char cmd_id[32], *payload;
	int rc;

	if ((rc = parse_args(argc, argv, &c)) != 0)
		return rc;
	if ((a = ocpp_action_find(c.action)) == NULL || !a->command)
		return usage("not an action the central system sends to chargers");
	if ((payload = checked_payload(a, c.json)) == NULL)
		return 2;
	rc = queue_command(&c, payload, cmd_id) == 0 ? wait_outcome(&c, cmd_id) : 1;
	free(payload);
	return rc;
}
