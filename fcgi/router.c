/*
 * router.c - the whole site is this table: method, path pattern, handler, declared fields.
 * A handler runs only after its method matched and every declared field passed its check
 * (kcgi's order: method, page, content, then work); it never sees an unchecked value. A path's
 * {id} is checked here too and handed over as r->path_id (the last column: which 404 when it
 * names nothing; the API's messages are English, so theirs is the text itself).
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "evshare.h"

const struct route routes[] = {
	{ "GET", "/", h_map, NULL, 0, NULL },
	{ "GET", "/chargers/{id}", h_charger, NULL, 0, "Error.NoCharger" },
	{ "GET", "/api/v1/chargers", h_api_chargers, f_api_chargers, R_API, NULL },
	{ "GET", "/health", h_health, NULL, R_API, NULL },
	/* the footer's pages (pages.c) */
	{ "GET", "/terms", h_terms, NULL, 0, NULL },
	{ "GET", "/privacy", h_privacy, NULL, 0, NULL },
	{ "GET", "/contact", h_contact, NULL, 0, NULL },

	/* accounts (account.c) */
	{ "GET", "/register", h_register_form, NULL, 0, NULL },
	{ "POST", "/register", h_register, f_register, R_FORM, NULL },
	{ "GET", "/login", h_login_form, f_next, 0, NULL },
	{ "POST", "/login", h_login, f_login, R_FORM, NULL },
	{ "POST", "/logout", h_logout, NULL, 0, NULL },
	{ "GET", "/verify", h_verify_form, f_token, 0, NULL },
	{ "POST", "/verify", h_verify, f_token, 0, NULL },
	{ "POST", "/verify/resend", h_verify_resend, NULL, R_LOGIN, NULL },
	{ "GET", "/reset", h_reset_form, NULL, 0, NULL },
	{ "POST", "/reset", h_reset, f_reset, R_FORM, NULL },
	{ "GET", "/reset/confirm", h_reset_confirm_form, f_token, 0, NULL },
	{ "POST", "/reset/confirm", h_reset_confirm, f_reset_confirm, R_FORM, NULL },
	{ "GET", "/account", h_account, NULL, R_LOGIN, NULL },
	{ "POST", "/account", h_account_save, f_profile, R_LOGIN | R_FORM, NULL },
	{ "POST", "/account/sessions/revoke", h_account_revoke, f_revoke, R_LOGIN, NULL },
	{ "POST", "/account/host", h_account_host, NULL, R_LOGIN, NULL },
	{ "POST", "/account/delete", h_account_delete, f_delete, R_LOGIN | R_FORM, NULL },
	/* RFID cards (cards.c, issue 10/4) */
	{ "POST", "/account/cards", h_card_add, f_card_add, R_LOGIN | R_FORM, NULL },
	{ "POST", "/account/cards/{id}/block", h_card_block, NULL, R_LOGIN | R_FORM, "Error.NoCard" },
	{ "POST", "/account/cards/{id}/unblock", h_card_unblock, NULL, R_LOGIN | R_FORM, "Error.NoCard" },
	{ "POST", "/account/cards/{id}/delete", h_card_delete, NULL, R_LOGIN | R_FORM, "Error.NoCard" },

	/* owners (owner.c) */
	{ "GET", "/owner", h_owner, f_next, R_OWNER, NULL },
	{ "GET", "/owner/listings/new", h_owner_new_form, NULL, R_OWNER, NULL },
	{ "POST", "/owner/listings/new", h_owner_new, f_listing, R_OWNER | R_FORM, NULL },
	{ "GET", "/owner/listings/{id}", h_owner_listing, f_next, R_OWNER, "Error.NoListing" },
	{ "GET", "/owner/listings/{id}/live", h_owner_live, NULL, R_OWNER | R_API, "no such listing" },
	{ "GET", "/owner/listings/{id}/edit", h_owner_edit_form, NULL, R_OWNER, "Error.NoListing" },
	{ "POST", "/owner/listings/{id}/edit", h_owner_edit, f_listing_edit, R_OWNER | R_FORM, "Error.NoListing" },
	{ "POST", "/owner/listings/{id}/password", h_owner_password, NULL, R_OWNER, "Error.NoListing" },
	{ "POST", "/owner/listings/{id}/test", h_owner_test, NULL, R_OWNER, "Error.NoListing" },
	{ "POST", "/owner/listings/{id}/pause", h_owner_pause, NULL, R_OWNER, "Error.NoListing" },
	{ "POST", "/owner/listings/{id}/resume", h_owner_resume, NULL, R_OWNER, "Error.NoListing" },
	{ "POST", "/owner/listings/{id}/delete", h_owner_delete, f_listing_delete, R_OWNER, "Error.NoListing" },
	{ "POST", "/owner/prices", h_owner_prices, f_prices, R_OWNER | R_FORM, "Error.NoListing" },

	/* admins (admin.c) */
	{ "GET", "/admin", h_admin, f_admin_search, R_ADMIN, NULL },
	{ "GET", "/admin/listings", h_admin_listings, f_admin_search, R_ADMIN, NULL },
	{ "POST", "/admin/listings", h_admin_listings_act, f_admin_listing_act, R_ADMIN | R_FORM, NULL },
	{ "GET", "/admin/listings/{id}", h_admin_listing, NULL, R_ADMIN, "Error.NotFound" },
	{ "GET", "/admin/accounts", h_admin_accounts, f_admin_search, R_ADMIN, NULL },
	{ "POST", "/admin/accounts", h_admin_accounts_act, f_admin_account_act, R_ADMIN | R_FORM, NULL },
	{ "GET", "/admin/audit", h_admin_audit, f_audit, R_ADMIN, NULL },
	/* a person's RFID cards (cards.c, issue 10/4) */
	{ "GET", "/admin/accounts/{id}/cards", h_admin_cards, f_next, R_ADMIN, "Error.NotFound" },
	{ "POST", "/admin/cards/{id}", h_admin_card_act, f_admin_card_act, R_ADMIN | R_FORM, "Error.NotFound" },
	{ NULL, NULL, NULL, NULL, 0, NULL }
};

/* Characters, not bytes: the parser has already made sure the text is UTF-8. */
static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Checks one value against its field; fills *v. NULL when fine, else why not (static text). */
static const char *
check_field(const struct field *f, const char *s, union value *v)
{
	long long n;
	double d;
	const char *why = NULL;

	switch (f->kind) {
	case V_TEXT:
		n = (long long)utf8_chars(s);
		if (n < (long long)f->min || n > (long long)f->max)
			return "has the wrong length";
		if ((f->flags & F_PLAIN) && !text_plain(s))
			return "contains invisible formatting characters";
		v->s = s;
		return NULL;
	case V_INT:
		if (parse_long(s, (long long)f->min, (long long)f->max, &n))
			return "must be a whole number in range";
		v->i = n;
		return NULL;
	case V_NUM:
		if (parse_double(s, f->min, f->max, &d))
			return "must be a number in range";
		v->d = d;
		return NULL;
	case V_MONEY:
		if (parse_money(s, (long long)f->max, &n))
			return "must be an amount like 6.50";
		v->i = n;
		return NULL;
	case V_BBOX:
		if (parse_bbox(s, v->box, &why))
			return why ? why : "must be west,south,east,north";
		return NULL;
	case V_CHOICE:
		for (n = 0; f->choices[n]; n++)
			if (strcmp(f->choices[n], s) == 0) {
				v->s = f->choices[n];
				return NULL;
			}
		return "is not one of the allowed values";
	case V_EMAIL:
		n = (long long)strlen(s);
		if (n < (long long)f->min || n > (long long)f->max || !email_valid(s))
			return "must be an e-mail address";
		v->s = s;
		return NULL;
	case V_BOOL:
		if (strcmp(s, "1") == 0 || strcmp(s, "true") == 0 || strcmp(s, "on") == 0)
			v->i = 1;
		else if (strcmp(s, "0") == 0 || strcmp(s, "false") == 0 || *s == '\0')
			v->i = 0;
		else
			return "must be 1 or 0";
		return NULL;
	}
	return "cannot be checked";
}

/* The translation key of a check_field() reason, for forms. */
static const char *
why_key(const char *why)
{
	static const struct { const char *why, *key; } keys[] = {
		{ "has the wrong length", "Err.Length" },
		{ "must be a whole number in range", "Err.Number" },
		{ "must be a number in range", "Err.Number" },
		{ "must be an amount like 6.50", "Err.Money" },
		{ "is not one of the allowed values", "Err.Choice" },
		{ "must be an e-mail address", "Err.Email" },
		{ "is required", "Err.Required" },
		{ "contains invisible formatting characters", "Err.Invisible" },
	};

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].why, why) == 0)
			return keys[i].key;
	return "Err.Invalid";
}

void
form_error(struct req *r, const char *field, const char *key)
{
	char k[128];

	snprintf(k, sizeof k, "Err.%s", field);
	hdf_set_value(req_hdf(r), k, tr(r, key));
	r->nerr++;
}

/* R_FORM: every declared field goes back into the form as typed (Form.<name>). */
static void
keep_values(struct req *r, const struct kvlist *in)
{
	char k[128];

	for (int i = 0; r->route->fields[i].name; i++) {
		const char *s = kvlist_get(in, r->route->fields[i].name);

		if (s == NULL || strcmp(r->route->fields[i].name, "password") == 0 ||
		    strncmp(r->route->fields[i].name, "password", 8) == 0)
			continue;   /* passwords are never sent back */
		snprintf(k, sizeof k, "Form.%s", r->route->fields[i].name);
		hdf_set_value(req_hdf(r), k, s);
	}
}

/* 0 when every declared field is fine; otherwise the 400 response is set. R_FORM routes
 * record the problems instead (r->nerr) and always reach their handler. */
static int
validate(struct req *r)
{
	const struct route *rt = r->route;
	const struct kvlist *in = strcmp(r->method, "POST") == 0 ? &r->form : &r->query;
	int form = (rt->flags & R_FORM) != 0;

	if (rt->fields == NULL)
		return in->n && (rt->flags & R_API) ?
		    fail(r, 400, in->v[0].name, "unknown parameter '%s'", in->v[0].name), -1 : 0;
	if (rt->flags & R_API) {
		for (size_t i = 0; i < in->n; i++) {
			const struct field *f = rt->fields;

			while (f->name && strcmp(f->name, in->v[i].name))
				f++;
			if (f->name == NULL)
				return fail(r, 400, in->v[i].name, "unknown parameter '%s'", in->v[i].name), -1;
		}
	}
	for (int i = 0; rt->fields[i].name; i++) {
		const struct field *f = &rt->fields[i];
		const char *s = kvlist_get(in, f->name), *why;

		if (s == NULL || (*s == '\0' && (f->kind != V_TEXT || form))) {
			if ((f->flags & F_REQUIRED) && form)
				form_error(r, f->name, "Err.Required");
			else if (f->flags & F_REQUIRED)
				return fail(r, 400, f->name, "parameter '%s' is required", f->name), -1;
			continue;
		}
		if ((why = check_field(f, s, &r->val[i])) != NULL) {
			if (form) {
				form_error(r, f->name, why_key(why));
				continue;
			}
			return fail(r, 400, f->name, "parameter '%s': %s", f->name, why), -1;
		}
		r->has[i] = 1;
	}
	if (form)
		keep_values(r, in);
	return 0;
}

/* The route's {id}, if it has one, into r->path_id; 0, or -1 with the 404 set. */
static int
check_path_id(struct req *r)
{
	const char *id = kvlist_get(&r->params, "id");

	if (id == NULL)
		return 0;
	if (parse_long(id, 1, 9000000000000000000LL, &r->path_id))
		return not_found(r), -1;
	return 0;
}

/* Who may do what, before any work: CSRF for every POST, then the session and the role. */
static int
guard(struct req *r)
{
	const struct route *rt = r->route;
	unsigned need = rt->flags & (R_LOGIN | R_OWNER | R_ADMIN);

	if (strcmp(r->method, "POST") == 0) {
		const char *given = kvlist_get(&r->form, "csrf");
		const char *secret = r->who.id ? kvlist_get(&r->cookies, SESSION_COOKIE) :
		    kvlist_get(&r->cookies, VISITOR_COOKIE);

		if (given == NULL || secret == NULL || !csrf_match(secret, given))
			return fail(r, 403, "csrf", "%s", tr(r, "Error.Csrf")), -1;
	}
	if (need && r->who.id == 0) {
		struct buf to = { 0 };

		if (strcmp(r->method, "GET") != 0)
			return fail(r, 403, NULL, "%s", tr(r, "Error.LoginFirst")), -1;
		buf_adds(&to, "/login?next=");
		for (const char *p = r->path; *p; p++)
			if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '/' || *p == '-' || *p == '_')
				buf_add(&to, p, 1);
			else
				buf_printf(&to, "%%%02X", (unsigned char)*p);
		redirect(r, to.s);
		buf_free(&to);
		return -1;
	}
	if ((need & R_OWNER) && !r->who.owner)
		return fail(r, 403, NULL, "%s", tr(r, "Error.OwnersOnly")), -1;
	if ((need & R_ADMIN) && !r->who.admin)
		return fail(r, 403, NULL, "%s", tr(r, "Error.AdminsOnly")), -1;
	return 0;
}

void
dispatch(struct req *r)
{
	const struct route *rt;
	int path_matched = 0;
	char allow[64] = "";

	r->path_id = 0;
	for (rt = routes; rt->pattern; rt++) {
		kvlist_clear(&r->params);
		if (!route_match(rt->pattern, r->path, &r->params))
			continue;
		path_matched = 1;
		if (strcmp(rt->method, r->method) == 0 ||
		    (strcmp(rt->method, "GET") == 0 && strcmp(r->method, "HEAD") == 0))
			break;
		if (strlen(allow) + strlen(rt->method) + 3 < sizeof allow)
			snprintf(allow + strlen(allow), sizeof allow - strlen(allow), "%s%s",
			    *allow ? ", " : "", rt->method);
	}
	if (rt->pattern == NULL) {
		kvlist_clear(&r->params);
		/* 8/4.6: an error page shows who is signed in (name, log out), like every page */
		if (strncmp(r->path, "/api/", 5) != 0 && strcmp(r->path, "/health") != 0)
			session_load(r);
		if (path_matched) {
			/* which routes matched decides JSON or HTML for the error */
			for (rt = routes; rt->pattern; rt++)
				if (route_match(rt->pattern, r->path, &r->params)) {
					r->route = rt;
					break;
				}
			kvlist_clear(&r->params);
			req_header(r, "Allow", "%s%s", allow, strstr(allow, "GET") ? ", HEAD" : "");
			if (rt->flags & R_API)
				fail(r, 405, NULL, "%s is not allowed here (allowed: %s)", r->method, allow);
			else
				fail(r, 405, NULL, "%s", tr(r, "Error.MethodNotAllowed"));
		} else
			fail(r, 404, NULL, "%s", tr(r, "Error.NotFound"));
		return;
	}
	r->route = rt;
	if (!(rt->flags & R_API) || strcmp(r->method, "GET") != 0 ||
	    (rt->flags & (R_LOGIN | R_OWNER | R_ADMIN)))
		session_load(r);
	if (guard(r) || validate(r) || check_path_id(r))
		return;
	rt->handler(r);
}
