/*
 * account.c - a person's own account:
 *   GET/POST /register             new account; sends the e-mail verification link (a taken
 *                                  address gets the same answer; its owner gets a mail)
 *   GET/POST /login, POST /logout  sessions (failed passwords throttled per address, per
 *                                  account and address, per account, per known device)
 *   GET/POST /verify               the link from the e-mail opens a page; its button verifies
 *                                  (and signs the person in)
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
/* login and password re-checks count failed passwords only (see login_throttled) */
#define LOGIN_PER_IP      30    /* failures from one address, any account */
#define LOGIN_PER_ACCOUNT 10    /* failures for one account from one address */
#define LOGIN_PER_ACCOUNT_ALL 50  /* failures for one account from every unknown browser */
#define LOGIN_PER_DEVICE  10    /* failures from a browser that logged in to the account before */
#define LOGIN_WINDOW      900
#define RECHECK_PER_ACCOUNT 10  /* wrong passwords when deleting the account */
#define REGISTER_PER_IP   10
#define RESET_PER_IP      10
#define RESET_PER_ACCOUNT 3   /* reset links asked for one address */
#define VERIFY_PER_ACCOUNT 3  /* verification links asked for again by one account */
#define TAKEN_PER_ADDRESS 3   /* "someone registered with your address" mails to one address */
#define MAIL_WINDOW       3600

static const char *const langs[] = { "cs", "en", NULL };

enum { RG_EMAIL, RG_NAME, RG_PASSWORD, RG_PASSWORD2 };
const struct field f_register[] = {
	[RG_EMAIL] = { "email", V_EMAIL, F_REQUIRED, 3, 254, NULL },
	[RG_NAME] = { "name", V_TEXT, F_REQUIRED | F_PLAIN, 1, 80, NULL },
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

/* Tokens are checked by the handlers, not here: a link that is cut, mangled or old gets a
 * page that says so and how to get a new one, never a 400 about a parameter (4.4). */
const struct field f_token[] = {
	{ "token", V_TEXT, 0, 0, 200, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field f_reset[] = {
	{ "email", V_EMAIL, F_REQUIRED, 3, 254, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

enum { RC_TOKEN, RC_PASSWORD, RC_PASSWORD2 };
const struct field f_reset_confirm[] = {
	[RC_TOKEN] = { "token", V_TEXT, 0, 0, 200, NULL },
	[RC_PASSWORD] = { "password", V_TEXT, F_REQUIRED, 1, 200, NULL },
	[RC_PASSWORD2] = { "password2", V_TEXT, F_REQUIRED, 1, 200, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

enum { PF_NAME, PF_PHONE, PF_LANG };
const struct field f_profile[] = {
	[PF_NAME] = { "name", V_TEXT, F_REQUIRED | F_PLAIN, 1, 80, NULL },
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

static const char *
common_list(void)
{
	static char path[4096];

	snprintf(path, sizeof path, "%s/conf/common-passwords.txt", config_str("root"));
	return path;
}

/* The messages a redirect to an account page may ask for (?m=). */
static const struct flash account_flash[] = {
	{ "registered", "Flash.registered", "success" },
	{ "verified", "Flash.verified", "success" },
	{ "verify_sent", "Flash.verify_sent", "success" },
	{ "saved", "Flash.saved", "success" },
	{ "host", "Flash.host", "success" },
	{ "revoked", "Flash.revoked", "success" },
	{ "reset_sent", "Flash.reset_sent", "success" },
	{ "reset_done", "Flash.reset_done", "success" },
	{ "logged_out", "Flash.logged_out", "success" },
	{ "deleted", "Flash.deleted", "success" },
	{ "need_verify", "Flash.need_verify", "warning" },
	{ "card_added", "Flash.card_added", "success" },
	{ "card_blocked", "Flash.card_blocked", "success" },
	{ "card_unblocked", "Flash.card_unblocked", "success" },
	{ "card_deleted", "Flash.card_deleted", "success" },
	{ "card_admin", "Flash.card_admin", "warning" },
	{ "card_booked", "Flash.card_booked", "warning" },
	{ NULL, NULL, NULL }
};

/* A next= target we are willing to send someone to: a path on this site, "/" otherwise. It
 * starts with one '/' (not "//", which is another host), and has no backslash (browsers read
 * '\\' as '/'), no space and no control character anywhere: browsers drop tab, CR and LF from
 * a URL, so "/\t/evil.example" would be "//evil.example". Non-ASCII text is kept (the parser
 * has made sure it is UTF-8 without C1 controls). Pure; returns next or a static "/". */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/')
		return "/";
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '\\')
			return "/";
	return next;
}

static void
str_lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
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
	token_hash_param(tok, bytea);
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

/* Someone registered with an address that has an account: its owner is told by mail, in
 * their language (at most 3 such mails an hour), and the visitor sees what a new sign-up sees. */
static void
register_taken(struct req *r, const char *email)
{
	char bucket[320], login[512], reset[512];
	const char *p[] = { email };
	const char *lines[] = { "", login, reset, "", MAIL_KEY "Mail.Ignore", NULL };
	PGresult *res;

	log_info("registration for a taken address id=%s", r->id);
	snprintf(bucket, sizeof bucket, "register:taken:%s", email);
	if (throttle_wait(bucket, TAKEN_PER_ADDRESS, MAIL_WINDOW) > 0)
		return;
	throttle_note(bucket, MAIL_WINDOW);
	if ((res = dbq(S_ACCOUNT_BY_EMAIL, 1, p)) == NULL)
		return;
	if (PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 2), "deleted") != 0) {
		snprintf(login, sizeof login, "%s/login", config_str("public_url"));
		snprintf(reset, sizeof reset, "%s/reset", config_str("public_url"));
		mail_person(r, email, PQgetvalue(res, 0, 5), "Mail.TakenSubject", "Mail.TakenBody", lines);
	}
	PQclear(res);
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
		register_taken(r, email);
	} else {
		id = atoll(PQgetvalue(res, 0, 0));
		PQclear(res);
		log_info("account %lld registered id=%s", id, r->id);
		send_link(r, id, email, "verify_email", 48, "/verify", "Mail.VerifySubject", "Mail.VerifyBody");
	}
	/* the same answer for a new address and a taken one (3.12): nobody is signed in here; the
	 * link in the mail signs the new person in (h_verify), or they log in */
	return redirect(r, "/login?m=registered");
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
	flash(r, account_flash);
	return login_page(r, kvlist_get(&r->query, "next"));
}

/* The login throttle (issue 8, 3.2): only failed passwords are counted, each in several
 * buckets, and a refused attempt is never counted, so the account is open again one window
 * after the last counted failure however long someone keeps knocking. A stranger's guesses
 * fill the buckets of their address and of the account as seen from unknown browsers; the
 * owner's browser that logged in before (a known device, sql/014) is judged by its own bucket
 * only, so a correct password from it gets in while strangers are throttled. */
static int
login_throttled(struct req *r, const char *email, const char *device)
{
	const char *addr = req_env(r, "REMOTE_ADDR");
	char b[400];
	int wait = 0, w;

	if (*device) {
		snprintf(b, sizeof b, "login:device:%s", device);
		return throttle_wait(b, LOGIN_PER_DEVICE, LOGIN_WINDOW);
	}
	snprintf(b, sizeof b, "login:ip:%s", addr ? addr : "-");
	if ((w = throttle_wait(b, LOGIN_PER_IP, LOGIN_WINDOW)) > wait)
		wait = w;
	snprintf(b, sizeof b, "login:account:%s:ip:%s", email, addr ? addr : "-");
	if ((w = throttle_wait(b, LOGIN_PER_ACCOUNT, LOGIN_WINDOW)) > wait)
		wait = w;
	snprintf(b, sizeof b, "login:account:%s", email);
	if ((w = throttle_wait(b, LOGIN_PER_ACCOUNT_ALL, LOGIN_WINDOW)) > wait)
		wait = w;
	return wait;
}

static void
login_failed(struct req *r, const char *email, const char *device)
{
	const char *addr = req_env(r, "REMOTE_ADDR");
	char b[400];

	if (*device) {
		snprintf(b, sizeof b, "login:device:%s", device);
		throttle_note(b, LOGIN_WINDOW);
		return;
	}
	snprintf(b, sizeof b, "login:ip:%s", addr ? addr : "-");
	throttle_note(b, LOGIN_WINDOW);
	snprintf(b, sizeof b, "login:account:%s:ip:%s", email, addr ? addr : "-");
	throttle_note(b, LOGIN_WINDOW);
	snprintf(b, sizeof b, "login:account:%s", email);
	throttle_note(b, LOGIN_WINDOW);
}

/* The answer to a throttled password check: 429, Retry-After, and the form again with the
 * wait in words at the password field. */
static void
throttled(struct req *r, int wait)
{
	char msg[512];

	req_header(r, "Retry-After", "%d", wait);
	hdf_set_value(req_hdf(r), "Err.password", too_many(r, "Error.TooManyWait", wait, msg, sizeof msg));
	r->nerr++;
}

int
h_login(struct req *r)
{
	static char dummy[SECRET_HASH_STR];
	char email[256], device[17] = "";
	const char *next = r->has[LG_NEXT] ? r->val[LG_NEXT].s : NULL;
	PGresult *res;
	int good = 0, suspended = 0, wait;
	long long id = 0;

	if (r->nerr)
		return login_page(r, next);
	snprintf(email, sizeof email, "%s", r->val[LG_EMAIL].s);
	str_lower(email);
	{
		const char *p[] = { email };

		if ((res = dbq(S_ACCOUNT_BY_EMAIL, 1, p)) == NULL)
			return db_down(r);
	}
	if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 1) && (strcmp(PQgetvalue(res, 0, 2), "active") == 0 ||
	    (suspended = strcmp(PQgetvalue(res, 0, 2), "suspended") == 0)))
		id = atoll(PQgetvalue(res, 0, 0));
	device_known(r, id, device);
	if ((wait = login_throttled(r, email, device)) > 0) {
		PQclear(res);
		log_info("login throttled id=%s", r->id);
		throttled(r, wait);
		login_page(r, next);
		r->status = 429;
		return 0;
	}
	if (id) {
		good = secret_check_password(PQgetvalue(res, 0, 1), r->val[LG_PASSWORD].s);
	} else {
		/* the same work whether or not the address exists */
		if (*dummy == '\0')
			secret_hash_password("not a password at all", PW_PERSON, dummy);
		secret_check_password(dummy, r->val[LG_PASSWORD].s);
	}
	PQclear(res);
	if (!good) {
		log_info("login failed id=%s", r->id);
		login_failed(r, email, device);
		form_error(r, "password", "Err.LoginFailed");
		return login_page(r, next);
	}
	if (suspended) {
		/* said only to whoever knows the password: no oracle for strangers (4.5) */
		log_info("login of suspended account %lld refused id=%s", id, r->id);
		form_error(r, "password", "Err.Suspended");
		login_page(r, next);
		r->status = 403;
		return 0;
	}
	if (session_start(r, id))
		return db_down(r);
	device_remember(r, id);
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

/* A link that is not (or no longer) good: what happened and where to get a new one, in words;
 * 200 for the page the link opens, 400 for a form posted with it. */
static int
token_bad(struct req *r, const char *purpose)
{
	int post = strcmp(r->method, "POST") == 0;
	int verify = strcmp(purpose, "verify_email") == 0;
	HDF *h = req_hdf(r);

	hdf_set_value(h, "Msg.Link", verify ? (r->who.id ? "/account" : "/login?next=/account") : "/reset");
	hdf_set_value(h, "Msg.LinkText", tr(r, verify ? "Account.TokenNewVerify" : "Account.TokenNewReset"));
	token_page(r, verify ? "Account.VerifyTitle" : "Account.ResetTitle", "Account.TokenBad", NULL, NULL, NULL);
	r->status = post ? 400 : 200;
	return 0;
}

/* The token of the request, or NULL when it cannot be one of ours (43 base64url characters). */
static const char *
token_of(struct req *r, int field)
{
	const char *t = r->has[field] ? r->val[field].s : NULL;

	if (t == NULL || strlen(t) != SECRET_TOKEN_CHARS || strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") != SECRET_TOKEN_CHARS)
		return NULL;
	return t;
}

/* Is the token usable for purpose? account id or 0; -1 on database trouble. */
static long long
token_peek(const char *purpose, const char *token)
{
	char bytea[70];
	const char *p[] = { purpose, bytea };
	PGresult *res;
	long long id = 0;

	if (token == NULL)
		return 0;
	token_hash_param(token, bytea);
	if ((res = dbq(S_TOKEN_PEEK, 2, p)) == NULL)
		return -1;
	if (PQntuples(res) == 1)
		id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return id;
}

/* Uses the token up: account id or 0; -1 on database trouble. Every other token of the same
 * purpose for that account is used up with it (a second reset link no longer works once the
 * first has set the password). */
static long long
token_use(const char *purpose, const char *token)
{
	char bytea[70], aid[24];
	const char *p[] = { purpose, bytea }, *q[] = { aid, purpose };
	PGresult *res;
	long long id = 0;

	if (token == NULL)
		return 0;
	token_hash_param(token, bytea);
	if ((res = dbq(S_TOKEN_USE, 2, p)) == NULL)
		return -1;
	if (PQntuples(res) == 1)
		id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	if (id > 0) {
		snprintf(aid, sizeof aid, "%lld", id);
		if ((res = dbq(S_TOKEN_EXPIRE, 2, q)) != NULL)
			PQclear(res);
	}
	return id;
}

int
h_verify_form(struct req *r)
{
	const char *tok = token_of(r, 0);
	long long id = token_peek("verify_email", tok);

	if (id < 0)
		return db_down(r);
	if (id == 0)
		return token_bad(r, "verify_email");
	return token_page(r, "Account.VerifyTitle", "Account.VerifyText", "/verify", "Account.VerifyButton", tok);
}

int
h_verify(struct req *r)
{
	long long id = token_use("verify_email", token_of(r, 0));
	char aid[24];
	const char *p[] = { aid };
	PGresult *res;

	if (id < 0)
		return db_down(r);
	if (id == 0)
		return token_bad(r, "verify_email");
	snprintf(aid, sizeof aid, "%lld", id);
	if ((res = dbq(S_VERIFY_EMAIL, 1, p)) == NULL)
		return db_down(r);
	PQclear(res);
	log_info("account %lld verified id=%s", id, r->id);
	if (r->who.id == id)
		return redirect(r, "/account?m=verified");
	/* registering does not sign anyone in (the same answer for a taken address, 3.12): the
	 * link, which proves the mailbox, does, unless someone else is signed in here */
	if (r->who.id == 0) {
		if (session_start(r, id))
			return db_down(r);
		return redirect(r, "/account?m=verified");
	}
	return redirect(r, "/login?m=verified");
}

int
h_verify_resend(struct req *r)
{
	char bucket[80];

	snprintf(bucket, sizeof bucket, "verify:account:%lld", r->who.id);
	if (rate_limit(r, bucket, VERIFY_PER_ACCOUNT, MAIL_WINDOW))
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
	const char *tok = token_of(r, 0);
	long long id = token_peek("reset_password", tok);

	if (id < 0)
		return db_down(r);
	if (id == 0)
		return token_bad(r, "reset_password");
	return reset_confirm_page(r, tok);
}

int
h_reset_confirm(struct req *r)
{
	char hash[SECRET_HASH_STR], aid[24];
	const char *why, *token = token_of(r, RC_TOKEN);
	long long id;
	PGresult *res;

	if ((id = token_peek("reset_password", token)) == 0)
		return token_bad(r, "reset_password");
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
	/* used up, and with it every other reset link of the account */
	if (token_use("reset_password", token) != id)
		return token_bad(r, "reset_password");
	if (secret_hash_password(r->val[RC_PASSWORD].s, PW_PERSON, hash))
		return fail(r, 500, NULL, "%s", "out of memory");
	snprintf(aid, sizeof aid, "%lld", id);
	{
		const char *p[] = { aid, hash };

		if ((res = dbq(S_ACCOUNT_PASSWORD, 2, p)) == NULL)
			return db_down(r);
		PQclear(res);
		/* a new password ends every session: whoever had the old one is out, and their
		 * browser is no longer a known device */
		if ((res = dbq(S_SESSION_REVOKE_ALL, 1, p)) != NULL)
			PQclear(res);
		if ((res = dbq(S_DEVICE_FORGET, 1, p)) != NULL)
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
	if (cards_page_data(r))
		return db_down(r);
	flash(r, account_flash);
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

	char bucket[64];
	int wait = 0;

	snprintf(id, sizeof id, "%lld", r->who.id);
	/* the password is checked like a login: failures counted, refused tries not (3.3) */
	snprintf(bucket, sizeof bucket, "recheck:account:%lld", r->who.id);
	if (r->nerr == 0 && (wait = throttle_wait(bucket, RECHECK_PER_ACCOUNT, LOGIN_WINDOW)) > 0)
		throttled(r, wait);
	if (r->nerr == 0) {
		if ((res = dbq(S_ACCOUNT_GET, 1, p)) == NULL)
			return db_down(r);
		good = PQntuples(res) == 1 && secret_check_password(PQgetvalue(res, 0, 7), r->val[0].s);
		PQclear(res);
		if (!good) {
			throttle_note(bucket, LOGIN_WINDOW);
			form_error(r, "password", "Err.PasswordWrong");
		}
	}
	if (r->nerr) {
		hdf_set_value(req_hdf(r), "DeleteOpen", "1");
		account_page(r);
		if (wait > 0)
			r->status = 429;
		return 0;
	}
	if ((res = dbq(S_ACCOUNT_DELETE, 1, p)) == NULL)
		return db_down(r);
	PQclear(res);
	audit(r, "account.delete", "account", r->who.id, NULL);
	log_info("account %lld deleted id=%s", r->who.id, r->id);
	session_cookie_clear(r);
	memset(&r->who, 0, sizeof r->who);
	return redirect(r, "/login?m=deleted");
}
