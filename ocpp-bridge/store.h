/*
 * store.h - the bridge's database side. The event loop never waits on PostgreSQL: it hands jobs
 * (one prepared statement each) to worker threads. A worker takes everything queued, sends it
 * as one libpq pipeline that ends in a single Sync (one implicit transaction, so one commit for
 * the whole group), and hands the jobs back; the loop is woken with lws_cancel_service() and runs
 * each job's done() callback. A job's done() therefore only ever runs after its commit.
 * If a group fails, each of its jobs is retried alone so that one bad row costs only its own job.
 * While the database is away the workers reconnect with back-off; a job that waits for an answer
 * fails after STORE_JOB_PATIENCE seconds (the charger is then told InternalError, not acknowledged),
 * jobs nobody waits for are kept until the database is back.
 * Jobs of one key (a charger) always go to the same worker, so they run in submission order.
 *
 * Grouped statements: the jobs of the hottest messages (MeterValues, StatusNotification,
 * Heartbeat) do not run one statement each. The worker gathers those of a round into one
 * statement per kind, whose parameters are arrays with every job's elements, so that PostgreSQL
 * pays one statement (and the triggers on its tables fire once), not one per message.
 * A charger's jobs still take effect in submission order: a round is cut into segments so that
 * no charger has a grouped job in a segment before a later job of its own.
 *
 * The rounds are rounds.c. The raw conversation (ocpp_messages) is not part of them: a writer
 * thread with its own connection COPYs it every LOG_FLUSH_MS (rawlog.h).
 */
#ifndef OCPP_STORE_H
#define OCPP_STORE_H

#include <stdint.h>
#include <time.h>
#include <libpq-fe.h>

#include "buf.h"
#include "rawlog.h"              /* store_log*: the raw conversation */
#include "statements.h"

#define JOB_MAX_PARAMS 16
#define STORE_JOB_PATIENCE 20

struct session;
struct job;
typedef void (*job_done_fn)(struct job *);

struct job {
	struct job *next;
	enum stmt stmt;
	int64_t cp;                     /* the charge point it is about (0: none), for ordering */
	int nparams;
	char *params[JOB_MAX_PARAMS];   /* owned; NULL is SQL NULL */
	int broken;                     /* a parameter could not be added: store_submit fails it */
	job_done_fn done;               /* run on the loop thread; NULL: nobody waits */
	struct session *s;              /* holds a reference (session_ref) while the job lives */
	char *uid;                      /* owned (job_copy): the unique id of the CALL it answers */
	const void *action;             /* the action it answers (struct ocpp_action) */
	long long n;                    /* free for the submitter */
	time_t queued;
	/* filled by the worker */
	int ok;                         /* 1: committed (and res holds the rows) */
	PGresult *res;
	char err[256];
	/* where short parameters and the uid are kept (most are a few digits): no malloc each */
	size_t roomlen;
	char room[160];
};

/* A new job for a statement (caller owns it until store_submit). NULL if out of memory. */
struct job *job_new(enum stmt stmt, job_done_fn done);
/* A copy of v the job owns (freed by job_free); NULL if out of memory. */
char *job_copy(struct job *j, const char *v);
/* Appends a parameter (copied; NULL for SQL NULL). printf form, or an integer. */
void job_param(struct job *j, const char *v);
void job_paramf(struct job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void job_param_int(struct job *j, long long v);
/* Appends a parameter the job takes over (malloc'd, or NULL for SQL NULL). */
void job_param_take(struct job *j, char *v);
/* Appends v as an element of a grouped statement's array parameter (quoted; NULL is NULL). */
void job_param_elem(struct job *j, const char *v);
/* Frees a job and everything it owns (the session reference is dropped by the caller). */
void job_free(struct job *j);

struct store_hooks {
	void (*notify)(const char *channel, const char *payload);  /* a NOTIFY arrived */
	void (*listening)(void);        /* LISTEN is (re)established: a reload is due */
	void (*db_up)(int up);          /* the database came back (1) or went away (0) */
	void (*session_unref)(struct session *s);
};

/* Starts nworkers threads; the loop is woken through ctx (lws_cancel_service). 0 or -1. */
int store_start(void *lws_context, int nworkers, const struct store_hooks *hooks,
                char *err, size_t errlen);
/* Queues a job (the store owns it from now on); key chooses the worker. Loop thread only. */
void store_submit(struct job *j, uint64_t key);
/* On the loop thread: runs done() of every finished job and delivers notifications. */
void store_drain(void);
/* Jobs queued or running, for the shutdown wait. */
int store_busy(void);
/* Stops the workers (queued jobs are run first when the database is there) and frees all. */
void store_stop(void);
/* 1 while every worker has a connection */
int store_db_up(void);

/* For the store's own files (rawlog.c): a connection as the bridge's role (blocking; NULL: a
 * warning naming what was logged); waking a thread's eventfd; waiting up to ms for it (then
 * drained) or for fd (-1: none) to be readable (1: fd is); the wait before the next attempt
 * to connect (ms the last one; 0: the first, 250 ms doubling up to 5 s). */
PGconn *store_connect(const char *what);
void store_wake(int efd);
int store_wait(int efd, int fd, int ms);
int store_backoff(int ms);

#endif
