/*
 * owner.c - a host's pages (R_OWNER routes; only ever the owner's own listings: anything else
 * is the same 404 as a listing that does not exist):
 *   GET /owner                          my chargers, live status, bulk price change
 *   GET/POST /owner/listings/new        the listing form; submitting sends it to moderation
 *   GET/POST /owner/listings/{id}/edit  the same form for one's listing (not the connectors);
 *                                       prices, hours and the like apply at once; a new title,
 *                                       description or location of a published listing waits
 *                                       for an admin while the approved one stays public
 *                                       (sql/016_listing_revisions.sql)
 *   GET /owner/listings/{id}            one listing: state, how to connect, live panel; shows
 *                                       (and so uses up) a password generated just before
 *   GET /owner/listings/{id}/live       the live panel as JSON (static/js/owner.js polls it)
 *   POST /owner/listings/{id}/password  a new OCPP password (the old one stops), then 303 to
 *                                       the listing page, which shows it once
 *   POST /owner/listings/{id}/test      TriggerMessage(StatusNotification) via ocpp_commands
 *   POST /owner/listings/{id}/pause|resume|delete   (delete: only with confirm=1)
 *   POST /owner/prices                  one price for several chargers
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

/* Deleting asks for a ticked "yes, delete" (8/4.7): works without JavaScript, which adds a
 * confirm() on top. */
const struct field f_listing_delete[] = {
	{ "confirm", V_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field f_prices[] = {
	{ "price", V_MONEY, F_REQUIRED, 0, 100000, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* ---------------------------------------------------------------- helpers */

/* The messages a redirect to a host's page may ask for (?m=). */
static const struct flash owner_flash[] = {
	{ "host", "Flash.host", "success" },
	{ "created", "Flash.created", "success" },
	{ "edited", "Flash.edited", "success" },
	{ "paused", "Flash.paused", "success" },
	{ "resumed", "Flash.resumed", "success" },
	{ "deleted_listing", "Flash.deleted_listing", "success" },
	{ "prices", "Flash.prices", "success" },
	{ "test_sent", "Flash.test_sent", "success" },
	{ "not_paused", "Flash.not_paused", "error" },
	{ "has_bookings", "Flash.has_bookings", "error" },
	{ "password", "Flash.password", "success" },
	{ "edited_review", "Flash.edited_review", "success" },
	{ "delete_confirm", "Flash.delete_confirm", "error" },
	{ NULL, NULL, NULL }
};

/* The ws(s):// address chargers use, from public_url. */
static void
ocpp_url(char *out, size_t n, const char *identity)
{
	const char *pub = config_str("public_url");
	int tls = strncmp(pub, "https://", 8) == 0;
	const char *host = strstr(pub, "://") ? strstr(pub, "://") + 3 : pub;
	size_t hl = strcspn(host, "/");

	snprintf(out, n, "%s://%.*s/ocpp/%s", tls ? "wss" : "ws", (int)hl, host, identity);
}

/* The password generated for this listing by this owner, if it waits to be shown: taken out
 * (shown once), into h as NewPassword. */
static void
take_secret(struct req *r, const char *lid, const char *oid)
{
	const char *p[] = { lid, oid };
	PGresult *res = dbq(S_SECRET_ONCE_TAKE, 2, p);

	if (res == NULL)
		return;
	if (PQntuples(res) == 1 && *PQgetvalue(res, 0, 1) == 't')
		hdf_set_value(req_hdf(r), "NewPassword", PQgetvalue(res, 0, 0));
	PQclear(res);
}

/* The change of look waiting for moderation, into h as Revision.* (8/4.2). 0, -1 db down. */
static int
load_revision(struct req *r, const char *lid)
{
	const char *p[] = { lid };
	PGresult *res = dbq(S_LISTING_REVISION, 1, p);
	HDF *h = req_hdf(r);

	if (res == NULL)
		return -1;
	if (PQntuples(res) == 1) {
		hdf_set_value(h, "Revision.Title", PQgetvalue(res, 0, 0));
		hdf_set_value(h, "Revision.Description", PQgetvalue(res, 0, 1));
		hdf_set_value(h, "Revision.Address", PQgetvalue(res, 0, 2));
		hdf_set_value(h, "Revision.City", PQgetvalue(res, 0, 3));
		hdf_set_value(h, "Revision.Lat", PQgetvalue(res, 0, 4));
		hdf_set_value(h, "Revision.Lon", PQgetvalue(res, 0, 5));
		hdf_set_value(h, "Revision.State", PQgetvalue(res, 0, 6));
		hdf_set_value(h, "Revision.Reason", PQgetvalue(res, 0, 7));
	}
	PQclear(res);
	return 0;
}

/* ---------------------------------------------------------------- dashboard */

int
h_owner(struct req *r)
{
	char id[24], money[64];
	const char *p[] = { id };
	PGresult *res;
	HDF *h = req_hdf(r);

	snprintf(id, sizeof id, "%lld", r->who.id);
	if ((res = dbq(S_OWNER_LISTINGS, 1, p)) == NULL)
		return db_down(r);
	hdf_rows(h, "Listings", res, "Id Title State City - - Live Reason LastSeen");
	for (int i = 0; i < PQntuples(res); i++)
		hdf_cell(h, "Listings", i, "Price", money_format(atoll(PQgetvalue(res, i, 4)), PQgetvalue(res, i, 5),
		    r->lang, money, sizeof money));
	hdf_setf(h, "ListingCount", "%d", PQntuples(res));
	PQclear(res);
	flash(r, owner_flash);
	hdf_set_value(h, "Page.Title", tr(r, "Owner.Title"));
	hdf_set_value(h, "Page.Class", "page-owner");
	return page(r, "owner_index.cs");
}

int
h_owner_prices(struct req *r)
{
	char owner[24], price[24];
	struct buf ids = { 0 };
	int n = 0;
	PGresult *res;

	buf_adds(&ids, "{");
	for (size_t i = 0; i < r->form.n; i++) {
		long long v;

		if (strcmp(r->form.v[i].name, "id") != 0)
			continue;
		if (parse_long(r->form.v[i].value, 1, 9000000000000000000LL, &v)) {
			buf_free(&ids);
			return fail(r, 400, "id", "%s", tr(r, "Err.Invalid"));
		}
		buf_printf(&ids, "%s%lld", n++ ? "," : "", v);
	}
	buf_adds(&ids, "}");
	if (n == 0)
		form_error(r, "id", "Err.PickSome");
	if (r->nerr) {
		buf_free(&ids);
		hdf_set_value(req_hdf(r), "PricesOpen", "1");
		return h_owner(r);
	}
	snprintf(owner, sizeof owner, "%lld", r->who.id);
	snprintf(price, sizeof price, "%lld", r->val[0].i);
	{
		const char *p[] = { owner, ids.s, price };

		res = dbq(S_PRICES, 3, p);
	}
	buf_free(&ids);
	if (res == NULL)
		return db_down(r);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	PQclear(res);
	return redirect(r, "/owner?m=prices");
}

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

static int
edit_page(struct req *r, long long listing, int load)
{
	char lid[24], oid[24], k[48], a[24], b[24];
	const char *p[] = { lid, oid };
	PGresult *res;
	HDF *h = req_hdf(r);

	snprintf(lid, sizeof lid, "%lld", listing);
	snprintf(oid, sizeof oid, "%lld", r->who.id);
	if ((res = dbq(S_OWNER_LISTING, 2, p)) == NULL)
		return db_down(r);
	if (PQntuples(res) != 1 || strcmp(PQgetvalue(res, 0, 8), "suspended") == 0) {
		PQclear(res);
		return not_found(r);
	}
	hdf_set_value(h, "Edit.Id", lid);
	hdf_set_value(h, "Edit.State", PQgetvalue(res, 0, 8));
	if (load) {
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
	PQclear(res);
	if (load_revision(r, lid))
		return db_down(r);
	if (load && hdf_get_value(h, "Revision.Title", NULL)) {
		/* the owner goes on from the change they asked for, not from the public version */
		hdf_set_value(h, "Form.title", hdf_get_value(h, "Revision.Title", ""));
		hdf_set_value(h, "Form.description", hdf_get_value(h, "Revision.Description", ""));
		hdf_set_value(h, "Form.address", hdf_get_value(h, "Revision.Address", ""));
		hdf_set_value(h, "Form.city", hdf_get_value(h, "Revision.City", ""));
		hdf_set_value(h, "Form.lat", hdf_get_value(h, "Revision.Lat", ""));
		hdf_set_value(h, "Form.lon", hdf_get_value(h, "Revision.Lon", ""));
	}
	if (load) {
		const char *q[] = { lid };
		struct buf dates = { 0 };

		if ((res = dbq(S_CHARGER_WINDOWS, 1, q)) == NULL)
			return db_down(r);
		{
			/* the stored rows as the host typed them: overnight windows joined again */
			struct hours_row rows[HOURS_MAX];
			struct hours_window w[HOURS_MAX];
			struct buf day[8] = { { 0 } };
			int nr = 0, nw;

			for (int i = 0; i < PQntuples(res) && nr < HOURS_MAX; i++, nr++)
				rows[nr] = (struct hours_row){ atoi(PQgetvalue(res, i, 0)), atoi(PQgetvalue(res, i, 1)),
					atoi(PQgetvalue(res, i, 2)), 0 };
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
		}
		PQclear(res);
		if ((res = dbq(S_LISTING_BLOCKED, 1, q)) == NULL)
			return db_down(r);
		for (int i = 0; i < PQntuples(res); i++)
			buf_printf(&dates, "%s%s", i ? ", " : "", PQgetvalue(res, i, 0));
		hdf_set_value(h, "Form.blocked", dates.s ? dates.s : "");
		buf_free(&dates);
		PQclear(res);
	}
	{
		const char *q[] = { lid };
		char money[64];

		if ((res = dbq(S_CHARGER_CONNECTORS, 1, q)) == NULL)
			return db_down(r);
		for (int i = 0; i < PQntuples(res); i++) {
			hdf_cell(h, "Edit.Connectors", i, "Type", connector_label(PQgetvalue(res, i, 1)));
			hdf_cell(h, "Edit.Connectors", i, "Power", power_format(atoll(PQgetvalue(res, i, 2)), r->lang,
			    money, sizeof money));
		}
		PQclear(res);
	}
	form_options(r);
	hdf_set_value(h, "Page.Title", tr(r, "Owner.EditTitle"));
	return page(r, "owner_new.cs");
}

int
h_owner_edit_form(struct req *r)
{
	long long id = r->path_id;

	return edit_page(r, id, 1);
}

int
h_owner_edit(struct req *r)
{
	char lid[24], owner[24], to[64];
	struct listing_in in;
	struct listing_num n;
	long long id = r->path_id;
	PGresult *res = NULL;
	int rc;

	memset(&in, 0, sizeof in);
	listing_check(r, &in, 0);
	if (r->nerr) {
		rc = edit_page(r, id, 0);
		goto out;
	}
	snprintf(lid, sizeof lid, "%lld", id);
	snprintf(owner, sizeof owner, "%lld", r->who.id);
	listing_nums(r, &n);
	{
		const char *p[] = { lid, owner, r->val[LF_TITLE].s, TEXT_OR_EMPTY(LF_DESCRIPTION), r->val[LF_ADDRESS].s,
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

/* ---------------------------------------------------------------- one listing */

static int
listing_page(struct req *r, long long listing)
{
	char lid[24], oid[24], money[64], url[512];
	const char *p[] = { lid, oid };
	PGresult *res;
	HDF *h = req_hdf(r);

	snprintf(lid, sizeof lid, "%lld", listing);
	snprintf(oid, sizeof oid, "%lld", r->who.id);
	if ((res = dbq(S_OWNER_LISTING, 2, p)) == NULL)
		return db_down(r);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return not_found(r);
	}
	hdf_set_value(h, "Listing.Id", PQgetvalue(res, 0, 0));
	hdf_set_value(h, "Listing.Title", PQgetvalue(res, 0, 1));
	hdf_set_value(h, "Listing.Description", PQgetvalue(res, 0, 2));
	hdf_set_value(h, "Listing.Address", PQgetvalue(res, 0, 3));
	hdf_set_value(h, "Listing.City", PQgetvalue(res, 0, 4));
	hdf_set_value(h, "Listing.Access", PQgetvalue(res, 0, 7));
	hdf_set_value(h, "Listing.State", PQgetvalue(res, 0, 8));
	hdf_set_value(h, "Listing.Reason", PQgetvalue(res, 0, 9));
	hdf_set_value(h, "Listing.AutoAccept", *PQgetvalue(res, 0, 10) == 't' ? "1" : "0");
	hdf_set_value(h, "Listing.Price", money_format(atoll(PQgetvalue(res, 0, 11)), PQgetvalue(res, 0, 12),
	    r->lang, money, sizeof money));
	hdf_set_value(h, "Listing.Identity", PQgetvalue(res, 0, 16));
	ocpp_url(url, sizeof url, PQgetvalue(res, 0, 16));
	hdf_set_value(h, "Listing.OcppUrl", url);
	hdf_set_value(h, "Live.Connected", *PQgetvalue(res, 0, 17) == 't' ? "1" : "0");
	hdf_set_value(h, "Live.LastSeen", PQgetvalue(res, 0, 18));
	hdf_set_value(h, "Live.Vendor", PQgetvalue(res, 0, 19));
	hdf_set_value(h, "Live.Model", PQgetvalue(res, 0, 20));
	hdf_set_value(h, "Live.Firmware", PQgetvalue(res, 0, 21));
	hdf_set_value(h, "Listing.PasswordSet", *PQgetvalue(res, 0, 23) == 't' ? "1" : "0");
	hdf_set_value(h, "Page.Title", PQgetvalue(res, 0, 1));
	PQclear(res);
	take_secret(r, lid, oid);
	if (load_revision(r, lid))
		return db_down(r);

	{
		const char *q[] = { lid };

		if ((res = dbq(S_CHARGER_CONNECTORS, 1, q)) == NULL)
			return db_down(r);
		hdf_rows(h, "Live.Connectors", res, "Id - - Status");
		for (int i = 0; i < PQntuples(res); i++) {
			hdf_cell(h, "Live.Connectors", i, "Type", connector_label(PQgetvalue(res, i, 1)));
			hdf_cell(h, "Live.Connectors", i, "Power", power_format(atoll(PQgetvalue(res, i, 2)), r->lang,
			    money, sizeof money));
		}
		PQclear(res);
		if ((res = dbq(S_LISTING_COMMANDS, 1, q)) == NULL)
			return db_down(r);
		hdf_rows(h, "Commands", res, "Id Action State Status Error At");
		PQclear(res);
	}
	flash(r, owner_flash);
	hdf_set_value(h, "Page.Class", "page-owner");
	return page(r, "owner_listing.cs");
}

int
h_owner_listing(struct req *r)
{
	long long id = r->path_id;

	return listing_page(r, id);
}

int
h_owner_live(struct req *r)
{
	char lid[24], oid[24];
	const char *p[] = { lid, oid };
	long long id = r->path_id;
	PGresult *res;
	json_t *doc, *conns, *cmds;

	snprintf(lid, sizeof lid, "%lld", id);
	snprintf(oid, sizeof oid, "%lld", r->who.id);
	if ((res = dbq(S_OWNER_LISTING, 2, p)) == NULL)
		return fail(r, 503, NULL, "%s", "the database is not available");
	if (PQntuples(res) != 1) {
		PQclear(res);
		return fail(r, 404, NULL, "%s", "no such listing");
	}
	doc = json_pack("{s:b,s:s,s:s,s:s,s:s}", "connected", *PQgetvalue(res, 0, 17) == 't',
	    "last_seen", PQgetvalue(res, 0, 18), "vendor", PQgetvalue(res, 0, 19),
	    "model", PQgetvalue(res, 0, 20), "firmware", PQgetvalue(res, 0, 21));
	PQclear(res);
	conns = json_array();
	cmds = json_array();
	{
		const char *q[] = { lid };

		if ((res = dbq(S_CHARGER_CONNECTORS, 1, q)) != NULL) {
			for (int i = 0; i < PQntuples(res); i++)
				json_array_append_new(conns, json_pack("{s:i,s:s}", "id", atoi(PQgetvalue(res, i, 0)),
				    "status", PQgetvalue(res, i, 3)));
			PQclear(res);
		}
		if ((res = dbq(S_LISTING_COMMANDS, 1, q)) != NULL) {
			for (int i = 0; i < PQntuples(res); i++)
				json_array_append_new(cmds, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}",
				    "id", (json_int_t)atoll(PQgetvalue(res, i, 0)), "action", PQgetvalue(res, i, 1),
				    "state", PQgetvalue(res, i, 2), "status", PQgetvalue(res, i, 3),
				    "error", PQgetvalue(res, i, 4), "at", PQgetvalue(res, i, 5)));
			PQclear(res);
		}
	}
	json_object_set_new(doc, "connectors", conns);
	json_object_set_new(doc, "commands", cmds);
	return json_reply(r, 200, doc);
}

int
h_owner_password(struct req *r)
{
	char lid[24], oid[24], pw[25], hash[SECRET_HASH_STR], to[64];
	const char *p[] = { lid, oid, hash, pw };
	long long id = r->path_id;
	PGresult *res;

	secret_password(pw, 24);
	if (secret_hash_password(pw, PW_MACHINE, hash))
		return fail(r, 500, NULL, "%s", "out of memory");
	snprintf(lid, sizeof lid, "%lld", id);
	snprintf(oid, sizeof oid, "%lld", r->who.id);
	res = dbq(S_CP_PASSWORD, 4, p);
	if (res == NULL) {
		memset(pw, 0, sizeof pw);
		return db_down(r);
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		memset(pw, 0, sizeof pw);
		return not_found(r);
	}
	PQclear(res);
	memset(pw, 0, sizeof pw);
	log_info("listing %lld: new charger password id=%s", id, r->id);
	/* post/redirect/get (8/4.1): the listing page shows it once; a reload neither shows it
	 * again nor makes another one */
	snprintf(to, sizeof to, "/owner/listings/%lld?m=password", id);
	return redirect(r, to);
}

int
h_owner_test(struct req *r)
{
	char lid[24], oid[24], bucket[64], to[64];
	const char *p[] = { lid, oid };
	long long id = r->path_id;
	PGresult *res;

	snprintf(bucket, sizeof bucket, "cp_test:%lld", id);
	if (rate_limit(r, bucket, 10, 60))
		return 0;
	snprintf(lid, sizeof lid, "%lld", id);
	snprintf(oid, sizeof oid, "%lld", r->who.id);
	if ((res = dbq(S_CP_TEST, 2, p)) == NULL)
		return db_down(r);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return not_found(r);
	}
	PQclear(res);
	snprintf(to, sizeof to, "/owner/listings/%lld?m=test_sent", id);
	return redirect(r, to);
}

static int
change_state(struct req *r, const char *from, const char *to, const char *done, const char *refused)
{
	char lid[24], oid[24], where[80];
	const char *p[] = { lid, oid, from, to };
	long long id = r->path_id;
	PGresult *res;
	int changed;

	snprintf(lid, sizeof lid, "%lld", id);
	snprintf(oid, sizeof oid, "%lld", r->who.id);
	if ((res = dbq(S_LISTING_STATE_OWNER, 4, p)) == NULL)
		return db_down(r);
	changed = PQntuples(res) == 1;
	PQclear(res);
	if (!changed) {
		/* someone else's listing is a 404; one's own in another state says why not */
		const char *q[] = { lid, oid };

		if ((res = dbq(S_OWNER_LISTING, 2, q)) == NULL)
			return db_down(r);
		changed = PQntuples(res);
		PQclear(res);
		if (!changed)
			return not_found(r);
		snprintf(where, sizeof where, "/owner/listings/%lld?m=%s", id, refused);
		return redirect(r, where);
	}
	snprintf(where, sizeof where, "/owner/listings/%lld?m=%s", id, done);
	return redirect(r, where);
}

int
h_owner_pause(struct req *r)
{
	return change_state(r, "approved", "paused", "paused", "not_paused");
}

int
h_owner_resume(struct req *r)
{
	return change_state(r, "paused", "approved", "resumed", "not_paused");
}

int
h_owner_delete(struct req *r)
{
	char lid[24], oid[24], where[80];
	const char *p[] = { lid, oid };
	long long id = r->path_id;
	PGresult *res;
	int n;

	snprintf(lid, sizeof lid, "%lld", id);
	snprintf(oid, sizeof oid, "%lld", r->who.id);
	if (!r->has[0] || r->val[0].i != 1) {
		/* not confirmed: nothing happens; one's own listing says why, any other is 404 */
		if ((res = dbq(S_OWNER_LISTING, 2, p)) == NULL)
			return db_down(r);
		n = PQntuples(res);
		PQclear(res);
		if (n == 0)
			return not_found(r);
		snprintf(where, sizeof where, "/owner/listings/%lld?m=delete_confirm#delete-listing", id);
		return redirect(r, where);
	}
	if ((res = dbq(S_LISTING_DELETE, 2, p)) == NULL)
		return db_down(r);
	n = PQntuples(res);
	PQclear(res);
	if (n == 1)
		return redirect(r, "/owner?m=deleted_listing");
	if ((res = dbq(S_OWNER_LISTING, 2, p)) == NULL)
		return db_down(r);
	n = PQntuples(res);
	PQclear(res);
	if (n == 0)
		return not_found(r);
	snprintf(where, sizeof where, "/owner/listings/%lld?m=has_bookings", id);
	return redirect(r, where);
}
