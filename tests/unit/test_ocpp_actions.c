/* test_ocpp_actions.c - lib/ocpp's actions table and the bridge's handler table indexed by the
 * same enum agree: every action has its row and schemas, names are unique, the charger's actions
 * we offer have a handler (its statement and done callback) and nothing else does, a CALL is
 * handled by its own row. The store and the sessions are stubbed here: a submitted job is only
 * recorded. */
#include <stdlib.h>

#include "../../lib/ocpp/actions.c"
#include "../../lib/ocpp/identity.c"
#include "../../lib/ocpp/schemas.c"
#include "../../lib/ocpp/validate.c"
#include "../../ocpp-bridge/util.c"
#include "../../ocpp-bridge/handlers.c"
#include "../../ocpp-bridge/statements.c"
#include "t.h"

/* ---------------------------------------------------------------- stubs */

struct bridge B = { .heartbeat_interval = 300 };
static struct job *submitted;
static int replies;

struct job *
job_new(enum stmt stmt, job_done_fn done)
{
	struct job *j = calloc(1, sizeof *j);

	if (j) {
		j->stmt = stmt;
		j->done = done;
	}
	return j;
}

char *
job_copy(struct job *j, const char *v)
{
	(void)j;
	return v ? strdup(v) : NULL;
}

void
job_param_take(struct job *j, char *v)
{
	if (j->nparams < JOB_MAX_PARAMS) {
		j->params[j->nparams++] = v;
	} else {
		free(v);
		j->broken = 1;
	}
}

void job_param(struct job *j, const char *v) { job_param_take(j, v ? strdup(v) : NULL); }
void job_param_elem(struct job *j, const char *v) { job_param(j, v); }

void
job_param_int(struct job *j, long long v)
{
	char t[24];

	job_param(j, int_text(t, v));
}

void
job_paramf(struct job *j, const char *fmt, ...)
{
	va_list ap;
	char *v;

	va_start(ap, fmt);
	if (vasprintf(&v, fmt, ap) < 0) {
		v = NULL;
		j->broken = 1;
	}
	va_end(ap);
	job_param_take(j, v);
}

void
job_free(struct job *j)
{
	for (int i = 0; i < j->nparams; i++)
		free(j->params[i]);
	free(j->uid);
	free(j);
}

void
store_submit(struct job *j, uint64_t key)
{
	(void)key;
	if (submitted)
		job_free(submitted);
	submitted = j;
}

void session_ref(struct session *s) { s->refs++; }
void session_unref(struct session *s) { s->refs--; }

void
session_reply(struct session *s, const char *uid, json_t *payload)
{
	(void)s, (void)uid;
	json_decref(payload);
	replies++;
}

void
session_reply_error(struct session *s, const char *uid, enum ocpp_error e, const char *desc)
{
	(void)s, (void)uid, (void)e, (void)desc;
	replies++;
}

/* ---------------------------------------------------------------- the actions table */

/* a failed check of a loop, named where it fails; the loop's summary line clears flag */
#define FAIL(flag, ...) do { (flag) = 0; T_OK(0, __VA_ARGS__); } while (0)

/* 1 if every enum value has a row with a name (the other checks need it: a row left out of
 * the table is all zeros, and ocpp_action_find would meet its NULL name) */
static int
test_named(void)
{
	int named = 0;

	for (int i = 0; i < ACT__MAX; i++) {
		if (ocpp_actions[i].name && ocpp_actions[i].name[0])
			named++;
		else
			T_OK(0, "action %d has a row with a name", i);
	}
	T_INT(named, ACT__MAX, "every enum value has a row with a name");
	return named == ACT__MAX;
}

static void
test_rows(void)
{
	int unique = 1, schemas = 1, ids = 1, dirs = 1, cmds = 1, accepted = 1;

	for (int i = 0; i < ACT__MAX; i++) {
		const struct ocpp_action *a = &ocpp_actions[i];

		ids &= a->id == (enum ocpp_action_id)i;
		for (int k = 0; k < i; k++)
			if (strcmp(ocpp_actions[k].name, a->name) == 0)
				FAIL(unique, "%s is the name of one action only", a->name);
		if (ocpp_req_schema(a) == NULL || ocpp_conf_schema(a) == NULL)
			FAIL(schemas, "%s has both schemas", a->name);
		/* the schema ids are the action's own */
		if (strncmp(a->req_id, a->name, strlen(a->name)) != 0 ||
		    strncmp(a->conf_id, a->name, strlen(a->name)) != 0)
			FAIL(schemas, "%s's schemas are %s.req/.conf", a->name, a->name);
		if (a->dir != DIR_CP_TO_CS && a->dir != DIR_CS_TO_CP && a->dir != DIR_BOTH)
			FAIL(dirs, "%s has a direction", a->name);
		/* a command is one we send and take part in */
		if (a->command && (!(a->dir & DIR_CS_TO_CP) || !a->offered))
			FAIL(cmds, "%s: a command is an offered action we send", a->name);
		/* statuses that mean accepted are only for what we send */
		if (a->accepted && !(a->dir & DIR_CS_TO_CP))
			FAIL(accepted, "%s: accepted statuses only for what we send", a->name);
		T_OK(ocpp_action_find(a->name) == a, "ocpp_action_find(\"%s\") is its row", a->name);
	}
	T_OK(unique, "action names are unique");
	T_OK(ids, "each row's id is its index");
	T_OK(schemas, "every action has its .req and .conf schema");
	T_OK(dirs, "every action has a direction");
	T_OK(cmds, "commands are offered actions the central system sends");
	T_OK(accepted, "accepted statuses are only for what the central system sends");
	T_STR(ocpp_actions[ACT_STOP_TRANSACTION].name, "StopTransaction", "the enum indexes the table");
	T_STR(ocpp_actions[ACT_SIGNED_UPDATE_FIRMWARE].name, "SignedUpdateFirmware", "... to its end");
}

/* moved from test_ocpp_frame.c */
static void
test_lookup(void)
{
	const struct ocpp_action *a;
	size_t n_cs = 0, n_cmd = 0;

	for (size_t i = 0; i < ACT__MAX; i++) {
		if (ocpp_actions[i].dir & DIR_CS_TO_CP)
			n_cs++;
		n_cmd += ocpp_actions[i].command;
	}
	T_OK(n_cs >= 19, "at least the 19 server-to-charger actions of 1.6");
	T_INT(n_cmd, 19, "19 commands: the 18 of 1.6 and DataTransfer (the SQL CHECK's; t37 compares)");
	a = ocpp_action_find("UnlockConnector");
	json_t *p = json_pack("{s:s}", "status", "Unlocked");
	T_INT(ocpp_result_accepted(a, p), 1, "Unlocked is accepted");
	json_object_set_new(p, "status", json_string("UnlockFailed"));
	T_INT(ocpp_result_accepted(a, p), 0, "UnlockFailed is rejected");
	json_decref(p);
	T_OK(ocpp_action_find("heartbeat") == NULL, "action names are case-sensitive");
	T_OK(ocpp_action_find("Nonsense") == NULL, "an unknown action has no row");
	T_OK(ocpp_action_find(NULL) == NULL, "no name, no row");
	T_OK(!ocpp_actions[ACT_GET_LOG].command && !ocpp_actions[ACT_GET_LOG].offered,
	    "the security extension's GetLog is known, not offered");
}

static void
test_identity(void)
{
	T_INT(identity_ok("CP-1_a.b"), 1, "identity with . _ -");
	T_INT(identity_ok("Z9"), 1, "letters and digits");
	T_INT(identity_ok(""), 0, "empty identity");
	T_INT(identity_ok(NULL), 0, "no identity");
	T_INT(identity_ok("a/b"), 0, "slash in identity");
	T_INT(identity_ok("a b"), 0, "space in identity");
	T_INT(identity_ok("a:b"), 0, "colon in identity");
	T_INT(identity_ok("\xc3\xa9t\xc3\xa9"), 0, "non-ASCII letters are not identity characters");
	T_INT(identity_ok("012345678901234567890123456789012345678901234567"), 1, "48 characters");
	T_INT(identity_ok("0123456789012345678901234567890123456789012345678"), 0, "49 characters");
}

/* ---------------------------------------------------------------- the handlers table */

static void
test_handler_rows(void)
{
	int handled = 1, done = 1, stmts = 1, n = 0;

	for (int i = 0; i < ACT__MAX; i++) {
		const struct ocpp_action *a = &ocpp_actions[i];
		const struct handler *h = &handlers[i];
		int want = (a->dir & DIR_CP_TO_CS) && a->offered;

		if ((h->call != NULL) != want)
			FAIL(handled, "%s: %s", a->name, want ? "has a handler" : "has no handler");
		if (h->call == NULL)
			continue;
		n++;
		if (h->done == NULL)
			FAIL(done, "%s's handler answers (done)", a->name);
		if ((unsigned)h->stmt >= Q__MAX)
			FAIL(stmts, "%s's statement is one of store.h's", a->name);
		for (int k = 0; k < i; k++)
			if (handlers[k].call && handlers[k].stmt == h->stmt)
				FAIL(stmts, "%s and %s store with different statements", a->name,
				    ocpp_actions[k].name);
	}
	T_OK(handled, "exactly the offered charger-to-server actions have a handler");
	T_OK(done, "every handler has its done callback");
	T_OK(stmts, "each handler stores with a statement of its own");
	T_INT(n, 11, "11 actions handled (the 10 of 1.6 a charger sends, and DataTransfer)");
	T_INT(handlers[ACT_STOP_TRANSACTION].stmt, Q_STOP, "StopTransaction stores with Q_STOP");
	T_OK(handlers[ACT_STOP_TRANSACTION].done == stop_done, "... and is answered by stop_done");
}

/* the highest $n in a statement's SQL: the parameters it takes */
static int
sql_params(const char *sql)
{
	int max = 0;

	for (const char *p = sql; (p = strchr(p, '$')) != NULL; p++)
		if (atoi(p + 1) > max)
			max = atoi(p + 1);
	return max;
}

/* one CALL through handle_call as session_process makes it: s->busy_action looked up once */
static enum ocpp_error
call(struct session *s, struct inmsg *m, const char *action, const char *payload)
{
	char desc[256];
	enum ocpp_error e;

	m->f.id = "u1";
	m->f.action = action;
	m->f.payload = json_loads(payload, 0, NULL);
	s->busy_action = ocpp_action_find(action);
	e = schema_validate(ocpp_req_schema(s->busy_action), m->f.payload, desc, sizeof desc);
	T_INT(e, OCPP_OK, "the test's %s payload is valid", action);
	e = handle_call(s, m, desc, sizeof desc);
	json_decref(m->f.payload);
	return e;
}

static void
test_handle_call(void)
{
	/* a minimal valid payload of every action a charger may send us */
	static const struct { enum ocpp_action_id id; const char *payload; } calls[] = {
		{ ACT_AUTHORIZE, "{\"idTag\":\"T1\"}" },
		{ ACT_BOOT_NOTIFICATION, "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}" },
		{ ACT_DATA_TRANSFER, "{\"vendorId\":\"V\"}" },
		{ ACT_DIAGNOSTICS_STATUS_NOTIFICATION, "{\"status\":\"Idle\"}" },
		{ ACT_FIRMWARE_STATUS_NOTIFICATION, "{\"status\":\"Idle\"}" },
		{ ACT_HEARTBEAT, "{}" },
		{ ACT_METER_VALUES, "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-01-01T00:00:00Z\","
		    "\"sampledValue\":[{\"value\":\"5\"}]}]}" },
		{ ACT_SECURITY_EVENT_NOTIFICATION, "{\"type\":\"x\",\"timestamp\":\"2026-01-01T00:00:00Z\"}" },
		{ ACT_START_TRANSACTION, "{\"connectorId\":1,\"idTag\":\"T1\",\"meterStart\":0,"
		    "\"timestamp\":\"2026-01-01T00:00:00Z\"}" },
		{ ACT_STATUS_NOTIFICATION, "{\"connectorId\":0,\"errorCode\":\"NoError\",\"status\":\"Available\"}" },
		{ ACT_STOP_TRANSACTION, "{\"transactionId\":5,\"meterStop\":10,\"timestamp\":\"2026-01-01T00:00:00Z\"}" },
	};
	struct cp cp = { 0 };
	struct session s = { .cp = &cp, .cp_id = 7, .identity = "CP-T" };
	struct inmsg m = { 0 };
	char desc[256];
	int covered = 0;

	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
		const struct ocpp_action *a = &ocpp_actions[calls[i].id];
		enum ocpp_error e = call(&s, &m, a->name, calls[i].payload);

		T_INT(e, OCPP_OK, "%s: handled", a->name);
		T_OK(submitted && submitted->stmt == handlers[a->id].stmt &&
		    submitted->done == handlers[a->id].done && submitted->action == a,
		    "%s: its job runs its row's statement and done, for its action", a->name);
		T_OK(submitted && !submitted->broken && submitted->uid && strcmp(submitted->uid, "u1") == 0,
		    "%s: the job answers the CALL's id", a->name);
		T_INT(submitted ? submitted->nparams : -1, sql_params(store_stmts[handlers[a->id].stmt].sql),
		    "%s: the job has as many parameters as its statement (%s) takes", a->name,
		    store_stmts[handlers[a->id].stmt].name);
		if (submitted) {
			session_unref(submitted->s);
			job_free(submitted);
			submitted = NULL;
		}
		covered++;
	}
	T_INT(covered, 11, "every handled action went through handle_call");
	T_INT(s.refs, 0, "the jobs' session references are balanced");

	/* known and sent by chargers, but the security extension's: not supported, nothing stored */
	T_INT(call(&s, &m, "SignCertificate", "{\"csr\":\"x\"}"), OCPP_NOT_SUPPORTED,
	    "SignCertificate (known, not offered) is NotSupported");
	T_OK(submitted == NULL, "... and nothing was submitted");
	s.busy_action = NULL;
	m.f.action = "Heartbeat";
	T_INT(handle_call(&s, &m, desc, sizeof desc), OCPP_NOT_SUPPORTED, "no action looked up: NotSupported");
	T_INT(replies, 0, "handle_call itself never answered");
}

int
main(void)
{
	test_identity();
	if (test_named()) {
		test_rows();
		test_lookup();
		test_handler_rows();
		test_handle_call();
	}
	return t_done();
}
