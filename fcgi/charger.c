/*
 * charger.c - GET /chargers/{id}: one approved charger as a driver sees it. Anything else
 * (unknown id, not approved, not a number) is the same 404 page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "evshare.h"
#include "hours.h"

static const char *
connector_status_key(const char *s)
{
	static const char *const known[] = { "Available", "Preparing", "Charging", "SuspendedEVSE",
		"SuspendedEV", "Finishing", "Reserved", "Unavailable", "Faulted", "Unknown", NULL };

	for (int i = 0; known[i]; i++)
		if (strcmp(known[i], s) == 0)
			return known[i];
	return "Unknown";
}

/* The week from "weekday start end,..." (S_CHARGER column 17, in weekday and time order):
 * several windows a day; a night that runs past midnight is shown once, on the day it starts,
 * "18:00–7:00 (next day)" (8/4.3). */
static void
availability(struct req *r, HDF *h, const char *windows)
{
	struct hours_row rows[HOURS_MAX];
	struct hours_window w[HOURS_MAX];
	struct buf days[8] = { { 0 } };
	char k[64], a[8], b[8];
	int nr = 0, nw, d, from, to, len;

	for (const char *s = windows; *s && nr < HOURS_MAX; s += *s == ',') {
		if (sscanf(s, "%d %d %d%n", &d, &from, &to, &len) != 3)
			break;
		s += len;
		if (d < 1 || d > 7)
			continue;
		rows[nr++] = (struct hours_row){ d, from, to, 0 };
	}
	nw = hours_join(rows, nr, w, HOURS_MAX);
	for (int i = 0; i < nw; i++) {
		hours_fmt(w[i].start, a);
		hours_fmt(w[i].end, b);
		buf_printf(&days[w[i].day], "%s%s–%s%s%s", days[w[i].day].len ? ", " : "", a, b,
		    w[i].end <= w[i].start ? " " : "", w[i].end <= w[i].start ? tr(r, "Charger.NextDay") : "");
	}
	for (d = 1; d <= 7; d++) {
		snprintf(k, sizeof k, "Charger.Week.%d.Day", d);
		hdf_setf(h, k, "%s", tr(r, (const char *[]){ "", "Day.1", "Day.2", "Day.3", "Day.4",
		    "Day.5", "Day.6", "Day.7" }[d]));
		snprintf(k, sizeof k, "Charger.Week.%d.Hours", d);
		hdf_set_value(h, k, days[d].len ? days[d].s : "");
		buf_free(&days[d]);
	}
	hdf_set_value(h, "Charger.HasWeek", nw ? "1" : "0");
}

/* The connectors from "id type watts status,..." (S_CHARGER column 16, in connector order). */
static void
connectors(struct req *r, HDF *h, const char *list)
{
	char k[64], type[16], status[16], power[64];
	long long id, watts;
	int i = 0, len;

	for (const char *s = list; *s; s += *s == ',', i++) {
		if (sscanf(s, "%lld %15s %lld %15[^,]%n", &id, type, &watts, status, &len) != 4)
			break;
		s += len;
		snprintf(k, sizeof k, "%lld", id);
		hdf_cell(h, "Charger.Connectors", i, "Id", k);
		hdf_cell(h, "Charger.Connectors", i, "Type", connector_label(type));
		hdf_cell(h, "Charger.Connectors", i, "Power", power_format(watts, r->lang, power, sizeof power));
		hdf_cell(h, "Charger.Connectors", i, "Status", connector_status_key(status));
	}
}

int
h_charger(struct req *r)
{
	char id[24], money[64];
	const char *p[1] = { id };
	PGresult *res;
	HDF *h;

	snprintf(id, sizeof id, "%lld", r->path_id);
	if ((res = dbq(S_CHARGER, 1, p)) == NULL)
		return db_down(r);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return not_found(r);
	}
	h = req_hdf(r);
	hdf_set_value(h, "Charger.Id", PQgetvalue(res, 0, 0));
	hdf_set_value(h, "Charger.Title", PQgetvalue(res, 0, 1));
	hdf_set_value(h, "Page.Title", PQgetvalue(res, 0, 1));
	hdf_set_value(h, "Charger.Description", PQgetvalue(res, 0, 2));
	hdf_set_value(h, "Charger.Address", PQgetvalue(res, 0, 3));
	hdf_set_value(h, "Charger.City", PQgetvalue(res, 0, 4));
	hdf_set_value(h, "Charger.Lat", PQgetvalue(res, 0, 5));
	hdf_set_value(h, "Charger.Lon", PQgetvalue(res, 0, 6));
	hdf_set_value(h, "Charger.Owner", PQgetvalue(res, 0, 7));
	hdf_set_value(h, "Charger.Price",
	    money_format(atoll(PQgetvalue(res, 0, 8)), PQgetvalue(res, 0, 9), r->lang, money, sizeof money));
	if (atoll(PQgetvalue(res, 0, 10)) > 0) {
		hdf_set_value(h, "Charger.IdleFee",
		    money_format(atoll(PQgetvalue(res, 0, 10)), PQgetvalue(res, 0, 9), r->lang, money, sizeof money));
		hdf_set_value(h, "Charger.IdleGrace", PQgetvalue(res, 0, 11));
	}
	if (atoll(PQgetvalue(res, 0, 12)) > 0)
		hdf_set_value(h, "Charger.SessionFee",
		    money_format(atoll(PQgetvalue(res, 0, 12)), PQgetvalue(res, 0, 9), r->lang, money, sizeof money));
	hdf_set_value(h, "Charger.AutoAccept", strcmp(PQgetvalue(res, 0, 13), "t") == 0 ? "1" : "0");
	hdf_set_value(h, "Charger.Status", PQgetvalue(res, 0, 14));
	hdf_set_value(h, "Charger.LastSeen", PQgetvalue(res, 0, 15));
	connectors(r, h, PQgetvalue(res, 0, 16));
	availability(r, h, PQgetvalue(res, 0, 17));
	PQclear(res);
	hdf_set_value(h, "Page.Class", "page-charger");
	return page(r, "charger.cs");
}
