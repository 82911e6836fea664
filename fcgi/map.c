/*
 * map.c - the map page and the bounding-box API behind it.
 *   GET /                    full-window Leaflet map (static/js/map.js does the rest)
 *   GET /api/v1/chargers     GeoJSON of approved chargers inside ?bbox=w,s,e,n, filtered;
 *                            grid clusters when more than map_max_features match (mapindex.h
 *                            has the answer's shape)
 * The API answers from this process's copy of map_listings (mapindex.c), brought up to date
 * with one query at the start of each request: it is never older than the database.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "evshare.h"
#include "mapindex.h"

enum { A_BBOX, A_CONNECTOR, A_MIN_KW, A_MAX_PRICE, A_AVAILABLE };
const struct field f_api_chargers[] = {
	[A_BBOX] = { "bbox", V_BBOX, F_REQUIRED, 0, 0, NULL },
	[A_CONNECTOR] = { "connector", V_CHOICE, 0, 0, 0, connector_types },
	[A_MIN_KW] = { "min_kw", V_NUM, 0, 0, 400, NULL },
	[A_MAX_PRICE] = { "max_price", V_MONEY, 0, 0, 100000, NULL },
	[A_AVAILABLE] = { "available", V_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

int
h_map(struct req *r)
{
	HDF *h = req_hdf(r);

	char k[64];

	for (int i = 0; connector_types[i]; i++) {
		snprintf(k, sizeof k, "ConnectorTypes.%d.Value", i);
		hdf_set_value(h, k, connector_types[i]);
		snprintf(k, sizeof k, "ConnectorTypes.%d.Label", i);
		hdf_set_value(h, k, connector_label(connector_types[i]));
	}
	hdf_set_value(h, "Page.Class", "page-map");
	hdf_set_value(h, "Page.Title", tr(r, "Map.Title"));
	return page(r, "map.cs");
}

/* This process's copy of map_listings, and the xmin of the snapshot it is as of ("0": not
 * loaded yet; the first request loads all of it). */
static struct mapindex listings;
static char listings_xmin[24] = "0";

/* Applies what changed in map_listings since listings_xmin (S_MAP_CHANGES). 0 ok, -1 logged:
 * the copy keeps what it had and the same changes are asked for again next time (applying a
 * change twice changes nothing). */
static int
map_sync(void)
{
	const char *p[1] = { listings_xmin };
	int first = strcmp(listings_xmin, "0") == 0, n, bad = 0;
	struct map_listing l;
	PGresult *res;

	if ((res = dbq(S_MAP_CHANGES, 1, p)) == NULL)
		return -1;
	n = PQntuples(res);
	for (int i = 0; i < n && !bad; i++) {
		const char *v[8];

		if (PQgetisnull(res, i, 1))   /* nothing changed */
			continue;
		for (int c = 0; c < 8; c++)
			v[c] = PQgetisnull(res, i, c + 1) ? NULL : PQgetvalue(res, i, c + 1);
		if (v[1] == NULL) {           /* a tombstone */
			mapindex_del(&listings, strtoll(v[0], NULL, 10));
			continue;
		}
		if (map_listing_parse(&l, v[0], v[1], v[2], v[3], v[4], v[5], v[6])) {
			log_error("map_listings row %s: not what the table holds", v[0]);
			bad = 1;
		} else if (mapindex_put(&listings, &l, v[7], (size_t)PQgetlength(res, i, 8))) {
			log_error("map: out of memory");
			bad = 1;
		}
	}
	if (!bad && n > 0)
		snprintf(listings_xmin, sizeof listings_xmin, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	if (n > 1000 && !bad && mapindex_pack(&listings))
		log_warn("map: out of memory packing the listings (answers are slower)");
	if (first && !bad) {
		malloc_trim(0);   /* the result's ~50 MB, freed between the copies: back to the system */
		log_info("map: %d listings loaded, %zu kB", listings.count, mapindex_bytes(&listings) / 1024);
	}
	return bad ? -1 : 0;
}

int
h_api_chargers(struct req *r)
{
	struct map_query q = {
		.type = -1, .max_price = -1, .cap = (int)config_int("map_max_features"),
		.cols = 16, .rows = 12   /* clusters of ~60 px on a desktop screen */
	};

	memcpy(q.box, r->val[A_BBOX].box, sizeof q.box);
	for (int i = 0; r->has[A_CONNECTOR] && connector_types[i]; i++)
		if (connector_types[i] == r->val[A_CONNECTOR].s)
			q.type = i;
	if (r->has[A_MIN_KW])
		q.min_watts = r->val[A_MIN_KW].d * 1000.0;
	if (r->has[A_MAX_PRICE])
		q.max_price = r->val[A_MAX_PRICE].i;
	q.available = r->has[A_AVAILABLE] && r->val[A_AVAILABLE].i;
	if (map_sync())
		return fail(r, 503, NULL, "%s", "the database is not available, try again shortly");
	r->out.len = 0;
	if (mapindex_answer(&listings, &q, &r->out))
		return fail(r, 503, NULL, "%s", "out of memory, try again shortly");
	r->status = 200;
	r->content_type = "application/json";
	req_header(r, "X-Content-Type-Options", "nosniff");
	req_header(r, "Cache-Control", "no-store");
	return 0;
}
