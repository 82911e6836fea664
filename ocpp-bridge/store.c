/* store.c - see store.h. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <libwebsockets.h>

#include "db.h"
#include "log.h"
#include "store.h"
#include "util.h"

#define BATCH_MAX 2000
#define LOG_MAX (16 * 1024 * 1024)      /* raw log kept while the database is away */

/* One statement per OCPP message or bridge chore; the logic is in sql/002_ocpp.sql. */
const char *const store_sql[Q__MAX] = {
	[Q_BOOT] = "SELECT ocpp_boot($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	[Q_HEARTBEAT] = "SELECT ocpp_heartbeat($1)",
	[Q_STATUS] = "SELECT ocpp_status($1, $2, $3, $4, $5, $6, $7, $8)",
	[Q_AUTHORIZE] = "SELECT status, to_char(expiry AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
	                " parent FROM ocpp_id_tag_info($1)",
	[Q_START] = "SELECT tx_id, status, to_char(expiry AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
	            " parent, replay FROM ocpp_start_transaction($1, $2, $3, $4, $5, $6, $7)",
	[Q_STOP] = "SELECT status, to_char(expiry AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
	           " parent, outcome FROM ocpp_stop_transaction($1, $2, $3, $4, $5, $6, $7)",
	[Q_METER] = "SELECT ocpp_meter_values($1, $2, $3, $4)",
	[Q_DATA_TRANSFER] = "SELECT ocpp_data_transfer($1, $2, $3, $4)",
	[Q_DIAG_STATUS] = "SELECT ocpp_diagnostics_status($1, $2)",
	[Q_FW_STATUS] = "SELECT ocpp_firmware_status($1, $2)",
	[Q_SECURITY_EVENT] = "SELECT ocpp_security_event($1, $2, $3, $4, $5)",
	[Q_CONNECT] = "SELECT ocpp_connect($1, $2, $3, $4)",
	[Q_DISCONNECT] = "SELECT ocpp_disconnect($1, $2, $3, $4)",
	[Q_TOUCH] = "SELECT ocpp_touch($1)",
	[Q_NODE_ALIVE] = "SELECT ocpp_node_alive($1, $2, $3)",
	[Q_SWEEP] = "SELECT ocpp_sweep($1)",
	[Q_CLAIM] = "SELECT id, charge_point_id, action, payload, timeout_s FROM ocpp_claim_commands($1)",
	[Q_CMD_FINISH] = "SELECT ocpp_command_finish($1, $2, $3, $4, $5)",
	[Q_CMD_RELEASE] = "SELECT ocpp_command_release($1)",
	[Q_CP_ALL] = "SELECT id, identity, password_hash, boot_state FROM charge_points",
	[Q_CP_ONE] = "SELECT $1::bigint, identity, password_hash, boot_state FROM charge_points WHERE id = $1",
	[Q_NODE_STOP] = "SELECT ocpp_node_stop($1)",
	[Q_LOG] = "SELECT ocpp_log_messages($1)",
};

static const char *const stmt_names[Q__MAX] = {
	"boot", "heartbeat", "status", "authorize", "start", "stop", "meter", "data_transfer",
	"diag_status", "fw_status", "security_event", "connect", "disconnect", "touch",
	"node_alive", "sweep", "claim", "cmd_finish", "cmd_release", "cp_all", "cp_one", "node_stop",
	"log",
};

enum post_kind { POST_NOTIFY, POST_LISTENING, POST_DB_UP, POST_DB_DOWN };

struct post {
	struct post *next;
	enum post_kind kind;
	char channel[64];
	char *payload;
};

struct worker {
	int idx;
	pthread_t th;
	int efd;
	pthread_mutex_t mu;
	struct job *head, *tail;        /* queued */
	size_t n;
	struct sb log;                  /* queued raw-log rows, JSON objects joined by ',' */
	PGconn *c;                      /* pipeline connection */
	PGconn *lc;                     /* LISTEN connection (worker 0) */
	int was_up;
};

static struct {
	struct worker *w;
	int n;
	struct lws_context *ctx;
	struct store_hooks hooks;
	volatile int stopping, stopped;
	pthread_mutex_t mu;             /* guards the lists below */
	struct job *done_head, *done_tail;
	struct post *post_head, *post_tail;
	int up_count;
	int no_log;
} st = { .mu = PTHREAD_MUTEX_INITIALIZER };

struct job *
job_new(enum stmt stmt, job_done_fn done)
{
	struct job *j = calloc(1, sizeof *j);

	if (j) {
		j->stmt = stmt;
		j->done = done;
		j->queued = time(NULL);
	}
	return j;
}

void
job_param(struct job *j, const char *v)
{
	if (j->nparams >= JOB_MAX_PARAMS) {
		log_error("job %s: too many parameters", stmt_names[j->stmt]);
		return;
	}
	j->params[j->nparams++] = v ? strdup(v) : NULL;
}

void
job_paramf(struct job *j, const char *fmt, ...)
{
	char buf[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	job_param(j, buf);
}

void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	for (int i = 0; i < j->nparams; i++)
		free(j->params[i]);
	free(j->uid);
	PQclear(j->res);
	free(j);
}

static void
wake(struct worker *w)
{
	uint64_t one = 1;

	if (write(w->efd, &one, sizeof one) < 0 && errno != EAGAIN)
		log_error("eventfd write: %s", strerror(errno));
}

void
store_submit(struct job *j, uint64_t key)
{
	struct worker *w;
	int was_empty;

	if (st.n == 0 || st.stopped) {
		/* after shutdown: nobody will run it */
		j->ok = 0;
		snprintf(j->err, sizeof j->err, "the bridge is stopping");
		if (st.hooks.session_unref && j->s)
			st.hooks.session_unref(j->s);
		job_free(j);
		return;
	}
	w = &st.w[key % (uint64_t)st.n];
	j->next = NULL;
	j->queued = time(NULL);
	pthread_mutex_lock(&w->mu);
	was_empty = w->n == 0 && w->log.len == 0;
	if (w->tail)
		w->tail->next = j;
	else
		w->head = j;
	w->tail = j;
	w->n++;
	pthread_mutex_unlock(&w->mu);
	if (was_empty)
		wake(w);
}

void
store_log(int64_t cp_id, const char *dir, const char *action, const char *text, size_t len)
{
	struct worker *w;
	int was_empty, rc = 0;

	if (st.n == 0 || st.stopped || st.no_log)
		return;
	w = &st.w[(uint64_t)cp_id % (uint64_t)st.n];
	pthread_mutex_lock(&w->mu);
	if (w->log.len > LOG_MAX) {
		pthread_mutex_unlock(&w->mu);
		return;
	}
	was_empty = w->n == 0 && w->log.len == 0;
	size_t mark = w->log.len;
	if (w->log.len)
		rc |= sb_add(&w->log, ",", 1);
	rc |= sb_addf(&w->log, "{\"cp\":%lld,\"dir\":\"%s\",\"a\":", (long long)cp_id, dir);
	rc |= action ? sb_add_json_str(&w->log, action) : sb_adds(&w->log, "null");
	rc |= sb_adds(&w->log, ",\"f\":");
	rc |= sb_add(&w->log, text, len);
	rc |= sb_add(&w->log, "}", 1);
	if (rc) {
		w->log.len = mark;
		if (w->log.s)
			w->log.s[mark] = '\0';
	}
	pthread_mutex_unlock(&w->mu);
	if (was_empty)
		wake(w);
}

static void
post_event(enum post_kind kind, const char *channel, const char *payload)
{
	struct post *p = calloc(1, sizeof *p);

	if (p == NULL)
		return;
	p->kind = kind;
	if (channel)
		snprintf(p->channel, sizeof p->channel, "%s", channel);
	p->payload = payload ? strdup(payload) : NULL;
	pthread_mutex_lock(&st.mu);
	if (st.post_tail)
		st.post_tail->next = p;
	else
		st.post_head = p;
	st.post_tail = p;
	pthread_mutex_unlock(&st.mu);
	lws_cancel_service(st.ctx);
}

/* Hands finished jobs (a NULL-terminated list) back to the loop. */
static void
post_jobs(struct job *list)
{
	struct job *last;

	if (list == NULL)
		return;
	for (last = list; last->next; last = last->next)
		;
	pthread_mutex_lock(&st.mu);
	if (st.done_tail)
		st.done_tail->next = list;
	else
		st.done_head = list;
	st.done_tail = last;
	pthread_mutex_unlock(&st.mu);
	lws_cancel_service(st.ctx);
}

/* ---------------------------------------------------------------- worker side */

static PGconn *
connect_db(const char *what)
{
	char err[512];
	PGconn *c = db_connect("db_user_bridge", "ocpp-bridge", err, sizeof err);

	if (c == NULL)
		log_warn("database (%s): %s", what, err);
	return c;
}

static int
connect_main(struct worker *w)
{
	PGconn *c = connect_db("store");

	if (c == NULL)
		return -1;
	for (int i = 0; i < Q__MAX; i++) {
		PGresult *r = PQprepare(c, stmt_names[i], store_sql[i], 0, NULL);

		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			log_error("prepare %s: %s", stmt_names[i], PQresultErrorMessage(r));
			PQclear(r);
			PQfinish(c);
			return -1;
		}
		PQclear(r);
	}
	if (PQsetnonblocking(c, 1) != 0 || PQenterPipelineMode(c) != 1) {
		log_error("pipeline mode: %s", PQerrorMessage(c));
		PQfinish(c);
		return -1;
	}
	w->c = c;
	return 0;
}

static void
connect_listener(struct worker *w)
{
	PGconn *c = connect_db("listen");
	PGresult *r;

	if (c == NULL)
		return;
	r = PQexec(c, "LISTEN ocpp_commands; LISTEN ocpp_charge_points");
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		log_error("LISTEN: %s", PQresultErrorMessage(r));
		PQclear(r);
		PQfinish(c);
		return;
	}
	PQclear(r);
	PQsetnonblocking(c, 1);
	w->lc = c;
	post_event(POST_LISTENING, NULL, NULL);
}

static void
read_notifications(struct worker *w)
{
	PGnotify *n;

	if (w->lc == NULL)
		return;
	if (!PQconsumeInput(w->lc)) {
		log_warn("database (listen): %s", PQerrorMessage(w->lc));
		PQfinish(w->lc);
		w->lc = NULL;
		return;
	}
	while ((n = PQnotifies(w->lc)) != NULL) {
		post_event(POST_NOTIFY, n->relname, n->extra);
		PQfreemem(n);
	}
}

/* Waits up to ms for new work (or, on worker 0, a notification). */
static void
idle_wait(struct worker *w, int ms)
{
	struct pollfd p[2] = { { .fd = w->efd, .events = POLLIN }, { .fd = -1 } };
	uint64_t v;

	if (w->lc)
		p[1] = (struct pollfd){ .fd = PQsocket(w->lc), .events = POLLIN };
	if (poll(p, 2, ms) > 0) {
		if (p[0].revents & POLLIN)
			while (read(w->efd, &v, sizeof v) == sizeof v)
				;
		if (p[1].revents)
			read_notifications(w);
	}
}

/* Takes the queue (up to BATCH_MAX jobs) and the raw log. */
static struct job *
take(struct worker *w, struct sb *log, size_t *count)
{
	struct job *list, *j, *last = NULL;
	size_t n = 0;

	pthread_mutex_lock(&w->mu);
	list = w->head;
	for (j = list; j && n < BATCH_MAX; j = j->next) {
		last = j;
		n++;
	}
	if (last) {
		w->head = last->next;
		last->next = NULL;
		if (w->head == NULL)
			w->tail = NULL;
	}
	w->n -= n;
	*log = w->log;
	memset(&w->log, 0, sizeof w->log);
	pthread_mutex_unlock(&w->mu);
	*count = n;
	return list;
}

/* Puts jobs back at the head of the queue (in order). */
static void
requeue(struct worker *w, struct job *list)
{
	struct job *last;
	size_t n = 0;

	if (list == NULL)
		return;
	for (last = list, n = 1; last->next; last = last->next)
		n++;
	pthread_mutex_lock(&w->mu);
	last->next = w->head;
	w->head = list;
	if (w->tail == NULL)
		w->tail = last;
	w->n += n;
	pthread_mutex_unlock(&w->mu);
}

static int
flush_all(PGconn *c)
{
	int r;

	while ((r = PQflush(c)) == 1) {
		struct pollfd p = { .fd = PQsocket(c), .events = POLLIN | POLLOUT };

		if (poll(&p, 1, 10000) < 0 && errno != EINTR)
			return -1;
		if ((p.revents & POLLIN) && !PQconsumeInput(c))
			return -1;
	}
	return r;
}

/* The next result, waiting for it; NULL is a NULL result when *lost stays 0. */
static PGresult *
get_result(PGconn *c, int *lost)
{
	while (PQisBusy(c)) {
		struct pollfd p = { .fd = PQsocket(c), .events = POLLIN };

		if (PQstatus(c) != CONNECTION_OK) {
			*lost = 1;
			return NULL;
		}
		if (poll(&p, 1, 10000) < 0 && errno != EINTR) {
			*lost = 1;
			return NULL;
		}
		if (!PQconsumeInput(c)) {
			*lost = 1;
			return NULL;
		}
	}
	return PQgetResult(c);
}

enum run_rc { RUN_OK, RUN_FAILED, RUN_LOST };

/* Sends jobs (n of them, a list) and the log as one pipeline ending in one Sync: one implicit
 * transaction. RUN_OK: committed, every job's res set. RUN_FAILED: rolled back, the failing
 * job's err set. RUN_LOST: the connection broke (the outcome is unknown). */
static enum run_rc
run_pipeline(PGconn *c, struct job *list, const char *logtext)
{
	int failed = 0, lost = 0;
	struct job *j;
	PGresult *r;

	for (j = list; j; j = j->next)
		if (!PQsendQueryPrepared(c, stmt_names[j->stmt], j->nparams,
		    (const char *const *)j->params, NULL, NULL, 0))
			return RUN_LOST;
	if (logtext) {
		const char *p[1] = { logtext };

		if (!PQsendQueryPrepared(c, stmt_names[Q_LOG], 1, p, NULL, NULL, 0))
			return RUN_LOST;
	}
	if (!PQpipelineSync(c) || flush_all(c) < 0)
		return RUN_LOST;

	for (j = list; ; j = j->next) {
		if (j == NULL && logtext == NULL)
			break;
		r = get_result(c, &lost);
		if (lost || r == NULL)
			return RUN_LOST;
		switch (PQresultStatus(r)) {
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			if (j) {
				PQclear(j->res);
				j->res = r;
				r = NULL;
			}
			break;
		case PGRES_PIPELINE_ABORTED:
			if (j)
				snprintf(j->err, sizeof j->err, "not run: an earlier statement failed");
			failed = 1;
			break;
		default: {
			const char *m = PQresultErrorMessage(r);

			if (j)
				snprintf(j->err, sizeof j->err, "%.*s", (int)strcspn(m, "\n"), m);
			else
				log_error("raw message log: %.*s", (int)strcspn(m, "\n"), m);
			failed = 1;
			break;
		}
		}
		PQclear(r);
		/* each statement's results end with a NULL */
		if ((r = get_result(c, &lost)) != NULL) {
			PQclear(r);
			return RUN_LOST;
		}
		if (lost)
			return RUN_LOST;
		if (j == NULL)
			break;
	}
	r = get_result(c, &lost);
	if (lost || r == NULL || PQresultStatus(r) != PGRES_PIPELINE_SYNC) {
		PQclear(r);
		return RUN_LOST;
	}
	PQclear(r);
	return failed ? RUN_FAILED : RUN_OK;
}

static void
lose_connection(struct worker *w)
{
	log_warn("database connection lost (worker %d): %s", w->idx,
	    w->c ? PQerrorMessage(w->c) : "");
	PQfinish(w->c);
	w->c = NULL;
	if (w->lc) {
		PQfinish(w->lc);
		w->lc = NULL;
	}
}

/* Fails (hands back) the queued jobs someone waits for that are older than the patience. */
static void
expire_waiting(struct worker *w, int all)
{
	struct job *keep = NULL, *keep_tail = NULL, *fail = NULL, *j, *next;
	time_t now = time(NULL);

	pthread_mutex_lock(&w->mu);
	for (j = w->head; j; j = next) {
		next = j->next;
		j->next = NULL;
		if (all || (j->done && now - j->queued >= STORE_JOB_PATIENCE)) {
			j->ok = 0;
			snprintf(j->err, sizeof j->err, "the database is unavailable");
			j->next = fail;
			fail = j;
			w->n--;
		} else {
			if (keep_tail)
				keep_tail->next = j;
			else
				keep = j;
			keep_tail = j;
		}
	}
	w->head = keep;
	w->tail = keep_tail;
	pthread_mutex_unlock(&w->mu);
	post_jobs(fail);
}

static void
run_batch(struct worker *w, struct job *list, struct sb *log)
{
	char *logtext = NULL;
	enum run_rc rc;
	struct job *j, *next, *again = NULL, *again_tail = NULL, *done = NULL, *done_tail = NULL;

	if (log->len) {
		if (sb_add(log, "]", 1) == 0 && (logtext = malloc(log->len + 2)) != NULL) {
			logtext[0] = '[';
			memcpy(logtext + 1, log->s, log->len + 1);
		}
	}
	rc = run_pipeline(w->c, list, logtext);
	if (rc == RUN_FAILED) {
		/* one bad statement must not cost the others: each alone */
		for (j = list; j; j = j->next) {
			struct job *nx = j->next;

			j->next = NULL;
			PQclear(j->res);
			j->res = NULL;
			j->err[0] = '\0';
			rc = run_pipeline(w->c, j, NULL);
			j->next = nx;
			if (rc == RUN_LOST)
				break;
			j->ok = rc == RUN_OK;
			if (!j->ok)
				log_error("statement %s failed: %s", stmt_names[j->stmt], j->err);
		}
		if (rc != RUN_LOST && logtext && run_pipeline(w->c, NULL, logtext) == RUN_LOST)
			rc = RUN_LOST;
		if (rc != RUN_LOST)
			rc = RUN_FAILED;        /* handled: ok set per job */
	} else if (rc == RUN_OK) {
		for (j = list; j; j = j->next)
			j->ok = 1;
	}
	free(logtext);
	sb_free(log);

	if (rc == RUN_LOST) {
		lose_connection(w);
		/* the outcome is unknown: answers are refused (the charger retries and every
		 * statement is idempotent); chores nobody waits for are run again later */
		for (j = list; j; j = next) {
			next = j->next;
			j->next = NULL;
			PQclear(j->res);
			j->res = NULL;
			if (j->done == NULL && !st.stopping) {
				if (again_tail)
					again_tail->next = j;
				else
					again = j;
				again_tail = j;
			} else {
				j->ok = 0;
				snprintf(j->err, sizeof j->err, "the database connection was lost");
				if (done_tail)
					done_tail->next = j;
				else
					done = j;
				done_tail = j;
			}
		}
		requeue(w, again);
		post_jobs(done);
		return;
	}
	post_jobs(list);
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	int backoff = 0;

	for (;;) {
		if (w->c == NULL) {
			if (connect_main(w) < 0) {
				if (w->was_up) {
					w->was_up = 0;
					post_event(POST_DB_DOWN, NULL, NULL);
				}
				expire_waiting(w, st.stopping);
				if (st.stopping)
					break;
				backoff = backoff ? (backoff * 2 > 5000 ? 5000 : backoff * 2) : 250;
				idle_wait(w, backoff);
				continue;
			}
			backoff = 0;
			if (!w->was_up) {
				w->was_up = 1;
				log_info("database connected (worker %d)", w->idx);
				post_event(POST_DB_UP, NULL, NULL);
			}
		}
		if (w->idx == 0 && w->lc == NULL && !st.stopping)
			connect_listener(w);

		struct sb log;
		size_t n;
		struct job *list = take(w, &log, &n);

		if (list == NULL && log.len == 0) {
			sb_free(&log);
			if (st.stopping)
				break;
			idle_wait(w, 1000);
			continue;
		}
		struct timespec t0, t1;
		size_t logbytes = log.len;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		run_batch(w, list, &log);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		log_debug("worker %d: %zu statements, %zu bytes of raw log: %.1f ms", w->idx, n, logbytes,
		    (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
		if (w->lc)
			read_notifications(w);
	}
	expire_waiting(w, 1);
	if (w->c)
		PQfinish(w->c);
	if (w->lc)
		PQfinish(w->lc);
	w->c = w->lc = NULL;
	return NULL;
}

/* ---------------------------------------------------------------- loop side */

int
store_start(void *ctx, int nworkers, const struct store_hooks *hooks, char *err, size_t errlen)
{
	st.ctx = ctx;
	st.hooks = *hooks;
	st.stopping = st.stopped = 0;
	st.no_log = getenv("OCPP_BRIDGE_NO_RAW_LOG") != NULL;
	if ((st.w = calloc((size_t)nworkers, sizeof *st.w)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (int i = 0; i < nworkers; i++) {
		struct worker *w = &st.w[i];

		w->idx = i;
		pthread_mutex_init(&w->mu, NULL);
		if ((w->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0) {
			snprintf(err, errlen, "eventfd: %s", strerror(errno));
			return -1;
		}
		st.n = i + 1;
		if (pthread_create(&w->th, NULL, worker_main, w) != 0) {
			snprintf(err, errlen, "pthread_create failed");
			return -1;
		}
	}
	return 0;
}

void
store_drain(void)
{
	struct job *jobs, *j, *next;
	struct post *posts, *p, *pn;

	pthread_mutex_lock(&st.mu);
	jobs = st.done_head;
	posts = st.post_head;
	st.done_head = st.done_tail = NULL;
	st.post_head = st.post_tail = NULL;
	pthread_mutex_unlock(&st.mu);

	for (p = posts; p; p = pn) {
		pn = p->next;
		switch (p->kind) {
		case POST_NOTIFY:
			if (st.hooks.notify)
				st.hooks.notify(p->channel, p->payload ? p->payload : "");
			break;
		case POST_LISTENING:
			if (st.hooks.listening)
				st.hooks.listening();
			break;
		case POST_DB_UP:
		case POST_DB_DOWN:
			st.up_count += p->kind == POST_DB_UP ? 1 : -1;
			if (st.hooks.db_up)
				st.hooks.db_up(p->kind == POST_DB_UP);
			break;
		}
		free(p->payload);
		free(p);
	}
	for (j = jobs; j; j = next) {
		next = j->next;
		if (j->done)
			j->done(j);
		if (j->s && st.hooks.session_unref)
			st.hooks.session_unref(j->s);
		job_free(j);
	}
}

int
store_busy(void)
{
	int busy = 0;

	for (int i = 0; i < st.n; i++) {
		pthread_mutex_lock(&st.w[i].mu);
		busy += (int)st.w[i].n + (st.w[i].log.len > 0);
		pthread_mutex_unlock(&st.w[i].mu);
	}
	pthread_mutex_lock(&st.mu);
	busy += st.done_head != NULL;
	pthread_mutex_unlock(&st.mu);
	return busy;
}

int
store_db_up(void)
{
	return st.n > 0 && st.up_count >= st.n;
}

void
store_stop(void)
{
	st.stopping = 1;
	for (int i = 0; i < st.n; i++)
		wake(&st.w[i]);
	for (int i = 0; i < st.n; i++)
		pthread_join(st.w[i].th, NULL);
	st.stopped = 1;
	store_drain();
	for (int i = 0; i < st.n; i++) {
		close(st.w[i].efd);
		sb_free(&st.w[i].log);
		pthread_mutex_destroy(&st.w[i].mu);
	}
	free(st.w);
	st.w = NULL;
	st.n = 0;
}
