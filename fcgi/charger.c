/*
 * charger.c - GET /chargers/{id}: one approved charger as a driver sees it. Anything else
 * (unknown id, not approved, not a number) is the same 404 page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "evshare.h"

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

/* "06:00" from minutes after midnight (1440 is "24:00"). */
static void
hhmm(int min, char out[8])
{
	snprintf(out, 8, "%02d:%02d", (min / 60) % 25, min % 60);
}

static void
availability(struct req *r, HDF *h, const char *id)
{
	const char *p[] = { id };
	PGresult *res = dbq(S_CHARGER_WINDOWS, 1, p);
	struct buf days[8] = { { 0 } };
	char k[64], a[8], b[8];
	int any = 0;

	if (res == NULL)
		return;
	for (int i = 0; i < PQntuples(res); i++) {
		int d = atoi(PQgetvalue(res, i, 0));

		if (d < 1 || d > 7)
			continue;
		hhmm(atoi(PQgetvalue(res, i, 1)), a);
		hhmm(atoi(PQgetvalue(res, i, 2)), b);
		buf_printf(&days[d], "%s%s–%s", days[d].len ? ", " : "", a, b);
		any = 1;
	}
	for (int d = 1; d <= 7; d++) {
		snprintf(k, sizeof k, "Charger.Week.%d.Day", d);
		hdf_setf(h, k, "%s", tr(r, (const char *[]){ "", "Day.1", "Day.2", "Day.3", "Day.4",
		    "Day.5", "Day.6", "Day.7" }[d]));
		snprintf(k, sizeof k, "Charger.Week.%d.Hours", d);
		hdf_set_value(h, k, days[d].len ? days[d].s : "");
		buf_free(&days[d]);
	}
	hdf_set_value(h, "Charger.HasWeek", any ? "1" : "0");
	PQclear(res);
}

int
h_charger(struct req *r)
{
	const char *id = kvlist_get(&r->params, "id");
	long long n;
	char money[64], k[64];
	const char *p[1];
	PGresult *res;
	HDF *h;

	if (id == NULL || parse_long(id, 1, 9000000000000000000LL, &n))
		return fail(r, 404, NULL, "%s", tr(r, "Error.NoCharger"));
	p[0] = id;
	if ((res = dbq(S_CHARGER, 1, p)) == NULL)
		return fail(r, 503, NULL, "%s", tr(r, "Error.Database"));
	if (PQntuples(res) != 1) {
		PQclear(res);
		return fail(r, 404, NULL, "%s", tr(r, "Error.NoCharger"));
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
	PQclear(res);

	if ((res = dbq(S_CHARGER_CONNECTORS, 1, p)) == NULL)
		return fail(r, 503, NULL, "%s", tr(r, "Error.Database"));
	for (int i = 0; i < PQntuples(res); i++) {
		snprintf(k, sizeof k, "Charger.Connectors.%d.Id", i);
		hdf_set_value(h, k, PQgetvalue(res, i, 0));
		snprintf(k, sizeof k, "Charger.Connectors.%d.Type", i);
		hdf_set_value(h, k, connector_label(PQgetvalue(res, i, 1)));
		snprintf(k, sizeof k, "Charger.Connectors.%d.Power", i);
		hdf_set_value(h, k, power_format(atoll(PQgetvalue(res, i, 2)), r->lang, money, sizeof money));
		snprintf(k, sizeof k, "Charger.Connectors.%d.Status", i);
		hdf_set_value(h, k, connector_status_key(PQgetvalue(res, i, 3)));
	}
	PQclear(res);
	availability(r, h, p[0]);
	hdf_set_value(h, "Page.Class", "page-charger");
	return page(r, "charger.cs");
}
