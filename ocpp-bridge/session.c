/* session.c - one charger's websocket: receiving frames (in order, one CALL at a time),
 * sending, keepalive, and the connection registry (a session becoming the charger's live one
 * and stopping being it). Whether a new connection may become live is the duplicate-identity
 * probe's (probe.c). Loop thread only. */
#include <stdlib.h>
#include <string.h>

#include "bridge.h"
#include "log.h"

#define IN_QUEUE_MAX 32         /* CALLs a charger may send without waiting for answers */
#define OUT_QUEUE_MAX 256       /* frames waiting for a charger that does not read */

struct session *all_sessions;

static void session_process(struct session *s);
static void session_alive(struct session *s);

struct session *
session_new(struct lws *wsi, struct cp *cp, const char *remote)
{
	struct session *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->wsi = wsi;
	s->cp = cp;
	s->cp_id = cp->id;
	snprintf(s->identity, sizeof s->identity, "%s", cp->identity);
	snprintf(s->remote, sizeof s->remote, "%s", remote);
	s->refs = 1;
	s->last_rx = s->last_ping = s->db_seen = time(NULL);
	s->next_all = all_sessions;
	if (all_sessions)
		all_sessions->prev_all = s;
	all_sessions = s;
	B.nsessions++;
	return s;
}

void
session_ref(struct session *s)
{
	s->refs++;
}

static void
free_queues(struct session *s)
{
	struct inmsg *m, *mn;
	struct outmsg *o, *on;

	for (m = s->in_head; m; m = mn) {
		mn = m->next;
		frame_free(&m->f);
		free(m);
	}
	s->in_head = s->in_tail = NULL;
	s->in_n = 0;
	for (o = s->out_head; o; o = on) {
		on = o->next;
		free(o);
	}
	s->out_head = s->out_tail = NULL;
	s->out_n = 0;
	free(s->rx);
	s->rx = NULL;
	s->rxlen = s->rxcap = 0;
}

void
session_unref(struct session *s)
{
	if (--s->refs > 0)
		return;
	free_queues(s);
	buf_free(&s->log_call);
	free(s);
}

void
security_event(int64_t cp_id, const char *identity, const char *addr, const char *kind,
               const char *detail)
{
	struct job *j = job_new(Q_SECURITY_EVENT, NULL);

	log_warn("security event %s: identity=%s addr=%s %s", kind, identity ? identity : "-",
	    addr ? addr : "-", detail ? detail : "");
	if (j == NULL)
		return;
	j->cp = cp_id > 0 ? cp_id : 0;
	if (cp_id > 0)
		job_paramf(j, "%lld", (long long)cp_id);
	else
		job_param(j, NULL);
	job_param(j, identity);
	job_param(j, addr);
	job_param(j, kind);
	job_param(j, detail);
	store_submit(j, (uint64_t)(cp_id > 0 ? cp_id : 0));
}

/* ---------------------------------------------------------------- sending */

/* Frames we send are built here, after LWS_PRE bytes of headroom where lws_write puts the
 * websocket header, so that a frame goes to the socket from where it was built. One buffer for
 * every frame (loop thread only): a frame is sent or copied before the next is begun. */
static struct buf tx;

struct buf *
session_frame_begin(void)
{
	static const char headroom[LWS_PRE];

	tx.len = 0;
	tx.failed = 0;
	return buf_add(&tx, headroom, LWS_PRE) == 0 ? &tx : NULL;
}

void
session_send(struct session *s, char *text, size_t len)
{
	struct outmsg *o;

	if (s->closed || s->wsi == NULL || s->close_wanted)
		return;
	/* Nothing ahead of it (queued here, a ping, or the rest of a partial send that
	 * libwebsockets holds): written now, not after a WRITEABLE round, which costs two epoll_ctl
	 * and a loop pass per message. A partial send is kept by libwebsockets itself (it asks
	 * for WRITEABLE and sends the rest first). */
	if (s->out_head == NULL && !s->ping_wanted && !lws_partial_buffered(s->wsi)) {
		if (lws_write(s->wsi, (unsigned char *)text, len, LWS_WRITE_TEXT) < (int)len) {
			log_warn("%s: write failed", s->identity);
			session_close(s, LWS_CLOSE_STATUS_UNEXPECTED_CONDITION, "write failed");
			lws_set_timeout(s->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
		}
		return;
	}
	if (s->out_n >= OUT_QUEUE_MAX) {
		log_warn("%s: does not read what we send: closing", s->identity);
		session_close(s, LWS_CLOSE_STATUS_POLICY_VIOLATION, "not reading");
		return;
	}
	if ((o = malloc(sizeof *o + LWS_PRE + len)) == NULL) {
		log_error("%s: out of memory", s->identity);
		return;
	}
	o->next = NULL;
	o->len = len;
	memcpy(o->buf + LWS_PRE, text, len);
	if (s->out_tail)
		s->out_tail->next = o;
	else
		s->out_head = o;
	s->out_tail = o;
	s->out_n++;
	lws_callback_on_writable(s->wsi);
}

int
session_writeable(struct session *s)
{
	struct outmsg *o;
	int n;

	if (s->close_wanted) {
		lws_close_reason(s->wsi, (enum lws_close_status)s->close_code,
		    (unsigned char *)s->close_reason, strlen(s->close_reason));
		return -1;
	}
	if (s->ping_wanted) {
		/* with a payload: libwebsockets does not report an empty pong */
		unsigned char buf[LWS_PRE + 8];

		memcpy(buf + LWS_PRE, "probe", 5);
		s->ping_wanted = 0;
		if (lws_write(s->wsi, buf + LWS_PRE, 5, LWS_WRITE_PING) < 5)
			return -1;
		if (s->out_head)
			lws_callback_on_writable(s->wsi);
		return 0;
	}
	if ((o = s->out_head) == NULL)
		return 0;
	s->out_head = o->next;
	if (s->out_head == NULL)
		s->out_tail = NULL;
	s->out_n--;
	n = lws_write(s->wsi, o->buf + LWS_PRE, o->len, LWS_WRITE_TEXT);
	if (n < (int)o->len) {
		free(o);
		log_warn("%s: write failed", s->identity);
		return -1;
	}
	free(o);
	if (s->out_head)
		lws_callback_on_writable(s->wsi);
	return 0;
}

void
session_close(struct session *s, int code, const char *reason)
{
	if (s->closed || s->wsi == NULL || s->close_wanted)
		return;
	s->close_wanted = 1;
	s->close_code = code;
	snprintf(s->close_reason, sizeof s->close_reason, "%s", reason);
	lws_callback_on_writable(s->wsi);
}

/* ---------------------------------------------------------------- answering CALLs */

/* Sends the frame built in tx (session_frame_begin) and logs it. */
static void
send_logged(struct session *s, const char *action)
{
	char *text = tx.s + LWS_PRE;
	size_t n = tx.len - LWS_PRE;

	session_send(s, text, n);
	store_log_answer(&s->log_call, s->cp_id, "out", action, text, n);
}

static void
call_finished(struct session *s)
{
	static const double edges[] = { 5, 10, 20, 50, 100, 200, 500 };
	struct timespec now;
	double ms;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (double)(now.tv_sec - s->busy_since.tv_sec) * 1e3 +
	    (double)(now.tv_nsec - s->busy_since.tv_nsec) / 1e6;
	for (i = 0; i < 7 && ms >= edges[i]; i++)
		;
	B.lat_hist[i]++;
	if (ms > B.lat_max_ms)
		B.lat_max_ms = ms;
	s->busy = 0;
	s->busy_action = NULL;
	session_process(s);
}

/* {} to validate an empty answer against (made once: most answers are empty) */
static const json_t *
empty_object(void)
{
	static json_t *empty;

	if (empty == NULL)
		empty = json_object();
	return empty;
}

void
session_reply(struct session *s, const char *uid, json_t *payload)
{
	const struct ocpp_action *a = s->busy_action;
	char msg[200];
	struct buf *b;

	if (a && schema_validate(ocpp_conf_schema(a), payload ? payload : empty_object(), msg,
	    sizeof msg) != OCPP_OK) {
		/* a bug of ours: never send the charger what the schema forbids */
		log_error("%s: our %s answer does not validate: %s", s->identity, a->name, msg);
		json_decref(payload);
		session_reply_error(s, uid, OCPP_INTERNAL_ERROR, "the central system built an invalid answer");
		return;
	}
	if ((b = session_frame_begin()) != NULL && frame_result(b, uid, payload) == 0) {
		send_logged(s, a ? a->name : NULL);
		B.results_out++;
	}
	json_decref(payload);
	call_finished(s);
}

void
session_reply_error(struct session *s, const char *uid, enum ocpp_error e, const char *desc)
{
	struct buf *b;

	log_info("%s: CALLERROR %s to %s: %s", s->identity, ocpp_error_name(e), uid, desc);
	if ((b = session_frame_begin()) != NULL && frame_error(b, uid, ocpp_error_name(e), desc, NULL) == 0) {
		send_logged(s, s->busy_action ? s->busy_action->name : NULL);
		B.errors_out++;
	}
	call_finished(s);
}

/* Takes the next CALL off the queue while nothing is being processed. */
static void
session_process(struct session *s)
{
	static int depth;
	struct inmsg *m;
	char desc[256];

	if (depth)
		return;         /* an answer given from inside the loop below: it continues */
	depth++;
	while (!s->busy && s->in_head && s->active && !s->closed && !s->close_wanted) {
		const struct ocpp_action *a;
		enum ocpp_error e;

		m = s->in_head;
		s->in_head = m->next;
		if (s->in_head == NULL)
			s->in_tail = NULL;
		s->in_n--;
		s->busy = 1;
		s->busy_action = NULL;
		clock_gettime(CLOCK_MONOTONIC, &s->busy_since);
		if (m->f.kind == FRAME_BAD) {
			log_info("%s: bad frame: %s", s->identity, m->f.errmsg);
			session_reply_error(s, m->f.id, m->f.err, m->f.errmsg);
			goto next;
		}
		B.calls_in++;
		store_log_call(&s->log_call, s->cp_id, "in", m->text, m->len);
		a = ocpp_action_find(m->f.action);
		if (a == NULL) {
			snprintf(desc, sizeof desc, "unknown action '%.*s'",
			    (int)utf8_prefix(m->f.action, 60), m->f.action);
			session_reply_error(s, m->f.id, OCPP_NOT_IMPLEMENTED, desc);
			goto next;
		}
		if (!(a->dir & DIR_CP_TO_CS)) {
			snprintf(desc, sizeof desc, "%s is sent by the central system, not to it", a->name);
			session_reply_error(s, m->f.id, OCPP_NOT_SUPPORTED, desc);
			goto next;
		}
		s->busy_action = a;
		if (a->id != ACT_BOOT_NOTIFICATION && strcmp(s->cp->boot_state, "accepted") != 0) {
			snprintf(desc, sizeof desc, "%s before the boot was accepted (boot state %s)",
			    a->name, s->cp->boot_state);
			session_reply_error(s, m->f.id, OCPP_SECURITY_ERROR, desc);
			goto next;
		}
		e = schema_validate(ocpp_req_schema(a), m->f.payload, desc, sizeof desc);
		if (e == OCPP_OK)
			e = handle_call(s, m, desc, sizeof desc);
		if (e != OCPP_OK)
			session_reply_error(s, m->f.id, e, desc);
next:
		frame_free(&m->f);
		free(m);
	}
	depth--;
}

/* ---------------------------------------------------------------- receiving */

static void
process_message(struct session *s, const char *text, size_t len)
{
	/* the text's copy (kept for the raw log until the CALL is taken) in the same allocation */
	struct inmsg *m = malloc(sizeof *m + len + 1);
	enum frame_kind k;

	if (m == NULL)
		return;
	m->next = NULL;
	m->len = 0;
	m->text[0] = '\0';
	k = frame_parse(text, len, &m->f);
	switch (k) {
	case FRAME_IGNORE:
		log_info("%s: ignored: %s", s->identity, m->f.errmsg);
		frame_free(&m->f);
		free(m);
		return;
	case FRAME_RESULT:
	case FRAME_ERROR:
		command_result(s, &m->f, text, len);
		frame_free(&m->f);
		free(m);
		return;
	case FRAME_BAD:
		/* the frame's id points into idbuf or root, both inside m: fine */
		break;
	case FRAME_CALL:
		memcpy(m->text, text, len);
		m->text[len] = '\0';
		m->len = len;
		break;
	}
	if (s->in_n >= IN_QUEUE_MAX) {
		frame_free(&m->f);
		free(m);
		log_warn("%s: more than %d CALLs without waiting for answers: closing", s->identity, IN_QUEUE_MAX);
		session_close(s, LWS_CLOSE_STATUS_POLICY_VIOLATION, "one CALL at a time");
		return;
	}
	if (s->in_tail)
		s->in_tail->next = m;
	else
		s->in_head = m;
	s->in_tail = m;
	s->in_n++;
	session_process(s);
}

void
session_receive(struct session *s, const void *in, size_t len, int final, int binary)
{
	if (s->closed || s->close_wanted)
		return;
	session_alive(s);
	if (binary) {
		session_close(s, LWS_CLOSE_STATUS_UNACCEPTABLE_OPCODE, "OCPP-J frames are text");
		return;
	}
	if (s->rxlen + len > (size_t)B.max_frame) {
		log_warn("%s: frame larger than %ld bytes refused", s->identity, B.max_frame);
		security_event(s->cp_id, s->identity, s->remote, "oversized_frame", "frame above ocpp_max_frame");
		free(s->rx);
		s->rx = NULL;
		s->rxlen = s->rxcap = 0;
		session_close(s, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE, "frame too large");
		return;
	}
	if (final && s->rxlen == 0) {
		process_message(s, in, len);
		return;
	}
	if (s->rxlen + len > s->rxcap) {
		size_t cap = s->rxcap ? s->rxcap : 4096;
		char *p;

		while (cap < s->rxlen + len)
			cap *= 2;
		if ((p = realloc(s->rx, cap)) == NULL) {
			session_close(s, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE, "out of memory");
			return;
		}
		s->rx = p;
		s->rxcap = cap;
	}
	memcpy(s->rx + s->rxlen, in, len);
	s->rxlen += len;
	if (final) {
		size_t n = s->rxlen;

		s->rxlen = 0;
		process_message(s, s->rx, n);
		if (s->rxcap > 65536) {
			free(s->rx);
			s->rx = NULL;
			s->rxcap = 0;
		}
	}
}

/* ---------------------------------------------------------------- registry and keepalive */

static void
connect_done(struct job *j)
{
	struct session *s = j->s;

	if (!j->ok) {
		log_warn("%s: registry row not written: %s (retried when the database is back)",
		    s->identity, j->err);
		return;
	}
	if (s->closed || !s->active || (uint64_t)j->n != s->gen)
		return;
	s->registered = 1;
	commands_claim();
}

void
session_register(struct session *s)
{
	struct job *j = job_new(Q_CONNECT, connect_done);

	if (j == NULL)
		return;
	j->s = s;
	j->cp = s->cp_id;
	session_ref(s);
	j->n = (long long)s->gen;
	job_paramf(j, "%lld", (long long)s->cp_id);
	job_param(j, B.node);
	job_paramf(j, "%llu", (unsigned long long)s->gen);
	job_param(j, s->remote);
	store_submit(j, (uint64_t)s->cp_id);
}

void
session_activate(struct session *s)
{
	s->active = 1;
	s->cp->active = s;
	s->gen = ++B.generation;
	log_info("%s: connected from %s (generation %llu, boot state %s)", s->identity, s->remote,
	    (unsigned long long)s->gen, s->cp->boot_state);
	session_register(s);
	session_process(s);
}

void
session_deactivate(struct session *s, const char *reason)
{
	struct job *j;

	if (!s->active)
		return;
	s->active = 0;
	if (s->cp->active == s)
		s->cp->active = NULL;
	commands_session_closed(s);
	log_info("%s: disconnected (%s)", s->identity, reason);
	if ((j = job_new(Q_DISCONNECT, NULL)) != NULL) {
		j->cp = s->cp_id;
		job_paramf(j, "%lld", (long long)s->cp_id);
		job_param(j, B.node);
		job_paramf(j, "%llu", (unsigned long long)s->gen);
		job_param(j, reason);
		job_paramf(j, "%lld", (long long)s->last_rx);
		store_submit(j, (uint64_t)s->cp_id);
	}
}

/* Anything from the charger (a frame, a pong) proves its connection is alive: it counts for the
 * offline sweep, and a connection being probed for a duplicate keeps its place. */
static void
session_alive(struct session *s)
{
	s->last_rx = time(NULL);
	s->touched = 1;
	if (s->probe_asked || s->cp->probe)
		probe_heard(s);
}

void
session_pong(struct session *s)
{
	if (!s->closed)
		session_alive(s);
}

void
sessions_keepalive(time_t now)
{
	for (struct session *s = all_sessions; s; s = s->next_all) {
		if (s->closed || s->close_wanted || s->wsi == NULL)
			continue;
		if (now - s->last_rx >= B.hangup_after) {
			log_info("%s: silent for %ld s, no answer to pings: closing", s->identity,
			    (long)(now - s->last_rx));
			session_close(s, LWS_CLOSE_STATUS_GOINGAWAY, "no answer to pings");
			/* a dead peer never acknowledges the close: do not wait for it long */
			lws_set_timeout(s->wsi, PENDING_TIMEOUT_USER_OK, 3);
		} else if (now - s->last_rx >= B.ping_after && now - s->last_ping >= B.ping_after) {
			s->last_ping = now;
			s->ping_wanted = 1;
			lws_callback_on_writable(s->wsi);
		}
	}
}

void
session_closed(struct session *s)
{
	struct cp *cp = s->cp;

	if (s->closed)
		return;
	s->closed = 1;
	lws_sul_cancel(&s->sul_cmd);
	if (cp->probe == s)
		probe_end(s);
	if (s->active) {
		session_deactivate(s, s->close_wanted ? s->close_reason : "closed");
		probe_old_closed(s);
	}
	commands_session_closed(s);
	store_log_unanswered(&s->log_call);
	free_queues(s);
	if (s->prev_all)
		s->prev_all->next_all = s->next_all;
	else
		all_sessions = s->next_all;
	if (s->next_all)
		s->next_all->prev_all = s->prev_all;
	s->prev_all = s->next_all = NULL;
	B.nsessions--;
	s->wsi = NULL;
	session_unref(s);
}
