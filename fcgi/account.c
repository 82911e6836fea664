/*
 * account.c - a person's own account:
 *   GET/POST /register             new account; sends the e-mail verification link
 *   GET/POST /login, POST /logout  sessions (login throttled per IP and per account)
 *   GET/POST /verify               the link from the e-mail opens a page; its button verifies
 *   POST /verify/resend            a new verification link
 *   GET/POST /reset                ask for a password reset link
 *   GET/POST /reset/confirm        the link opens a form for the new password
 *   GET/POST /account              profile (name, phone, language), sessions, host, delete
 *   POST /account/sessions/revoke, /account/host, /account/delete
 * GET never changes anything; every POST carries the CSRF token (checked in router.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

#include <sodium.h>

#include "config.h"
#include "log.h"
#include "secret.h"
#include "evshare.h"

/* how many tries per window (seconds): generous for people, tight for scripts */
#define LOGIN_PER_IP      30
#define LOGIN_PER_ACCOUNT 10
#define LOGIN_WINDOW      900
#define REGISTER_PER_IP   10
#define RESET_PER_IP      10
#define RESET_PER_ACCOUNT 3
#define MAIL_WINDOW       3600

static const char *const langs[] = { "cs", "en", NULL };

enum { RG_EMAIL, RG_NAME, RG_PASSWORD, RG_PASSWORD2 };
const struct field f_register[] = {
	[RG_EMAIL] = { "email", V_EMAIL, F_REQUIRED, 3, 254, NULL },
	[RG_NAME] = { "name", V_TEXT, F_REQUIRED, 1, 80, NULL },
	[RG_PASSWORD] = { "password", V_TEXT, F_REQUIRED, 1, 200, NULL },
	[RG_PASSWORD2] = { "password2", V_TEXT, F_REQUIRED, 1, 200, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

enum { LG_EMAIL, LG_PASSWORD, LG_NEXT };
const struct field f_login[] = {
	[LG_EMAIL] = { "email", V_TEXT, F_REQUIRED, 1, 254, NULL },
	[LG_PASSWORD] = { "password", V_TEXT, F_REQUIRED, 1, 200, NULL },
	[LG_NEXT] = { "next", V_TEXT, 0, 0, 500, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field f_next[] = {
	{ "next", V_TEXT, 0, 0, 500, NULL },
	{ "m", V_TEXT, 0, 0, 20, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field f_token[] = {
	{ "token", V_TEXT, F_REQUIRED, 43, 43, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field f_reset[] = {
	{ "email", V_EMAIL, F_REQUIRED, 3, 254, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

enum { RC_TOKEN, RC_PASSWORD, RC_PASSWORD2 };
const struct field f_reset_confirm[] = {
	[RC_TOKEN] = { "token", V_TEXT, F_REQUIRED, 43, 43, NULL },
	[RC_PASSWORD] = { "password", V_TEXT, F_REQUIRED, 1, 200, NULL },
	[RC_PASSWORD2] = { "password2", V_TEXT, F_REQUIRED, 1, 200, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

enum { PF_NAME, PF_PHONE, PF_LANG };
const struct field f_profile[] = {
	[PF_NAME] = { "name", V_TEXT, F_REQUIRED, 1, 80, NULL },
	[PF_PHONE] = { "phone", V_TEXT, 0, 0, 32, NULL },
	[PF_LANG] = { "lang", V_CHOICE, F_REQUIRED, 0, 0, langs },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field f_revoke[] = {
	{ "id", V_INT, F_REQUIRED, 1, 9000000000000000000.0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field f_delete[] = {
	{ "password", V_TEXT, F_REQUIRED, 1, 200, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* ---------------------------------------------------------------- helpers */

static int
db_down(struct req *r)
{
	return fail(r, 503, NULL, "%s", tr(r, "Error.Database"));
}

static const char *
common_list(void)
{
	static char path[4096];

	snprintf(path, sizeof path, "%s/conf/common-passwords.txt", config_str("root"));
	return path;
}

/* A message from a redirect (?m=key), only ever one of ours. */
static void
flash(struct req *r)
{
	static const char *const known[] = { "registered", "verified", "verify_sent", "saved", "host",
		"revoked", "reset_sent", "reset_done", "logged_out", "deleted", "need_verify", NULL };
	const char *m = kvlist_get(&r->query, "m");
	char k[64];

	if (m == NULL)
		return;
	for (int i = 0; known[i]; i++)
		if (strcmp(known[i], m) == 0) {
			snprintf(k, sizeof k, "Flash.%s", m);
			hdf_set_value(req_hdf(r), "Flash", tr(r, k));
			hdf_set_value(r->hdf, "FlashKind", strcmp(m, "need_verify") == 0 ? "warning" : "success");
		}
}

/* A next= target we are willing to send someone to: a path on this site. */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strpbrk(next, "\r\n\\") != NULL)
		return "/";
	return next;
}

static void
str_lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static void
token_bytea(const char *token, char out[70])
{
	uint8_t h[32];
	char hex[65];

	secret_token_hash(token, h);
	secret_hex(h, 32, hex);
	snprintf(out, 70, "\\x%s", hex);
}

/* Creates a token for account and mails the link. 0 ok, -1 logged. */
static int
send_link(struct req *r, long long account, const char *email, const char *purpose, int hours,
    const char *path, const char *subject_key, const char *body_key)
{
	char tok[SECRET_TOKEN_CHARS + 1], bytea[70], id[24], h[8];
	const char *p[] = { id, purpose, bytea, h };
	struct buf body = { 0 };
	PGresult *res;
	int rc;

	secret_token(tok);
	token_bytea(tok, bytea);
	snprintf(id, sizeof id, "%lld", account);
	snprintf(h, sizeof h, "%d", hours);
	if ((res = dbq(S_TOKEN_NEW, 4, p)) == NULL)
		return -1;
	PQclear(res);
	buf_printf(&body, "%s\r\n\r\n%s%s?token=%s\r\n\r\n%s\r\n", tr(r, body_key), config_str("public_url"),
	    path, tok, tr(r, "Mail.Ignore"));
	rc = mail_send(email, tr(r, subject_key), body.s);
	buf_free(&body);
	sodium_memzero(tok, sizeof tok);
	return rc;
}

/* ---------------------------------------------------------------- register */

static int
register_page(struct req *r)
{
	csrf_ensure(r);
	hdf_set_value(req_hdf(r), "Page.Title", tr(r, "Account.Register"));
	hdf_set_value(r->hdf, "Page.Class", "page-account");
	return page(r, "account_register.cs");
}

int
h_register_form(struct req *r)
{
	return register_page(r);
}

int
h_register(struct req *r)
{
	char email[256], hash[SECRET_HASH_STR], ip[80];
	const char *why;
	PGresult *res;
	long long id;

	snprintf(ip, sizeof ip, "register:ip:%s", req_env(r, "REMOTE_ADDR") ? req_env(r, "REMOTE_ADDR") : "-");
	if (rate_limit(r, ip, REGISTER_PER_IP, MAIL_WINDOW))
		return 0;
	if (r->has[RG_EMAIL]) {
		snprintf(email, sizeof email, "%s", r->val[RG_EMAIL].s);
		str_lower(email);
	} else
		*email = '\0';
	if (r->has[RG_PASSWORD]) {
		if ((why = password_problem(r->val[RG_PASSWORD].s, email, common_list())) != NULL)
			form_error(r, "password", why);
		else if (r->has[RG_PASSWORD2] && strcmp(r->val[RG_PASSWORD].s, r->val[RG_PASSWORD2].s) != 0)
			form_error(r, "password2", "Err.PasswordMismatch");
	}
	if (r->nerr)
		return register_page(r);
	if (secret_hash_password(r->val[RG_PASSWORD].s, PW_PERSON, hash))
		return fail(r, 500, NULL, "%s", "out of memory");
	{
		const char *p[] = { email, r->val[RG_NAME].s, hash, r->lang };

		if ((res = dbq(S_ACCOUNT_NEW, 4, p)) == NULL)
			return db_down(r);
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		form_error(r, "email", "Err.EmailTaken");
		return register_page(r);
	}
	id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	log_info("account %lld registered id=%s", id, r->id);
	send_link(r, id, email, "verify_email", 48, "/verify", "Mail.VerifySubject", "Mail.VerifyBody");
	if (session_start(r, id))
		return db_down(r);
	return redirect(r, "/account?m=registered");
}

/* ---------------------------------------------------------------- login, logout */

static int
login_page(struct req *r, const char *next)
{
	csrf_ensure(r);
	hdf_set_value(req_hdf(r), "Page.Title", tr(r, "Account.Login"));
	hdf_set_value(r->hdf, "Page.Class", "page-account");
	if (next && strcmp(safe_next(next), "/") != 0)
		hdf_set_value(r->hdf, "Form.next", safe_next(next));
	return page(r, "account_login.cs");
}

int
h_login_form(struct req *r)
{
	flash(r);
	return login_page(r, kvlist_get(&r->query, "next"));
}

int
h_login(struct req *r)
{
	static char dummy[SECRET_HASH_STR];
	char email[256], bucket[320];
	const char *addr = req_env(r, "REMOTE_ADDR");
	const char *next = r->has[LG_NEXT] ? r->val[LG_NEXT].s : NULL;
	PGresult *res;
	int good = 0;
	long long id = 0;

	snprintf(bucket, sizeof bucket, "login:ip:%s", addr ? addr : "-");
	if (rate_limit(r, bucket, LOGIN_PER_IP, LOGIN_WINDOW))
		return 0;
	if (r->nerr)
		return login_page(r, next);
	snprintf(email, sizeof email, "%s", r->val[LG_EMAIL].s);
	str_lower(email);
	snprintf(bucket, sizeof bucket, "login:account:%s", email);
	if (rate_limit(r, bucket, LOGIN_PER_ACCOUNT, LOGIN_WINDOW))
		return 0;
	{
		const char *p[] = { email };

		if ((res = dbq(S_ACCOUNT_BY_EMAIL, 1, p)) == NULL)
			return db_down(r);
	}
	if (PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 2), "active") == 0 &&
	    !PQgetisnull(res, 0, 1)) {
		good = secret_check_password(PQgetvalue(res, 0, 1), r->val[LG_PASSWORD].s);
		id = atoll(PQgetvalue(res, 0, 0));
	} else {
		/* the same work whether or not the address exists */
		if (*dummy == '\0')
			secret_hash_password("not a password at all", PW_PERSON, dummy);
		secret_check_password(dummy, r->val[LG_PASSWORD].s);
	}
	PQclear(res);
	if (!good) {
		log_info("login failed id=%s", r->id);
		form_error(r, "password", "Err.LoginFailed");
		return login_page(r, next);
	}
	if (session_start(r, id))
		return db_down(r);
	log_info("account %lld logged in id=%s", id, r->id);
	return redirect(r, safe_next(next));
}

int
h_logout(struct req *r)
{
	session_end(r);
	return redirect(r, "/login?m=logged_out");
}

/* ---------------------------------------------------------------- e-mail verification */

/* A page with one line of text and, optionally, a POST button carrying the token. */
static int
token_page(struct req *r, const char *title_key, const char *text_key, const char *action,
    const char *button_key, const char *token)
{
	HDF *h = req_hdf(r);

	csrf_ensure(r);
	hdf_set_value(h, "Page.Title", tr(r, title_key));
	hdf_set_value(h, "Page.Class", "page-account");
	hdf_set_value(h, "Msg.Title", tr(r, title_key));
	hdf_set_value(h, "Msg.Text", tr(r, text_key));
	if (action) {
		hdf_set_value(h, "Msg.Action", action);
		hdf_set_value(h, "Msg.Button", tr(r, button_key));
		hdf_set_value(h, "Msg.Token", token);
	}
	return page(r, "account_message.cs");
}

/* Is the token usable for purpose? account id or 0; -1 on database trouble. */
static long long
token_peek(const char *purpose, const char *token)
{
	char bytea[70];
	const char *p[] = { purpose, bytea };
	PGresult *res;
	long long id = 0;

	token_bytea(token, bytea);
	if ((res = dbq(S_TOKEN_PEEK, 2, p)) == NULL)
		return -1;
	if (PQntuples(res) == 1)
		id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return id;
}

static long long
token_use(const char *purpose, const char *token)
{
	char bytea[70];
	const char *p[] = { purpose, bytea };
	PGresult *res;
	long long id = 0;

	token_bytea(token, bytea);
	if ((res = dbq(S_TOKEN_USE, 2, p)) == NULL)
		return -1;
	if (PQntuples(res) == 1)
		id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return id;
}

int
h_verify_form(struct req *r)
{
	long long id = token_peek("verify_email", r->val[0].s);

	if (id < 0)
		return db_down(r);
	if (id == 0)
		return token_page(r, "Account.VerifyTitle", "Account.TokenBad", NULL, NULL, NULL);
	return token_page(r, "Account.VerifyTitle", "Account.VerifyText", "/verify", "Account.VerifyButton",
	    r->val[0].s);
}

int
h_verify(struct req *r)
{
	long long id = token_use("verify_email", r->val[0].s);
	char aid[24];
	const char *p[] = { aid };
	PGresult *res;

	if (id < 0)
		return db_down(r);
	if (id == 0) {
		r->status = 400;
		token_page(r, "Account.VerifyTitle", "Account.TokenBad", NULL, NULL, NULL);
		r->status = 400;
		return 0;
	}
	snprintf(aid, sizeof aid, "%lld", id);
	if ((res = dbq(S_VERIFY_EMAIL, 1, p)) == NULL)
		return db_down(r);
	PQclear(res);
	log_info("account %lld verified id=%s", id, r->id);
	return redirect(r, r->who.id == id ? "/account?m=verified" : "/login?m=verified");
}

int
h_verify_resend(struct req *r)
{
	char bucket[80];

	snprintf(bucket, sizeof bucket, "verify:account:%lld", r->who.id);
	if (rate_limit(r, bucket, RESET_PER_ACCOUNT, MAIL_WINDOW))
		return 0;
	if (!r->who.verified)
		send_link(r, r->who.id, r->who.email, "verify_email", 48, "/verify", "Mail.VerifySubject",
		    "Mail.VerifyBody");
	return redirect(r, "/account?m=verify_sent");
}

/* ---------------------------------------------------------------- password reset */

static int
reset_page(struct req *r)
{
	csrf_ensure(r);
	hdf_set_value(req_hdf(r), "Page.Title", tr(r, "Account.ResetTitle"));
	hdf_set_value(r->hdf, "Page.Class", "page-account");
	return page(r, "account_reset.cs");
}

int
h_reset_form(struct req *r)
{
	return reset_page(r);
}

int
h_reset(struct req *r)
{
	char email[256], bucket[320];
	const char *addr = req_env(r, "REMOTE_ADDR");
	PGresult *res;

	snprintf(bucket, sizeof bucket, "reset:ip:%s", addr ? addr : "-");
	if (rate_limit(r, bucket, RESET_PER_IP, MAIL_WINDOW))
		return 0;
	if (r->nerr)
		return reset_page(r);
	snprintf(email, sizeof email, "%s", r->val[0].s);
	str_lower(email);
	snprintf(bucket, sizeof bucket, "reset:account:%s", email);
	if (rate_limit(r, bucket, RESET_PER_ACCOUNT, MAIL_WINDOW))
		return 0;
	{
		const char *p[] = { email };

		if ((res = dbq(S_ACCOUNT_BY_EMAIL, 1, p)) == NULL)
			return db_down(r);
	}
	/* the same answer whether or not the address is known */
	if (PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 2), "active") == 0)
		send_link(r, atoll(PQgetvalue(res, 0, 0)), email, "reset_password", 1, "/reset/confirm",
		    "Mail.ResetSubject", "Mail.ResetBody");
	PQclear(res);
	return redirect(r, "/login?m=reset_sent");
}

static int
reset_confirm_page(struct req *r, const char *token)
{
	csrf_ensure(r);
	hdf_set_value(req_hdf(r), "Page.Title", tr(r, "Account.ResetTitle"));
	hdf_set_value(r->hdf, "Page.Class", "page-account");
	hdf_set_value(r->hdf, "Form.token", token);
	return page(r, "account_reset_confirm.cs");
}

int
h_reset_confirm_form(struct req *r)
{
	long long id = token_peek("reset_password", r->val[0].s);

	if (id < 0)
		return db_down(r);
	if (id == 0)
		return token_page(r, "Account.ResetTitle", "Account.TokenBad", NULL, NULL, NULL);
	return reset_confirm_page(r, r->val[0].s);
}

int
h_reset_confirm(struct req *r)
{
	char hash[SECRET_HASH_STR], aid[24];
	const char *why, *token = r->has[RC_TOKEN] ? r->val[RC_TOKEN].s : "";
	long long id;
	PGresult *res;

	if (!r->has[RC_TOKEN] || (id = token_peek("reset_password", token)) == 0)
		return token_page(r, "Account.ResetTitle", "Account.TokenBad", NULL, NULL, NULL);
	if (id < 0)
		return db_down(r);
	if (r->has[RC_PASSWORD]) {
		char email[256] = "";
		const char *p[] = { aid };

		snprintf(aid, sizeof aid, "%lld", id);
		if ((res = dbq(S_ACCOUNT_GET, 1, p)) != NULL) {
			if (PQntuples(res) == 1)
				snprintf(email, sizeof email, "%s", PQgetvalue(res, 0, 0));
			PQclear(res);
		}
		if ((why = password_problem(r->val[RC_PASSWORD].s, email, common_list())) != NULL)
			form_error(r, "password", why);
		else if (r->has[RC_PASSWORD2] && strcmp(r->val[RC_PASSWORD].s, r->val[RC_PASSWORD2].s) != 0)
			form_error(r, "password2", "Err.PasswordMismatch");
	}
	if (r->nerr)
		return reset_confirm_page(r, token);
	if (token_use("reset_password", token) != id)
		return token_page(r, "Account.ResetTitle", "Account.TokenBad", NULL, NULL, NULL);
	if (secret_hash_password(r->val[RC_PASSWORD].s, PW_PERSON, hash))
		return fail(r, 500, NULL, "%s", "out of memory");
	snprintf(aid, sizeof aid, "%lld", id);
	{
		const char *p[] = { aid, hash };

		if ((res = dbq(S_ACCOUNT_PASSWORD, 2, p)) == NULL)
			return db_down(r);
		PQclear(res);
		/* a new password ends every session: whoever had the old one is out */
		if ((res = dbq(S_SESSION_REVOKE_ALL, 1, p)) != NULL)
			PQclear(res);
		/* the link proved the mailbox */
		if ((res = dbq(S_VERIFY_EMAIL, 1, p)) != NULL)
			PQclear(res);
	}
	log_info("account %lld password reset id=%s", id, r->id);
	return redirect(r, "/login?m=reset_done");
}

/* ---------------------------------------------------------------- my account */

static int
account_page(struct req *r)
{
	char id[24];
	const char *p[] = { id };
	PGresult *res;
	HDF *h = req_hdf(r);

	snprintf(id, sizeof id, "%lld", r->who.id);
	if ((res = dbq(S_ACCOUNT_GET, 1, p)) == NULL)
		return db_down(r);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return fail(r, 404, NULL, "%s", tr(r, "Error.NotFound"));
	}
	hdf_set_value(h, "Account.Email", PQgetvalue(res, 0, 0));
	hdf_set_value(h, "Account.Verified", *PQgetvalue(res, 0, 4) == 't' ? "1" : "0");
	hdf_set_value(h, "Account.Owner", *PQgetvalue(res, 0, 5) == 't' ? "1" : "0");
	if (r->nerr == 0 || hdf_get_obj(h, "Form.name") == NULL) {
		/* a fresh page shows what is stored; a failed save keeps what was typed */
		hdf_set_value(h, "Form.name", PQgetvalue(res, 0, 1));
		hdf_set_value(h, "Form.phone", PQgetvalue(res, 0, 2));
		hdf_set_value(h, "Form.lang", PQgetvalue(res, 0, 3));
	}
	PQclear(res);
	if ((res = dbq(S_SESSION_LIST, 1, p)) == NULL)
		return db_down(r);
	hdf_rows(h, "Sessions", res, "Id Created Seen Ip Agent");
	for (int i = 0; i < PQntuples(res); i++)
		hdf_cell(h, "Sessions", i, "Current", atoll(PQgetvalue(res, i, 0)) == r->who.sid ? "1" : "0");
	PQclear(res);
	flash(r);
	hdf_set_value(h, "Page.Title", tr(r, "Account.Title"));
	hdf_set_value(h, "Page.Class", "page-account");
	return page(r, "account_index.cs");
}

int
h_account(struct req *r)
{
	return account_page(r);
}

int
h_account_save(struct req *r)
{
	char id[24];
	PGresult *res;

	if (r->has[PF_PHONE]) {
		for (const char *s = r->val[PF_PHONE].s; *s; s++)
			if (!isdigit((unsigned char)*s) && !strchr("+ -()/", *s)) {
				form_error(r, "phone", "Err.Phone");
				break;
			}
	}
	if (r->nerr)
		return account_page(r);
	snprintf(id, sizeof id, "%lld", r->who.id);
	{
		const char *p[] = { id, r->val[PF_NAME].s, r->has[PF_PHONE] ? r->val[PF_PHONE].s : "",
			r->val[PF_LANG].s };

		if ((res = dbq(S_ACCOUNT_UPDATE, 4, p)) == NULL)
			return db_down(r);
		PQclear(res);
	}
	req_header(r, "Set-Cookie", "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax", r->val[PF_LANG].s);
	return redirect(r, "/account?m=saved");
}

int
h_account_revoke(struct req *r)
{
	char sid[24], aid[24];
	const char *p[] = { sid, aid };
	PGresult *res;

	snprintf(sid, sizeof sid, "%lld", r->val[0].i);
	snprintf(aid, sizeof aid, "%lld", r->who.id);
	if ((res = dbq(S_SESSION_REVOKE, 2, p)) == NULL)
		return db_down(r);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return fail(r, 404, NULL, "%s", tr(r, "Error.NotFound"));
	}
	PQclear(res);
	if (r->val[0].i == r->who.sid)
		return h_logout(r);
	return redirect(r, "/account?m=revoked");
}

int
h_account_host(struct req *r)
{
	char id[24];
	const char *p[] = { id };
	PGresult *res;

	if (!r->who.verified)
		return redirect(r, "/account?m=need_verify");
	snprintf(id, sizeof id, "%lld", r->who.id);
	if ((res = dbq(S_ACCOUNT_HOST, 1, p)) == NULL)
		return db_down(r);
	PQclear(res);
	audit(r, "account.become_host", "account", r->who.id, NULL);
	return redirect(r, "/owner?m=host");
}

int
h_account_delete(struct req *r)
{
	char id[24];
	const char *p[] = { id };
	PGresult *res;
	int good = 0;

	snprintf(id, sizeof id, "%lld", r->who.id);
	if (r->nerr == 0) {
		if ((res = dbq(S_ACCOUNT_GET, 1, p)) == NULL)
			return db_down(r);
		good = PQntuples(res) == 1 && secret_check_password(PQgetvalue(res, 0, 7), r->val[0].s);
		PQclear(res);
		if (!good)
			form_error(r, "password", "Err.PasswordWrong");
	}
	if (r->nerr) {
		hdf_set_value(req_hdf(r), "DeleteOpen", "1");
		return account_page(r);
	}
	if ((res = dbq(S_ACCOUNT_DELETE, 1, p)) == NULL)
		return db_down(r);
	PQclear(res);
	audit(r, "account.delete", "account", r->who.id, NULL);
	log_info("account %lld deleted id=%s", r->who.id, r->id);
	req_header(r, "Set-Cookie", "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax", SESSION_COOKIE);
	memset(&r->who, 0, sizeof r->who);
	return redirect(r, "/login?m=deleted");
}
