/*
 * listing_form.c - the owner's listing form (R_OWNER routes, listed in owner.c's table):
 *   GET/POST /owner/listings/new        the form; submitting sends the listing to moderation
 *   GET/POST /owner/listings/{id}/edit  the same form for one's listing (not the connectors);
 *                                       prices, hours and the like apply at once; a new title,
 *                                       description or location of a published listing waits
 *                                       for an admin while the approved one stays public
 *                                       (sql/016_listing_revisions.sql)
 * Its fields (f_listing, f_listing_edit), the checks across them (pin, connectors, weekly
 * hours, blocked dates) and the form page (templates/owner_new.cs). The owner's other pages
 * are owner.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "money.h"
#include "secret.h"
#include "evshare.h"
#include "hours.h"
#include "owner.h"

#define NCONN 3

static const char *const yes_no[] = { "1", "0", NULL };

enum {
	LF_TITLE, LF_DESCRIPTION, LF_ADDRESS, LF_CITY, LF_LAT, LF_LON, LF_ACCESS,
	LF_C1_TYPE, LF_C1_KW, LF_C2_TYPE, LF_C2_KW, LF_C3_TYPE, LF_C3_KW,
	LF_PRICE, LF_IDLE_FEE, LF_IDLE_GRACE, LF_SESSION_FEE,
	LF_D1, LF_D2, LF_D3, LF_D4, LF_D5, LF_D6, LF_D7,
	LF_BLOCKED, LF_AUTO_ACCEPT
};
/* The listing form's fields; c1: flags of the first connector (required when listing). */
#define LISTING_FIELDS(c1) \
	[LF_TITLE] = { "title", V_TEXT, F_REQUIRED | F_PLAIN, 3, 120, NULL }, \
	[LF_DESCRIPTION] = { "description", V_TEXT, 0, 0, 5000, NULL }, \
	[LF_ADDRESS] = { "address", V_TEXT, F_REQUIRED | F_PLAIN, 3, 300, NULL }, \
	[LF_CITY] = { "city", V_TEXT, F_PLAIN, 0, 80, NULL }, \
	[LF_LAT] = { "lat", V_NUM, F_REQUIRED, -90, 90, NULL }, \
	[LF_LON] = { "lon", V_NUM, F_REQUIRED, -180, 180, NULL }, \
	[LF_ACCESS] = { "access", V_TEXT, 0, 0, 2000, NULL }, \
	[LF_C1_TYPE] = { "c1_type", V_CHOICE, (c1), 0, 0, connector_types }, \
	[LF_C1_KW] = { "c1_kw", V_NUM, (c1), 1, 400, NULL }, \
	[LF_C2_TYPE] = { "c2_type", V_CHOICE, 0, 0, 0, connector_types }, \
	[LF_C2_KW] = { "c2_kw", V_NUM, 0, 1, 400, NULL }, \
	[LF_C3_TYPE] = { "c3_type", V_CHOICE, 0, 0, 0, connector_types }, \
	[LF_C3_KW] = { "c3_kw", V_NUM, 0, 1, 400, NULL }, \
	[LF_PRICE] = { "price", V_MONEY, F_REQUIRED, 0, 100000, NULL }, \
	[LF_IDLE_FEE] = { "idle_fee", V_MONEY, 0, 0, 100000, NULL }, \
	[LF_IDLE_GRACE] = { "idle_grace", V_INT, 0, 0, 1440, NULL }, \
	[LF_SESSION_FEE] = { "session_fee", V_MONEY, 0, 0, 1000000, NULL }, \
	[LF_D1] = { "d1", V_TEXT, 0, 0, 200, NULL }, [LF_D2] = { "d2", V_TEXT, 0, 0, 200, NULL }, \
	[LF_D3] = { "d3", V_TEXT, 0, 0, 200, NULL }, [LF_D4] = { "d4", V_TEXT, 0, 0, 200, NULL }, \
	[LF_D5] = { "d5", V_TEXT, 0, 0, 200, NULL }, [LF_D6] = { "d6", V_TEXT, 0, 0, 200, NULL }, \
	[LF_D7] = { "d7", V_TEXT, 0, 0, 200, NULL }, \
	[LF_BLOCKED] = { "blocked", V_TEXT, 0, 0, 2000, NULL }, \
	[LF_AUTO_ACCEPT] = { "auto_accept", V_CHOICE, F_REQUIRED, 0, 0, yes_no },

const struct field f_listing[] = {
	LISTING_FIELDS(F_REQUIRED)
	{ NULL, 0, 0, 0, 0, NULL }
};

/* Editing: the same fields in the same order (so the LF_ indexes hold); connectors are not
 * edited (bookings and OCPP connector numbers hang on them), so none is required. */
const struct field f_listing_edit[] = {
	LISTING_FIELDS(0)
	{ NULL, 0, 0, 0, 0, NULL }
};

/* ---------------------------------------------------------------- the listing form */

static void
form_options(struct req *r)
{
	HDF *h = req_hdf(r);
	char k[64];

	for (int i = 0; connector_types[i]; i++) {
		hdf_cell(h, "ConnectorTypes", i, "Value", connector_types[i]);
		hdf_cell(h, "ConnectorTypes", i, "Label", connector_label(connector_types[i]));
	}
	for (int d = 1; d <= 7; d++) {
		snprintf(k, sizeof k, "Days.%d.N", d);
		hdf_setf(h, k, "%d", d);
		snprintf(k, sizeof k, "Day.%d", d);
		{
			char name[32];

			snprintf(name, sizeof name, "Days.%d.Name", d);
			hdf_set_value(h, name, tr(r, k));
		}
	}
	hdf_set_value(h, "MapTilesOn", *config_str("map_tiles") ? "1" : "0");
	hdf_set_value(h, "Page.Title", tr(r, "Owner.NewTitle"));
	hdf_set_value(h, "Page.Class", "page-owner");
}

int
h_owner_new_form(struct req *r)
{
	HDF *h = req_hdf(r);

	/* sensible defaults for a home wallbox */
	hdf_set_value(h, "Form.c1_type", "type2");
	hdf_set_value(h, "Form.c1_kw", "11");
	hdf_set_value(h, "Form.auto_accept", "1");
	hdf_set_value(h, "Form.lat", "");
	hdf_set_value(h, "Form.lon", "");
	form_options(r);
	return page(r, "owner_new.cs");
}

/* What the listing form gives, checked beyond the single fields, as array literals. */
struct listing_in {
	struct buf types, watts, wd, ws, we, dates;
};

static void
listing_in_free(struct listing_in *in)
{
	buf_free(&in->types);
	buf_free(&in->watts);
	buf_free(&in->wd);
	buf_free(&in->ws);
	buf_free(&in->we);
	buf_free(&in->dates);
}

/* A problem with the hours, as a sentence next to its day's field (Err.dN): the day, the
 * window as typed, and what is wrong with it. */
static void
hours_error(struct req *r, const struct hours_problem *p)
{
	static const char *const keys[] = { "", "Err.HoursTime", "Err.HoursNoEnd", "Err.HoursEqual",
		"Err.HoursOverlap", "Err.HoursTooMany" };
	char k[16], day[16], other[16];
	struct buf msg = { 0 };

	snprintf(day, sizeof day, "Day.%d", p->day);
	snprintf(other, sizeof other, "Day.%d", p->other_day);
	buf_printf(&msg, "%s, %s %d (%s): %s", tr(r, day), tr(r, "Owner.Window"), p->nth, p->piece,
	    tr(r, keys[p->err]));
	if (p->err == HOURS_OVERLAP)
		buf_printf(&msg, " %s%s%s.", p->other_day != p->day ? tr(r, other) : "",
		    p->other_day != p->day ? " " : "", p->other);
	snprintf(k, sizeof k, "Err.d%d", p->day);
	if (hdf_get_value(req_hdf(r), k, NULL) == NULL) {
		hdf_set_value(req_hdf(r), k, msg.s);
		r->nerr++;
	}
	buf_free(&msg);
}

/* The checks across fields (pin, connector pairs, windows, dates); each problem is a form error
 * next to its field. connectors: whether the form has them (new listings). */
static void
listing_check(struct req *r, struct listing_in *in, int connectors)
{
	int nc = 0, nw = 0;
	char k[16];

	/* a pin somewhere: (0, 0) is what an untouched map gives */
	if (r->has[LF_LAT] && r->has[LF_LON] && r->val[LF_LAT].d == 0 && r->val[LF_LON].d == 0)
		form_error(r, "lat", "Err.Pin");
	/* connectors: the first is required, each further one needs both type and power */
	buf_adds(&in->types, "{");
	buf_adds(&in->watts, "{");
	for (int c = 0; connectors && c < NCONN; c++) {
		int ti = LF_C1_TYPE + 2 * c, ki = LF_C1_KW + 2 * c;

		if (r->has[ti] != r->has[ki]) {
			snprintf(k, sizeof k, "c%d_kw", c + 1);
			form_error(r, k, "Err.ConnectorBoth");
			continue;
		}
		if (!r->has[ti])
			continue;
		buf_printf(&in->types, "%s%s", nc ? "," : "", r->val[ti].s);
		buf_printf(&in->watts, "%s%lld", nc ? "," : "", (long long)(r->val[ki].d * 1000.0 + 0.5));
		nc++;
	}
	buf_adds(&in->types, "}");
	buf_adds(&in->watts, "}");
	/* weekly hours (8/4.3): several windows a day, overnight ones split at midnight; each
	 * mistake is said next to its day, precisely */
	{
		struct hours_window w[7 * HOURS_PER_DAY];
		struct hours_row rows[HOURS_MAX];
		struct hours_problem pr;
		int n = 0, nr = 0, bad = 0;

		for (int d = 0; d < 7; d++)
			if (r->has[LF_D1 + d] &&
			    hours_parse_day(r->val[LF_D1 + d].s, d + 1, w, &n, 7 * HOURS_PER_DAY, &pr)) {
				hours_error(r, &pr);
				bad = 1;
			}
		if (!bad && hours_rows(w, n, rows, &nr, HOURS_MAX, &pr)) {
			hours_error(r, &pr);
			nr = 0;
		}
		buf_adds(&in->wd, "{");
		buf_adds(&in->ws, "{");
		buf_adds(&in->we, "{");
		for (int i = 0; i < nr; i++) {
			buf_printf(&in->wd, "%s%d", nw ? "," : "", rows[i].day);
			buf_printf(&in->ws, "%s%d", nw ? "," : "", rows[i].start);
			buf_printf(&in->we, "%s%d", nw ? "," : "", rows[i].end);
			nw++;
		}
		buf_adds(&in->wd, "}");
		buf_adds(&in->ws, "}");
		buf_adds(&in->we, "}");
	}
	if (parse_dates(r->has[LF_BLOCKED] ? r->val[LF_BLOCKED].s : "", &in->dates))
		form_error(r, "blocked", "Err.Dates");
}

/* The scalar parameters both statements take, as text. */
struct listing_num {
	char lat[32], lon[32], price[24], idle[24], grace[16], sfee[24];
};

static void
listing_nums(struct req *r, struct listing_num *n)
{
	snprintf(n->lat, sizeof n->lat, "%.7f", r->val[LF_LAT].d);
	snprintf(n->lon, sizeof n->lon, "%.7f", r->val[LF_LON].d);
	snprintf(n->price, sizeof n->price, "%lld", r->val[LF_PRICE].i);
	snprintf(n->idle, sizeof n->idle, "%lld", r->has[LF_IDLE_FEE] ? r->val[LF_IDLE_FEE].i : 0);
	snprintf(n->grace, sizeof n->grace, "%lld", r->has[LF_IDLE_GRACE] ? r->val[LF_IDLE_GRACE].i : 0);
	snprintf(n->sfee, sizeof n->sfee, "%lld", r->has[LF_SESSION_FEE] ? r->val[LF_SESSION_FEE].i : 0);
}

#define TEXT_OR_EMPTY(f) (r->has[f] ? r->val[f].s : "")

int
h_owner_new(struct req *r)
{
	char owner[24], hash[SECRET_HASH_STR], pw[25];
	struct listing_in in;
	struct listing_num n;
	PGresult *res = NULL;
	int rc;
	long long id;

	memset(&in, 0, sizeof in);
	listing_check(r, &in, 1);
	if (r->nerr) {
		form_options(r);
		rc = page(r, "owner_new.cs");
		goto out;
	}
	snprintf(owner, sizeof owner, "%lld", r->who.id);
	listing_nums(r, &n);
	/* a password nobody knows until the owner asks for one on the listing's page */
	secret_password(pw, 24);
	if (secret_hash_password(pw, PW_MACHINE, hash)) {
		rc = fail(r, 500, NULL, "%s", "out of memory");
		goto out;
	}
	{
		const char *p[] = { owner, r->val[LF_TITLE].s, TEXT_OR_EMPTY(LF_DESCRIPTION), r->val[LF_ADDRESS].s,
			TEXT_OR_EMPTY(LF_CITY), n.lat, n.lon, TEXT_OR_EMPTY(LF_ACCESS),
			strcmp(r->val[LF_AUTO_ACCEPT].s, "1") == 0 ? "true" : "false",
			n.price, n.idle, n.grace, n.sfee, in.types.s, in.watts.s, in.wd.s, in.ws.s, in.we.s, in.dates.s,
			hash };

		res = dbq(S_LISTING_NEW, 20, p);
	}
	if (res == NULL || PQntuples(res) != 1) {
		rc = db_down(r);
		goto out;
	}
	id = atoll(PQgetvalue(res, 0, 0));
	log_info("listing %lld created by %lld id=%s", id, r->who.id, r->id);
	{
		char to[64];

		snprintf(to, sizeof to, "/owner/listings/%lld?m=created", id);
		rc = redirect(r, to);
	}
out:
	if (res)
		PQclear(res);
	listing_in_free(&in);
	return rc;
}

/* "6,50" / "6.50" for a form field from minor units. */
static void
money_field(HDF *h, const char *name, const char *minor, const char *lang)
{
	long long v = atoll(minor);

	hdf_setf(h, name, "%lld%s%02lld", v / 100, strcmp(lang, "en") == 0 ? "." : ",", v % 100);
}

/* The form filled from the listing's row (S_OWNER_LISTING's columns), as it is public. */
static void
form_from_listing(struct req *r, PGresult *res)
{
	HDF *h = req_hdf(r);

	hdf_set_value(h, "Form.title", PQgetvalue(res, 0, 1));
	hdf_set_value(h, "Form.description", PQgetvalue(res, 0, 2));
	hdf_set_value(h, "Form.address", PQgetvalue(res, 0, 3));
	hdf_set_value(h, "Form.city", PQgetvalue(res, 0, 4));
	hdf_set_value(h, "Form.lat", PQgetvalue(res, 0, 5));
	hdf_set_value(h, "Form.lon", PQgetvalue(res, 0, 6));
	hdf_set_value(h, "Form.access", PQgetvalue(res, 0, 7));
	hdf_set_value(h, "Form.auto_accept", *PQgetvalue(res, 0, 10) == 't' ? "1" : "0");
	money_field(h, "Form.price", PQgetvalue(res, 0, 11), r->lang);
	if (atoll(PQgetvalue(res, 0, 13)) > 0)
		money_field(h, "Form.idle_fee", PQgetvalue(res, 0, 13), r->lang);
	if (atoll(PQgetvalue(res, 0, 14)) > 0)
		hdf_set_value(h, "Form.idle_grace", PQgetvalue(res, 0, 14));
	if (atoll(PQgetvalue(res, 0, 15)) > 0)
		money_field(h, "Form.session_fee", PQgetvalue(res, 0, 15), r->lang);
}

/* The owner goes on from the change they asked for (load_revision's), not the public version. */
static void
form_from_revision(HDF *h)
{
	hdf_set_value(h, "Form.title", hdf_get_value(h, "Revision.Title", ""));
	hdf_set_value(h, "Form.description", hdf_get_value(h, "Revision.Description", ""));
	hdf_set_value(h, "Form.address", hdf_get_value(h, "Revision.Address", ""));
	hdf_set_value(h, "Form.city", hdf_get_value(h, "Revision.City", ""));
	hdf_set_value(h, "Form.lat", hdf_get_value(h, "Revision.Lat", ""));
	hdf_set_value(h, "Form.lon", hdf_get_value(h, "Revision.Lon", ""));
}

/* Form.d1..d7 and Form.blocked: the stored hours as the host typed them (overnight windows
 * joined again) and the blocked dates. 0, or -1 when the database is away. */
static int
form_hours(struct req *r, const char *lid)
{
	const char *q[] = { lid };
	struct hours_row rows[HOURS_MAX];
	struct hours_window w[HOURS_MAX];
	struct buf day[8] = { { 0 } }, dates = { 0 };
	HDF *h = req_hdf(r);
	char k[48], a[24], b[24];
	PGresult *res;
	int nr = 0, nw;

	if ((res = dbq(S_CHARGER_WINDOWS, 1, q)) == NULL)
		return -1;
	for (int i = 0; i < PQntuples(res) && nr < HOURS_MAX; i++, nr++)
		rows[nr] = (struct hours_row){ atoi(PQgetvalue(res, i, 0)), atoi(PQgetvalue(res, i, 1)),
			atoi(PQgetvalue(res, i, 2)), 0 };
	PQclear(res);
	nw = hours_join(rows, nr, w, HOURS_MAX);
	for (int i = 0; i < nw; i++) {
		if (w[i].day < 1 || w[i].day > 7)
			continue;
		hours_fmt(w[i].start, a);
		hours_fmt(w[i].end, b);
		buf_printf(&day[w[i].day], "%s%s–%s", day[w[i].day].len ? ", " : "", a, b);
	}
	for (int d = 1; d <= 7; d++) {
		snprintf(k, sizeof k, "Form.d%d", d);
		hdf_set_value(h, k, day[d].len ? day[d].s : "");
		buf_free(&day[d]);
	}
	if ((res = dbq(S_LISTING_BLOCKED, 1, q)) == NULL)
		return -1;
	for (int i = 0; i < PQntuples(res); i++)
		buf_printf(&dates, "%s%s", i ? ", " : "", PQgetvalue(res, i, 0));
	hdf_set_value(h, "Form.blocked", dates.s ? dates.s : "");
	buf_free(&dates);
	PQclear(res);
	return 0;
}

/* Edit.Connectors: what the listing has (the edit form shows them; they are not edited there).
 * 0, or -1 when the database is away. */
static int
edit_connectors(struct req *r, const char *lid)
{
	const char *q[] = { lid };
	char power[64];
	PGresult *res;

	if ((res = dbq(S_CHARGER_CONNECTORS, 1, q)) == NULL)
		return -1;
	for (int i = 0; i < PQntuples(res); i++) {
		hdf_cell(req_hdf(r), "Edit.Connectors", i, "Type", connector_label(PQgetvalue(res, i, 1)));
		hdf_cell(req_hdf(r), "Edit.Connectors", i, "Power", power_format(atoll(PQgetvalue(res, i, 2)),
		    r->lang, power, sizeof power));
	}
	PQclear(res);
	return 0;
}

/* The form for one's listing (r->path_id; a suspended one is not edited: 404); load: filled
 * with what is stored (else with what was posted, r->nerr's messages beside it). */
static int
edit_page(struct req *r, int load)
{
	struct own o;
	PGresult *res;
	HDF *h = req_hdf(r);

	if ((res = own_listing_page(r, &o)) == NULL)
		return 0;       /* answered */
	if (strcmp(PQgetvalue(res, 0, 8), "suspended") == 0) {
		PQclear(res);
		return not_found(r);
	}
	hdf_set_value(h, "Edit.Id", o.lid);
	hdf_set_value(h, "Edit.State", PQgetvalue(res, 0, 8));
	if (load)
		form_from_listing(r, res);
	PQclear(res);
	if (load_revision(r, o.lid))
		return db_down(r);
	if (load && hdf_get_value(h, "Revision.Title", NULL))
		form_from_revision(h);
	if ((load && form_hours(r, o.lid) < 0) || edit_connectors(r, o.lid) < 0)
		return db_down(r);
	form_options(r);
	hdf_set_value(h, "Page.Title", tr(r, "Owner.EditTitle"));
	return page(r, "owner_new.cs");
}

int
h_owner_edit_form(struct req *r)
{
	return edit_page(r, 1);
}

int
h_owner_edit(struct req *r)
{
	char to[64];
	struct listing_in in;
	struct listing_num n;
	struct own o;
	long long id = r->path_id;
	PGresult *res = NULL;
	int rc;

	memset(&in, 0, sizeof in);
	listing_check(r, &in, 0);
	if (r->nerr) {
		rc = edit_page(r, 0);
		goto out;
	}
	own_ids(r, &o);
	listing_nums(r, &n);
	{
		const char *p[] = { o.lid, o.oid, r->val[LF_TITLE].s, TEXT_OR_EMPTY(LF_DESCRIPTION), r->val[LF_ADDRESS].s,
			TEXT_OR_EMPTY(LF_CITY), n.lat, n.lon, TEXT_OR_EMPTY(LF_ACCESS),
			strcmp(r->val[LF_AUTO_ACCEPT].s, "1") == 0 ? "true" : "false",
			n.price, n.idle, n.grace, n.sfee, in.wd.s, in.ws.s, in.we.s, in.dates.s };

		res = dbq(S_LISTING_UPDATE, 18, p);
	}
	if (res == NULL) {
		rc = db_down(r);
		goto out;
	}
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
		rc = not_found(r);
		goto out;
	}
	log_info("listing %lld edited by %lld id=%s", id, r->who.id, r->id);
	/* 'revision': the new look waits for an admin, the approved one stays public (8/4.2) */
	snprintf(to, sizeof to, "/owner/listings/%lld?m=%s", id,
	    strcmp(PQgetvalue(res, 0, 0), "revision") == 0 ? "edited_review" : "edited");
	rc = redirect(r, to);
out:
	if (res)
		PQclear(res);
	listing_in_free(&in);
	return rc;
}
