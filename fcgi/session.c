/*
 * session.c - who is asking, and the rules around people that every page shares: the session
 * cookie (a random 256-bit token; only its SHA-256 is stored), the visitor cookie anonymous
 * forms are bound to, CSRF tokens, rate limits (sliding windows over rate_limits), the audit log,
 * and the pure checks for passwords and e-mail addresses.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "config.h"
#include "log.h"
#include "secret.h"
#include "evshare.h"

#define SESSION_DAYS 30

/* ---------------------------------------------------------------- pure parts */

void
csrf_derive(const char *secret, char out[44])
{
	crypto_hash_sha256_state st;
	unsigned char h[32];

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)"evshare-csrf:", 13);
	crypto_hash_sha256_update(&st, (const unsigned char *)secret, strlen(secret));
	crypto_hash_sha256_final(&st, h);
	sodium_bin2base64(out, 44, h, sizeof h, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int
csrf_match(const char *secret, const char *given)
{
	char want[44];

	if (secret == NULL || given == NULL || *secret == '\0' || strlen(given) != 43)
		return 0;
	csrf_derive(secret, want);
	return secret_equal(want, given, 43);
}

int
email_valid(const char *s)
{
	const char *at = strchr(s, '@'), *dot;
	size_t n = strlen(s);

	if (n < 3 || n > 254 || at == NULL || at == s || strchr(at + 1, '@'))
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>()[]\\,;:\"", *p))
			return 0;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}

/* The common-password list: one lower-case password per line, sorted here once. */
static char **common;
static size_t ncommon;
static int common_loaded;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
load_common(const char *path)
{
	FILE *f;
	char line[256];
	size_t cap = 0;

	common_loaded = 1;
	if (path == NULL || (f = fopen(path, "r")) == NULL) {
		log_warn("common password list %s cannot be read", path ? path : "(none)");
		return;
	}
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		for (char *p = line; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (ncommon == cap) {
			char **n = realloc(common, (cap = cap ? 2 * cap : 512) * sizeof *common);

			if (n == NULL)
				break;
			common = n;
		}
		if ((common[ncommon] = strdup(line)) != NULL)
			ncommon++;
	}
	fclose(f);
	qsort(common, ncommon, sizeof *common, cmp_str);
}

const char *
password_problem(const char *pw, const char *email, const char *list_path)
{
	size_t chars = 0, n = strlen(pw);
	char lower[256], local[256];
	const char *key = &lower[0];
	int same = 1;

	for (const char *p = pw; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	if (chars < 10)
		return "Err.PasswordShort";
	if (n >= sizeof lower)
		return "Err.PasswordLong";
	for (size_t i = 0; i <= n; i++) {
		lower[i] = (char)tolower((unsigned char)pw[i]);
		if (i > 0 && i < n && pw[i] != pw[0])
			same = 0;
	}
	if (same)
		return "Err.PasswordCommon";
	if (!common_loaded)
		load_common(list_path);
	if (ncommon && bsearch(&key, common, ncommon, sizeof *common, cmp_str))
		return "Err.PasswordCommon";
	if (email && *email) {
		size_t l = strcspn(email, "@");

		if (l >= 4 && l < sizeof local) {
			for (size_t i = 0; i < l; i++)
				local[i] = (char)tolower((unsigned char)email[i]);
			local[l] = '\0';
			if (strstr(lower, local))
				return "Err.PasswordEmail";
		}
	}
	return NULL;
}

/* ---------------------------------------------------------------- sessions */

static int
https(void)
{
	return strncmp(config_str("public_url"), "https:", 6) == 0;
}

static void
set_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	req_header(r, "Set-Cookie", "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s",
	    name, value, max_age, https() ? "; Secure" : "");
}

void
session_load(struct req *r)
{
	const char *tok = kvlist_get(&r->cookies, SESSION_COOKIE);
	const char *vis = kvlist_get(&r->cookies, VISITOR_COOKIE);
	uint8_t hash[32];
	char hex[65], bytea[70];
	PGresult *res;

	memset(&r->who, 0, sizeof r->who);
	if (tok && strlen(tok) == SECRET_TOKEN_CHARS) {
		const char *p[1] = { bytea };

		secret_token_hash(tok, hash);
		secret_hex(hash, 32, hex);
		snprintf(bytea, sizeof bytea, "\\x%s", hex);
		if ((res = dbq(S_SESSION_TOUCH, 1, p)) != NULL) {
			if (PQntuples(res) == 1) {
				r->who.sid = atoll(PQgetvalue(res, 0, 0));
				r->who.id = atoll(PQgetvalue(res, 0, 1));
				snprintf(r->who.name, sizeof r->who.name, "%s", PQgetvalue(res, 0, 2));
				snprintf(r->who.email, sizeof r->who.email, "%s", PQgetvalue(res, 0, 3));
				r->who.owner = *PQgetvalue(res, 0, 4) == 't';
				r->who.admin = *PQgetvalue(res, 0, 5) == 't';
				r->who.verified = *PQgetvalue(res, 0, 6) == 't';
				snprintf(r->who.lang, sizeof r->who.lang, "%s", PQgetvalue(res, 0, 7));
				csrf_derive(tok, r->who.csrf);
				/* the account's language, unless this browser chose one (lang cookie or ?lang=) */
				if (kvlist_get(&r->cookies, "lang") == NULL && kvlist_get(&r->query, "lang") == NULL)
					r->lang = strcmp(r->who.lang, "en") == 0 ? "en" : "cs";
			}
			PQclear(res);
		}
		if (r->who.id)
			return;
	}
	/* anonymous: forms are bound to a random visitor cookie */
	if (vis && strlen(vis) == SECRET_TOKEN_CHARS) {
		snprintf(r->who.visitor, sizeof r->who.visitor, "%s", vis);
		csrf_derive(r->who.visitor, r->who.csrf);
	}
}

void
csrf_ensure(struct req *r)
{
	if (*r->who.csrf)
		return;
	secret_token(r->who.visitor);
	set_cookie(r, VISITOR_COOKIE, r->who.visitor, 365L * 86400);
	csrf_derive(r->who.visitor, r->who.csrf);
}

int
session_start(struct req *r, long long account)
{
	char tok[SECRET_TOKEN_CHARS + 1], hex[65], bytea[70], id[24], days[8];
	const char *ua = req_env(r, "HTTP_USER_AGENT"), *ip = req_env(r, "REMOTE_ADDR");
	char uabuf[512];
	uint8_t hash[32];
	PGresult *res;

	secret_token(tok);
	secret_token_hash(tok, hash);
	secret_hex(hash, 32, hex);
	snprintf(bytea, sizeof bytea, "\\x%s", hex);
	snprintf(id, sizeof id, "%lld", account);
	snprintf(days, sizeof days, "%d", SESSION_DAYS);
	/* the user agent is only shown in the list of sessions; keep it printable and short */
	snprintf(uabuf, sizeof uabuf, "%s", ua ? ua : "");
	for (char *p = uabuf; *p; p++)
		if ((unsigned char)*p < ' ' || (unsigned char)*p >= 0x7f)
			*p = '?';
	{
		const char *p[] = { id, bytea, days, ip && *ip ? ip : NULL, uabuf };

		if ((res = dbq(S_SESSION_NEW, 5, p)) == NULL)
			return -1;
	}
	PQclear(res);
	set_cookie(r, SESSION_COOKIE, tok, SESSION_DAYS * 86400L);
	sodium_memzero(tok, sizeof tok);
	return 0;
}

void
session_end(struct req *r)
{
	char sid[24], aid[24];
	PGresult *res;

	if (r->who.sid) {
		const char *p[] = { sid, aid };

		snprintf(sid, sizeof sid, "%lld", r->who.sid);
		snprintf(aid, sizeof aid, "%lld", r->who.id);
		if ((res = dbq(S_SESSION_REVOKE, 2, p)) != NULL)
			PQclear(res);
	}
	session_cookie_clear(r);
	memset(&r->who, 0, sizeof r->who);
}

void
session_cookie_clear(struct req *r)
{
	set_cookie(r, SESSION_COOKIE, "", 0);
}

/* ---------------------------------------------------------------- rate limits, audit */

const char *
wait_words(struct req *r, int seconds, char *out, size_t n)
{
	int m = (seconds + 59) / 60;
	const char *text, *brace;

	if (seconds < 60)
		text = tr(r, "Wait.Soon");
	else if (m == 1)
		text = tr(r, "Wait.Min1");
	else if (m >= 2 && m <= 4)
		text = tr(r, "Wait.Min2");
	else
		text = tr(r, "Wait.Min5");
	/* "{n}" in the translation is the number of minutes */
	if ((brace = strstr(text, "{n}")) != NULL)
		snprintf(out, n, "%.*s%d%s", (int)(brace - text), text, m, brace + 3);
	else
		snprintf(out, n, "%s", text);
	return out;
}

const char *
too_many(struct req *r, const char *key, int seconds, char *out, size_t n)
{
	char wait[128];
	const char *text = tr(r, key), *brace;

	wait_words(r, seconds, wait, sizeof wait);
	if ((brace = strstr(text, "{wait}")) != NULL)
		snprintf(out, n, "%.*s%s%s", (int)(brace - text), text, wait, brace + 6);
	else
		snprintf(out, n, "%s", text);
	return out;
}

int
rate_limit(struct req *r, const char *bucket, int max, int window_s)
{
	char win[16], lim[16], msg[512];
	const char *p[] = { bucket, win, lim };
	PGresult *res;
	int hits, left;

	snprintf(win, sizeof win, "%d", window_s);
	snprintf(lim, sizeof lim, "%d", max);
	if ((res = dbq(S_RATE_HIT, 3, p)) == NULL)
		return 0;
	hits = atoi(PQgetvalue(res, 0, 0));
	left = atoi(PQgetvalue(res, 0, 1));
	PQclear(res);
	if (hits <= max)
		return 0;
	if (left < 1)
		left = 1;
	log_warn("rate limit %s: %d hits id=%s", bucket, hits, r->id);
	req_header(r, "Retry-After", "%d", left);
	fail(r, 429, NULL, "%s", too_many(r, "Error.TooManyWait", left, msg, sizeof msg));
	return -1;
}

int
throttle_wait(const char *bucket, int max, int window_s)
{
	char win[16], lim[16];
	const char *p[] = { bucket, win, lim };
	PGresult *res;
	int wait = 0;

	snprintf(win, sizeof win, "%d", window_s);
	snprintf(lim, sizeof lim, "%d", max);
	if ((res = dbq(S_RATE_PEEK, 3, p)) == NULL)
		return 0;
	if (atoi(PQgetvalue(res, 0, 0)) >= max) {
		wait = atoi(PQgetvalue(res, 0, 1));
		if (wait < 1)
			wait = 1;
	}
	PQclear(res);
	return wait;
}

void
throttle_note(const char *bucket, int window_s)
{
	char win[16];
	const char *p[] = { bucket, win };
	PGresult *res;

	snprintf(win, sizeof win, "%d", window_s);
	if ((res = dbq(S_RATE_NOTE, 2, p)) != NULL)
		PQclear(res);
}

/* ---------------------------------------------------------------- known devices */

/* "\\x<hex>" of the SHA-256 of a token (cookie, mailed link), for a bytea parameter
 * (declared in evshare.h) */
void
token_hash_param(const char *tok, char out[70])
{
	uint8_t hash[32];
	char hex[65];

	secret_token_hash(tok, hash);
	secret_hex(hash, 32, hex);
	snprintf(out, 70, "\\x%s", hex);
}

int
device_known(struct req *r, long long account, char id_out[17])
{
	const char *tok = kvlist_get(&r->cookies, DEVICE_COOKIE);
	char aid[24], bytea[70];
	const char *p[] = { aid, bytea };
	PGresult *res;
	int known = 0;

	*id_out = '\0';
	if (tok == NULL || strlen(tok) != SECRET_TOKEN_CHARS || account <= 0)
		return 0;
	snprintf(aid, sizeof aid, "%lld", account);
	token_hash_param(tok, bytea);
	if ((res = dbq(S_DEVICE_KNOWN, 2, p)) != NULL) {
		known = PQntuples(res) == 1;
		PQclear(res);
	}
	if (known)
		snprintf(id_out, 17, "%.16s", bytea + 2);   /* names the device's own bucket */
	return known;
}

void
device_remember(struct req *r, long long account)
{
	const char *old = kvlist_get(&r->cookies, DEVICE_COOKIE);
	char tok[SECRET_TOKEN_CHARS + 1], aid[24], bytea[70];
	const char *p[] = { aid, bytea };
	PGresult *res;

	if (old && strlen(old) == SECRET_TOKEN_CHARS)
		snprintf(tok, sizeof tok, "%s", old);   /* one cookie for every account on this browser */
	else
		secret_token(tok);
	snprintf(aid, sizeof aid, "%lld", account);
	token_hash_param(tok, bytea);
	if ((res = dbq(S_DEVICE_NOTE, 2, p)) != NULL)
		PQclear(res);
	set_cookie(r, DEVICE_COOKIE, tok, 180L * 86400);
	sodium_memzero(tok, sizeof tok);
}

int
audit(struct req *r, const char *action, const char *target_type, long long target_id,
    const char *reason)
{
	char actor[24], target[24];
	const char *ip = req_env(r, "REMOTE_ADDR");
	const char *p[] = { r->who.id ? actor : NULL, action, target_type, target_id ? target : NULL,
		reason && *reason ? reason : NULL, ip && *ip ? ip : NULL };
	PGresult *res;

	snprintf(actor, sizeof actor, "%lld", r->who.id);
	snprintf(target, sizeof target, "%lld", target_id);
	if ((res = dbq(S_AUDIT, 6, p)) == NULL)
		return -1;
	PQclear(res);
	return 0;
}
