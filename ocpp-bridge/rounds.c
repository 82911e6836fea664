/*
 * rounds.c - see rounds.h: a round's plan (round_plan, round_group_params: pure) and the pipeline
 * that sends it and reads its results (round_run). It must not touch the queues, the workers'
 * connections or the loop (store.c does): it gets its jobs and a connection, and says how it went.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rounds.h"

int
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

void
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
	memset(r, 0, sizeof *r);
}

/* ---------------------------------------------------------------- the plan (pure) */

/* cp's slot in the open segment's charge points: its own, or the free one where it would go */
static size_t
cp_slot(struct round *r, int64_t cp)
{
	size_t i = (size_t)((uint64_t)cp * 0x9E3779B97F4A7C15ull >> 20) & (r->cpcap - 1);

	while (r->seg_of[i] == r->seg && r->cps[i] != cp)
		i = (i + 1) & (r->cpcap - 1);
	return i;
}

/* Ends the open segment: its groups join the plan, one per statement. */
static void
end_segment(struct round *r)
{
	for (int st = 0; st < Q__MAX; st++) {
		size_t n = r->nopen[st];

		if (n == 0)
			continue;
		memcpy(r->grpbuf + r->ngrpbuf, r->open[st], n * sizeof *r->open[st]);
		r->sent[r->nsent++] = (struct sent){ .grp = r->grpbuf + r->ngrpbuf, .ngrp = n };
		r->ngrpbuf += n;
		r->nopen[st] = 0;
	}
	r->seg++;
}

void
round_plan(struct round *r, struct job *list)
{
	r->nsent = r->ngrpbuf = 0;
	memset(r->nopen, 0, sizeof r->nopen);
	r->seg = 0;
	memset(r->seg_of, 0xff, r->cpcap * sizeof *r->seg_of);

	for (struct job *j = list; j; j = j->next) {
		size_t slot = j->cp ? cp_slot(r, j->cp) : 0;

		/* a charger's earlier grouped job must take effect before this one: new segment */
		if (j->cp && r->seg_of[slot] == r->seg) {
			end_segment(r);
			slot = cp_slot(r, j->cp);
		}
		if (store_stmts[j->stmt].grouped) {
			if (j->cp) {
				r->cps[slot] = j->cp;
				r->seg_of[slot] = r->seg;
			}
			r->open[j->stmt][r->nopen[j->stmt]++] = j;
		} else {
			r->sent[r->nsent++] = (struct sent){ .j = j };
		}
	}
	end_segment(r);
}

int
round_group_params(struct buf a[JOB_MAX_PARAMS], struct job *const *g, size_t n)
{
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
	}
	return rc ? -1 : np;
}

/* ---------------------------------------------------------------- the pipeline */

/* Sends the plan's statements (pipeline mode: nothing waits for an answer yet). 0 or -1. */
static int
send_plan(struct round *r, PGconn *c)
{
	for (size_t i = 0; i < r->nsent; i++) {
		const struct sent *e = &r->sent[i];
		const char *p[JOB_MAX_PARAMS] = { NULL };
		int np;

		if (e->j) {
			if (!PQsendQueryPrepared(c, store_stmts[e->j->stmt].name, e->j->nparams,
			    (const char *const *)e->j->params, NULL, NULL, 0))
				return -1;
			continue;
		}
		if ((np = round_group_params(r->arrays, e->grp, e->ngrp)) < 0)
			return -1;
		for (int k = 0; k < np; k++)
			p[k] = r->arrays[k].s;
		if (!PQsendQueryPrepared(c, store_stmts[e->grp[0]->stmt].name, np, p, NULL, NULL, 0))
			return -1;
	}
	return 0;
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

/* Sets the err of a statement's job, or of each job of its group. */
static void
sent_error(const struct sent *e, const char *m)
{
	int len = (int)strcspn(m, "\n");

	if (e->j)
		snprintf(e->j->err, sizeof e->j->err, "%.*s", len, m);
	for (size_t k = 0; k < e->ngrp; k++)
		snprintf(e->grp[k]->err, sizeof e->grp[k]->err, "%.*s", len, m);
}

/* Reads the results of everything sent, in order; RUN_LOST if the connection broke. */
static enum run_rc
read_results(struct round *r, PGconn *c)
{
	int failed = 0, lost = 0;
	PGresult *res;

	for (size_t i = 0; i < r->nsent; i++) {
		struct sent *e = &r->sent[i];

		res = get_result(c, &lost);
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
			sent_error(e, "not run: an earlier statement failed");
			failed = 1;
			break;
		default:
			sent_error(e, PQresultErrorMessage(res));
			failed = 1;
			break;
		}
		PQclear(res);
		/* each statement's results end with a NULL */
		if ((res = get_result(c, &lost)) != NULL) {
			PQclear(res);
			return RUN_LOST;
		}
		if (lost)
			return RUN_LOST;
	}
	res = get_result(c, &lost);
	if (lost || res == NULL || PQresultStatus(res) != PGRES_PIPELINE_SYNC) {
		PQclear(res);
		return RUN_LOST;
	}
	PQclear(res);
	return failed ? RUN_FAILED : RUN_OK;
}

enum run_rc
round_run(struct round *r, PGconn *c, struct job *list)
{
	size_t n = 0;

	for (struct job *j = list; j; j = j->next)
		n++;
	if (round_reserve(r, n) < 0)
		return RUN_LOST;
	round_plan(r, list);
	if (send_plan(r, c) < 0 || !PQpipelineSync(c) || flush_all(c) < 0)
		return RUN_LOST;
	return read_results(r, c);
}
