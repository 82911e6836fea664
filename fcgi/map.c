/*
 * map.c - the map page and the bounding-box API behind it.
 *   GET /                    full-window Leaflet map (static/js/map.js does the rest)
 *   GET /api/v1/chargers     GeoJSON of approved chargers inside ?bbox=w,s,e,n, filtered
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "money.h"
#include "evshare.h"

const char *const connector_types[] = { "type2", "ccs2", "chademo", "schuko", "gbt", "type1", "tesla", NULL };
static const char *const connector_labels[] = { "Type 2", "CCS2", "CHAdeMO", "Schuko", "GB/T", "Type 1", "Tesla", NULL };

const char *
connector_label(const char *type)
{
	for (int i = 0; connector_types[i]; i++)
		if (strcmp(connector_types[i], type) == 0)
			return connector_labels[i];
	return type;
}

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
		hdf_set_value(h, k, connector_labels[i]);
	}
	hdf_set_value(h, "Page.Class", "page-map");
	hdf_set_value(h, "Page.Title", tr(r, "Map.Title"));
	return page(r, "map.cs");
}

int
h_api_chargers(struct req *r)
{
	char box[4][32], type[16], minw[32], price[32], limit[32];
	const char *p[9];
	long long cap = config_int("map_max_features");
	PGresult *res;
	int n;

	for (int i = 0; i < 4; i++) {
		snprintf(box[i], sizeof box[i], "%.7f", r->val[A_BBOX].box[i]);
		p[i] = box[i];
	}
	p[4] = p[5] = p[6] = NULL;
	if (r->has[A_CONNECTOR]) {
		snprintf(type, sizeof type, "%s", r->val[A_CONNECTOR].s);
		p[4] = type;
	}
	if (r->has[A_MIN_KW]) {
		snprintf(minw, sizeof minw, "%.0f", r->val[A_MIN_KW].d * 1000.0);
		p[5] = minw;
	}
	if (r->has[A_MAX_PRICE]) {
		snprintf(price, sizeof price, "%lld", r->val[A_MAX_PRICE].i);
		p[6] = price;
	}
	p[7] = r->has[A_AVAILABLE] && r->val[A_AVAILABLE].i ? "true" : "false";
	snprintf(limit, sizeof limit, "%lld", cap + 1);   /* one more tells us it was cut */
	p[8] = limit;
	if ((res = dbq(S_MAP_BBOX, 9, p)) == NULL)
		return fail(r, 503, NULL, "%s", "the database is not available, try again shortly");
	/* Each row is a whole GeoJSON Feature that PostgreSQL built with to_json, every string
	 * escaped there (sql/003_map.sql); the collection around them holds only constants and
	 * two numbers, so it is written here as it is, without a jansson tree per feature. */
	n = PQntuples(res);
	if (n > cap)
		n = (int)cap;
	r->status = 200;
	r->content_type = "application/json";
	r->out.len = 0;
	buf_printf(&r->out, "{\"type\":\"FeatureCollection\",\"truncated\":%s,\"count\":%d,\"features\":[",
	    PQntuples(res) > cap ? "true" : "false", n);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_add(&r->out, ",", 1);
		buf_add(&r->out, PQgetvalue(res, i, 0), (size_t)PQgetlength(res, i, 0));
	}
	buf_adds(&r->out, "]}");
	PQclear(res);
	req_header(r, "X-Content-Type-Options", "nosniff");
	req_header(r, "Cache-Control", "no-store");
	return 0;
}
