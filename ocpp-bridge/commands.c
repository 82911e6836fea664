/* commands.c - commands for chargers (central system -> charger), from the ocpp_commands
 * table: claimed after a NOTIFY (or the polling fallback), sent one at a time per charger,
 * finished with the charger's answer, a CALLERROR, or a timeout. Loop thread only. */
#include <stdlib.h>
#include <string.h>

#include "bridge.h"
#include "log.h"

static int claiming, claim_again;

void
command_free(struct command *c)
{
	if (c) {
		json_decref(c->payload);
		free(c);
	}
}

/* Ends command id (action: its name, as ocpp_commands has it) in state, with the charger's
 * response and the error code and description (each may be NULL). */
static void
finish_row(struct session *s, int64_t id, const char *action, const char *state,
           const json_t *response, const char *code, const char *desc)
{
	struct job *j = job_new(Q_CMD_FINISH, NULL);
	char *resp = response ? json_dumps(response, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;

	log_info("%s: command %lld %s: %s%s%s", s->identity, (long long)id, action, state,
	    code ? " " : "", code ? code : "");
	if (j) {
		j->cp = s->cp_id;
		job_paramf(j, "%lld", (long long)id);
		job_param(j, state);
		job_param(j, resp);
		job_param(j, code);
		job_param(j, desc);
		store_submit(j, (uint64_t)s->cp_id);
	}
	free(resp);
}

static void
finish(struct session *s, struct command *c, const char *state, const json_t *response,
       const char *code, const char *desc)
{
	finish_row(s, c->id, c->a->name, state, response, code, desc);
}

static void
release(int64_t id, int64_t cp_id)
{
	struct job *j = job_new(Q_CMD_RELEASE, NULL);

	if (j) {
		j->cp = cp_id;
		job_paramf(j, "%lld", (long long)id);
		store_submit(j, (uint64_t)cp_id);
	}
}

static void
command_timeout(lws_sorted_usec_list_t *sul)
{
	struct session *s = lws_container_of(sul, struct session, sul_cmd);
	struct command *c = s->cmd_out;
	char desc[100];

	if (c == NULL)
		return;
	s->cmd_out = NULL;
	snprintf(desc, sizeof desc, "no answer within %d s", c->timeout_s);
	finish(s, c, "timeout", NULL, NULL, desc);
	command_free(c);
	command_pump(s);
}

void
command_pump(struct session *s)
{
	struct command *c;
	struct buf *b;
	char *text;
	size_t n;

	if (s->cmd_out || s->cmd_head == NULL || s->closed || s->close_wanted || !s->active)
		return;
	c = s->cmd_head;
	s->cmd_head = c->next;
	if (s->cmd_head == NULL)
		s->cmd_tail = NULL;
	c->next = NULL;
	if ((b = session_frame_begin()) == NULL || frame_call(b, c->uid, c->a->name, c->payload) < 0) {
		finish(s, c, "error", NULL, "InternalError", "out of memory");
		command_free(c);
		command_pump(s);
		return;
	}
	s->cmd_out = c;
	text = b->s + LWS_PRE;
	n = b->len - LWS_PRE;
	session_send(s, text, n);
	store_log(s->cp_id, "out", c->a->name, text, n);
	lws_sul_schedule(B.ctx, 0, &s->sul_cmd, command_timeout,
	    (lws_usec_t)c->timeout_s * LWS_USEC_PER_SEC);
}

int
session_add_command(struct session *s, struct command *c)
{
	if (s->closed || s->close_wanted || !s->active)
		return -1;
	c->next = NULL;
	if (s->cmd_tail)
		s->cmd_tail->next = c;
	else
		s->cmd_head = c;
	s->cmd_tail = c;
	command_pump(s);
	return 0;
}

/* A CALLERROR for command c: its code is stored when OCPP 1.6 has it, anything else as
 * GenericError (the code sent kept in the description); the description at most
 * DESC_MAX bytes, cut between characters (the frame parser has checked it is UTF-8). */
#define DESC_MAX 500
#define CODE_SHOWN 50
static void
callerror(struct session *s, struct command *c, const struct frame *f)
{
	char desc[DESC_MAX + CODE_SHOWN + 64];
	const char *d = f->error_desc ? f->error_desc : "";

	if (ocpp_error_parse(f->error_code) != OCPP_OK) {
		snprintf(desc, sizeof desc, "%.*s", (int)utf8_prefix(d, DESC_MAX), d);
		finish(s, c, "error", f->error_details, f->error_code, desc);
		return;
	}
	log_warn("%s: command %lld %s: CALLERROR code '%.*s' is not one of OCPP 1.6's: stored as "
	    "GenericError", s->identity, (long long)c->id, c->a->name,
	    (int)utf8_prefix(f->error_code, CODE_SHOWN), f->error_code);
	snprintf(desc, sizeof desc, "(the charger sent the code '%.*s') %.*s",
	    (int)utf8_prefix(f->error_code, CODE_SHOWN), f->error_code, (int)utf8_prefix(d, DESC_MAX), d);
	finish(s, c, "error", f->error_details, ocpp_error_name(OCPP_GENERIC_ERROR), desc);
}

void
command_result(struct session *s, struct frame *f, const char *text, size_t len)
{
	struct command *c = s->cmd_out;
	char msg[200];

	if (c == NULL || strcmp(f->id, c->uid) != 0) {
		log_info("%s: answer to no CALL of ours (id %s): ignored", s->identity, f->id);
		return;
	}
	lws_sul_cancel(&s->sul_cmd);
	s->cmd_out = NULL;
	store_log(s->cp_id, "in", c->a->name, text, len);
	if (f->kind == FRAME_RESULT) {
		enum ocpp_error e = schema_validate(ocpp_conf_schema(c->a), f->payload, msg, sizeof msg);

		if (e != OCPP_OK)
			finish(s, c, "error", f->payload, ocpp_error_name(e), msg);
		else
			finish(s, c, ocpp_result_accepted(c->a, f->payload) ? "accepted" : "rejected",
			    f->payload, NULL, NULL);
	} else {
		callerror(s, c, f);
	}
	command_free(c);
	command_pump(s);
}

void
commands_session_closed(struct session *s)
{
	struct command *c, *n;

	lws_sul_cancel(&s->sul_cmd);
	if ((c = s->cmd_out) != NULL) {
		s->cmd_out = NULL;
		finish(s, c, "error", NULL, "Disconnected", "the connection closed before the charger answered");
		command_free(c);
	}
	for (c = s->cmd_head; c; c = n) {
		n = c->next;
		release(c->id, s->cp_id);
		command_free(c);
	}
	s->cmd_head = s->cmd_tail = NULL;
}

static void
claim_done(struct job *j)
{
	claiming = 0;
	if (!j->ok) {
		log_warn("claiming commands: %s", j->err);
		return;
	}
	for (int i = 0; j->res && i < PQntuples(j->res); i++) {
		int64_t id = atoll(PQgetvalue(j->res, i, 0));
		int64_t cp_id = atoll(PQgetvalue(j->res, i, 1));
		const struct ocpp_action *a = ocpp_action_find(PQgetvalue(j->res, i, 2));
		struct cp *cp = cp_by_id(cp_id);
		struct session *s = cp ? cp->active : NULL;
		struct command *c;
		json_error_t je;

		if (s == NULL || s->closed || !s->registered) {
			release(id, cp_id);
			continue;
		}
		if ((c = calloc(1, sizeof *c)) == NULL) {
			release(id, cp_id);
			continue;
		}
		c->id = id;
		c->a = a;
		c->timeout_s = atoi(PQgetvalue(j->res, i, 4));
		snprintf(c->uid, sizeof c->uid, "c%lld", (long long)id);
		c->payload = json_loads(PQgetvalue(j->res, i, 3), 0, &je);
		if (a == NULL || !a->command || !json_is_object(c->payload)) {
			finish_row(s, id, PQgetvalue(j->res, i, 2), "error", NULL, "FormationViolation",
			    "not a command this bridge can send");
			command_free(c);
			continue;
		}
		if (schema_validate(ocpp_req_schema(a), c->payload, je.text, sizeof je.text) != OCPP_OK) {
			finish(s, c, "error", NULL, "FormationViolation", je.text);
			command_free(c);
			continue;
		}
		if (session_add_command(s, c) < 0) {
			release(id, cp_id);
			command_free(c);
		}
	}
	if (claim_again) {
		claim_again = 0;
		commands_claim();
	}
}

void
commands_claim(void)
{
	struct job *j;

	if (claiming) {
		claim_again = 1;
		return;
	}
	if ((j = job_new(Q_CLAIM, claim_done)) == NULL)
		return;
	job_param(j, B.node);
	claiming = 1;
	store_submit(j, 0);
}
