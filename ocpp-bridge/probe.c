/* probe.c - the duplicate-identity probe: a new connection for a charger that still has one
 * (here, or at another bridge: see sql/009_bridge_duplicates.sql) waits while the old one is
 * pinged. If the old one answers it stays and the newcomer is closed; if it is silent or goes
 * away, it is closed and the newcomer takes over. Also this bridge's side of another bridge's
 * probe (asked to ping, told it was taken over). The rule is pure, in probe_rule.c.
 *
 * What it must not do: send or read frames, or touch a session's queues. A ping is asked for
 * (ping_wanted, sent by session_writeable); a session becomes live or stops being live only
 * through session_activate / session_deactivate, and is closed through session_close. Loop
 * thread only; every job that keeps a session holds a reference to it. */
#include <string.h>

#include "bridge.h"
#include "log.h"
#include "probe.h"

/* How long the old connection has to answer the duplicate probe. A charger that reconnects
 * because its old socket died must be back within 5 s (and its BootNotification answered well
 * before it gives up on it), while a live connection answers a ping in well under a second. */
#define PROBE_MS 1800
#define PROBE_USEC ((lws_usec_t)PROBE_MS * LWS_US_PER_MS)
/* Across bridges: the other bridge is given PROBE_MS (and the time to write its answer) before
 * the newcomer's bridge asks the database for the verdict. */
#define REMOTE_PROBE_USEC (PROBE_USEC + 700 * LWS_US_PER_MS)

void
probe_end(struct session *n)
{
	lws_sul_cancel(&n->sul_probe);
	if (n->cp->probe == n)
		n->cp->probe = NULL;
	if (n->dup_old) {
		session_unref(n->dup_old);
		n->dup_old = NULL;
	}
}

/* The newcomer is closed: the old connection (wherever it is) still answers. */
static void
reject(struct session *n, const char *why)
{
	security_event(n->cp_id, n->identity, n->remote, "duplicate_rejected", why);
	probe_end(n);
	session_close(n, LWS_CLOSE_STATUS_POLICY_VIOLATION, "this identity is already connected");
}

/* Closes a live connection that lost the charger to a newcomer (here or at another bridge). */
static void
replaced(struct session *old, const char *reason)
{
	session_deactivate(old, reason);
	session_close(old, LWS_CLOSE_STATUS_POLICY_VIOLATION, reason);
	if (old->wsi)
		lws_set_timeout(old->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
}

/* ---------------------------------------------------------------- the old connection is here */

/* The old connection did not answer the ping in time: it is dead, the new one takes over. */
static void
probe_timeout(lws_sorted_usec_list_t *sul)
{
	struct session *n = lws_container_of(sul, struct session, sul_probe);
	struct session *old = n->dup_old;

	if (old && !old->closed) {
		char why[160];

		snprintf(why, sizeof why, "a second connection arrived and the first did not answer "
		    "a ping within %d ms: the first was closed", PROBE_MS);
		security_event(n->cp_id, n->identity, n->remote, "duplicate_replaced", why);
		replaced(old, "replaced by a new connection");
	}
	probe_end(n);
	if (!n->closed)
		session_activate(n);
}

static void
ping_here(struct session *s, struct session *old)
{
	log_warn("%s: second connection from %s while connected from %s: probing the first",
	    s->identity, s->remote, old->remote);
	s->cp->probe = s;
	s->dup_old = old;
	session_ref(old);
	old->ping_wanted = 1;
	old->last_ping = time(NULL);
	lws_callback_on_writable(old->wsi);
	lws_sul_schedule(B.ctx, 0, &s->sul_probe, probe_timeout, PROBE_USEC);
}

void
probe_heard(struct session *s)
{
	struct session *n = s->cp->probe;
	struct job *j;

	if (s->probe_asked && s->active && (j = job_new(Q_PROBE_ANSWER, NULL)) != NULL) {
		/* another bridge's probe: it learns from the database that we answered */
		s->probe_asked = 0;
		j->cp = s->cp_id;
		job_paramf(j, "%lld", (long long)s->cp_id);
		job_param(j, B.node);
		store_submit(j, (uint64_t)s->cp_id);
	}
	if (n && n->dup_old == s && s->active && !s->closed)
		reject(n, "a second connection arrived while the first still answers: the second was closed");
}

void
probe_old_closed(struct session *s)
{
	struct session *n = s->cp->probe;

	if (n == NULL || n->dup_old != s)
		return;
	security_event(n->cp_id, n->identity, n->remote, "duplicate_replaced",
	    "a second connection arrived and the first closed");
	probe_end(n);
	if (!n->closed)
		session_activate(n);
}

/* ---------------------------------------------------------------- the old connection is elsewhere */

/* A question to the database about the newcomer n's charger ($1, its id), answered to done; the
 * job keeps n (a reference) until then. NULL when out of memory. */
static struct job *
newcomer_job(struct session *n, enum stmt stmt, job_done_fn done)
{
	struct job *j = job_new(stmt, done);

	if (j == NULL)
		return NULL;
	j->s = n;
	j->cp = n->cp_id;
	session_ref(n);
	job_paramf(j, "%lld", (long long)n->cp_id);
	return j;
}

static void
remote_verdict(struct job *j)
{
	struct session *n = j->s;
	char why[300];

	if (n->closed)
		return;
	if (j->ok && PQntuples(j->res) == 1 && *PQgetvalue(j->res, 0, 0) == 't') {
		snprintf(why, sizeof why, "a second connection arrived while the first, at bridge %s, "
		    "still answers: the second was closed", n->holder);
		reject(n, why);
		return;
	}
	/* silence (or no database to ask: the charger is served rather than left waiting) */
	probe_end(n);
	snprintf(why, sizeof why, "a second connection arrived and the first, at bridge %s, did not "
	    "answer a ping within %d ms: the first was closed", n->holder, PROBE_MS);
	security_event(n->cp_id, n->identity, n->remote, "duplicate_replaced", why);
	session_activate(n);
}

static void
remote_probe_timeout(lws_sorted_usec_list_t *sul)
{
	struct session *n = lws_container_of(sul, struct session, sul_probe);
	struct job *j;

	if (n->closed)
		return;
	if ((j = newcomer_job(n, Q_PROBE_ALIVE, remote_verdict)) == NULL) {
		probe_end(n);
		session_activate(n);
		return;
	}
	job_param(j, n->holder);
	job_param(j, n->asked_at);
	store_submit(j, (uint64_t)n->cp_id);
}

static void
holder_known(struct job *j)
{
	struct session *n = j->s;
	int found = j->ok && PQntuples(j->res) == 1 && !PQgetisnull(j->res, 0, 0);

	if (n->closed)
		return;
	switch (probe_on_holder(found, n->cp->probe != NULL, n->cp->active && n->cp->active != n)) {
	case PROBE_ACTIVATE:
		session_activate(n);
		return;
	case PROBE_REJECT:
		session_close(n, LWS_CLOSE_STATUS_POLICY_VIOLATION, "this identity is already connecting");
		return;
	default:
		break;
	}
	snprintf(n->holder, sizeof n->holder, "%s", PQgetvalue(j->res, 0, 0));
	snprintf(n->asked_at, sizeof n->asked_at, "%s", PQgetvalue(j->res, 0, 1));
	log_warn("%s: connection from %s while bridge %s holds it: probing there", n->identity, n->remote,
	    n->holder);
	n->cp->probe = n;
	lws_sul_schedule(B.ctx, 0, &n->sul_probe, remote_probe_timeout, REMOTE_PROBE_USEC);
}

static void
ask_holder(struct session *s)
{
	struct job *j = newcomer_job(s, Q_PROBE_ASK, holder_known);

	if (j == NULL) {
		session_activate(s);
		return;
	}
	job_param(j, B.node);
	store_submit(j, (uint64_t)s->cp_id);
}

void
probe_asked(int64_t cp_id)
{
	struct cp *cp = cp_by_id(cp_id);
	struct session *s = cp ? cp->active : NULL;

	if (s == NULL || s->closed || s->wsi == NULL)
		return;
	s->probe_asked = 1;
	s->ping_wanted = 1;
	s->last_ping = time(NULL);
	lws_callback_on_writable(s->wsi);
}

void
probe_taken_over(int64_t cp_id)
{
	struct cp *cp = cp_by_id(cp_id);
	struct session *s = cp ? cp->active : NULL;

	if (s == NULL || s->closed)
		return;
	replaced(s, "replaced by a connection at another bridge");
}

/* ---------------------------------------------------------------- a new connection */

void
probe_start(struct session *s)
{
	struct cp *cp = s->cp;
	struct session *old = cp->active;

	switch (probe_on_connect(cp->probe != NULL, old && !old->closed && old->wsi)) {
	case PROBE_REJECT:
		security_event(cp->id, s->identity, s->remote, "duplicate_rejected",
		    "a third connection while a duplicate was being probed");
		session_close(s, LWS_CLOSE_STATUS_POLICY_VIOLATION, "this identity is already connecting");
		return;
	case PROBE_PING_HERE:
		ping_here(s, old);
		return;
	default:
		ask_holder(s);
		return;
	}
}
