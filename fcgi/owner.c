/*
 * owner.c - a host's pages (R_OWNER routes; only ever the owner's own listings: anything else
 * is the same 404 as a listing that does not exist):
 *   GET /owner                          my chargers, live status, bulk price change
 *   GET /owner/listings/{id}            one listing: state, how to connect, live panel; shows
 *                                       (and so uses up) a password generated just before
 *   GET /owner/listings/{id}/live       the live panel as JSON (static/js/owner.js polls it)
 *   POST /owner/listings/{id}/password  a new OCPP password (the old one stops), then 303 to
 *                                       the listing page, which shows it once
 *   POST /owner/listings/{id}/test      TriggerMessage(StatusNotification) via ocpp_commands
 *   POST /owner/listings/{id}/pause|resume|delete   (delete: only with confirm=1)
 *   POST /owner/prices                  one price for several chargers
 * The listing form (/owner/listings/new, /owner/listings/{id}/edit) is listing_form.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "money.h"
#include "secret.h"
#include "evshare.h"
#include "owner.h"

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
	{ "not_resumed", "Flash.not_resumed", "error" },
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

void
own_ids(struct req *r, struct own *o)
{
	snprintf(o->lid, sizeof o->lid, "%lld", r->path_id);
	snprintf(o->oid, sizeof o->oid, "%lld", r->who.id);
}

/* own_listing_page's look-up, answering nothing: 1 with the row in *row (the caller clears
 * it), 0 not the person's listing, -1 the database is down (logged). */
static int
own_listing(struct req *r, struct own *o, PGresult **row)
{
	const char *p[] = { o->lid, o->oid };
	PGresult *res;
	int n;

	own_ids(r, o);
	if ((res = dbq(S_OWNER_LISTING, 2, p)) == NULL)
		return -1;
	n = PQntuples(res) == 1;
	if (n)
		*row = res;
	else
		PQclear(res);
	return n;
}

PGresult *
own_listing_page(struct req *r, struct own *o)
{
	PGresult *res = NULL;

	switch (own_listing(r, o, &res)) {
	case -1:
		db_down(r);
		return NULL;
	case 0:
		not_found(r);
		return NULL;
	}
	return res;
}

int
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

/* ---------------------------------------------------------------- one listing */

int
h_owner_listing(struct req *r)
{
	char money[64], url[512];
	struct own o;
	PGresult *res;
	HDF *h = req_hdf(r);

	if ((res = own_listing_page(r, &o)) == NULL)
		return 0;       /* answered */
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
	take_secret(r, o.lid, o.oid);
	if (load_revision(r, o.lid))
		return db_down(r);

	{
		const char *q[] = { o.lid };

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
h_owner_live(struct req *r)
{
	struct own o;
	PGresult *res;
	json_t *doc, *conns, *cmds;

	switch (own_listing(r, &o, &res)) {
	case -1: return fail(r, 503, NULL, "%s", "the database is not available");
	case 0: return not_found(r);        /* (the route's: "no such listing") */
	}
	doc = json_pack("{s:b,s:s,s:s,s:s,s:s}", "connected", *PQgetvalue(res, 0, 17) == 't',
	    "last_seen", PQgetvalue(res, 0, 18), "vendor", PQgetvalue(res, 0, 19),
	    "model", PQgetvalue(res, 0, 20), "firmware", PQgetvalue(res, 0, 21));
	PQclear(res);
	conns = json_array();
	cmds = json_array();
	{
		const char *q[] = { o.lid };

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
	char pw[25], hash[SECRET_HASH_STR], to[64];
	struct own o;
	const char *p[] = { o.lid, o.oid, hash, pw };
	long long id = r->path_id;
	PGresult *res;

	secret_password(pw, 24);
	if (secret_hash_password(pw, PW_MACHINE, hash))
		return fail(r, 500, NULL, "%s", "out of memory");
	own_ids(r, &o);
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
	char bucket[64], to[64];
	struct own o;
	const char *p[] = { o.lid, o.oid };
	long long id = r->path_id;
	PGresult *res;

	snprintf(bucket, sizeof bucket, "cp_test:%lld", id);
	if (rate_limit(r, bucket, 10, 60))
		return 0;
	own_ids(r, &o);
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

/* The state of one's own listing from from to to; done: the ?m= when it changed. When it did not:
 * one's own listing in another state comes back with ?m=refused, anyone else's is a 404. */
static int
change_state(struct req *r, const char *from, const char *to, const char *done, const char *refused)
{
	char where[80];
	struct own o;
	const char *p[] = { o.lid, o.oid, from, to };
	PGresult *res;
	int changed;

	own_ids(r, &o);
	if ((res = dbq(S_LISTING_STATE_OWNER, 4, p)) == NULL)
		return db_down(r);
	changed = PQntuples(res) == 1;
	PQclear(res);
	if (!changed) {
		if ((res = own_listing_page(r, &o)) == NULL)
			return 0;       /* answered */
		PQclear(res);
	}
	snprintf(where, sizeof where, "/owner/listings/%lld?m=%s", r->path_id, changed ? done : refused);
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
	return change_state(r, "paused", "approved", "resumed", "not_resumed");
}

int
h_owner_delete(struct req *r)
{
	char where[80];
	struct own o;
	const char *p[] = { o.lid, o.oid };
	int confirmed = r->has[0] && r->val[0].i == 1;
	PGresult *res;
	int n;

	own_ids(r, &o);
	if (confirmed) {
		if ((res = dbq(S_LISTING_DELETE, 2, p)) == NULL)
			return db_down(r);
		n = PQntuples(res);
		PQclear(res);
		if (n == 1)
			return redirect(r, "/owner?m=deleted_listing");
	}
	/* not deleted (not confirmed, or bookings hang on it): one's own listing says why, any
	 * other is 404 */
	if ((res = own_listing_page(r, &o)) == NULL)
		return 0;       /* answered */
	PQclear(res);
	snprintf(where, sizeof where, "/owner/listings/%lld?m=%s", r->path_id,
	    confirmed ? "has_bookings" : "delete_confirm#delete-listing");
	return redirect(r, where);
}
