/*
 * test_web.c - the web framework without a web server: requests go in through CGI variables,
 * and the router, validators, error pages, language choice and escaping are checked on what
 * comes out. No database here (it points at one that does not exist), so handlers that need it
 * answer 503; the real database is tested through lighttpd in tests/integration. It includes
 * the files whose static parts it looks at and links the rest (the Makefile's WEB_TEST_LIB).
 */
#include <stdlib.h>
#include <unistd.h>

#include "../../fcgi/request.c"     /* send_response */
#include "../../fcgi/account.c"     /* safe_next */
#include "../../fcgi/map.c"         /* the A_ indexes of the map's fields */
#include "../../fcgi/session.c"     /* ncommon, the common passwords read */
#include "../../fcgi/hours.h"     /* parse_hhmm */
#include "t.h"

static struct req R;
static const char *next_type;     /* Content-Type for the next run() */
static const char *next_cookie;   /* Cookie header for the next run() */

static const char *cgi_vars[] = { "REQUEST_METHOD", "REQUEST_URI", "QUERY_STRING", "HTTP_COOKIE",
	"HTTP_ACCEPT_LANGUAGE", "CONTENT_LENGTH", "CONTENT_TYPE", NULL };

/* Runs one request; the answer stays in R until the next call. */
static struct req *
run(const char *method, const char *uri, const char *extra_name, const char *extra_value)
{
	const char *q = strchr(uri, '?');

	req_reset(&R);
	R.status = 0;
	for (int i = 0; cgi_vars[i]; i++)
		unsetenv(cgi_vars[i]);
	setenv("REQUEST_METHOD", method, 1);
	setenv("REQUEST_URI", uri, 1);
	setenv("QUERY_STRING", q ? q + 1 : "", 1);
	if (next_type)
		setenv("CONTENT_TYPE", next_type, 1);
	next_type = NULL;
	if (next_cookie)
		setenv("HTTP_COOKIE", next_cookie, 1);
	next_cookie = NULL;
	if (extra_name)
		setenv(extra_name, extra_value, 1);
	req_process(&R);
	return &R;
}

/* Feeds body, of type ct, as standard input for the next run(). */
static void
body(const char *ct, const char *text)
{
	FILE *f = tmpfile();

	fputs(text, f);
	rewind(f);
	dup2(fileno(f), 0);
	fclose(f);
	clearerr(stdin);
	next_type = ct;
}

static int
has(const struct req *r, const char *needle)
{
	return r->out.s && strstr(r->out.s, needle) != NULL;
}

static int
header_has(const struct req *r, const char *needle)
{
	return r->headers.s && r->headers.len && strstr(r->headers.s, needle) != NULL;
}

static void
test_routes(void)
{
	struct req *r;

	r = run("GET", "/", NULL, NULL);
	T_INT(r->status, 200, "GET / is 200");
	T_OK(has(r, "<div id=\"map\""), "map page has the map element");
	T_OK(has(r, "<html lang=\"cs\""), "Czech by default");
	T_OK(has(r, "<option value=\"ccs2\">CCS2</option>"), "connector filter lists CCS2");
	T_OK(header_has(r, "Content-Security-Policy: default-src 'self'"), "pages carry a CSP");

	r = run("HEAD", "/", NULL, NULL);
	T_INT(r->status, 200, "HEAD / is 200");

	r = run("GET", "/", "HTTP_ACCEPT_LANGUAGE", "en-GB,en;q=0.9,cs;q=0.3");
	T_OK(has(r, "<html lang=\"en\"") && has(r, "Charger map"), "Accept-Language picks English");
	r = run("GET", "/", "HTTP_COOKIE", "x=1; lang=en");
	T_OK(has(r, "<html lang=\"en\""), "the lang cookie picks English");
	r = run("GET", "/?lang=en", "HTTP_ACCEPT_LANGUAGE", "cs");
	T_OK(has(r, "<html lang=\"en\""), "?lang=en switches to English");
	T_OK(header_has(r, "Set-Cookie: lang=en; Path=/"), "and remembers it in a cookie");
	r = run("GET", "/?lang=xx", NULL, NULL);
	T_OK(has(r, "<html lang=\"cs\"") && !header_has(r, "Set-Cookie"), "?lang=xx is ignored");

	r = run("GET", "/no/such/page", NULL, NULL);
	T_INT(r->status, 404, "unknown route is 404");
	T_OK(has(r, "class=\"error-page\"") && has(r, R.id), "404 page shows the request id");
	r = run("GET", "/api/v1/nothing", NULL, NULL);
	T_INT(r->status, 404, "unknown API route is 404");
	T_OK(strcmp(r->content_type, "application/json") == 0 && has(r, "\"status\":404"),
	    "API 404 is JSON");

	r = run("POST", "/", NULL, NULL);
	T_INT(r->status, 405, "POST / is 405");
	T_OK(header_has(r, "Allow: GET, HEAD"), "405 says what is allowed");
	r = run("DELETE", "/api/v1/chargers?bbox=1,2,3,4", NULL, NULL);
	T_INT(r->status, 405, "DELETE on the API is 405");
	T_OK(has(r, "\"status\":405"), "API 405 is JSON");

	r = run("GET", "/chargers/abc", NULL, NULL);
	T_INT(r->status, 404, "/chargers/abc is 404");
	r = run("GET", "/chargers/-1", NULL, NULL);
	T_INT(r->status, 404, "/chargers/-1 is 404");
	r = run("GET", "/chargers/%2e%2e", NULL, NULL);
	T_INT(r->status, 404, "/chargers/.. is 404");
	r = run("GET", "/chargers/1/", NULL, NULL);
	T_INT(r->status, 404, "trailing slash is a different page");
}

static void
test_validation(void)
{
	static const struct {
		const char *qs, *param;
	} bad[] = {
		{ "", "bbox" },
		{ "bbox=", "bbox" },
		{ "bbox=1,2,3", "bbox" },
		{ "bbox=14,50,13,51", "bbox" },
		{ "bbox=14,91,15,92", "bbox" },
		{ "bbox=a,b,c,d", "bbox" },
		{ "bbox=14,49,15,51&connector=usb", "connector" },
		{ "bbox=14,49,15,51&min_kw=fast", "min_kw" },
		{ "bbox=14,49,15,51&min_kw=-1", "min_kw" },
		{ "bbox=14,49,15,51&min_kw=1e3", "min_kw" },
		{ "bbox=14,49,15,51&max_price=6.505", "max_price" },
		{ "bbox=14,49,15,51&max_price=-2", "max_price" },
		{ "bbox=14,49,15,51&available=maybe", "available" },
		{ "bbox=14,49,15,51&colour=red", "colour" },
	};
	char uri[256], want[64];
	struct req *r;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(uri, sizeof uri, "/api/v1/chargers?%s", bad[i].qs);
		r = run("GET", uri, NULL, NULL);
		snprintf(want, sizeof want, "\"param\":\"%s\"", bad[i].param);
		T_OK(r->status == 400 && has(r, want), "?%s is 400 naming %s", bad[i].qs, bad[i].param);
	}
	r = run("GET", "/api/v1/chargers?bbox=14,49,15,51&connector=type2&min_kw=11&max_price=8,50&available=1",
	    NULL, NULL);
	T_INT(r->status, 503, "valid query reaches the handler (503: no database here)");
	T_OK(R.has[A_CONNECTOR] && R.has[A_MIN_KW] && R.has[A_MAX_PRICE] && R.has[A_AVAILABLE],
	    "all four filters validated");
	T_INT(R.val[A_MAX_PRICE].i, 850, "max_price 8,50 is 850 minor units");
	T_OK(R.val[A_MIN_KW].d == 11.0, "min_kw 11");

	r = run("GET", "/api/v1/chargers?bbox=%ff,1,2,3", NULL, NULL);
	T_OK(r->status == 400 && has(r, "UTF-8"), "invalid UTF-8 in the query is 400");
	r = run("GET", "/api/v1/chargers?bbox=%zz", NULL, NULL);
	T_OK(r->status == 400 && has(r, "percent"), "bad percent-encoding is 400");
	r = run("GET", "/\xff\xfe", NULL, NULL);
	T_INT(r->status, 400, "invalid UTF-8 in the path is 400");
	{
		char big[10000];

		memset(big, 'a', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		memcpy(big, "/?x=", 4);
		r = run("GET", big, NULL, NULL);
		T_INT(r->status, 414, "a query string over max_query is 414");
	}
	r = run("GET", "/health", NULL, NULL);
	T_INT(r->status, 503, "health without a database is 503");
	T_OK(has(r, "\"unavailable\""), "and says the database is unavailable");
}

static void
test_bodies(void)
{
	struct req *r;

	r = run("POST", "/", "CONTENT_LENGTH", "999999999");
	T_INT(r->status, 413, "a body over max_body is 413");

	body("application/x-www-form-urlencoded", "a=1&b=%41");
	r = run("POST", "/", "CONTENT_LENGTH", "9");
	T_INT(r->status, 405, "a good form reaches routing (405 for POST /)");
	T_STR(kvlist_get(&R.form, "b"), "A", "form decoded");

	body("application/x-www-form-urlencoded", "a=%ff");
	r = run("POST", "/", "CONTENT_LENGTH", "5");
	T_OK(r->status == 400 && has(r, "UTF-8"), "invalid UTF-8 in a form is 400");

	body("application/json", "{\"a\": [1, 2");
	r = run("POST", "/api/v1/chargers", "CONTENT_LENGTH", "11");
	T_OK(r->status == 400 && has(r, "invalid JSON"), "malformed JSON is 400");
	body("application/json", "{\"a\":1,\"a\":2}");
	r = run("POST", "/api/v1/chargers", "CONTENT_LENGTH", "13");
	T_INT(r->status, 400, "duplicate JSON keys are 400");
	body("application/json", "\"\xc3\x28\"");
	r = run("POST", "/api/v1/chargers", "CONTENT_LENGTH", "4");
	T_OK(r->status == 400 && has(r, "UTF-8"), "invalid UTF-8 JSON is 400");
	body("text/plain", "abc");
	r = run("POST", "/", "CONTENT_LENGTH", "3");
	T_INT(r->status, 415, "an unknown body type is 415");
	body("application/x-www-form-urlencoded", "ab");
	r = run("POST", "/", "CONTENT_LENGTH", "10");
	T_INT(r->status, 400, "a body shorter than Content-Length is 400");
}

/* Every value a charger page shows, hostile: nothing may come out unescaped. */
static void
test_escaping(void)
{
	static const char *const evil[] = {
		"<script>alert(1)</script>",
		"\"'><img src=x onerror=alert(1)>",
		"'; DROP TABLE listings; --",
	};
	static const char *const fields[] = { "Charger.Title", "Charger.Description", "Charger.Address",
		"Charger.City", "Charger.Owner", "Charger.Price", "Charger.LastSeen", "Charger.Lat",
		"Charger.Lon", "Charger.Status", "Charger.Connectors.0.Type", "Charger.Connectors.0.Power",
		"Charger.Week.1.Hours", "Page.Title", NULL };

	for (size_t e = 0; e < sizeof evil / sizeof evil[0]; e++) {
		req_reset(&R);
		R.path = strdup("/chargers/1");
		R.lang = "cs";
		R.method = "GET";
		for (int i = 0; fields[i]; i++)
			hdf_set_value(req_hdf(&R), fields[i], evil[e]);
		hdf_set_value(R.hdf, "Charger.HasWeek", "1");
		page(&R, "charger.cs");
		T_OK(!has(&R, "<script>alert") && !has(&R, "<img src=x") && !has(&R, "\"'>"),
		    "charger page escapes %s", evil[e]);
		T_OK(e != 0 || has(&R, "&lt;script&gt;alert(1)&lt;/script&gt;"), "and shows it as text");
	}
	req_reset(&R);
	R.path = strdup("/x");
	R.lang = "en";
	R.method = "GET";
	fail(&R, 404, NULL, "%s", "<script>alert(1)</script>");
	T_OK(!has(&R, "<script>alert") && has(&R, "&lt;script&gt;"), "error messages are escaped");
}

static void
test_lang_files(void)
{
	/* every key of cs.hdf exists in en.hdf and the other way round */
	HDF *cs, *en;
	int missing = 0;

	hdf_init(&cs);
	hdf_init(&en);
	nerr_ignore(&(NEOERR *){ hdf_read_file(cs, "templates/lang/cs.hdf") });
	nerr_ignore(&(NEOERR *){ hdf_read_file(en, "templates/lang/en.hdf") });
	for (int pass = 0; pass < 2; pass++) {
		HDF *a = pass ? en : cs, *b = pass ? cs : en;
		HDF *top = hdf_get_obj(a, "L");

		for (HDF *n = top ? hdf_obj_child(top) : NULL; n; n = hdf_obj_next(n)) {
			for (HDF *k = hdf_obj_child(n); k; k = hdf_obj_next(k)) {
				char name[256];

				snprintf(name, sizeof name, "L.%s.%s", hdf_obj_name(n), hdf_obj_name(k));
				if (hdf_get_value(b, name, NULL) == NULL) {
					printf("# %s lacks %s\n", pass ? "cs.hdf" : "en.hdf", name);
					missing++;
				}
			}
		}
	}
	T_INT(missing, 0, "cs.hdf and en.hdf have the same keys");
	T_OK(hdf_get_value(cs, "L.Map.Title", NULL) != NULL, "language files were read");
	hdf_destroy(&cs);
	hdf_destroy(&en);
}

/* Pure logic of people's pages: CSRF tokens, password rules, e-mail addresses. */
static void
test_people(void)
{
	char t1[44], t2[44];
	struct req *r;

	csrf_derive("secret-one", t1);
	csrf_derive("secret-one", t2);
	T_OK(strlen(t1) == 43 && strcmp(t1, t2) == 0, "a CSRF token is 43 characters and stable");
	csrf_derive("secret-two", t2);
	T_OK(strcmp(t1, t2) != 0, "another secret, another token");
	T_OK(csrf_match("secret-one", t1), "the right token matches");
	T_OK(!csrf_match("secret-two", t1), "a token of another cookie does not");
	T_OK(!csrf_match("secret-one", ""), "an empty token does not");
	T_OK(!csrf_match("", t1) && !csrf_match(NULL, t1), "no cookie, no match");
	t2[0] = '\0';
	strcpy(t2, t1);
	t2[42] = t2[42] == 'A' ? 'B' : 'A';
	T_OK(!csrf_match("secret-one", t2), "one character off does not");

	T_OK(password_problem("short", NULL, "conf/common-passwords.txt") != NULL, "5 characters refused");
	T_STR(password_problem("123456789", NULL, "conf/common-passwords.txt"), "Err.PasswordShort", "9 characters refused");
	T_STR(password_problem("password123", NULL, "conf/common-passwords.txt"), "Err.PasswordCommon", "password123 is common");
	T_STR(password_problem("QwertyUiop", NULL, "conf/common-passwords.txt"), "Err.PasswordCommon", "the list ignores case");
	T_STR(password_problem("heslo12345", NULL, "conf/common-passwords.txt"), "Err.PasswordCommon", "Czech favourites too");
	T_STR(password_problem("aaaaaaaaaaaaa", NULL, "conf/common-passwords.txt"), "Err.PasswordCommon", "one repeated character refused");
	T_STR(password_problem("xx-jana.novak-xx", "jana.novak@example.cz", "conf/common-passwords.txt"), "Err.PasswordEmail", "the e-mail's name inside refused");
	T_OK(password_problem("Zelena-louka-42", "jana@example.cz", "conf/common-passwords.txt") == NULL, "a decent password passes");
	T_OK(password_problem("žluťoučký kůň", NULL, "conf/common-passwords.txt") == NULL, "length counts characters, not bytes");
	T_STR(password_problem("žluťouč", NULL, "conf/common-passwords.txt"), "Err.PasswordShort", "7 characters in 11 bytes is short");
	T_OK(ncommon > 300, "the common-password list has a few hundred entries (%zu)", ncommon);

	T_OK(email_valid("jana@example.cz"), "plain address");
	T_OK(email_valid("j.n+ev@mail.example.co.uk"), "dots and plus");
	T_OK(!email_valid("jana"), "no @");
	T_OK(!email_valid("@example.cz") && !email_valid("jana@") && !email_valid("jana@cz"), "missing parts");
	T_OK(!email_valid("a@b@c.cz"), "two @");
	T_OK(!email_valid("ja na@example.cz") && !email_valid("<a>@example.cz"), "spaces and brackets");

	T_INT(parse_hhmm("08:00"), 480, "08:00 is 480 minutes");
	T_INT(parse_hhmm("24:00"), 1440, "24:00 is the end of the day");
	T_INT(parse_hhmm("00:00"), 0, "00:00");
	T_INT(parse_hhmm("24:01"), -1, "24:01 is not a time");
	T_INT(parse_hhmm("8:00"), 480, "8:00 is accepted too (issue 8/4.3; more in test_hours.c)");
	T_INT(parse_hhmm("08:60"), -1, "08:60 is not a time");
	T_INT(parse_hhmm("ab:cd"), -1, "letters are not a time");
	{
		struct buf b = { 0 };

		T_OK(parse_dates("2026-12-24, 2026-12-25\n2028-02-29", &b) == 0, "dates parse");
		T_STR(b.s, "{2026-12-24,2026-12-25,2028-02-29}", "into an array literal");
		b.len = 0;
		T_OK(parse_dates("", &b) == 0 && strcmp(b.s, "{}") == 0, "no dates is an empty array");
		b.len = 0;
		T_OK(parse_dates("2026-02-29", &b) != 0, "2026-02-29 does not exist");
		b.len = 0;
		T_OK(parse_dates("2026-04-31", &b) != 0, "April has 30 days");
		b.len = 0;
		T_OK(parse_dates("2026-12-24}, {x", &b) != 0, "no way to smuggle array syntax");
		b.len = 0;
		T_OK(parse_dates("24.12.2026", &b) != 0, "Czech date order is refused with a message");
		buf_free(&b);
	}

	/* CSRF and roles are checked before any handler runs (no database needed) */
	body("application/x-www-form-urlencoded", "email=a%40b.cz&password=x");
	r = run("POST", "/login", "CONTENT_LENGTH", "25");
	T_INT(r->status, 403, "POST /login without a token is 403");
	body("application/x-www-form-urlencoded", "csrf=abc&email=a%40b.cz");
	r = run("POST", "/login", "HTTP_COOKIE", "ev_v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	T_INT(r->status, 403, "a wrong token is 403");
	{
		char cookie[128], form[128], len[16];

		csrf_derive("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", t1);
		snprintf(cookie, sizeof cookie, "ev_v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
		snprintf(form, sizeof form, "csrf=%s&email=bad&password=", t1);
		snprintf(len, sizeof len, "%zu", strlen(form));
		body("application/x-www-form-urlencoded", form);
		next_cookie = cookie;
		r = run("POST", "/register", "CONTENT_LENGTH", len);
		T_OK(r->status != 403, "the right token passes (%d)", r->status);
	}
	r = run("GET", "/account", NULL, NULL);
	T_OK(r->status == 303 && header_has(r, "Location: /login?next=/account"), "login required: to /login?next=");
	r = run("GET", "/register", NULL, NULL);
	T_OK(r->status == 200 && header_has(r, "Set-Cookie: ev_v=") && header_has(r, "HttpOnly; SameSite=Lax"),
	    "a form page sets the visitor cookie, HttpOnly and SameSite=Lax");
	T_OK(has(r, "name=\"csrf\" value=\""), "and carries the token");
	T_OK(!header_has(r, "Secure"), "no Secure flag over http");
	config_set("public_url", "https://evshare.example", NULL, 0);
	r = run("GET", "/register", NULL, NULL);
	T_OK(header_has(r, "HttpOnly; SameSite=Lax; Secure"), "cookies are Secure when public_url is https");
	config_set("public_url", "http://127.0.0.1:8080", NULL, 0);
}

/* The session cookie is cleared (logout, account deletion) with the attributes it was set
 * with, Secure included under https: only its value and Max-Age differ. */
static void
test_session_cookie(void)
{
	struct req q;
	char set[256], clear[256];
	const char *crlf;

	memset(&q, 0, sizeof q);
	config_set("public_url", "https://evshare.example", NULL, 0);
	set_cookie(&q, SESSION_COOKIE, "tok", 3600);
	crlf = strstr(q.headers.s, "\r\n");
	T_OK(crlf != NULL, "a session cookie is a header line");
	snprintf(set, sizeof set, "%.*s", crlf ? (int)(crlf - q.headers.s) : 0, q.headers.s);
	q.headers.len = 0;
	session_end(&q);        /* no session (sid 0): nothing to revoke, the cookie is cleared */
	snprintf(clear, sizeof clear, "%.*s", (int)strcspn(q.headers.s, "\r"), q.headers.s);
	T_STR(set, "Set-Cookie: ev_s=tok; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax; Secure",
	    "under https the session cookie is set Secure");
	T_STR(clear, "Set-Cookie: ev_s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure",
	    "logout clears it empty, Max-Age=0, with the same attributes (Secure too)");
	q.headers.len = 0;
	session_cookie_clear(&q);
	T_OK(strncmp(q.headers.s, clear, strlen(clear)) == 0 && strcmp(q.headers.s + strlen(clear), "\r\n") == 0,
	    "session_cookie_clear (account deletion) writes the same header");
	config_set("public_url", "http://127.0.0.1:8080", NULL, 0);
	q.headers.len = 0;
	session_cookie_clear(&q);
	T_OK(strstr(q.headers.s, "Secure") == NULL && strstr(q.headers.s, "HttpOnly; SameSite=Lax"),
	    "over http it is cleared without Secure, as it was set");
	buf_free(&q.headers);
}

/* An answer whose text could not be built whole (out of memory) goes out as a 500, never cut
 * short: send_response writes to stdout outside FastCGI, captured here in a file. */
static void
test_incomplete_answer(void)
{
	char got[512] = "";
	FILE *f = tmpfile();
	int saved = dup(1);
	size_t n;

	run("GET", "/health", NULL, NULL);
	R.out.failed = 1;
	fflush(stdout);
	dup2(fileno(f), 1);
	send_response(&R);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	rewind(f);
	n = fread(got, 1, sizeof got - 1, f);
	got[n] = '\0';
	fclose(f);
	T_OK(strncmp(got, "Status: 500 ", 12) == 0, "an answer built incompletely is sent as a 500");
	T_OK(strstr(got, "\r\n\r\nout of memory\n") != NULL, "with a body saying why");
	T_INT(R.status, 500, "and logged as a 500");
	req_reset(&R);
	T_INT(R.out.failed, 0, "the next request starts with whole buffers");
}

/* hdf_rows/hdf_cell: result rows become the LIST.ROW.NAME the templates walk */
static void
test_hdf_rows(void)
{
	PGresAttDesc att[3] = { { .name = "a", .format = 0 }, { .name = "b", .format = 0 },
		{ .name = "c", .format = 0 } };
	PGresult *res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	const char *cell[2][3] = { { "1", "skip", "<x>" }, { "2", "skip", "" } };
	HDF *h;

	T_OK(res && PQsetResultAttrs(res, 3, att), "a result to copy");
	for (int i = 0; i < 2; i++)
		for (int c = 0; c < 3; c++)
			PQsetvalue(res, i, c, (char *)cell[i][c], (int)strlen(cell[i][c]));
	hdf_init(&h);
	hdf_rows(h, "T.Rows", res, "Id - Text");
	T_STR(hdf_get_value(h, "T.Rows.0.Id", NULL), "1", "hdf_rows: first column named by the first word");
	T_STR(hdf_get_value(h, "T.Rows.0.Text", NULL), "<x>", "hdf_rows: '-' skips a column, stored as is");
	T_OK(hdf_get_value(h, "T.Rows.0.-", NULL) == NULL, "hdf_rows: no '-' node");
	T_STR(hdf_get_value(h, "T.Rows.1.Id", NULL), "2", "hdf_rows: every row");
	T_STR(hdf_get_value(h, "T.Rows.1.Text", NULL), "", "hdf_rows: an empty value is kept");
	hdf_rows(h, "T.Short", res, "Id");
	T_OK(hdf_get_value(h, "T.Short.0.Id", NULL) && hdf_get_obj(h, "T.Short.0.C1") == NULL &&
	    hdf_get_obj(h, "T.Short.0")->child->next == NULL, "hdf_rows: columns past the last word are left out");
	hdf_rows(h, "T.Plain", res, NULL);
	T_STR(hdf_get_value(h, "T.Plain.1.c", NULL), "", "hdf_rows: NULL names: each column by its name in the result");
	T_STR(hdf_get_value(h, "T.Plain.0.b", NULL), "skip", "hdf_rows: NULL names keep every column");
	T_OK(hdf_get_obj(h, "T.Plain.0.C0") == NULL && hdf_get_obj(h, "T.Plain.N") == NULL &&
	    hdf_get_obj(h, "T.Plain.2") == NULL, "hdf_rows: nothing but the rows and their named cells");
	hdf_cell(h, "T.Rows", 1, "Extra", "e");
	T_STR(hdf_get_value(h, "T.Rows.1.Extra", NULL), "e", "hdf_cell sets one cell");
	hdf_destroy(&h);
	PQclear(res);
}

/* next= after login: only a path on this site (issue 8, 3.4) */
static void
test_safe_next(void)
{
	static const struct { const char *in, *want; } t[] = {
		{ "/account", "/account" },
		{ "/owner/listings/7?m=host", "/owner/listings/7?m=host" },
		{ "/chargers/1#map", "/chargers/1#map" },
		{ "/mapa/žluťoučký", "/mapa/žluťoučký" },
		{ "/", "/" },
		{ "/\t/evil.example", "/" },      /* next=/%09/evil.example: browsers drop the tab */
		{ "/\n/evil.example", "/" },
		{ "/\r/evil.example", "/" },
		{ "/\r\n/evil.example", "/" },
		{ "\t//evil.example", "/" },
		{ "/\x0b/evil.example", "/" },
		{ "/\x0c/evil.example", "/" },
		{ "/\x1f/evil.example", "/" },
		{ "/\x7f/evil.example", "/" },
		{ "/ /evil.example", "/" },
		{ "/account\tx", "/" },
		{ "//evil.example", "/" },
		{ "//evil.example/x", "/" },
		{ "/\\evil.example", "/" },
		{ "/x\\..\\evil", "/" },
		{ "\\\\evil.example", "/" },
		{ "https://evil.example/", "/" },
		{ "http:/evil.example", "/" },
		{ "javascript:alert(1)", "/" },
		{ "evil.example", "/" },
		{ "", "/" },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char shown[128], *o = shown;

		for (const unsigned char *p = (const unsigned char *)t[i].in; *p && o < shown + sizeof shown - 5; p++)
			o += *p < ' ' || *p == 0x7f ? sprintf(o, "\\x%02x", *p) : sprintf(o, "%c", *p);
		*o = '\0';
		T_STR(safe_next(t[i].in), t[i].want, "safe_next: \"%s\"", shown);
	}
	T_STR(safe_next(NULL), "/", "safe_next: none");
}

/* The wait of a throttle in words, both languages (3.2); a name with a bidi override is
 * refused at its field, as every F_PLAIN field (3.12) */
static void
test_words(void)
{
	static const struct { int s; const char *cs, *en; } t[] = {
		{ 1, "za necelou minutu", "in less than a minute" },
		{ 59, "za necelou minutu", "in less than a minute" },
		{ 60, "za 1 minutu", "in 1 minute" },
		{ 61, "za 2 minuty", "in 2 minutes" },
		{ 180, "za 3 minuty", "in 3 minutes" },
		{ 240, "za 4 minuty", "in 4 minutes" },
		{ 241, "za 5 minut", "in 5 minutes" },
		{ 900, "za 15 minut", "in 15 minutes" },
		{ 3600, "za 60 minut", "in 60 minutes" },
	};
	char out[128], cookie[128], form[256], len[16], tok[44];
	struct req *r;

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		R.lang = "cs";
		T_STR(wait_words(&R, t[i].s, out, sizeof out), t[i].cs, "wait_words: %d s in Czech", t[i].s);
		R.lang = "en";
		T_STR(wait_words(&R, t[i].s, out, sizeof out), t[i].en, "wait_words: %d s in English", t[i].s);
	}
	R.lang = "en";
	T_STR(too_many(&R, "Error.TooManyWait", 170, out, sizeof out), "Too many attempts. Try again in 3 minutes.",
	    "too_many: the wait inside the sentence");
	R.lang = "cs";
	T_STR(too_many(&R, "Error.TooManyWait", 170, out, sizeof out), "Příliš mnoho pokusů. Zkuste to znovu za 3 minuty.",
	    "too_many: and in Czech");

	csrf_derive("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", tok);
	snprintf(cookie, sizeof cookie, "ev_v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; lang=en");
	snprintf(form, sizeof form, "csrf=%s&email=a%%40b.cz&name=evil%%E2%%80%%AEgnp.exe&password=Zelena-louka-1&password2=Zelena-louka-1", tok);
	snprintf(len, sizeof len, "%zu", strlen(form));
	body("application/x-www-form-urlencoded", form);
	next_cookie = cookie;
	r = run("POST", "/register", "CONTENT_LENGTH", len);
	T_OK(r->status == 200 && has(r, "id=\"e-name\"") && has(r, "invisible formatting characters"),
	    "a name with a right-to-left override is refused at the name, with the reason (%d)", r->status);
}

/* fail() cuts a long message on a character boundary, so the JSON error is valid (3.8); the
 * name with and without an "x" before the 300 × é, so that one of them is cut in the middle of
 * an é whatever the length of the text around it */
static void
test_long_error(void)
{
	for (int n = 0; n <= 1; n++) {
		struct buf uri = { 0 };
		struct req *r;
		json_t *doc, *e;
		json_error_t jerr;

		buf_adds(&uri, n ? "/api/v1/chargers?x" : "/api/v1/chargers?");
		for (int i = 0; i < 300; i++)
			buf_adds(&uri, "%C3%A9");
		buf_adds(&uri, "=1");
		r = run("GET", uri.s, NULL, NULL);
		T_INT(r->status, 400, "/api/v1/chargers?%s<300 × é>=1 is 400", n ? "x" : "");
		doc = json_loadb(r->out.s ? r->out.s : "", r->out.len, 0, &jerr);
		T_OK(doc != NULL, "and its body is valid JSON (%s)", doc ? "ok" : jerr.text);
		e = json_object_get(doc, "error");
		T_OK(json_is_string(json_object_get(e, "message")) &&
		    strncmp(json_string_value(json_object_get(e, "message")), "unknown parameter", 17) == 0,
		    "with the message, cut where a character ends");
		T_OK(json_integer_value(json_object_get(e, "status")) == 400, "and the status 400");
		json_decref(doc);
		buf_free(&uri);
	}
}

int
main(void)
{
	char err[512];

	setenv("EVSHARE_DATABASE", "host=/nonexistent port=1 dbname=none", 1);
	setenv("EVSHARE_TEMPLATES_DIR", "templates", 1);
	setenv("EVSHARE_LOG_LEVEL", "error", 1);
	unsetenv("EVSHARE_CONF");
	unsetenv("EVSHARE_MAX_BODY");
	unsetenv("EVSHARE_MAX_QUERY");
	if (config_load(NULL, err, sizeof err) || secret_init() ||
	    render_init(config_str("templates_dir"), err, sizeof err)) {
		printf("not ok - setup: %s\n", err);
		return 1;
	}
	log_init("test_web", LOGL_ERROR);
	test_routes();
	test_validation();
	test_bodies();
	test_escaping();
	test_lang_files();
	test_people();
	test_hdf_rows();
	test_safe_next();
	test_long_error();
	test_words();
	test_incomplete_answer();
	test_session_cookie();
	req_reset(&R);
	buf_free(&R.out);
	buf_free(&R.body);
	buf_free(&R.headers);
	kvlist_free(&R.query);
	kvlist_free(&R.form);
	kvlist_free(&R.cookies);
	kvlist_free(&R.params);
	return t_done();
}
