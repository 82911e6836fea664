/* test_ocpp_rounds.c - a worker's round planned (ocpp-bridge/rounds.c round_plan): a list of jobs
 * becomes the statements sent, in order, grouped jobs one statement per kind and segment, with
 * every charger's jobs in the order they were submitted; and a group's array parameters
 * (round_group_params). Pure: no database. */
#include <stdlib.h>

#include "../../ocpp-bridge/statements.c"
#include "../../ocpp-bridge/rounds.c"
#include "t.h"

/* Jobs in a list, job i of statement st[i] for charge point cp[i]. */
static struct job *
jobs(struct job *room, size_t n, const enum stmt *st, const int64_t *cp)
{
	for (size_t i = 0; i < n; i++) {
		memset(&room[i], 0, sizeof room[i]);
		room[i].stmt = st[i];
		room[i].cp = cp[i];
		room[i].next = i + 1 < n ? &room[i + 1] : NULL;
	}
	return n ? room : NULL;
}

/* The plan as text: "boot:3 | meter:1,2", each statement's name and its jobs' charge points. */
static const char *
plan_text(const struct round *r)
{
	static char out[4096];
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < r->nsent && len < sizeof out - 64; i++) {
		const struct sent *e = &r->sent[i];
		struct job *const *g = e->j ? &e->j : e->grp;
		size_t n = e->j ? 1 : e->ngrp;

		len += (size_t)snprintf(out + len, sizeof out - len, "%s%s:", i ? " | " : "",
		    store_stmts[g[0]->stmt].name);
		for (size_t k = 0; k < n && len < sizeof out - 32; k++)
			len += (size_t)snprintf(out + len, sizeof out - len, "%s%lld", k ? "," : "",
			    (long long)g[k]->cp);
	}
	return out;
}

static const char *
plan(struct round *r, size_t n, const enum stmt *st, const int64_t *cp)
{
	static struct job room[64];

	if (n > 64 || round_reserve(r, n) < 0)
		return "(no room)";
	round_plan(r, jobs(room, n, st, cp));
	return plan_text(r);
}

#define PLAN(r, st, cp) plan(r, sizeof(st) / sizeof(st)[0], st, cp)

static void
test_segments(void)
{
	struct round r = { 0 };

	{
		static const enum stmt st[] = { Q_METER, Q_METER, Q_METER };
		static const int64_t cp[] = { 1, 2, 3 };

		T_STR(PLAN(&r, st, cp), "meter:1,2,3", "three chargers' MeterValues: one statement");
	}
	{
		static const enum stmt st[] = { Q_METER, Q_METER };
		static const int64_t cp[] = { 1, 1 };

		T_STR(PLAN(&r, st, cp), "meter:1 | meter:1", "one charger's two MeterValues: two segments");
	}
	{
		static const enum stmt st[] = { Q_METER, Q_METER, Q_BOOT, Q_STATUS, Q_METER, Q_HEARTBEAT };
		static const int64_t cp[] = { 1, 2, 3, 1, 1, 2 };

		T_STR(PLAN(&r, st, cp), "boot:3 | meter:1,2 | status:1 | heartbeat:2 | meter:1",
		    "a job of its own goes where it stands, a charger's second grouped job cuts a segment");
	}
	{
		static const enum stmt st[] = { Q_METER, Q_STATUS, Q_HEARTBEAT };
		static const int64_t cp[] = { 1, 2, 3 };

		T_STR(PLAN(&r, st, cp), "heartbeat:3 | status:2 | meter:1", "a segment's groups in enum order");
	}
	{
		static const enum stmt st[] = { Q_METER, Q_START };
		static const int64_t cp[] = { 1, 1 };

		T_STR(PLAN(&r, st, cp), "meter:1 | start:1", "a charger's MeterValues before its later StartTransaction");
	}
	{
		static const enum stmt st[] = { Q_START, Q_METER };
		static const int64_t cp[] = { 1, 1 };

		T_STR(PLAN(&r, st, cp), "start:1 | meter:1", "... and after its earlier one");
	}
	{
		static const enum stmt st[] = { Q_METER, Q_START, Q_METER };
		static const int64_t cp[] = { 1, 2, 3 };

		T_STR(PLAN(&r, st, cp), "start:2 | meter:1,3", "another charger's job does not cut the segment");
	}
	{
		static const enum stmt st[] = { Q_METER, Q_TOUCH, Q_SWEEP, Q_METER };
		static const int64_t cp[] = { 1, 0, 0, 2 };

		T_STR(PLAN(&r, st, cp), "touch:0 | sweep:0 | meter:1,2", "chores (no charge point) cut nothing");
	}
	{
		static const enum stmt st[] = { Q_BOOT, Q_CONNECT };
		static const int64_t cp[] = { 1, 1 };

		T_STR(PLAN(&r, st, cp), "boot:1 | connect:1", "jobs of their own only: in order, no group");
	}
	T_STR(plan(&r, 0, NULL, NULL), "", "no jobs: nothing sent");
	round_free(&r);
}

/* Many chargers (the open-addressing table, its collisions and growth), then the same round
 * struct for a small round again. */
static void
test_many(void)
{
	enum { N = 2000, CPS = 1000 };
	struct round r = { 0 };
	struct job *room = calloc(N, sizeof *room);
	size_t seen = 0;
	int ordered = 1;

	T_OK(room != NULL, "room for %d jobs", N);
	if (room == NULL)
		return;
	for (size_t i = 0; i < N; i++) {
		room[i].stmt = Q_METER;
		room[i].cp = (int64_t)(i % CPS) * 4096 + 1;     /* ids alike in their low bits */
		room[i].next = i + 1 < N ? &room[i + 1] : NULL;
	}
	T_INT(round_reserve(&r, N), 0, "reserved");
	round_plan(&r, room);
	T_INT(r.nsent, 2, "each charger twice: two statements");
	for (size_t i = 0; i < r.nsent; i++) {
		T_INT(r.sent[i].ngrp, CPS, "statement %zu has a job of every charger", i);
		for (size_t k = 0; k < r.sent[i].ngrp; k++)
			ordered &= r.sent[i].grp[k] == &room[seen + k];
		seen += r.sent[i].ngrp;
	}
	T_OK(ordered && seen == N, "every job once, in submission order");
	{
		static const enum stmt st[] = { Q_METER, Q_METER };
		static const int64_t cp[] = { 1, 2 };

		T_STR(PLAN(&r, st, cp), "meter:1,2", "a small round after a big one");
	}
	round_free(&r);
	free(room);
}

/* Whatever the mix: every job is planned once, and a charger's jobs take effect in order. */
static void
test_order_kept(void)
{
	static const enum stmt kinds[] = { Q_METER, Q_STATUS, Q_HEARTBEAT, Q_START, Q_STOP, Q_BOOT, Q_TOUCH };
	enum { N = 500 };
	static struct job room[N];
	struct round r = { 0 };
	int once = 1, ordered = 1;
	size_t pos[N];

	srand(9);
	for (size_t i = 0; i < N; i++) {
		memset(&room[i], 0, sizeof room[i]);
		room[i].stmt = kinds[rand() % (int)(sizeof kinds / sizeof kinds[0])];
		room[i].cp = room[i].stmt == Q_TOUCH ? 0 : 1 + rand() % 20;
		room[i].next = i + 1 < N ? &room[i + 1] : NULL;
		pos[i] = (size_t)-1;
	}
	T_INT(round_reserve(&r, N), 0, "reserved");
	round_plan(&r, room);
	for (size_t i = 0; i < r.nsent; i++) {
		struct job *const *g = r.sent[i].j ? &r.sent[i].j : r.sent[i].grp;
		size_t n = r.sent[i].j ? 1 : r.sent[i].ngrp;

		for (size_t k = 0; k < n; k++) {
			size_t at = (size_t)(g[k] - room);

			once &= pos[at] == (size_t)-1;
			pos[at] = i;
			if (n > 1)
				once &= store_stmts[g[k]->stmt].grouped && g[k]->stmt == g[0]->stmt;
		}
	}
	for (size_t i = 0; i < N; i++) {
		once &= pos[i] != (size_t)-1;
		for (size_t k = 0; k < i; k++)
			if (room[k].cp && room[k].cp == room[i].cp && pos[k] >= pos[i])
				ordered = 0;
	}
	T_OK(once, "500 mixed jobs: each planned once, groups of one grouped statement");
	T_OK(ordered, "... each charger's jobs in statements in the order it sent them");
	T_OK(r.nsent < N, "... and grouped (%zu statements)", r.nsent);
	round_free(&r);
}

static void
test_group_params(void)
{
	struct buf a[JOB_MAX_PARAMS] = { { 0 } };
	struct job j[3];
	struct job *g[3] = { &j[0], &j[1], &j[2] };
	char *p0[] = { "1", "", "\"x\"" }, *p1[] = { "2", "\"y\"", NULL }, *p2[] = { "3", "\"z\",\"w\"" };

	memset(j, 0, sizeof j);
	j[0].nparams = 3;
	memcpy(j[0].params, p0, sizeof p0);
	j[1].nparams = 3;
	memcpy(j[1].params, p1, sizeof p1);
	j[2].nparams = 2;       /* fewer than the first: adds nothing to the third */
	memcpy(j[2].params, p2, sizeof p2);

	T_INT(round_group_params(a, g, 3), 3, "three parameters (the first job's)");
	T_STR(a[0].s, "{1,2,3}", "one element each");
	T_STR(a[1].s, "{\"y\",\"z\",\"w\"}", "an empty list adds nothing, a list adds all its elements");
	T_STR(a[2].s, "{\"x\"}", "NULL and a missing parameter add nothing");
	T_INT(round_group_params(a, g + 1, 1), 3, "again, one job");
	T_STR(a[0].s, "{2}", "the arrays start again");
	T_STR(a[2].s, "{}", "an empty array");
	T_INT(round_group_params(a, g, 0), 0, "no jobs: no parameters");
	for (int k = 0; k < JOB_MAX_PARAMS; k++)
		buf_free(&a[k]);
}

int
main(void)
{
	test_segments();
	test_many();
	test_order_kept();
	test_group_params();
	return t_done();
}
