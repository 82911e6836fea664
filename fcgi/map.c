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

/* Splits "a,b,c" in place: fills parts[], returns how many (at most max). */
static int
split(char *s, char **parts, int max)
{
	int n = 0;

	while (n < max) {
		parts[n++] = s;
		if ((s = strchr(s, ',')) == NULL)
			break;
		*s++ = '\0';
	}
	return n;
}

static const char *
status_word(const char *ocpp_status)
{
	if (strcmp(ocpp_status, "Available") == 0)
		return "available";
	if (strcmp(ocpp_status, "Unknown") == 0)
		return "unknown";
	if (strcmp(ocpp_status, "Unavailable") == 0 || strcmp(ocpp_status, "Faulted") == 0)
		return "offline";
	return "charging";
}

static json_t *
feature(PGresult *res, int row)
{
	char *ids = PQgetvalue(res, row, 9), *types = PQgetvalue(res, row, 10);
	char *watts = PQgetvalue(res, row, 11), *states = PQgetvalue(res, row, 12);
	char *id[32], *type[32], *w[32], *st[32];
	int n = split(ids, id, 32), live = strcmp(PQgetvalue(res, row, 7), "unknown") != 0 &&
	    strcmp(PQgetvalue(res, row, 7), "offline") != 0;
	long long listing = atoll(PQgetvalue(res, row, 0));
	json_t *conns = json_array();
	char url[64];

	split(types, type, 32);
	split(watts, w, 32);
	split(states, st, 32);
	for (int i = 0; i < n; i++)
		json_array_append_new(conns, json_pack("{s:i,s:s,s:s,s:f,s:s}", "connector_id", atoi(id[i]),
		    "type", type[i], "label", connector_label(type[i]), "max_kw", atof(w[i]) / 1000.0,
		    "status", live ? status_word(st[i]) : PQgetvalue(res, row, 7)));
	snprintf(url, sizeof url, "/chargers/%lld", listing);
	return json_pack("{s:s,s:I,s:{s:s,s:[f,f]},s:{s:I,s:s,s:s,s:s,s:f,s:I,s:s,s:o,s:s}}",
	    "type", "Feature", "id", (json_int_t)listing,
	    "geometry", "type", "Point", "coordinates", atof(PQgetvalue(res, row, 3)), atof(PQgetvalue(res, row, 4)),
	    "properties", "id", (json_int_t)listing, "title", PQgetvalue(res, row, 1),
	    "city", PQgetvalue(res, row, 2), "status", PQgetvalue(res, row, 7),
	    "max_kw", atof(PQgetvalue(res, row, 8)) / 1000.0,
	    "price_per_kwh", (json_int_t)atoll(PQgetvalue(res, row, 5)),
	    "currency", PQgetvalue(res, row, 6), "connectors", conns, "url", url);
}

int
h_api_chargers(struct req *r)
{
	char box[4][32], type[16], minw[32], price[32], limit[32];
	const char *p[9];
	long long cap = config_int("map_max_features");
	PGresult *res;
	json_t *features, *doc;
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
	n = PQntuples(res);
	features = json_array();
	for (int i = 0; i < n && i < cap; i++)
		json_array_append_new(features, feature(res, i));
	doc = json_pack("{s:s,s:b,s:i,s:o}", "type", "FeatureCollection", "truncated", n > cap,
	    "count", (int)json_array_size(features), "features", features);
	PQclear(res);
	return json_reply(r, 200, doc);
}
