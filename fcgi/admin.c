/*
 * admin.c - the admins' pages (R_ADMIN routes: anyone else gets 403). Every action is written
 * to the audit log (who, when, what, why) before the page answers.
 *   GET /admin                   the moderation queue: approve, reject with a reason
 *   GET/POST /admin/listings     search listings; approve, reject, suspend, restore (several)
 *   GET /admin/listings/{id}     one listing: its charger's OCPP messages, commands, security
 *                                events, and its audit trail
 *   GET/POST /admin/accounts     search people; suspend, restore, grant or take the admin role
 *                                (several at once; never oneself)
 *   GET /admin/audit             the audit log, filtered by action, admin, target
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "money.h"
#include "evshare.h"

static const char *const listing_actions[] = { "approve", "reject", "suspend", "restore", NULL };
static const char *const account_actions[] = { "suspend", "restore", "grant_admin", "revoke_admin", NULL };
static const char *const backs[] = { "queue", "list", NULL };

const struct field f_admin_search[] = {
	{ "q", V_TEXT, 0, 0, 200, NULL },
	{ "state", V_TEXT, 0, 0, 20, NULL },
	{ "m", V_TEXT, 0, 0, 20, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

enum { AA_ACTION, AA_REASON, AA_BACK };
const struct field f_admin_listing_act[] = {
	[AA_ACTION] = { "action", V_CHOICE, F_REQUIRED, 0, 0, listing_actions },
	[AA_REASON] = { "reason", V_TEXT, 0, 0, 1000, NULL },
	[AA_BACK] = { "back", V_CHOICE, 0, 0, 0, backs },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field f_admin_account_act[] = {
	[AA_ACTION] = { "action", V_CHOICE, F_REQUIRED, 0, 0, account_actions },
	[AA_REASON] = { "reason", V_TEXT, 0, 0, 1000, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

enum { AU_ACTION, AU_ACTOR, AU_TYPE, AU_TARGET };
const struct field f_audit[] = {
	[AU_ACTION] = { "action", V_TEXT, 0, 0, 60, NULL },
	[AU_ACTOR] = { "actor", V_TEXT, 0, 0, 254, NULL },
	[AU_TYPE] = { "target_type", V_TEXT, 0, 0, 20, NULL },
	[AU_TARGET] = { "target_id", V_INT, 0, 1, 9000000000000000000.0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* ---------------------------------------------------------------- helpers */

/* The messages a redirect to an admin page may ask for (?m=). */
static const struct flash admin_flash[] = {
	{ "done", "Flash.admin_done", "success" },
	{ "partial", "Flash.admin_partial", "warning" },
	{ NULL, NULL, NULL }
};

static int
admin_page(struct req *r, const char *tpl, const char *title_key, const char *tab)
{
	flash(r, admin_flash);
	hdf_set_value(req_hdf(r), "Page.Title", tr(r, title_key));
	hdf_set_value(r->hdf, "Page.Class", "page-admin");
	hdf_set_value(r->hdf, "Admin.Tab", tab);
	return page(r, tpl);
}

/* The ids of the checked rows ("id" fields) as an array; n gets how many. 0 ok, -1 bad id. */
static int
form_ids(struct req *r, long long *ids, int max, int *n)
{
	*n = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].name, "id") != 0)
			continue;
		if (*n == max || parse_long(r->form.v[i].value, 1, 9000000000000000000LL, &ids[*n]))
			return -1;
		(*n)++;
	}
	return 0;
}

/* The owner of listing is told, in their language, that it was approved (with its public
 * address) or rejected (with the reason and where to change it). 4.5 */
static void
mail_listing(struct req *r, long long listing, int approved, const char *reason)
{
	char id[24], link[512], why[1100];
	const char *p[] = { id };
	PGresult *res;

	snprintf(id, sizeof id, "%lld", listing);
	if ((res = dbq(S_LISTING_MAIL, 1, p)) == NULL)
		return;
	if (PQntuples(res) == 1) {
		snprintf(link, sizeof link, "%s%s%lld", config_str("public_url"), approved ? "/chargers/" :
		    "/owner/listings/", listing);
		snprintf(why, sizeof why, "%s", reason ? reason : "");
		{
			const char *ok[] = { "", PQgetvalue(res, 0, 2), link, NULL };
			const char *no[] = { "", PQgetvalue(res, 0, 2), "", MAIL_KEY "Mail.Reason", why, "",
				MAIL_KEY "Mail.ListingRejectedAgain", link, NULL };

			mail_person(r, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1),
			    approved ? "Mail.ListingApprovedSubject" : "Mail.ListingRejectedSubject",
			    approved ? "Mail.ListingApprovedBody" : "Mail.ListingRejectedBody", approved ? ok : no);
		}
	}
	PQclear(res);
}

/* The person is told, in their language, that their account was suspended (with the reason)
 * or is active again. 4.5 */
static void
mail_account(struct req *r, long long account, int suspended, const char *reason)
{
	char id[24];
	const char *p[] = { id };
	const char *sus[] = { "", MAIL_KEY "Mail.Reason", reason ? reason : "", NULL };
	const char *back[] = { "", config_str("public_url"), NULL };
	PGresult *res;

	snprintf(id, sizeof id, "%lld", account);
	if ((res = dbq(S_ACCOUNT_MAIL, 1, p)) == NULL)
		return;
	if (PQntuples(res) == 1)
		mail_person(r, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1),
		    suspended ? "Mail.AccountSuspendedSubject" : "Mail.AccountRestoredSubject",
		    suspended ? "Mail.AccountSuspendedBody" : "Mail.AccountRestoredBody", suspended ? sus : back);
	PQclear(res);
}

/* ---------------------------------------------------------------- listings */

int
h_admin(struct req *r)
{
	PGresult *res;
	HDF *h = req_hdf(r);
	char money[64];

	if ((res = dbq(S_ADMIN_QUEUE, 0, NULL)) == NULL)
		return db_down(r);
	hdf_rows(h, "Queue", res, NULL);
	for (int i = 0; i < PQntuples(res); i++) {
		struct buf conns = { 0 };
		char type[16];
		long long watts;
		int len;

		/* price_per_kwh, currency, connector_list: columns 7, 8, 9 */
		hdf_cell(h, "Queue", i, "price", money_format(atoll(PQgetvalue(res, i, 7)), PQgetvalue(res, i, 8),
		    r->lang, money, sizeof money));
		/* "type watts,type watts" -> "Type 2 · 11 kW, CCS2 · 50 kW" */
		for (const char *s = PQgetvalue(res, i, 9); sscanf(s, "%15s %lld%n", type, &watts, &len) == 2;
		    s += len + (s[len] == ',')) {
			buf_printf(&conns, "%s%s · %s", conns.len ? ", " : "", connector_label(type),
			    power_format(watts, r->lang, money, sizeof money));
		}
		hdf_cell(h, "Queue", i, "connectors", conns.len ? conns.s : "");
		buf_free(&conns);
	}
	PQclear(res);
	/* 8/4.2: published listings whose new look waits (approve/reject decide it) */
	if ((res = dbq(S_ADMIN_REVISIONS, 0, NULL)) == NULL)
		return db_down(r);
	hdf_rows(h, "Revisions", res, NULL);
	PQclear(res);
	return admin_page(r, "admin_index.cs", "Admin.QueueTitle", "queue");
}

/* A search page (listings, accounts): the rows of stmt for ?q=&state= as list; the form shows
 * what was searched for, or what was posted when a bulk action comes back with an error. */
static int
search_page(struct req *r, enum stmt stmt, const char *list, const char *tpl, const char *title,
    const char *tab)
{
	const char *q = kvlist_get(&r->query, "q"), *st = kvlist_get(&r->query, "state");
	const char *p[] = { q ? q : "", st ? st : "" };
	PGresult *res;
	HDF *h = req_hdf(r);

	if (hdf_get_obj(h, "Form.q") == NULL) {
		hdf_set_value(h, "Form.q", p[0]);
		hdf_set_value(h, "Form.state", p[1]);
	}
	if ((res = dbq(stmt, 2, p)) == NULL)
		return db_down(r);
	hdf_rows(h, list, res, NULL);
	PQclear(res);
	return admin_page(r, tpl, title, tab);
}

/* The ids a bulk action names (at most max) and its reason. 0, or -1 when the answer is made
 * (400: ids that are not ids). Nothing picked, or no reason where one is needed, are form
 * errors (r->nerr): the page comes back with the message next to the field. */
static int
bulk_ids(struct req *r, long long *ids, int max, int *n, int need_reason, const char **reason)
{
	*reason = r->has[AA_REASON] ? r->val[AA_REASON].s : "";
	if (form_ids(r, ids, max, n)) {
		fail(r, 400, "id", "%s", tr(r, "Err.Invalid"));
		return -1;
	}
	if (*n == 0)
		form_error(r, "id", "Err.PickSome");
	if (need_reason && **reason == '\0')
		form_error(r, "reason", "Err.ReasonNeeded");
	return 0;
}

int
h_admin_listings(struct req *r)
{
	return search_page(r, S_ADMIN_LISTINGS, "Listings", "admin_listings.cs", "Admin.ListingsTitle",
	    "listings");
}

int
h_admin_listings_act(struct req *r)
{
	static const struct {
		const char *to, *from, *audit;
		int need_reason;
	} how[] = {
		{ "approved", "{pending}", "listing.approve", 0 },
		{ "rejected", "{pending}", "listing.reject", 1 },
		{ "suspended", "{approved,paused,pending}", "listing.suspend", 1 },
		{ "approved", "{suspended,rejected}", "listing.restore", 0 },
	};
	long long ids[200];
	int n, done = 0, a;
	const char *reason;
	const char *back = r->has[AA_BACK] && strcmp(r->val[AA_BACK].s, "queue") == 0 ? "/admin" : "/admin/listings";
	char to[64];

	/* (V_CHOICE leaves the text in the union: find the index here) */
	for (a = 0; r->has[AA_ACTION] && listing_actions[a]; a++)
		if (strcmp(listing_actions[a], r->val[AA_ACTION].s) == 0)
			break;
	if (bulk_ids(r, ids, 200, &n, r->has[AA_ACTION] && how[a].need_reason, &reason))
		return 0;       /* answered */
	if (r->nerr)
		return strcmp(back, "/admin") == 0 ? h_admin(r) : h_admin_listings(r);
	for (int i = 0; i < n; i++) {
		char id[24];
		const char *p[] = { id, how[a].to, *reason ? reason : NULL, how[a].from };
		PGresult *res;

		snprintf(id, sizeof id, "%lld", ids[i]);
		if ((res = dbq(S_ADMIN_LISTING_STATE, 4, p)) == NULL)
			return db_down(r);
		if (PQntuples(res) == 1) {
			done++;
			audit(r, how[a].audit, "listing", ids[i], reason);
			log_info("admin %lld: %s listing %lld id=%s", r->who.id, how[a].audit, ids[i], r->id);
			if (a == 0 || a == 1)
				mail_listing(r, ids[i], a == 0, reason);
		}
		PQclear(res);
	}
	snprintf(to, sizeof to, "%s?m=%s", back, done == n ? "done" : "partial");
	return redirect(r, to);
}

int
h_admin_listing(struct req *r)
{
	char id[24], cp[24];
	PGresult *res;
	HDF *h = req_hdf(r);

	snprintf(id, sizeof id, "%lld", r->path_id);
	{
		const char *p[] = { id };

		if ((res = dbq(S_ADMIN_LISTING, 1, p)) == NULL)
			return db_down(r);
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		return fail(r, 404, NULL, "%s", tr(r, "Error.NotFound"));
	}
	hdf_rows(h, "Listing", res, NULL);
	snprintf(cp, sizeof cp, "%s", PQgetvalue(res, 0, 10));	/* cp_id */
	PQclear(res);
	{
		const char *p[] = { cp };

		if ((res = dbq(S_ADMIN_MESSAGES, 1, p)) == NULL)
			return db_down(r);
		hdf_rows(h, "Messages", res, NULL);
		PQclear(res);
		if ((res = dbq(S_ADMIN_COMMANDS, 1, p)) == NULL)
			return db_down(r);
		hdf_rows(h, "Commands", res, NULL);
		PQclear(res);
		if ((res = dbq(S_ADMIN_SECURITY, 1, p)) == NULL)
			return db_down(r);
		hdf_rows(h, "Security", res, NULL);
		PQclear(res);
	}
	{
		const char *p[] = { "", "", "listing", id };

		if ((res = dbq(S_AUDIT_LIST, 4, p)) == NULL)
			return db_down(r);
		hdf_rows(h, "Audit", res, NULL);
		PQclear(res);
	}
	return admin_page(r, "admin_listing.cs", "Admin.ListingsTitle", "listings");
}

/* ---------------------------------------------------------------- accounts */

int
h_admin_accounts(struct req *r)
{
	hdf_setf(req_hdf(r), "Me", "%lld", r->who.id);
	return search_page(r, S_ADMIN_ACCOUNTS, "Accounts", "admin_accounts.cs", "Admin.AccountsTitle",
	    "accounts");
}

int
h_admin_accounts_act(struct req *r)
{
	long long ids[200];
	int n, done = 0, role;
	int suspend = r->has[AA_ACTION] && strcmp(r->val[AA_ACTION].s, "suspend") == 0;
	const char *reason;
	char me[24], to[64];

	if (bulk_ids(r, ids, 200, &n, suspend, &reason))
		return 0;       /* answered */
	if (r->nerr)
		return h_admin_accounts(r);
	role = strncmp(r->val[AA_ACTION].s, "grant", 5) == 0 ? 1 : strncmp(r->val[AA_ACTION].s, "revoke", 6) == 0 ? 0 : -1;
	snprintf(me, sizeof me, "%lld", r->who.id);
	for (int i = 0; i < n; i++) {
		char id[24];
		const char *p[] = { id, suspend ? "suspended" : "active", *reason ? reason : NULL,
			suspend ? "active" : "suspended", me };
		const char *q[] = { id, role == 1 ? "true" : "false", me };
		PGresult *res;

		snprintf(id, sizeof id, "%lld", ids[i]);
		if ((res = role >= 0 ? dbq(S_ADMIN_ACCOUNT_ROLE, 3, q) : dbq(S_ADMIN_ACCOUNT_STATE, 5, p)) == NULL)
			return db_down(r);
		if (PQntuples(res) == 1) {
			done++;
			audit(r, role == 1 ? "account.grant_admin" : role == 0 ? "account.revoke_admin" :
			    suspend ? "account.suspend" : "account.restore", "account", ids[i], reason);
			if (suspend) {
				/* a suspended person is signed out everywhere at once */
				PGresult *s = dbq(S_SESSION_REVOKE_ALL, 1, p);

				if (s)
					PQclear(s);
			}
			if (role < 0)
				mail_account(r, ids[i], suspend, reason);
		}
		PQclear(res);
	}
	snprintf(to, sizeof to, "/admin/accounts?m=%s", done == n ? "done" : "partial");
	return redirect(r, to);
}

/* ---------------------------------------------------------------- audit log */

int
h_admin_audit(struct req *r)
{
	char target[24];
	const char *p[] = { r->has[AU_ACTION] ? r->val[AU_ACTION].s : "", r->has[AU_ACTOR] ? r->val[AU_ACTOR].s : "",
		r->has[AU_TYPE] ? r->val[AU_TYPE].s : "", NULL };
	PGresult *res;
	HDF *h = req_hdf(r);

	if (r->has[AU_TARGET]) {
		snprintf(target, sizeof target, "%lld", r->val[AU_TARGET].i);
		p[3] = target;
		hdf_set_value(h, "Form.target_id", target);
	}
	hdf_set_value(h, "Form.action", p[0]);
	hdf_set_value(h, "Form.actor", p[1]);
	hdf_set_value(h, "Form.target_type", p[2]);
	if ((res = dbq(S_AUDIT_LIST, 4, p)) == NULL)
		return db_down(r);
	hdf_rows(h, "Audit", res, NULL);
	PQclear(res);
	return admin_page(r, "admin_audit.cs", "Admin.AuditTitle", "audit");
}
