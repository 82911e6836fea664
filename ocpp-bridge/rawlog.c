/*
 * rawlog.c - see rawlog.h: a frame's line of COPY ocpp_messages (log_line, log_answer: pure),
 * the queue the loop puts lines in, and the writer thread that COPYs them. It must not run on
 * the store's worker connections nor wait on their commits, and the loop must never format a
 * line under the lock the writer takes.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "rawlog.h"
#include "store.h"
#include "util.h"

#define LOG_MAX (16 * 1024 * 1024)      /* lines kept while the database is away */
#define LOG_FLUSH_MS 250                /* the lines are written at least this often */
#define LOG_WAKE (256 * 1024)           /* or as soon as this much is waiting */

static struct {
	pthread_t th;
	int efd;                        /* wakes the writer */
	pthread_mutex_t mu;             /* guards lines */
	struct buf lines;               /* queued, COPY text */
	PGconn *c;                      /* the writer's own connection */
	int started;
	volatile int stopping;
	int off;                        /* OCPP_BRIDGE_NO_RAW_LOG: nothing is logged */
} lw;

/* ---------------------------------------------------------------- a frame's line (pure) */

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

/* Appends to b the start of the frame's line of COPY ocpp_messages (charge_point_id, direction,
 * message_type, unique_id, action, at, payload, answer_type, answered_at, answer) in text format,
 * up to its payload; the answer's three fields follow (log_answer) or are null (LOG_NO_ANSWER).
 * action NULL: a CALL's own, none for an answer. at: the time (clock_now's CLOCK_PG). 0, or -1 when the frame
 * is not one (or out of memory; b may then hold part of a line). */
#define LOG_NO_ANSWER "\t\\N\t\\N\t\\N\n"

static int
log_line(struct buf *b, int64_t cp_id, const char *dir, const char *action, const char *t, size_t len,
         const char *at)
{
	struct log_frame f;
	char act[80];
	int rc = 0;

	if (log_split(t, len, &f) < 0)
		return -1;
	if (action == NULL && f.type == 2) {
		if (json_str_decode(t + f.el[2].off, f.el[2].len, act, sizeof act) < 0)
			return -1;
		action = act;
	}
	rc |= buf_add_int(b, cp_id) | buf_add(b, "\t", 1) | buf_adds(b, dir) | buf_add(b, "\t", 1);
	rc |= buf_add_int(b, f.type) | buf_add(b, "\t", 1);
	rc |= buf_add_copy_text(b, f.uid, strlen(f.uid));
	rc |= buf_add(b, "\t", 1);
	rc |= action ? buf_add_copy_text(b, action, strlen(action)) : buf_add(b, "\\N", 2);
	rc |= buf_add(b, "\t", 1) | buf_adds(b, at) | buf_add(b, "\t", 1);
	return rc | log_payload(b, t, &f);
}

/* Appends the answer's fields (answer_type, answered_at, answer) to a CALL's line, ending it.
 * 0, or -1 when the frame is not an answer. */
static int
log_answer(struct buf *b, const char *t, size_t len, const char *at)
{
	struct log_frame f;

	if (log_split(t, len, &f) < 0 || f.type == 2)
		return -1;
	return buf_add(b, "\t", 1) | buf_add_int(b, f.type) | buf_add(b, "\t", 1) | buf_adds(b, at) |
	    buf_add(b, "\t", 1) | log_payload(b, t, &f) | buf_add(b, "\n", 1);
}

/* ---------------------------------------------------------------- the loop's side */

static int
logging(void)
{
	return lw.started && !lw.stopping && !lw.off;
}

/* Queues whole lines for the writer (dropped beyond LOG_MAX). */
static void
log_queue(const char *lines, size_t len)
{
	int wake_it;
	size_t mark;

	pthread_mutex_lock(&lw.mu);
	mark = lw.lines.len;
	if (mark > LOG_MAX || buf_add(&lw.lines, lines, len) < 0) {
		pthread_mutex_unlock(&lw.mu);
		return;
	}
	/* no wake-up for every row: the writer comes by every LOG_FLUSH_MS */
	wake_it = mark < LOG_WAKE && lw.lines.len >= LOG_WAKE;
	pthread_mutex_unlock(&lw.mu);
	if (wake_it)
		store_wake(lw.efd);
}

/* A line is made apart, then queued: the loop never formats under the lock the writer takes.
 * (one buffer, kept: no allocation per row once it is big enough; loop thread only) */
static struct buf log_scratch;

void
store_log(int64_t cp_id, const char *dir, const char *action, const char *text, size_t len)
{
	struct buf *b = &log_scratch;
	char at[CLOCK_TEXT_MAX];

	if (!logging())
		return;
	b->len = 0;
	clock_now(CLOCK_PG, at);
	if (log_line(b, cp_id, dir, action, text, len, at) == 0 && buf_adds(b, LOG_NO_ANSWER) == 0)
		log_queue(b->s, b->len);
}

/* (*call holds memory only while its CALL waits for the answer: kept for every connection,
 * ~2 KB of a MeterValues row would be ~20 MB of the bench's 10,000) */
void
store_log_call(struct buf *call, int64_t cp_id, const char *dir, const char *text, size_t len)
{
	char at[CLOCK_TEXT_MAX];

	buf_free(call);
	if (!logging())
		return;
	clock_now(CLOCK_PG, at);
	if (log_line(call, cp_id, dir, NULL, text, len, at) < 0)
		buf_free(call);
}

void
store_log_answer(struct buf *call, int64_t cp_id, const char *dir, const char *action,
                 const char *text, size_t len)
{
	char at[CLOCK_TEXT_MAX];

	if (call->len == 0) {
		store_log(cp_id, dir, action, text, len);
		return;
	}
	if (logging()) {
		clock_now(CLOCK_PG, at);
		if (log_answer(call, text, len, at) == 0)
			log_queue(call->s, call->len);
	}
	buf_free(call);
}

void
store_log_unanswered(struct buf *call)
{
	if (call->len && logging() && buf_adds(call, LOG_NO_ANSWER) == 0)
		log_queue(call->s, call->len);
	buf_free(call);
}

/* ---------------------------------------------------------------- the writer */

/* Puts lines that could not be written back in front of those queued meanwhile (within LOG_MAX). */
static void
log_put_back(struct buf *lines)
{
	pthread_mutex_lock(&lw.mu);
	if (lw.lines.len == 0) {
		lw.lines = *lines;
		memset(lines, 0, sizeof *lines);
	} else if (lines->len + lw.lines.len <= LOG_MAX && buf_add(lines, lw.lines.s, lw.lines.len) == 0) {
		buf_free(&lw.lines);
		lw.lines = *lines;
		memset(lines, 0, sizeof *lines);
	}
	pthread_mutex_unlock(&lw.mu);
	buf_free(lines);
}

/* COPY of the lines; 0 written, -1 failed (rows dropped), -2 the connection broke */
static int
log_copy(PGconn *c, const struct buf *lines)
{
	PGresult *r = PQexec(c, "COPY ocpp_messages (charge_point_id, direction, message_type, unique_id,"
	    " action, at, payload, answer_type, answered_at, answer) FROM STDIN");
	int rc = 0;

	if (PQresultStatus(r) != PGRES_COPY_IN) {
		PQclear(r);
		return PQstatus(c) == CONNECTION_OK ? -1 : -2;
	}
	PQclear(r);
	if (PQputCopyData(c, lines->s, (int)lines->len) != 1 || PQputCopyEnd(c, NULL) != 1)
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

/* The writer's connection commits without waiting for its WAL flush: the rows already wait up
 * to LOG_FLUSH_MS in memory, no answer to a charger depends on them, and a PostgreSQL crash can
 * lose at most the last ~0.6 s of them (3 x wal_writer_delay), never anything acknowledged. One
 * committer fewer waits on the disk the answers' commits wait on. */
static PGconn *
log_connect(void)
{
	PGconn *c = store_connect("raw log");
	PGresult *r;

	if (c == NULL)
		return NULL;
	r = PQexec(c, "SET synchronous_commit = off");
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		log_warn("raw message log: %s", PQresultErrorMessage(r));
	PQclear(r);
	return c;
}

/* The writer: every LOG_FLUSH_MS (or when much is waiting) everything queued since goes out as
 * one COPY in its own transaction. */
static void *
log_main(void *arg)
{
	int backoff = 0;

	(void)arg;
	for (;;) {
		int final = lw.stopping;        /* then one last pass for what is left */
		struct buf lines;

		if (!final)
			store_wait(lw.efd, -1, backoff ? backoff : LOG_FLUSH_MS);
		pthread_mutex_lock(&lw.mu);
		lines = lw.lines;
		memset(&lw.lines, 0, sizeof lw.lines);
		pthread_mutex_unlock(&lw.mu);
		if (lines.len && lw.c == NULL && (lw.c = log_connect()) == NULL) {
			log_put_back(&lines);
			backoff = store_backoff(backoff);
		} else if (lines.len) {
			backoff = 0;
			/* many rows, one COPY, one commit; -1: logged, those rows would only fail again */
			if (log_copy(lw.c, &lines) == -2) {
				log_warn("raw message log: database connection lost: %s", PQerrorMessage(lw.c));
				PQfinish(lw.c);
				lw.c = NULL;
				log_put_back(&lines);
			}
			buf_free(&lines);
		}
		if (final)
			break;
	}
	if (lw.c)
		PQfinish(lw.c);
	lw.c = NULL;
	return NULL;
}

int
rawlog_start(char *err, size_t errlen)
{
	lw.off = getenv("OCPP_BRIDGE_NO_RAW_LOG") != NULL;
	lw.stopping = 0;
	pthread_mutex_init(&lw.mu, NULL);
	if ((lw.efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0) {
		snprintf(err, errlen, "eventfd: %s", strerror(errno));
		return -1;
	}
	if (pthread_create(&lw.th, NULL, log_main, NULL) != 0) {
		snprintf(err, errlen, "pthread_create failed");
		return -1;
	}
	lw.started = 1;
	return 0;
}

int
rawlog_busy(void)
{
	int busy;

	if (!lw.started)
		return 0;
	pthread_mutex_lock(&lw.mu);
	busy = lw.lines.len > 0;
	pthread_mutex_unlock(&lw.mu);
	return busy;
}

void
rawlog_stop(void)
{
	if (lw.started) {
		lw.stopping = 1;
		store_wake(lw.efd);
		pthread_join(lw.th, NULL);
		close(lw.efd);
		buf_free(&lw.lines);
		pthread_mutex_destroy(&lw.mu);
		memset(&lw, 0, sizeof lw);
	}
	buf_free(&log_scratch);
}
