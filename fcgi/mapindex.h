/*
 * mapindex.h - the map's listings in memory (mapindex.c): a copy of map_listings that answers
 * GET /api/v1/chargers without asking PostgreSQL anything but "what changed?" (map.c).
 */
#ifndef EVSHARE_MAPINDEX_H
#define EVSHARE_MAPINDEX_H

#include <stddef.h>

#include "connector.h"
#include "evshare.h"

enum map_status { MS_AVAILABLE, MS_CHARGING, MS_OFFLINE, MS_UNKNOWN };

#define MAP_TYPES CONNECTOR_TYPES   /* watts[] has one per connector_types[] (connector.c), in that order */

/* What the filters and the clusters need of one listing. */
struct map_listing {
	long long id;
	double lon, lat;
	long long price;              /* price_per_kwh, minor units */
	int watts[MAP_TYPES];         /* its most powerful connector of each type, W; 0: none */
	int max_watts;                /* of all its connectors */
	enum map_status status;
};

struct map_row;                   /* a slot: a listing and its feature (mapindex.c) */
struct map_cells;                 /* open-addressing table long long -> int (mapindex.c) */

struct mapindex {
	struct map_row *rows;         /* slots; a free one has no feature */
	int nrows, caprows;
	int free_head;                /* first free slot + 1, 0: none (zeroed: an empty index) */
	int count;                    /* listings held */
	struct map_cells *ids;        /* listing id -> slot (-1: not held) */
	struct map_cells *cells;      /* spatial cell -> first slot in it (-1: empty) */
	int *hits;                    /* a query's matching slots (reused) */
	int caphits;
	size_t feature_bytes;         /* the features' text, for the memory report */
};

/* A zeroed struct mapindex is an empty index. */

/* The question of one request. */
struct map_query {
	double box[4];                /* west, south, east, north; inclusive, as PostgreSQL's <@ */
	int type;                     /* index into connector_types[], -1: any */
	double min_watts;             /* a connector of that type (or any) with at least this; 0 */
	long long max_price;          /* -1: any */
	int available;                /* 1: status available only */
	int cap;                      /* more matches than this: clusters */
	int cols, rows;               /* the cluster grid over the box, at most about (cols + 1) x (rows + 1) */
};

/* Adds the listing or replaces what is held for l->id; feature (flen bytes, a GeoJSON Feature)
 * is copied. 0 ok, -1 out of memory (the index keeps what it held). */
int mapindex_put(struct mapindex *ix, const struct map_listing *l, const char *feature, size_t flen);
/* Forgets listing id (nothing when it is not held). */
void mapindex_del(struct mapindex *ix, long long id);
/* Puts the slots in the order of their spatial cells, so that a box reads neighbouring memory,
 * not a cache miss per listing (after loading many: 4x quicker at 100,000). 0 ok, -1 out of
 * memory (nothing changed). */
int mapindex_pack(struct mapindex *ix);
/* Frees everything; ix is empty (and usable) afterwards. */
void mapindex_free(struct mapindex *ix);
/* Bytes ix holds on the heap, roughly (slots, tables, features). */
size_t mapindex_bytes(const struct mapindex *ix);

/*
 * Appends the answer to q as a GeoJSON FeatureCollection to out:
 *   {"type":"FeatureCollection","clustered":false,"total":N,"features":[...],"count":N}
 * with every matching listing's feature when at most q->cap match, else "clustered":true and
 * one feature per cell of a grid of at least q->cols x q->rows cells over the box: a cell's
 * only listing as its feature, or for two or more
 *   {"type":"Feature","geometry":{"type":"Point","coordinates":[mean lon, mean lat]},
 *    "properties":{"cluster":true,"count":N,"available":K,"bbox":[w,s,e,n]}}
 * (bbox: its members' bounding box, rounded outwards to 7 decimals). Cells are aligned to a
 * global grid whose cell is 360/2^i by 180/2^j degrees, so panning does not move clusters.
 * total: the matching listings; count: the features. 0 ok, -1 out of memory.
 */
int mapindex_answer(struct mapindex *ix, const struct map_query *q, struct buf *out);

/* A map_listings row as text (as libpq gives it) into l: status one of the four words, types and
 * watts the connectors' types and powers separated by spaces, in the same order. Unknown
 * connector types are skipped. 0 ok, -1 something is not what map_listings holds. Pure. */
int map_listing_parse(struct map_listing *l, const char *id, const char *lon, const char *lat,
	const char *price, const char *status, const char *types, const char *watts);

#endif
