/*
 * test_mapindex.c - the map's in-memory listings (fcgi/mapindex.c): rows parsed as libpq gives
 * them, adds, changes, moves and removals, and every answer compared with the same question
 * asked by brute force over a plain array: the same listings when few match, and clusters
 * whose counts add up to exactly the matching listings when many do.
 */
#include <stdlib.h>

#include "../../fcgi/mapindex.c"
#include "t.h"

#define N 6000

static struct map_listing truth[N];   /* what the index should hold; id 0: not held */

static double
rnd(void)
{
	return (double)rand() / ((double)RAND_MAX + 1.0);
}

static void
feature_of(const struct map_listing *l, char *s, size_t n)
{
	snprintf(s, n, "{\"type\":\"Feature\",\"id\":%lld,\"geometry\":{\"type\":\"Point\","
	    "\"coordinates\":[%.17g,%.17g]},\"properties\":{\"id\":%lld}}", l->id, l->lon, l->lat, l->id);
}

static void
put(struct mapindex *ix, const struct map_listing *l)
{
	char f[256];

	feature_of(l, f, sizeof f);
	if (mapindex_put(ix, l, f, strlen(f)))
		abort();
	truth[l->id] = *l;
}

/* A listing in Praha (dense, around 14.44, 50.08) or anywhere in Czechia. */
static struct map_listing
random_listing(long long id)
{
	struct map_listing l = { .id = id };

	if (rnd() < 0.5) {
		l.lon = 14.40 + rnd() * 0.08;
		l.lat = 50.05 + rnd() * 0.06;
	} else {
		l.lon = 12.1 + rnd() * 6.7;
		l.lat = 48.6 + rnd() * 2.4;
	}
	l.price = 500 + rand() % 700;
	l.status = (enum map_status)(rand() % 4);
	for (int k = 0, n = 1 + rand() % 2; k < n; k++) {
		int t = rand() % MAP_TYPES, w = 3700 + rand() % 4 * 7000;

		if (w > l.watts[t])
			l.watts[t] = w;
		if (w > l.max_watts)
			l.max_watts = w;
	}
	return l;
}

/* How many listings of truth[] match q, by brute force. */
static int
brute(const struct map_query *q)
{
	int n = 0;

	for (int i = 1; i < N; i++)
		n += truth[i].id && matches(&truth[i], q);
	return n;
}

/* Asks the index; checks the answer against brute force. Returns 1 when it was clustered. */
static int
ask(struct mapindex *ix, const struct map_query *q, const char *what)
{
	struct buf out = { 0 };
	json_error_t err;
	json_t *d, *f, *e;
	size_t i;
	int want = brute(q), total = 0, singles = 0, ok = 1, clustered;
	static char seen[N];

	T_INT(mapindex_answer(ix, q, &out), 0, "%s: answered", what);
	d = json_loads(out.s, 0, &err);
	T_OK(d != NULL, "%s: the answer is JSON (%s)", what, d ? "" : err.text);
	if (d == NULL) {
		buf_free(&out);
		return 0;
	}
	clustered = json_is_true(json_object_get(d, "clustered"));
	T_INT(json_integer_value(json_object_get(d, "total")), want, "%s: total is what matches", what);
	T_INT(clustered, want > q->cap, "%s: clustered exactly when more than the cap match", what);
	f = json_object_get(d, "features");
	T_INT(json_integer_value(json_object_get(d, "count")), json_array_size(f), "%s: count is the features'", what);
	memset(seen, 0, sizeof seen);
	json_array_foreach(f, i, e) {
		json_t *p = json_object_get(e, "properties");

		if (json_is_true(json_object_get(p, "cluster"))) {
			json_t *bb = json_object_get(p, "bbox"), *c = json_object_get(json_object_get(e, "geometry"), "coordinates");
			double lon = json_number_value(json_array_get(c, 0)), lat = json_number_value(json_array_get(c, 1));
			int n = (int)json_integer_value(json_object_get(p, "count")), in = 0, avail = 0;
			struct map_query b = *q;

			for (int k = 0; k < 4; k++)
				b.box[k] = json_number_value(json_array_get(bb, k));
			/* the members are the matching listings inside the cluster's bbox, at least */
			for (int k = 1; k < N; k++)
				if (truth[k].id && matches(&truth[k], &b)) {
					in++;
					avail += truth[k].status == MS_AVAILABLE;
				}
			ok &= n >= 2 && in >= n && lon >= b.box[0] && lon <= b.box[2] && lat >= b.box[1] && lat <= b.box[3];
			ok &= json_integer_value(json_object_get(p, "available")) <= avail;
			total += n;
		} else {
			long long id = json_integer_value(json_object_get(p, "id"));

			ok &= id > 0 && id < N && truth[id].id == id && matches(&truth[id], q) && !seen[id];
			if (id > 0 && id < N)
				seen[id] = 1;
			total++;
			singles++;
		}
	}
	T_OK(ok, "%s: every feature a matching listing (once), every cluster inside its bbox", what);
	T_INT(total, want, "%s: clusters and single listings add up to the matching listings", what);
	if (!clustered) {
		T_INT(singles, want, "%s: each matching listing its own feature", what);
	} else {
		T_OK(json_array_size(f) <= (size_t)(q->cols + 1) * (size_t)(q->rows + 1),
		    "%s: at most one feature per grid cell (%zu)", what, json_array_size(f));
	}
	json_decref(d);
	buf_free(&out);
	return clustered;
}

static void
test_parse(void)
{
	struct map_listing l;

	T_INT(map_listing_parse(&l, "42", "14.4378", "50.0755", "650", "available", "type2 ccs2 type2",
	    "11000 50000 22000"), 0, "parse: a row");
	T_INT(l.id, 42, "parse: id");
	T_OK(l.lon == 14.4378 && l.lat == 50.0755, "parse: position, exactly");
	T_INT(l.price, 650, "parse: price");
	T_INT(l.status, MS_AVAILABLE, "parse: status");
	T_INT(l.watts[0], 22000, "parse: the most powerful Type 2");
	T_INT(l.watts[1], 50000, "parse: CCS2");
	T_INT(l.watts[2], 0, "parse: no CHAdeMO");
	T_INT(l.max_watts, 50000, "parse: the most powerful of all");
	T_INT(map_listing_parse(&l, "1", "1", "1", "1", "offline", "", ""), 0, "parse: no connectors");
	T_INT(l.status, MS_OFFLINE, "parse: offline");
	T_INT(map_listing_parse(&l, "1", "1", "1", "1", "busy", "type2", "1"), -1, "parse: unknown status");
	T_INT(map_listing_parse(&l, "1", "1", "1", "1", "unknown", "type2 ccs2", "1"), -1, "parse: fewer powers than types");
	T_INT(map_listing_parse(&l, "1", "1", "1", "1", "unknown", "type2", "1 2"), -1, "parse: more powers than types");
	T_INT(map_listing_parse(&l, "1", "181", "1", "1", "unknown", "type2", "1"), -1, "parse: longitude out of range");
	T_INT(map_listing_parse(&l, "1", "5e-05", "-1e-05", "1", "unknown", "type2", "1"), 0,
	    "parse: coordinates as PostgreSQL writes small ones (5e-05)");
	T_OK(l.lon == 5e-05 && l.lat == -1e-05, "parse: 5e-05, -1e-05");
	T_INT(map_listing_parse(&l, "1", "1", "1", "1", "unknown", "type2", "-1"), -1, "parse: negative power");
	T_INT(map_listing_parse(&l, "1", "1", "1", "1", "unknown", "type2", "x"), -1, "parse: power not a number");
	T_INT(map_listing_parse(&l, "1", "1", "1", "1", "unknown", "type2", "3000000000"), -1, "parse: power beyond an int");
	T_INT(map_listing_parse(&l, "1", "1", "1", "1.5", "unknown", "type2", "1"), -1, "parse: price not an integer");
	T_INT(map_listing_parse(&l, "x", "1", "1", "1", "unknown", "type2", "1"), -1, "parse: id not a number");
	T_INT(map_listing_parse(&l, "1", NULL, "1", "1", "unknown", "type2", "1"), -1, "parse: NULL position");
	T_INT(map_listing_parse(&l, "1", "1", "1", "1", "charging", "warp type2", "9 7400"), 0, "parse: an unknown type is skipped");
	T_INT(l.watts[0], 7400, "parse: ... the known one kept");
}

static void
test_numbers(void)
{
	static const struct { long long v; int d; const char *want; } c[] = {
		{ 0, 0, "0" }, { 5, 0, "5" }, { -1230, 0, "-1230" }, { -5, 2, "-0.05" },
		{ 12345, 2, "123.45" }, { 144378120, 7, "14.4378120" }, { -1, 7, "-0.0000001" },
		{ 0, 6, "0.000000" }, { 1800000000, 7, "180.0000000" },
	};

	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		struct buf b = { 0 };

		put_num(&b, c[i].v, c[i].d);
		T_STR(b.s, c[i].want, "put_num(%lld, %d)", c[i].v, c[i].d);
		buf_free(&b);
	}
}

static void
test_changes(struct mapindex *ix)
{
	struct map_query q = { .box = { 14.0, 50.0, 15.0, 51.0 }, .type = -1, .max_price = -1, .cap = 500, .cols = 24, .rows = 16 };
	struct map_listing l = { .id = 7, .lon = 14.5, .lat = 50.5, .price = 100, .max_watts = 11000 };

	l.watts[0] = 11000;
	put(ix, &l);
	T_INT(ix->count, 1, "one listing held");
	T_INT(brute(&q), 1, "changes: it is in the box");
	ask(ix, &q, "changes: one listing");
	l.price = 200;
	put(ix, &l);
	T_INT(ix->count, 1, "changing it holds it once");
	q.max_price = 150;
	T_INT(brute(&q), 0, "changes: the new price is over the filter");
	ask(ix, &q, "changes: the new price counts");
	q.max_price = -1;
	l.lon = 17.5;   /* moves to another cell, out of the box */
	put(ix, &l);
	ask(ix, &q, "changes: moved out of the box");
	q.box[0] = 17.0;
	q.box[2] = 18.0;
	ask(ix, &q, "changes: found where it moved to");
	mapindex_del(ix, 7);
	truth[7].id = 0;
	T_INT(ix->count, 0, "removed");
	ask(ix, &q, "changes: gone from the box");
	mapindex_del(ix, 7);
	mapindex_del(ix, 99999);
	T_INT(ix->count, 0, "removing what is not held changes nothing");
	l.lon = 14.5;
	put(ix, &l);
	T_INT(ix->count, 1, "back again, in a reused slot");
	T_INT(ix->nrows, 1, "... no new slot");
	mapindex_del(ix, 7);
	truth[7].id = 0;
}

static void
test_answers(struct mapindex *ix)
{
	static const struct { double box[4]; const char *name; } boxes[] = {
		{ { 14.40, 50.06, 14.46, 50.10 }, "a Praha district" },
		{ { 14.43, 50.07, 14.44, 50.075 }, "a few Praha streets" },
		{ { 12.0, 48.5, 19.0, 51.1 }, "Czechia" },
		{ { -180, -90, 180, 90 }, "the world" },
		{ { 16.0, 49.0, 16.3, 49.2 }, "a sparse corner" },
		{ { 0, 0, 1, 1 }, "an empty box" },
	};
	int clustered = 0, plain = 0;
	char what[160];

	for (int i = 1; i < N; i++) {
		struct map_listing l = random_listing(i);

		put(ix, &l);
	}
	T_INT(ix->count, N - 1, "%d listings held", N - 1);
	for (size_t b = 0; b < sizeof boxes / sizeof *boxes; b++)
		for (int f = 0; f < 6; f++) {
			struct map_query q = { .type = -1, .max_price = -1, .cap = 500, .cols = 24, .rows = 16 };

			memcpy(q.box, boxes[b].box, sizeof q.box);
			if (f == 1)
				q.type = 0;
			if (f == 2)
				q.min_watts = 20000;
			if (f == 3)
				q.max_price = 700;
			if (f == 4)
				q.available = 1;
			if (f == 5) {
				q.type = 3;
				q.min_watts = 11000;
			}
			snprintf(what, sizeof what, "%s, filter %d", boxes[b].name, f);
			if (ask(ix, &q, what))
				clustered++;
			else
				plain++;
		}
	T_OK(clustered > 5 && plain > 5, "both kinds of answer were tested (%d clustered, %d plain)", clustered, plain);
}

/* Panning by less than a cell keeps the clusters whose cells are inside both boxes. */
static void
test_stable(struct mapindex *ix)
{
	struct map_query a = { .box = { 14.40, 50.06, 14.46, 50.10 }, .type = -1, .max_price = -1, .cap = 10, .cols = 24, .rows = 16 };
	struct map_query b = a;
	struct buf x = { 0 }, y = { 0 };
	json_t *da, *db;
	size_t i, j;
	int same = 0, moved = 0;

	b.box[0] += 0.0013;
	b.box[2] += 0.0013;
	mapindex_answer(ix, &a, &x);
	mapindex_answer(ix, &b, &y);
	da = json_loads(x.s, 0, NULL);
	db = json_loads(y.s, 0, NULL);
	/* a cluster of a whose bbox lies more than a grid cell (0.00275 degrees) inside both boxes:
	 * its cell is in both, and b has the same cluster */
	for (i = 0; i < json_array_size(json_object_get(da, "features")); i++) {
		json_t *p = json_object_get(json_array_get(json_object_get(da, "features"), i), "properties");
		json_t *bb = json_object_get(p, "bbox");
		int found = 0;

		if (!json_is_true(json_object_get(p, "cluster")) ||
		    json_number_value(json_array_get(bb, 0)) < b.box[0] + 0.003 ||
		    json_number_value(json_array_get(bb, 1)) < a.box[1] + 0.003 ||
		    json_number_value(json_array_get(bb, 2)) > a.box[2] - 0.003 ||
		    json_number_value(json_array_get(bb, 3)) > a.box[3] - 0.003)
			continue;
		for (j = 0; j < json_array_size(json_object_get(db, "features")); j++)
			found |= json_equal(p, json_object_get(json_array_get(json_object_get(db, "features"), j), "properties"));
		if (found)
			same++;
		else
			moved++;
	}
	T_OK(same > 50 && moved == 0, "panning keeps the clusters (%d the same, %d moved)", same, moved);
	json_decref(da);
	json_decref(db);
	buf_free(&x);
	buf_free(&y);
}

int
main(void)
{
	struct mapindex ix = { 0 };

	srand(12345);
	test_parse();
	test_numbers();
	test_changes(&ix);
	test_answers(&ix);
	test_stable(&ix);
	T_OK(mapindex_bytes(&ix) > ix.feature_bytes, "memory: %zu kB for %d listings", mapindex_bytes(&ix) / 1024, ix.count);
	/* packed (slots in cell order): the same answers, and changes still land */
	mapindex_del(&ix, 5);
	truth[5].id = 0;
	T_INT(mapindex_pack(&ix), 0, "packed");
	T_INT(ix.nrows, N - 2, "packing leaves no free slot");
	{
		struct map_query q = { .box = { 14.40, 50.06, 14.46, 50.10 }, .type = -1, .max_price = -1, .cap = 500, .cols = 24, .rows = 16 };
		struct map_listing l = random_listing(5);

		ask(&ix, &q, "packed: Praha");
		q.cap = 100000;
		ask(&ix, &q, "packed: Praha, every listing");
		put(&ix, &l);
		l = truth[77];
		l.lon = 14.41;
		l.lat = 50.07;
		put(&ix, &l);
		ask(&ix, &q, "packed, then one added and one moved");
	}
	/* remove every other listing, then ask again */
	for (int i = 1; i < N; i += 2) {
		mapindex_del(&ix, i);
		truth[i].id = 0;
	}
	T_INT(ix.count, (N - 1) / 2, "half removed");
	{
		struct map_query q = { .box = { 12.0, 48.5, 19.0, 51.1 }, .type = -1, .max_price = -1, .cap = 100000, .cols = 24, .rows = 16 };

		ask(&ix, &q, "after removals");
	}
	mapindex_free(&ix);
	T_INT(ix.count, 0, "freed (ASan checks for leaks)");
	return t_done();
}
