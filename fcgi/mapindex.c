/*
 * mapindex.c - the map's listings in memory. Every evshare.fcgi process keeps a copy of
 * map_listings (sql/003_map.sql) here, which map.c brings up to date before each bbox request
 * (sql/007_map_rev.sql says how that misses nothing), and answers a bounding box from it: the
 * features PostgreSQL built, or grid clusters when more match than the cap. Pure: no I/O.
 *
 * Listings sit in slots; a table maps each listing id to its slot, another each spatial cell
 * (1/64 degree square) to the first slot in it, the slots of one cell chained by `next`. A box
 * visits its cells, or every slot when it covers more cells than there are listings to scan.
 * With 100,000 listings: ~9 MB of slots and tables plus the features' text (~300 bytes each).
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mapindex.h"

#define CELLS_PER_DEGREE 64

struct map_row {
	struct map_listing l;
	char *feature;                /* NUL-terminated, owned; NULL: a free slot */
	unsigned flen;
	int next;                     /* the next slot in the same cell (-1: none), or in a free
	                               * slot the next free slot + 1 (0: none) */
};

/* ---------------------------------------------------------------- long long -> int */

#define NO_KEY LLONG_MIN

struct map_cells {
	struct cell_entry {
		long long key;
		int val;
	} *e;
	size_t cap, n;                /* cap a power of two, n <= cap / 2 */
};

static size_t
hash64(long long key)
{
	uint64_t x = (uint64_t)key;   /* splitmix64's finaliser */

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return (size_t)(x ^ (x >> 31));
}

/* The value of key, or NULL when it has none and create is 0; with create, a new key starts
 * at -1. NULL with create: out of memory. Keys are never removed (a value goes back to -1):
 * there are as many as listings or cells ever held. The pointer lives until the next call. */
static int *
cells_at(struct map_cells **mp, long long key, int create)
{
	struct map_cells *m = *mp;
	size_t i;

	if (m == NULL) {
		if (!create || (m = *mp = calloc(1, sizeof *m)) == NULL)
			return NULL;
	}
	if (create && (m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		struct cell_entry *e = malloc(cap * sizeof *e);

		if (e == NULL)
			return NULL;
		for (i = 0; i < cap; i++)
			e[i].key = NO_KEY;
		for (size_t j = 0; j < m->cap; j++) {
			if (m->e[j].key == NO_KEY)
				continue;
			for (i = hash64(m->e[j].key) & (cap - 1); e[i].key != NO_KEY; i = (i + 1) & (cap - 1))
				;
			e[i] = m->e[j];
		}
		free(m->e);
		m->e = e;
		m->cap = cap;
	}
	if (m->cap == 0)
		return NULL;
	for (i = hash64(key) & (m->cap - 1); m->e[i].key != NO_KEY; i = (i + 1) & (m->cap - 1))
		if (m->e[i].key == key)
			return &m->e[i].val;
	if (!create)
		return NULL;
	m->e[i].key = key;
	m->e[i].val = -1;
	m->n++;
	return &m->e[i].val;
}

static void
cells_free(struct map_cells **mp)
{
	if (*mp)
		free((*mp)->e);
	free(*mp);
	*mp = NULL;
}

/* ---------------------------------------------------------------- spatial cells */

static long long
cell_coord(double deg)
{
	return (long long)floor(deg * CELLS_PER_DEGREE);
}

static long long
cell_key(long long cx, long long cy)
{
	return (cx + 32768) << 32 | (cy + 32768);
}

static long long
cell_of(const struct map_listing *l)
{
	return cell_key(cell_coord(l->lon), cell_coord(l->lat));
}

static void
cell_unlink(struct mapindex *ix, int slot)
{
	int *head = cells_at(&ix->cells, cell_of(&ix->rows[slot].l), 0);

	while (head && *head != slot)
		head = &ix->rows[*head].next;
	if (head)
		*head = ix->rows[slot].next;
}

/* ---------------------------------------------------------------- changes */

int
mapindex_put(struct mapindex *ix, const struct map_listing *l, const char *feature, size_t flen)
{
	long long cell = cell_of(l);
	char *copy = malloc(flen + 1);
	int *slotp, *head, slot;
	struct map_row *r;

	if (copy == NULL || flen > UINT_MAX)
		goto nomem;
	memcpy(copy, feature, flen);
	copy[flen] = '\0';
	/* the cell's entry first: making it may grow the table, which must not fail halfway */
	if (cells_at(&ix->cells, cell, 1) == NULL || (slotp = cells_at(&ix->ids, l->id, 1)) == NULL)
		goto nomem;
	if ((slot = *slotp) >= 0) {
		r = &ix->rows[slot];
		ix->feature_bytes -= r->flen;
		free(r->feature);
		if (cell_of(&r->l) != cell)
			cell_unlink(ix, slot);
		else
			cell = NO_KEY;   /* stays linked where it is */
	} else {
		if (ix->free_head) {
			slot = ix->free_head - 1;
			ix->free_head = ix->rows[slot].next;
		} else {
			if (ix->nrows == ix->caprows) {
				int cap = ix->caprows ? ix->caprows * 2 : 1024;
				struct map_row *rows = realloc(ix->rows, (size_t)cap * sizeof *rows);

				if (rows == NULL)
					goto nomem;
				ix->rows = rows;
				ix->caprows = cap;
			}
			slot = ix->nrows++;
		}
		*slotp = slot;
		ix->count++;
	}
	r = &ix->rows[slot];
	r->l = *l;
	r->feature = copy;
	r->flen = (unsigned)flen;
	ix->feature_bytes += flen;
	if (cell != NO_KEY) {
		head = cells_at(&ix->cells, cell, 0);
		r->next = *head;
		*head = slot;
	}
	return 0;
nomem:
	free(copy);
	return -1;
}

void
mapindex_del(struct mapindex *ix, long long id)
{
	int *slotp = cells_at(&ix->ids, id, 0);
	int slot;

	if (slotp == NULL || (slot = *slotp) < 0)
		return;
	*slotp = -1;
	cell_unlink(ix, slot);
	ix->feature_bytes -= ix->rows[slot].flen;
	free(ix->rows[slot].feature);
	ix->rows[slot].feature = NULL;
	ix->rows[slot].next = ix->free_head;
	ix->free_head = slot + 1;
	ix->count--;
}

static int
by_cell(const void *a, const void *b)
{
	long long x = cell_of(a), y = cell_of(b);   /* l is a row's first member */

	return x < y ? -1 : x > y;
}

int
mapindex_pack(struct mapindex *ix)
{
	struct map_row *rows = malloc((size_t)(ix->count ? ix->count : 1) * sizeof *rows);
	int n = 0;

	if (rows == NULL)
		return -1;
	for (int i = 0; i < ix->nrows; i++)
		if (ix->rows[i].feature)
			rows[n++] = ix->rows[i];
	qsort(rows, (size_t)n, sizeof *rows, by_cell);
	free(ix->rows);
	ix->rows = rows;
	ix->nrows = ix->caprows = n;
	ix->free_head = 0;
	for (size_t i = 0; ix->cells && i < ix->cells->cap; i++)
		ix->cells->e[i].val = -1;
	for (int i = n - 1; i >= 0; i--) {   /* backwards: each cell's chain in slot order */
		int *head = cells_at(&ix->cells, cell_of(&rows[i].l), 0);

		rows[i].next = *head;
		*head = i;
		*cells_at(&ix->ids, rows[i].l.id, 0) = i;
	}
	return 0;
}

void
mapindex_free(struct mapindex *ix)
{
	for (int i = 0; i < ix->nrows; i++)
		free(ix->rows[i].feature);
	free(ix->rows);
	free(ix->hits);
	cells_free(&ix->ids);
	cells_free(&ix->cells);
	memset(ix, 0, sizeof *ix);
}

size_t
mapindex_bytes(const struct mapindex *ix)
{
	size_t n = (size_t)ix->caprows * sizeof *ix->rows + (size_t)ix->caphits * sizeof *ix->hits;

	if (ix->ids)
		n += ix->ids->cap * sizeof *ix->ids->e;
	if (ix->cells)
		n += ix->cells->cap * sizeof *ix->cells->e;
	/* malloc's own 8-16 bytes per feature included */
	return n + ix->feature_bytes + (size_t)ix->count * 16;
}

/* ---------------------------------------------------------------- questions */

static int
matches(const struct map_listing *l, const struct map_query *q)
{
	if (l->lon < q->box[0] || l->lon > q->box[2] || l->lat < q->box[1] || l->lat > q->box[3])
		return 0;
	if (q->max_price >= 0 && l->price > q->max_price)
		return 0;
	if (q->available && l->status != MS_AVAILABLE)
		return 0;
	if (q->type >= 0)   /* one connector both of that type and powerful enough */
		return l->watts[q->type] > 0 && l->watts[q->type] >= q->min_watts;
	return l->max_watts >= q->min_watts;
}

static int
hit(struct mapindex *ix, int *n, int slot)
{
	if (*n == ix->caphits) {
		int cap = ix->caphits ? ix->caphits * 2 : 4096;
		int *h = realloc(ix->hits, (size_t)cap * sizeof *h);

		if (h == NULL)
			return -1;
		ix->hits = h;
		ix->caphits = cap;
	}
	ix->hits[(*n)++] = slot;
	return 0;
}

/* The slots matching q into ix->hits; their number, or -1 out of memory. */
static int
collect(struct mapindex *ix, const struct map_query *q)
{
	long long cx0 = cell_coord(q->box[0]), cx1 = cell_coord(q->box[2]);
	long long cy0 = cell_coord(q->box[1]), cy1 = cell_coord(q->box[3]);
	int n = 0;

	if ((double)(cx1 - cx0 + 1) * (double)(cy1 - cy0 + 1) > ix->count / 4 + 64) {
		for (int i = 0; i < ix->nrows; i++)
			if (ix->rows[i].feature && matches(&ix->rows[i].l, q) && hit(ix, &n, i))
				return -1;
		return n;
	}
	for (long long cx = cx0; cx <= cx1; cx++)
		for (long long cy = cy0; cy <= cy1; cy++) {
			int *head = cells_at(&ix->cells, cell_key(cx, cy), 0);

			for (int i = head ? *head : -1; i >= 0; i = ix->rows[i].next)
				if (matches(&ix->rows[i].l, q) && hit(ix, &n, i))
					return -1;
		}
	return n;
}

/* The largest size/2^k (k <= 40) that is at least span/cells: a grid cell of the box. */
static double
grid_step(double size, double span, int cells)
{
	double step = size;

	for (int k = 0; k < 40 && step / 2 >= span / cells; k++)
		step /= 2;
	return step;
}

/* Appends v, or with d > 0 v / 10^d with d decimals (e.g. -5, 2: "-0.05"): printf's number
 * formatting was a third of a clustered answer's time. */
static void
put_num(struct buf *b, long long v, int d)
{
	unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
	char s[32], *p = s + sizeof s;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
		if (--d == 0)
			*--p = '.';
	} while (u || d >= 0);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(s + sizeof s - p));
}

struct cluster {
	int n, available, first;
	double sum_lon, sum_lat, w, s, e, north;
};

#define MAX_GRID 4096   /* cells of the cluster grid: (cols + 1) x (rows + 1) at most */

static void
clusters(struct mapindex *ix, const struct map_query *q, int n, struct buf *out, int *features)
{
	static struct cluster c[MAX_GRID];
	double sx = grid_step(360, q->box[2] - q->box[0], q->cols);
	double sy = grid_step(180, q->box[3] - q->box[1], q->rows);
	long long gx0 = (long long)floor(q->box[0] / sx), gy0 = (long long)floor(q->box[1] / sy);
	long long nx = (long long)floor(q->box[2] / sx) - gx0 + 1;
	long long ny = (long long)floor(q->box[3] / sy) - gy0 + 1;

	/* nx <= cols + 1 and ny <= rows + 1: a step is at least span/cells */
	if (nx * ny > MAX_GRID)
		nx = ny = 1;
	memset(c, 0, (size_t)(nx * ny) * sizeof *c);
	for (int i = 0; i < n; i++) {
		const struct map_listing *l = &ix->rows[ix->hits[i]].l;
		long long x = (long long)floor(l->lon / sx) - gx0, y = (long long)floor(l->lat / sy) - gy0;
		struct cluster *k;

		x = x < 0 ? 0 : x >= nx ? nx - 1 : x;
		y = y < 0 ? 0 : y >= ny ? ny - 1 : y;
		k = &c[y * nx + x];
		if (k->n++ == 0) {
			k->first = ix->hits[i];
			k->w = k->e = l->lon;
			k->s = k->north = l->lat;
		}
		k->available += l->status == MS_AVAILABLE;
		k->sum_lon += l->lon;
		k->sum_lat += l->lat;
		k->w = fmin(k->w, l->lon);
		k->e = fmax(k->e, l->lon);
		k->s = fmin(k->s, l->lat);
		k->north = fmax(k->north, l->lat);
	}
	for (long long i = 0; i < nx * ny; i++) {
		const struct cluster *k = &c[i];

		if (k->n == 0)
			continue;
		if ((*features)++)
			buf_add(out, ",", 1);
		if (k->n == 1) {
			buf_add(out, ix->rows[k->first].feature, ix->rows[k->first].flen);
			continue;
		}
		buf_adds(out, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[");
		put_num(out, llround(k->sum_lon / k->n * 1e6), 6);
		buf_add(out, ",", 1);
		put_num(out, llround(k->sum_lat / k->n * 1e6), 6);
		buf_adds(out, "]},\"properties\":{\"cluster\":true,\"count\":");
		put_num(out, k->n, 0);
		buf_adds(out, ",\"available\":");
		put_num(out, k->available, 0);
		buf_adds(out, ",\"bbox\":[");
		put_num(out, (long long)floor(k->w * 1e7), 7);
		buf_add(out, ",", 1);
		put_num(out, (long long)floor(k->s * 1e7), 7);
		buf_add(out, ",", 1);
		put_num(out, (long long)ceil(k->e * 1e7), 7);
		buf_add(out, ",", 1);
		put_num(out, (long long)ceil(k->north * 1e7), 7);
		buf_adds(out, "]}}");
	}
}

int
mapindex_answer(struct mapindex *ix, const struct map_query *q, struct buf *out)
{
	int n = collect(ix, q), features = 0;

	if (n < 0)
		return -1;
	buf_printf(out, "{\"type\":\"FeatureCollection\",\"clustered\":%s,\"total\":%d,\"features\":[",
	    n > q->cap ? "true" : "false", n);
	if (n > q->cap)
		clusters(ix, q, n, out, &features);
	else
		for (int i = 0; i < n; i++) {
			if (features++)
				buf_add(out, ",", 1);
			buf_add(out, ix->rows[ix->hits[i]].feature, ix->rows[ix->hits[i]].flen);
		}
	buf_printf(out, "],\"count\":%d}", features);
	return 0;
}

/* ---------------------------------------------------------------- rows from PostgreSQL */

int
map_listing_parse(struct map_listing *l, const char *id, const char *lon, const char *lat,
	const char *price, const char *status, const char *types, const char *watts)
{
	static const char *const statuses[] = { "available", "charging", "offline", "unknown" };
	long long w;
	int st = -1;

	memset(l, 0, sizeof *l);
	if (parse_long(id, LLONG_MIN, LLONG_MAX, &l->id) || parse_float8(lon, -180, 180, &l->lon) ||
	    parse_float8(lat, -90, 90, &l->lat) || parse_long(price, LLONG_MIN, LLONG_MAX, &l->price) ||
	    status == NULL || types == NULL || watts == NULL)
		return -1;
	for (int i = 0; i < 4; i++)
		if (strcmp(status, statuses[i]) == 0)
			st = i;
	if (st < 0)
		return -1;
	l->status = (enum map_status)st;
	while (*types || *watts) {
		size_t tl = strcspn(types, " "), wl = strcspn(watts, " ");
		char num[24];
		int t = -1;

		if (tl == 0 || wl == 0 || wl >= sizeof num)
			return -1;
		memcpy(num, watts, wl);
		num[wl] = '\0';
		if (parse_long(num, 0, INT_MAX, &w))
			return -1;
		for (int i = 0; i < MAP_TYPES; i++)
			if (strlen(connector_types[i]) == tl && memcmp(connector_types[i], types, tl) == 0)
				t = i;
		if (t >= 0 && w > l->watts[t])
			l->watts[t] = (int)w;
		if (w > l->max_watts)
			l->max_watts = (int)w;
		types += tl + (types[tl] == ' ');
		watts += wl + (watts[wl] == ' ');
	}
	return 0;
}
