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
#define LOG_FLUSH_MS 250                /* the raw log is written at least this often */
#define LOG_WAKE (256 * 1024)           /* or as soon as this much is waiting */

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
	struct buf log;                  /* the log writer's: queued raw-log rows (COPY text lines) */
	PGconn *c;                      /* pipeline connection (the log writer's: a plain one) */
	PGconn *lc;                     /* LISTEN connection (worker 0) */
	int was_up;
	struct round *round;            /* its rounds' arrays, kept (run_pipeline) */
};

static struct {
	struct worker *w;
	int n;
	struct worker lw;               /* the raw-log writer (its own connection and commits) */
	int lw_started;
	volatile int log_stopping;
	struct lws_context *ctx;
	struct store_hooks hooks;
	volatile int stopping, stopped;
	pthread_mutex_t mu;             /* guards the lists below */
	struct job *done_head, *done_tail;
	struct post *post_head, *post_tail;
	int up_count;
	int no_log;
} st = { .mu = PTHREAD_MUTEX_INITIALIZER };

static void post_jobs(struct job *list);

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

static int
in_room(const struct job *j, const char *p)
{
	return (uintptr_t)p >= (uintptr_t)j->room && (uintptr_t)p < (uintptr_t)(j->room + sizeof j->room);
}

char *
job_copy(struct job *j, const char *v)
{
	size_t n = strlen(v);
	char *p;

	if (n < sizeof j->room - j->roomlen) {
		p = j->room + j->roomlen;
		j->roomlen += n + 1;
	} else if ((p = malloc(n + 1)) == NULL) {
		return NULL;
	}
	memcpy(p, v, n + 1);
	return p;
}

void
job_param(struct job *j, const char *v)
{
	if (j->nparams >= JOB_MAX_PARAMS) {
		log_error("job %s: too many parameters", store_stmts[j->stmt].name);
		j->broken = 1;
		return;
	}
	if ((j->params[j->nparams++] = v ? job_copy(j, v) : NULL) == NULL && v)
		j->broken = 1;
}

void
job_param_int(struct job *j, long long v)
{
	char tmp[24];

	job_param(j, int_text(tmp, v));
}

void
job_param_elem(struct job *j, const char *v)
{
	struct buf b = { 0 };

	if (buf_add_array_str(&b, v) < 0) {
		buf_free(&b);
		log_error("job %s: out of memory", store_stmts[j->stmt].name);
		j->broken = 1;
		return;
	}
	job_param_take(j, b.s);
}

void
job_param_take(struct job *j, char *v)
{
	if (j->nparams >= JOB_MAX_PARAMS) {
		log_error("job %s: too many parameters", store_stmts[j->stmt].name);
		free(v);
		j->broken = 1;
		return;
	}
	j->params[j->nparams++] = v;
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
		if (!in_room(j, j->params[i]))
			free(j->params[i]);
	if (!in_room(j, j->uid))
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
	if (j->broken) {
		/* a parameter is missing (out of memory): never run it, least of all in a group */
		j->ok = 0;
		snprintf(j->err, sizeof j->err, "out of memory");
		j->next = NULL;
		post_jobs(j);
		return;
	}
	w = &st.w[key % (uint64_t)st.n];
	j->next = NULL;
	j->queued = time(NULL);
	pthread_mutex_lock(&w->mu);
	was_empty = w->n == 0;
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

/* "2024-01-02 03:04:05.123456+00". Twice per message: the date part is made once a second. */
static void
now_pg(char out[40])
{
	static __thread time_t sec = -1;
	static __thread char date[24];
	struct timespec ts;
	unsigned us;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (ts.tv_sec != sec) {
		struct tm tm;

		gmtime_r(&ts.tv_sec, &tm);
		strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
		sec = ts.tv_sec;
	}
	us = (unsigned)(ts.tv_nsec / 1000);
	memcpy(out, date, 19);
	out[19] = '.';
	for (int i = 25; i > 19; i--, us /= 10)
		out[i] = (char)('0' + us % 10);
	memcpy(out + 26, "+00", 4);
}

/* A frame of the raw log, split (it parsed as JSON): its type, unique id and parts. */
struct log_frame {
	int type, n;
	struct span el[5];
	char uid[160];
};

static int
log_split(const char *t, size_t len, struct log_frame *f)
{
	f->n = json_array_split(t, len, f->el, 5);
	if (f->n < 3 || f->el[0].len != 1 || (f->type = t[f->el[0].off] - '0') < 2 || f->type > 4 ||
	    json_str_decode(t + f->el[1].off, f->el[1].len, f->uid, sizeof f->uid) < 0)
		return -1;
	if ((f->type == 2 && f->n != 4) || (f->type == 3 && f->n != 3) ||
	    (f->type == 4 && f->n != 4 && f->n != 5))
		return -1;
	return 0;
}

/* The frame's payload as a COPY text field (a CALLERROR's three parts as one object). */
static int
log_payload(struct buf *b, const char *t, const struct log_frame *f)
{
	int rc = 0;

	if (f->type == 2)
		return buf_add_copy_text(b, t + f->el[3].off, f->el[3].len);
	if (f->type == 3)
		return buf_add_copy_text(b, t + f->el[2].off, f->el[2].len);
	rc |= buf_adds(b, "{\"errorCode\":");
	rc |= buf_add_copy_text(b, t + f->el[2].off, f->el[2].len);
	rc |= buf_adds(b, ",\"errorDescription\":");
	rc |= buf_add_copy_text(b, t + f->el[3].off, f->el[3].len);
	rc |= buf_adds(b, ",\"errorDetails\":");
	rc |= f->n == 5 ? buf_add_copy_text(b, t + f->el[4].off, f->el[4].len) : buf_adds(b, "{}");
	return rc | buf_adds(b, "}");
}

/* The start of a line of COPY ocpp_messages (charge_point_id, direction, message_type, unique_id,
 * action, at, payload, answer_type, answered_at, answer) in text format, up to the payload; the
 * answer's three fields follow (log_answer) or are null (LOG_NO_ANSWER). */
#define LOG_NO_ANSWER "\t\\N\t\\N\t\\N\n"

static int
log_line(struct buf *b, int64_t cp_id, const char *dir, const char *action, const char *t, size_t len)
{
	struct log_frame f;
	char act[80], at[40];
	int rc = 0;

	if (log_split(t, len, &f) < 0)
		return -1;
	if (action == NULL && f.type == 2) {
		if (json_str_decode(t + f.el[2].off, f.el[2].len, act, sizeof act) < 0)
			return -1;
		action = act;
	}
	now_pg(at);
	rc |= buf_add_int(b, cp_id) | buf_add(b, "\t", 1) | buf_adds(b, dir) | buf_add(b, "\t", 1);
	rc |= buf_add_int(b, f.type) | buf_add(b, "\t", 1);
	rc |= buf_add_copy_text(b, f.uid, strlen(f.uid));
	rc |= buf_add(b, "\t", 1);
	rc |= action ? buf_add_copy_text(b, action, strlen(action)) : buf_add(b, "\\N", 2);
	rc |= buf_add(b, "\t", 1) | buf_adds(b, at) | buf_add(b, "\t", 1);
	return rc | log_payload(b, t, &f);
}

/* Appends the answer's fields (answer_type, answered_at, answer) to a CALL's line. */
static int
log_answer(struct buf *b, const char *t, size_t len)
{
	struct log_frame f;
	char at[40];

	if (log_split(t, len, &f) < 0 || f.type == 2)
		return -1;
	now_pg(at);
	return buf_add(b, "\t", 1) | buf_add_int(b, f.type) | buf_add(b, "\t", 1) | buf_adds(b, at) |
	    buf_add(b, "\t", 1) | log_payload(b, t, &f) | buf_add(b, "\n", 1);
}

static int
logging(void)
{
	return st.lw_started && !st.log_stopping && !st.no_log;
}

/* Queues whole lines for the writer (dropped beyond LOG_MAX). */
static void
log_queue(const char *lines, size_t len)
{
	struct worker *w = &st.lw;
	int wake_it;
	size_t mark;

	pthread_mutex_lock(&w->mu);
	mark = w->log.len;
	if (mark > LOG_MAX || buf_add(&w->log, lines, len) < 0) {
		pthread_mutex_unlock(&w->mu);
		return;
	}
	/* no wake-up for every row: the writer comes by every LOG_FLUSH_MS */
	wake_it = mark < LOG_WAKE && w->log.len >= LOG_WAKE;
	pthread_mutex_unlock(&w->mu);
	if (wake_it)
		wake(w);
}

/* A line is made apart, then queued: the loop never formats under the lock the writer takes.
 * (one buffer, kept: no allocation per row once it is big enough; loop thread only) */
static struct buf log_scratch;

void
store_log(int64_t cp_id, const char *dir, const char *action, const char *text, size_t len)
{
	struct buf *b = &log_scratch;

	if (!logging())
		return;
	b->len = 0;
	if (log_line(b, cp_id, dir, action, text, len) == 0 && buf_adds(b, LOG_NO_ANSWER) == 0)
		log_queue(b->s, b->len);
}

/* (*call holds memory only while its CALL waits for the answer: kept for every connection,
 * ~2 KB of a MeterValues row would be ~20 MB of the bench's 10,000) */
void
store_log_call(struct buf *call, int64_t cp_id, const char *dir, const char *text, size_t len)
{
	buf_free(call);
	if (logging() && log_line(call, cp_id, dir, NULL, text, len) < 0)
		buf_free(call);
}

void
store_log_answer(struct buf *call, int64_t cp_id, const char *dir, const char *action,
                 const char *text, size_t len)
{
	if (call->len == 0) {
		store_log(cp_id, dir, action, text, len);
		return;
	}
	if (logging() && log_answer(call, text, len) == 0)
		log_queue(call->s, call->len);
	buf_free(call);
}

void
store_log_unanswered(struct buf *call)
{
	if (call->len && logging() && buf_adds(call, LOG_NO_ANSWER) == 0)
		log_queue(call->s, call->len);
	buf_free(call);
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
		PGresult *r = PQprepare(c, store_stmts[i].name, store_stmts[i].sql, 0, NULL);

		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			log_error("prepare %s: %s", store_stmts[i].name, PQresultErrorMessage(r));
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
	r = PQexec(c, "LISTEN ocpp_commands; LISTEN ocpp_charge_points; LISTEN ocpp_probe; LISTEN ocpp_takeover");
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

/* Takes the queue (up to BATCH_MAX jobs). */
static struct job *
take(struct worker *w, size_t *count)
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

/* One statement sent in a round: a job's own, or a group's (jobs grp[0..ngrp-1]). */
struct sent {
	struct job *j;
	struct job **grp;
	size_t ngrp;
};

/* The statements of one round being put together. */
/* A worker's, kept from round to round: its arrays (up to BATCH_MAX jobs, a few hundred kB of
 * group parameters) are not allocated and freed again every round. */
struct round {
	PGconn *c;
	size_t cap;                     /* jobs the arrays below have room for */
	struct sent *sent;
	size_t nsent;
	struct job **grpbuf;            /* the groups' jobs, one slice per group statement */
	size_t ngrpbuf;
	struct job **open[Q__MAX];      /* the open segment's grouped jobs, per statement */
	size_t nopen[Q__MAX];
	/* charge points with a grouped job in the open segment (open addressing, by segment) */
	int64_t *cps;
	unsigned *seg_of;
	size_t cpcap, cpalloc;
	unsigned seg;
	struct buf arrays[JOB_MAX_PARAMS];      /* a group statement's parameters */
};

static size_t
cp_slot(struct round *r, int64_t cp)
{
	size_t i = (size_t)((uint64_t)cp * 0x9E3779B97F4A7C15ull >> 20) & (r->cpcap - 1);

	while (r->seg_of[i] == r->seg && r->cps[i] != cp)
		i = (i + 1) & (r->cpcap - 1);
	return i;
}

static int
send_job(struct round *r, struct job *j)
{
	if (!PQsendQueryPrepared(r->c, store_stmts[j->stmt].name, j->nparams, (const char *const *)j->params,
	    NULL, NULL, 0))
		return -1;
	r->sent[r->nsent++] = (struct sent){ .j = j };
	return 0;
}

/* Sends one statement for the open segment's jobs of a grouped statement. */
static int
send_group(struct round *r, enum stmt st)
{
	struct job **g = r->open[st];
	size_t n = r->nopen[st];
	struct buf *a = r->arrays;
	const char *p[JOB_MAX_PARAMS] = { NULL };
	int np, rc = 0;

	if (n == 0)
		return 0;
	np = g[0]->nparams;
	for (int k = 0; k < np; k++) {
		a[k].len = 0;
		a[k].failed = 0;
		rc |= buf_add(&a[k], "{", 1);
		for (size_t i = 0; i < n; i++) {
			const char *e = k < g[i]->nparams && g[i]->params[k] ? g[i]->params[k] : "";

			if (*e)
				rc |= buf_adds(&a[k], a[k].len > 1 ? "," : "") | buf_adds(&a[k], e);
		}
		rc |= buf_add(&a[k], "}", 1);
		p[k] = a[k].s;
	}
	if (rc == 0 && !PQsendQueryPrepared(r->c, store_stmts[st].name, np, p, NULL, NULL, 0))
		rc = -1;
	if (rc)
		return -1;
	memcpy(r->grpbuf + r->ngrpbuf, g, n * sizeof *g);
	r->sent[r->nsent++] = (struct sent){ .grp = r->grpbuf + r->ngrpbuf, .ngrp = n };
	r->ngrpbuf += n;
	r->nopen[st] = 0;
	return 0;
}

/* Ends the open segment: its grouped statements go out. */
static int
end_segment(struct round *r)
{
	for (int st = 0; st < Q__MAX; st++)
		if (r->nopen[st] && send_group(r, (enum stmt)st) < 0)
			return -1;
	r->seg++;
	return 0;
}

/* Reads the results of everything sent, in order; RUN_LOST if the connection broke. */
static enum run_rc
read_results(struct round *r)
{
	int failed = 0, lost = 0;
	PGresult *res;

	for (size_t i = 0; i < r->nsent; i++) {
		struct sent *e = &r->sent[i];
		const char *m;

		res = get_result(r->c, &lost);
		if (lost || res == NULL)
			return RUN_LOST;
		switch (PQresultStatus(res)) {
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			if (e->j) {
				PQclear(e->j->res);
				e->j->res = res;
				res = NULL;
			}
			break;
		case PGRES_PIPELINE_ABORTED:
			if (e->j)
				snprintf(e->j->err, sizeof e->j->err, "not run: an earlier statement failed");
			for (size_t k = 0; k < e->ngrp; k++)
				snprintf(e->grp[k]->err, sizeof e->grp[k]->err, "not run: an earlier statement failed");
			failed = 1;
			break;
		default:
			m = PQresultErrorMessage(res);
			if (e->j)
				snprintf(e->j->err, sizeof e->j->err, "%.*s", (int)strcspn(m, "\n"), m);
			for (size_t k = 0; k < e->ngrp; k++)
				snprintf(e->grp[k]->err, sizeof e->grp[k]->err, "%.*s", (int)strcspn(m, "\n"), m);
			failed = 1;
			break;
		}
		PQclear(res);
		/* each statement's results end with a NULL */
		if ((res = get_result(r->c, &lost)) != NULL) {
			PQclear(res);
			return RUN_LOST;
		}
		if (lost)
			return RUN_LOST;
	}
	res = get_result(r->c, &lost);
	if (lost || res == NULL || PQresultStatus(res) != PGRES_PIPELINE_SYNC) {
		PQclear(res);
		return RUN_LOST;
	}
	PQclear(res);
	return failed ? RUN_FAILED : RUN_OK;
}

/* Sends jobs (a list) as one pipeline ending in one Sync: one implicit transaction, one commit.
 * Grouped jobs go out as one statement per kind and segment (see store.h).
 * RUN_OK: committed, every job's res set (grouped jobs have none). RUN_FAILED: rolled back,
 * the failing jobs' err set. RUN_LOST: the connection broke (the outcome is unknown). */
/* Room in r for n jobs; 0 or -1 (out of memory). */
static int
round_reserve(struct round *r, size_t n)
{
	size_t cpcap;
	void *p;

	for (cpcap = 16; cpcap < 2 * n; cpcap *= 2)
		;
	if (cpcap > r->cpalloc) {
		if ((p = realloc(r->cps, cpcap * sizeof *r->cps)) == NULL)
			return -1;
		r->cps = p;
		if ((p = realloc(r->seg_of, cpcap * sizeof *r->seg_of)) == NULL)
			return -1;
		r->seg_of = p;
		r->cpalloc = cpcap;
	}
	r->cpcap = cpcap;
	if (n + 1 > r->cap) {
		if ((p = realloc(r->sent, (n + 1) * sizeof *r->sent)) == NULL)
			return -1;
		r->sent = p;
		if ((p = realloc(r->grpbuf, (n + 1) * sizeof *r->grpbuf)) == NULL)
			return -1;
		r->grpbuf = p;
		for (int st = 0; st < Q__MAX; st++) {
			if (!store_stmts[st].grouped)
				continue;
			if ((p = realloc(r->open[st], (n + 1) * sizeof *r->open[st])) == NULL)
				return -1;
			r->open[st] = p;
		}
		r->cap = n + 1;
	}
	return 0;
}

static void
round_free(struct round *r)
{
	free(r->sent);
	free(r->grpbuf);
	free(r->cps);
	free(r->seg_of);
	for (int st = 0; st < Q__MAX; st++)
		free(r->open[st]);
	for (int k = 0; k < JOB_MAX_PARAMS; k++)
		buf_free(&r->arrays[k]);
}

/* Sends jobs (a list) as one pipeline ending in one Sync: one implicit transaction, one commit.
 * Grouped jobs go out as one statement per kind and segment (see store.h).
 * RUN_OK: committed, every job's res set (grouped jobs have none). RUN_FAILED: rolled back,
 * the failing jobs' err set. RUN_LOST: the connection broke (the outcome is unknown). */
static enum run_rc
run_pipeline(struct worker *w, struct job *list)
{
	struct round *r;
	size_t n = 0;
	struct job *j;

	for (j = list; j; j = j->next)
		n++;
	if (w->round == NULL && (w->round = calloc(1, sizeof *w->round)) == NULL)
		return RUN_LOST;
	r = w->round;
	if (round_reserve(r, n) < 0)
		return RUN_LOST;
	r->c = w->c;
	r->nsent = r->ngrpbuf = 0;
	memset(r->nopen, 0, sizeof r->nopen);
	r->seg = 0;
	memset(r->seg_of, 0xff, r->cpcap * sizeof *r->seg_of);

	for (j = list; j; j = j->next) {
		size_t slot = j->cp ? cp_slot(r, j->cp) : 0;
		int seen = j->cp && r->seg_of[slot] == r->seg;

		/* a charger's earlier grouped job must take effect before this one: new segment */
		if (seen) {
			if (end_segment(r) < 0)
				return RUN_LOST;
			slot = cp_slot(r, j->cp);
		}
		if (store_stmts[j->stmt].grouped) {
			if (j->cp) {
				r->cps[slot] = j->cp;
				r->seg_of[slot] = r->seg;
			}
			r->open[j->stmt][r->nopen[j->stmt]++] = j;
		} else if (send_job(r, j) < 0) {
			return RUN_LOST;
		}
	}
	if (end_segment(r) < 0 || !PQpipelineSync(r->c) || flush_all(r->c) < 0)
		return RUN_LOST;
	return read_results(r);
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
run_batch(struct worker *w, struct job *list)
{
	enum run_rc rc;
	struct job *j, *next, *again = NULL, *again_tail = NULL, *done = NULL, *done_tail = NULL;

	rc = run_pipeline(w, list);
	if (rc == RUN_FAILED) {
		/* one bad statement must not cost the others: each alone */
		for (j = list; j; j = j->next) {
			struct job *nx = j->next;

			j->next = NULL;
			PQclear(j->res);
			j->res = NULL;
			j->err[0] = '\0';
			rc = run_pipeline(w, j);
			j->next = nx;
			if (rc == RUN_LOST)
				break;
			j->ok = rc == RUN_OK;
			if (!j->ok)
				log_error("statement %s failed: %s", store_stmts[j->stmt].name, j->err);
		}
		if (rc != RUN_LOST)
			rc = RUN_FAILED;        /* handled: ok set per job */
	} else if (rc == RUN_OK) {
		for (j = list; j; j = j->next)
			j->ok = 1;
	}

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

		size_t n;
		struct job *list = take(w, &n);

		if (list == NULL) {
			if (st.stopping)
				break;
			idle_wait(w, 1000);
			continue;
		}
		struct timespec t0, t1;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		run_batch(w, list);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		log_debug("worker %d: %zu jobs: %.1f ms", w->idx, n,
		    (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
		if (w->lc)
			read_notifications(w);
	}
	expire_waiting(w, 1);
	if (w->round) {
		round_free(w->round);
		free(w->round);
		w->round = NULL;
	}
	if (w->c)
		PQfinish(w->c);
	if (w->lc)
		PQfinish(w->lc);
	w->c = w->lc = NULL;
	return NULL;
}

/* The raw-log writer: every LOG_FLUSH_MS (or when much is waiting) everything logged since goes
 * out as one statement in its own transaction, off the path of the answers to the chargers.
 * While the database is away the rows wait (up to LOG_MAX; beyond that new rows are dropped). */
/* Puts rows that could not be written back in front of those logged meanwhile (within LOG_MAX). */
static void
log_put_back(struct worker *w, struct buf *log)
{
	pthread_mutex_lock(&w->mu);
	if (w->log.len == 0) {
		w->log = *log;
		memset(log, 0, sizeof *log);
	} else if (log->len + w->log.len <= LOG_MAX && buf_add(log, w->log.s, w->log.len) == 0) {
		buf_free(&w->log);
		w->log = *log;
		memset(log, 0, sizeof *log);
	}
	pthread_mutex_unlock(&w->mu);
	buf_free(log);
}

/* COPY of the log's lines; 0 written, -1 failed (rows dropped), -2 the connection broke */
static int
log_copy(PGconn *c, const struct buf *log)
{
	PGresult *r = PQexec(c, "COPY ocpp_messages (charge_point_id, direction, message_type, unique_id,"
	    " action, at, payload, answer_type, answered_at, answer) FROM STDIN");
	int rc = 0;

	if (PQresultStatus(r) != PGRES_COPY_IN) {
		PQclear(r);
		return PQstatus(c) == CONNECTION_OK ? -1 : -2;
	}
	PQclear(r);
	if (PQputCopyData(c, log->s, (int)log->len) != 1 || PQputCopyEnd(c, NULL) != 1)
		return -2;
	while ((r = PQgetResult(c)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			const char *m = PQresultErrorMessage(r);

			log_error("raw message log: %.*s", (int)strcspn(m, "\n"), m);
			rc = -1;
		}
		PQclear(r);
	}
	if (PQstatus(c) != CONNECTION_OK)
		return -2;
	return rc;
}

/* The raw log's connection commits without waiting for its WAL flush: the rows already wait up
 * to LOG_FLUSH_MS in memory, no answer to a charger depends on them, and a PostgreSQL crash can
 * lose at most the last ~0.6 s of them (3 x wal_writer_delay), never anything acknowledged. One
 * committer fewer waits on the disk the answers' commits wait on. */
static PGconn *
log_connect(void)
{
	PGconn *c = connect_db("raw log");
	PGresult *r;

	if (c == NULL)
		return NULL;
	r = PQexec(c, "SET synchronous_commit = off");
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		log_warn("raw message log: %s", PQresultErrorMessage(r));
	PQclear(r);
	return c;
}

static void *
log_main(void *arg)
{
	struct worker *w = arg;
	int backoff = 0;

	for (;;) {
		int final = st.log_stopping;    /* then one last pass for what is left */
		struct buf log;

		if (!final)
			idle_wait(w, backoff ? backoff : LOG_FLUSH_MS);
		pthread_mutex_lock(&w->mu);
		log = w->log;
		memset(&w->log, 0, sizeof w->log);
		pthread_mutex_unlock(&w->mu);
		if (log.len && w->c == NULL && (w->c = log_connect()) == NULL) {
			log_put_back(w, &log);
			backoff = backoff ? (backoff * 2 > 5000 ? 5000 : backoff * 2) : 250;
		} else if (log.len) {
			backoff = 0;
			/* many rows, one COPY, one commit; -1: logged, those rows would only fail again */
			if (log_copy(w->c, &log) == -2) {
				log_warn("raw message log: database connection lost: %s", PQerrorMessage(w->c));
				PQfinish(w->c);
				w->c = NULL;
				log_put_back(w, &log);
			}
			buf_free(&log);
		}
		if (final)
			break;
	}
	if (w->c)
		PQfinish(w->c);
	w->c = NULL;
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
	st.lw.idx = nworkers;
	st.log_stopping = 0;
	pthread_mutex_init(&st.lw.mu, NULL);
	if ((st.lw.efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0) {
		snprintf(err, errlen, "eventfd: %s", strerror(errno));
		return -1;
	}
	if (pthread_create(&st.lw.th, NULL, log_main, &st.lw) != 0) {
		snprintf(err, errlen, "pthread_create failed");
		return -1;
	}
	st.lw_started = 1;
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
		busy += (int)st.w[i].n;
		pthread_mutex_unlock(&st.w[i].mu);
	}
	if (st.lw_started) {
		pthread_mutex_lock(&st.lw.mu);
		busy += st.lw.log.len > 0;
		pthread_mutex_unlock(&st.lw.mu);
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
	if (st.lw_started) {
		/* after the workers: the answers their last jobs gave are in the log too */
		st.log_stopping = 1;
		wake(&st.lw);
		pthread_join(st.lw.th, NULL);
		close(st.lw.efd);
		buf_free(&st.lw.log);
		pthread_mutex_destroy(&st.lw.mu);
		memset(&st.lw, 0, sizeof st.lw);
		st.lw_started = 0;
	}
	buf_free(&log_scratch);
	for (int i = 0; i < st.n; i++) {
		close(st.w[i].efd);
		pthread_mutex_destroy(&st.w[i].mu);
	}
	free(st.w);
	st.w = NULL;
	st.n = 0;
}
