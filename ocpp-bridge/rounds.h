/*
 * rounds.h - a worker's round (rounds.c): the jobs it took at once, sent on its connection as one
 * pipeline that ends in one Sync (one implicit transaction, one commit), then their results.
 * Grouped jobs (statements.h) go out as one statement per kind and segment: round_plan cuts the
 * round into segments so that no charger has a grouped job in a segment before a later job of
 * its own, and so its jobs take effect in the order they were submitted.
 * Worker threads only; a round is its worker's, kept from round to round.
 */
#ifndef OCPP_ROUNDS_H
#define OCPP_ROUNDS_H

#include <stddef.h>
#include <stdint.h>
#include <libpq-fe.h>

#include "buf.h"
#include "store.h"

/* One statement of a round: a job's own (j), or a group's (the jobs grp[0..ngrp-1]). */
struct sent {
	struct job *j;
	struct job **grp;
	size_t ngrp;
};

/* Its arrays (up to BATCH_MAX jobs, a few hundred kB of group parameters) are not allocated and
 * freed again every round. All zero: an empty one. */
struct round {
	size_t cap;                     /* jobs the arrays below have room for */
	struct sent *sent;              /* the plan: what is sent, in order */
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

/* Room in r for n jobs; 0 or -1 (out of memory). */
int round_reserve(struct round *r, size_t n);

/* The plan of a round (pure: no I/O, reads only the statement table): r->sent[0..nsent-1] is
 * what goes out, in order, for the jobs of list (a NULL-terminated list of n jobs, room reserved
 * for n). A job that is not grouped is sent where it stands; grouped jobs wait in the open
 * segment, whose groups go out, one per statement in enum order, when it ends: before the
 * first job of a charger that has a grouped job in it, and after the last job. */
void round_plan(struct round *r, struct job *list);

/* A group's parameters (pure): a[k] becomes the array literal "{e,e,...}" of the jobs'
 * params[k] (NULL or "" adds no element); the statement's parameter count (the first job's),
 * or -1 if out of memory. */
int round_group_params(struct buf a[JOB_MAX_PARAMS], struct job *const *g, size_t n);

enum run_rc { RUN_OK, RUN_FAILED, RUN_LOST };

/* Runs the jobs of list (NULL-terminated) as one round on c (a pipeline-mode connection).
 * RUN_OK: committed, every job's res set (grouped jobs have none). RUN_FAILED: rolled back,
 * the failing jobs' err set. RUN_LOST: the connection broke (the outcome is unknown). */
enum run_rc round_run(struct round *r, PGconn *c, struct job *list);

void round_free(struct round *r);

#endif
