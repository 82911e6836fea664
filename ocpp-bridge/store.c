/*
 * store.c - see store.h: jobs, the workers' queues and threads, their connections (with the
 * LISTEN one), retries and what goes back to the loop. A worker's round (grouping, the pipeline)
 * is rounds.c, the raw conversation rawlog.c, the statements statements.c. It must not know
 * what a statement does nor what an OCPP message is: its callers (handlers.c, session.c,
 * server.c, commands.c) fill the jobs and read their results.
 */
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
#include "rounds.h"
#include "store.h"
#include "util.h"

#define BATCH_MAX 2000                  /* jobs in a round at the most */

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
	PGconn *c;                      /* pipeline connection */
	PGconn *lc;                     /* LISTEN connection (worker 0) */
	int was_up;
	struct round round;             /* its rounds' arrays, kept */
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

void
store_wake(int efd)
{
	uint64_t one = 1;

	if (write(efd, &one, sizeof one) < 0 && errno != EAGAIN)
		log_error("eventfd write: %s", strerror(errno));
}

int
store_wait(int efd, int fd, int ms)
{
	struct pollfd p[2] = { { .fd = efd, .events = POLLIN }, { .fd = fd, .events = POLLIN } };
	uint64_t v;

	if (poll(p, 2, ms) <= 0)
		return 0;
	if (p[0].revents & POLLIN)
		while (read(efd, &v, sizeof v) == sizeof v)
			;
	return p[1].revents != 0;
}

int
store_backoff(int ms)
{
	return ms ? (ms * 2 > 5000 ? 5000 : ms * 2) : 250;
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
		store_wake(w->efd);
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

PGconn *
store_connect(const char *what)
{
	char err[512];
	PGconn *c = db_connect("db_user_bridge", "ocpp-bridge", err, sizeof err);

	if (c == NULL)
		log_warn("database (%s): %s", what, err);
	return c;
}

/* A worker's connection: every statement of store_stmts prepared, in pipeline mode. */
static int
connect_main(struct worker *w)
{
	PGconn *c = store_connect("store");

	if (c == NULL)
		return -1;
	for (int i = 0; i < Q__MAX; i++) {
		if (db_prepare(c, store_stmts[i].name, store_stmts[i].sql) < 0) {
			PQfinish(c);
			return -1;
		}
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
	PGconn *c = store_connect("listen");
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
	if (store_wait(w->efd, w->lc ? PQsocket(w->lc) : -1, ms))
		read_notifications(w);
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

/* After a failed round, each job alone: one bad statement must not cost the others.
 * RUN_FAILED (every job's ok set) or RUN_LOST. */
static enum run_rc
run_each_alone(struct worker *w, struct job *list)
{
	for (struct job *j = list; j; j = j->next) {
		struct job *nx = j->next;
		enum run_rc rc;

		j->next = NULL;
		PQclear(j->res);
		j->res = NULL;
		j->err[0] = '\0';
		rc = round_run(&w->round, w->c, j);
		j->next = nx;
		if (rc == RUN_LOST)
			return RUN_LOST;
		j->ok = rc == RUN_OK;
		if (!j->ok)
			log_error("statement %s failed: %s", store_stmts[j->stmt].name, j->err);
	}
	return RUN_FAILED;
}

/* The connection broke during a round and its outcome is unknown: answers are refused (the
 * charger retries and every statement is idempotent); chores nobody waits for are run again
 * later. */
static void
hand_back_lost(struct worker *w, struct job *list)
{
	struct job *j, *next, *again = NULL, *again_tail = NULL, *done = NULL, *done_tail = NULL;

	lose_connection(w);
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
}

static void
run_batch(struct worker *w, struct job *list)
{
	enum run_rc rc = round_run(&w->round, w->c, list);

	if (rc == RUN_FAILED) {
		rc = run_each_alone(w, list);
	} else if (rc == RUN_OK) {
		for (struct job *j = list; j; j = j->next)
			j->ok = 1;
	}
	if (rc == RUN_LOST)
		hand_back_lost(w, list);
	else
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
				backoff = store_backoff(backoff);
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
	round_free(&w->round);
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
	return rawlog_start(err, errlen);
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
	busy += rawlog_busy();
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
		store_wake(st.w[i].efd);
	for (int i = 0; i < st.n; i++)
		pthread_join(st.w[i].th, NULL);
	st.stopped = 1;
	store_drain();
	rawlog_stop();          /* after the workers: the answers their last jobs gave are in the log too */
	for (int i = 0; i < st.n; i++) {
		close(st.w[i].efd);
		pthread_mutex_destroy(&st.w[i].mu);
	}
	free(st.w);
	st.w = NULL;
	st.n = 0;
}
