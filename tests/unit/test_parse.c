/*
 * test_parse.c - fcgi/parse.c: urlencoded, cookies, routes, Accept-Language, numbers.
 * Includes the .c so the static helpers are reachable (lib/ comes linked; its UTF-8 checks are
 * tested in test_utf8.c).
 */
#include "../../fcgi/parse.c"
#include "t.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* The list as "name=value|name=value", in a static buffer; "(empty)" for no pairs. */
static const char *
dump(const struct kvlist *l)
{
	static char buf[1024];
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->n; i++)
		off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%s=%s", i ? "|" : "",
		                        l->v[i].name, l->v[i].value);
	return l->n ? buf : "(empty)";
}

/* s with bytes outside printable ASCII as \xNN, so each check stays one line; two static
 * buffers used in turn, enough for one check's description. */
static const char *
esc(const char *s)
{
	static char buf[2][512];
	static int which;
	char *b = buf[which ^= 1];
	size_t off = 0;

	for (; *s && off < sizeof buf[0] - 5; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c >= 0x7F)
			off += (size_t)snprintf(b + off, 5, "\\x%02X", c);
		else
			b[off++] = (char)c;
	}
	b[off] = '\0';
	return b;
}

/* --- kvlist --- */

static void
test_kvlist(void)
{
	struct kvlist l = { 0 };
	char big[40];

	T_INT(l.n, 0, "kvlist: zero-initialised is empty");
	T_OK(kvlist_get(&l, "a") == NULL, "kvlist: get on empty list is NULL");
	T_INT(kvlist_add(&l, "a", 1, "1", 1), 0, "kvlist: add a=1");
	T_INT(kvlist_add(&l, "bxx", 1, "2yy", 1), 0, "kvlist: add copies only nlen/vlen bytes");
	T_INT(kvlist_add(&l, "a", 1, "3", 1), 0, "kvlist: add duplicate name");
	T_INT(kvlist_add(&l, "", 0, "", 0), 0, "kvlist: add empty name and value");
	T_STR(dump(&l), "a=1|b=2|a=3|=", "kvlist: contents in order");
	T_STR(kvlist_get(&l, "a"), "1", "kvlist: get returns the first match");
	T_STR(kvlist_get(&l, "b"), "2", "kvlist: get b");
	T_STR(kvlist_get(&l, ""), "", "kvlist: get empty name");
	T_OK(kvlist_get(&l, "c") == NULL, "kvlist: get missing is NULL");
	T_OK(kvlist_get(&l, "bxx") == NULL, "kvlist: name was cut at nlen");

	struct kv *arr = l.v;
	kvlist_clear(&l);
	T_INT(l.n, 0, "kvlist: clear empties");
	T_OK(l.v == arr && l.cap >= 4, "kvlist: clear keeps the array");
	T_OK(kvlist_get(&l, "a") == NULL, "kvlist: get after clear is NULL");

	for (int i = 0; i < 100; i++) {
		int n = snprintf(big, sizeof big, "k%d", i);
		if (kvlist_add(&l, big, (size_t)n, big + 1, (size_t)n - 1) != 0)
			break;
	}
	T_INT(l.n, 100, "kvlist: grows to 100 pairs");
	T_STR(kvlist_get(&l, "k99"), "99", "kvlist: last of 100");
	T_STR(kvlist_get(&l, "k0"), "0", "kvlist: first of 100");
	kvlist_free(&l);
	T_OK(l.v == NULL && l.n == 0 && l.cap == 0 && l.err_name == NULL, "kvlist: free zeroes");
	kvlist_free(&l);
	T_OK(l.v == NULL, "kvlist: free twice is harmless");
	T_INT(kvlist_add(&l, "x", 1, "y", 1), 0, "kvlist: usable after free");
	kvlist_free(&l);
}

static void
test_status_str(void)
{
	T_STR(parse_status_str(PARSE_OK), "ok", "status_str: ok");
	T_STR(parse_status_str(PARSE_BAD_ENCODING), "invalid percent-encoding",
	      "status_str: bad encoding");
	T_STR(parse_status_str(PARSE_BAD_UTF8), "invalid UTF-8", "status_str: bad utf8");
	T_STR(parse_status_str(PARSE_BAD_CHAR), "control character not allowed",
	      "status_str: bad char");
	T_STR(parse_status_str(PARSE_TOO_MANY), "too many parameters", "status_str: too many");
	T_STR(parse_status_str(PARSE_NOMEM), "out of memory", "status_str: nomem");
	T_STR(parse_status_str((enum parse_status)99), "unknown error", "status_str: unknown");
}

/* --- parse_urlencoded --- */

/* Invisible formatting characters in titles and names (UTF-8 itself: test_utf8.c). */
static void
test_text(void)
{
	static const struct { const char *s; int want; } plain[] = {
		{ "Wallbox v garáži", 1 },
		{ "Žluťoučký kůň – 11 kW € 🔌", 1 },
		{ "evil\xe2\x80\xaegnp.exe", 0 },    /* U+202E right-to-left override */
		{ "\xe2\x80\xaa", 0 },               /* U+202A */
		{ "\xe2\x80\xac", 0 },               /* U+202C pop */
		{ "a\xe2\x81\xa6" "b", 0 },             /* U+2066 isolate */
		{ "a\xe2\x81\xa9" "b", 0 },             /* U+2069 */
		{ "a\xe2\x80\x8b" "b", 0 },             /* U+200B zero width space */
		{ "a\xe2\x80\x8d" "b", 0 },             /* U+200D joiner */
		{ "a\xe2\x80\x8f" "b", 0 },             /* U+200F right-to-left mark */
		{ "a\xe2\x81\xa0" "b", 0 },             /* U+2060 word joiner */
		{ "\xef\xbb\xbfTitle", 0 },          /* U+FEFF */
		{ "a\xe2\x80\x93" "b", 1 },             /* U+2013 en dash is fine */
		{ "a\xe2\x80\xaf" "b", 1 },             /* U+202F narrow no-break space is fine */
		{ "a\xe2\x81\xa5" "b", 1 },             /* U+2065 (unassigned, next to the isolates) */
		{ "a\xe2\x80\x8a" "b", 1 },             /* U+200A hair space */
		{ "", 1 },
	};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		T_INT(text_plain(plain[i].s), plain[i].want, "text_plain: \"%s\"", esc(plain[i].s));
}

static void
test_urlencoded(void)
{
	static const struct {
		const char *in;
		enum parse_status st;
		const char *want;       /* dump() on success, the bad name (or NULL) on error */
	} t[] = {
		{ "", PARSE_OK, "(empty)" },
		{ "a=1", PARSE_OK, "a=1" },
		{ "a=1&b=2", PARSE_OK, "a=1|b=2" },
		{ "a=1&&b=2", PARSE_OK, "a=1|b=2" },
		{ "&&&", PARSE_OK, "(empty)" },
		{ "&a=1&", PARSE_OK, "a=1" },
		{ "a", PARSE_OK, "a=" },
		{ "a&b=", PARSE_OK, "a=|b=" },
		{ "=", PARSE_OK, "=" },
		{ "=x", PARSE_OK, "=x" },
		{ "a==b", PARSE_OK, "a==b" },
		{ "a=b=c", PARSE_OK, "a=b=c" },
		{ "a=1;b=2", PARSE_OK, "a=1;b=2" },
		{ "+", PARSE_OK, " =" },
		{ "q=hello+world", PARSE_OK, "q=hello world" },
		{ "q=a%2Bb", PARSE_OK, "q=a+b" },
		{ "q=%20%20", PARSE_OK, "q=  " },
		{ "first+name=Jan", PARSE_OK, "first name=Jan" },
		{ "%61%62=%63", PARSE_OK, "ab=c" },
		{ "x=%3d%3D%26", PARSE_OK, "x===&" },
		{ "x=%25", PARSE_OK, "x=%" },
		{ "x=%2525", PARSE_OK, "x=%25" },
		{ "city=Plze%C5%88", PARSE_OK, "city=Plze\xC5\x88" },
		{ "city=Plze\xC5\x88", PARSE_OK, "city=Plze\xC5\x88" },
		{ "e=%E2%82%AC", PARSE_OK, "e=\xE2\x82\xAC" },
		{ "plug=%F0%9F%94%8C", PARSE_OK, "plug=\xF0\x9F\x94\x8C" },
		{ "t=a%09b%0D%0Ac", PARSE_OK, "t=a\tb\r\nc" },
		{ "a=1&a=2", PARSE_OK, "a=1|a=2" },
		{ "a=%2F", PARSE_OK, "a=/" },
		/* bad percent-encoding: in the name the name is unknown, in the value it is */
		{ "%", PARSE_BAD_ENCODING, NULL },
		{ "a=%", PARSE_BAD_ENCODING, "a" },
		{ "a=%4", PARSE_BAD_ENCODING, "a" },
		{ "a=%4&b=1", PARSE_BAD_ENCODING, "a" },
		{ "a=%zz", PARSE_BAD_ENCODING, "a" },
		{ "a=%4g", PARSE_BAD_ENCODING, "a" },
		{ "a=%g4", PARSE_BAD_ENCODING, "a" },
		{ "a=% 41", PARSE_BAD_ENCODING, "a" },
		{ "a=%-1", PARSE_BAD_ENCODING, "a" },
		{ "a=1&b=x%", PARSE_BAD_ENCODING, "b" },
		{ "a=1&b=x%2", PARSE_BAD_ENCODING, "b" },
		{ "%zz=1", PARSE_BAD_ENCODING, NULL },
		{ "b%=1", PARSE_BAD_ENCODING, NULL },
		{ "a=%00", PARSE_BAD_ENCODING, "a" },
		{ "a%00b=1", PARSE_BAD_ENCODING, NULL },
		{ "%00", PARSE_BAD_ENCODING, NULL },
		/* UTF-8 */
		{ "a=%C0%AF", PARSE_BAD_UTF8, "a" },
		{ "a=%ED%A0%80", PARSE_BAD_UTF8, "a" },
		{ "a=%F4%90%80%80", PARSE_BAD_UTF8, "a" },
		{ "a=%FF", PARSE_BAD_UTF8, "a" },
		{ "a=%C5", PARSE_BAD_UTF8, "a" },
		{ "a=\xC5", PARSE_BAD_UTF8, "a" },
		{ "%C5=1", PARSE_BAD_UTF8, NULL },
		{ "a=%E2%82", PARSE_BAD_UTF8, "a" },
		{ "ok=1&name=%C3%28", PARSE_BAD_UTF8, "name" },
		/* control characters */
		{ "a=%01", PARSE_BAD_CHAR, "a" },
		{ "a=%1F", PARSE_BAD_CHAR, "a" },
		{ "a=%7F", PARSE_BAD_CHAR, "a" },
		{ "a=%1B[31m", PARSE_BAD_CHAR, "a" },
		{ "a=%C2%80", PARSE_BAD_CHAR, "a" },
		{ "a=%C2%9F", PARSE_BAD_CHAR, "a" },
		{ "a=\x01", PARSE_BAD_CHAR, "a" },
		{ "a%0B=1", PARSE_BAD_CHAR, NULL },
	};
	struct kvlist l = { 0 };

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *bad = "unset";
		enum parse_status st;

		kvlist_clear(&l);
		st = parse_urlencoded(&l, t[i].in, strlen(t[i].in), 100, &bad);
		T_INT(st, t[i].st, "urlencoded: \"%s\" -> %s", esc(t[i].in), parse_status_str(t[i].st));
		if (t[i].st == PARSE_OK) {
			T_STR(dump(&l), t[i].want, "urlencoded: \"%s\" pairs", esc(t[i].in));
			T_OK(bad == NULL, "urlencoded: \"%s\" bad_name NULL on success", esc(t[i].in));
		} else {
			T_STR(bad, t[i].want, "urlencoded: \"%s\" names the field", esc(t[i].in));
			T_INT(l.n, 0, "urlencoded: \"%s\" leaves no pairs", esc(t[i].in));
		}
	}

	/* len, not NUL, ends the input; a NUL byte inside is rejected */
	kvlist_clear(&l);
	T_INT(parse_urlencoded(&l, "a=1&b=2", 3, 10, NULL), PARSE_OK, "urlencoded: len bounds input");
	T_STR(dump(&l), "a=1", "urlencoded: only the first len bytes");
	kvlist_clear(&l);
	T_INT(parse_urlencoded(&l, "a=x\0y", 5, 10, NULL), PARSE_BAD_ENCODING,
	      "urlencoded: raw NUL in value");
	kvlist_clear(&l);
	T_INT(parse_urlencoded(&l, NULL, 0, 10, NULL), PARSE_OK, "urlencoded: NULL with len 0");
	T_INT(l.n, 0, "urlencoded: NULL gives nothing");
	/* "%4" at the very end of len with more bytes after it in memory */
	T_INT(parse_urlencoded(&l, "a=%41", 4, 10, NULL), PARSE_BAD_ENCODING,
	      "urlencoded: %% cut by len is short");

	/* max_pairs */
	kvlist_clear(&l);
	T_INT(parse_urlencoded(&l, "a=1&b=2&c=3", 11, 3, NULL), PARSE_OK, "urlencoded: 3 of max 3");
	kvlist_clear(&l);
	T_INT(parse_urlencoded(&l, "a=1&b=2&c=3&d", 13, 3, NULL), PARSE_TOO_MANY,
	      "urlencoded: 4 of max 3");
	T_INT(l.n, 0, "urlencoded: too many leaves no pairs");
	kvlist_clear(&l);
	T_INT(parse_urlencoded(&l, "a=1&&&&b=2&&&", 13, 2, NULL), PARSE_OK,
	      "urlencoded: empty pairs do not count");
	kvlist_clear(&l);
	T_INT(parse_urlencoded(&l, "", 0, 0, NULL), PARSE_OK, "urlencoded: max 0, empty input");
	T_INT(parse_urlencoded(&l, "&", 1, 0, NULL), PARSE_OK, "urlencoded: max 0, only '&'");
	T_INT(parse_urlencoded(&l, "a", 1, 0, NULL), PARSE_TOO_MANY, "urlencoded: max 0, one pair");
	{
		const char *bad = "unset";
		T_INT(parse_urlencoded(&l, "a=1&b=2&c=%zz", 13, 2, &bad), PARSE_TOO_MANY,
		      "urlencoded: limit checked before decoding the extra pair");
		T_OK(bad == NULL, "urlencoded: too many names no field");
	}
	{
		char many[8000];
		size_t off = 0;
		for (int i = 0; i < 500; i++)
			off += (size_t)snprintf(many + off, sizeof many - off, "%sk%d=%d", i ? "&" : "",
			                        i, i);
		kvlist_clear(&l);
		T_INT(parse_urlencoded(&l, many, off, 500, NULL), PARSE_OK, "urlencoded: 500 pairs");
		T_INT(l.n, 500, "urlencoded: 500 pairs kept");
		T_STR(kvlist_get(&l, "k499"), "499", "urlencoded: last of 500");
		kvlist_clear(&l);
		T_INT(parse_urlencoded(&l, many, off, 499, NULL), PARSE_TOO_MANY,
		      "urlencoded: 500 pairs over 499");
		T_INT(l.n, 0, "urlencoded: 500 over 499 leaves no pairs");
	}

	/* appending: an error keeps what was there before the call; max counts this call only */
	kvlist_clear(&l);
	T_INT(parse_urlencoded(&l, "a=1&b=2", 7, 2, NULL), PARSE_OK, "urlencoded: query");
	T_INT(parse_urlencoded(&l, "c=3&d=4", 7, 2, NULL), PARSE_OK, "urlencoded: body appends");
	T_STR(dump(&l), "a=1|b=2|c=3|d=4", "urlencoded: query then body");
	{
		const char *bad = NULL;
		T_INT(parse_urlencoded(&l, "e=5&f=%C0%AF", 12, 10, &bad), PARSE_BAD_UTF8,
		      "urlencoded: bad second call");
		T_STR(dump(&l), "a=1|b=2|c=3|d=4", "urlencoded: error rolls back to before the call");
		T_STR(bad, "f", "urlencoded: bad_name after rollback");
		T_OK(bad == l.err_name, "urlencoded: bad_name is owned by the list");
		T_INT(parse_urlencoded(&l, "g=%zz", 5, 10, &bad), PARSE_BAD_ENCODING,
		      "urlencoded: another bad call");
		T_STR(bad, "g", "urlencoded: bad_name replaced");
		T_INT(parse_urlencoded(&l, "h%zz=1", 6, 10, &bad), PARSE_BAD_ENCODING,
		      "urlencoded: bad name");
		T_OK(bad == NULL, "urlencoded: bad name gives NULL bad_name");
		T_INT(parse_urlencoded(&l, "i=%zz", 5, 10, NULL), PARSE_BAD_ENCODING,
		      "urlencoded: bad_name may be NULL");
	}
	kvlist_clear(&l);
	T_OK(l.err_name == NULL, "urlencoded: clear frees err_name");
	{
		const char *bad = NULL;
		T_INT(parse_urlencoded(&l, "name%20x=%01", 12, 10, &bad), PARSE_BAD_CHAR,
		      "urlencoded: control char");
		T_STR(bad, "name x", "urlencoded: bad_name is the decoded name");
	}
	kvlist_free(&l);
	T_OK(l.err_name == NULL, "urlencoded: free frees err_name");
}

/* --- parse_cookies --- */

static void
test_cookies(void)
{
	static const struct { const char *in; const char *want; } t[] = {
		{ "", "(empty)" },
		{ "a=1", "a=1" },
		{ "a=1; b=2", "a=1|b=2" },
		{ "a=1;b=2", "a=1|b=2" },
		{ "  a = 1 ;  b\t=\t2  ", "a=1|b=2" },
		{ "a=", "a=" },
		{ "a=\"\"", "a=" },
		{ "a=\"x y\"", "a=x y" },
		{ "a= \" x \" ", "a= x " },
		{ "a=\"", "a=\"" },
		{ "a=\"x", "a=\"x" },
		{ "a=x\"", "a=x\"" },
		{ "a=\"\"\"", "a=\"" },
		{ "a=%41+b", "a=%41+b" },
		{ "a=1=2", "a=1=2" },
		{ "sid=abc; sid=def", "sid=abc|sid=def" },
		{ ";;;", "(empty)" },
		{ "; a=1 ;", "a=1" },
		{ "novalue; a=1", "a=1" },
		{ "=1; a=1", "a=1" },
		{ " =1; a=1", "a=1" },
		{ "a=1; b", "a=1" },
		{ "a=\x01; b=2", "b=2" },
		{ "a=x\x7F; b=2", "b=2" },
		{ "a=\xC0\xAF; b=2", "b=2" },
		{ "a=\xED\xA0\x80; b=2", "b=2" },
		{ "\xFF=1; b=2", "b=2" },
		{ "lang=\xC4\x8D" "esky", "lang=\xC4\x8D" "esky" },
		{ "a=1,b=2", "a=1,b=2" },
	};
	struct kvlist l = { 0 };

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		kvlist_clear(&l);
		T_INT(parse_cookies(&l, t[i].in, 50), PARSE_OK, "cookies: \"%s\" ok", esc(t[i].in));
		T_STR(dump(&l), t[i].want, "cookies: \"%s\"", esc(t[i].in));
	}
	kvlist_clear(&l);
	T_INT(parse_cookies(&l, NULL, 50), PARSE_OK, "cookies: NULL header");
	T_INT(l.n, 0, "cookies: NULL header gives nothing");

	/* max_pairs counts only good cookies */
	T_INT(parse_cookies(&l, "a=1; b=2; c=3", 3), PARSE_OK, "cookies: 3 of max 3");
	kvlist_clear(&l);
	T_INT(parse_cookies(&l, "a=1; junk; =x; b=2", 2), PARSE_OK,
	      "cookies: skipped pieces do not count");
	kvlist_clear(&l);
	T_INT(parse_cookies(&l, "x=0", 5), PARSE_OK, "cookies: one before");
	T_INT(parse_cookies(&l, "a=1; b=2; c=3; d=4", 3), PARSE_TOO_MANY, "cookies: 4 of max 3");
	T_STR(dump(&l), "x=0", "cookies: too many rolls back to before the call");
	T_INT(parse_cookies(&l, "a=1", 0), PARSE_TOO_MANY, "cookies: max 0");
	{
		char many[8000];
		size_t off = 0;
		for (int i = 0; i < 300; i++)
			off += (size_t)snprintf(many + off, sizeof many - off, "c%d=\"v%d\"; ", i, i);
		kvlist_clear(&l);
		T_INT(parse_cookies(&l, many, 300), PARSE_OK, "cookies: 300 cookies");
		T_INT(l.n, 300, "cookies: 300 kept");
		T_STR(kvlist_get(&l, "c0"), "v0", "cookies: first of 300");
		T_STR(kvlist_get(&l, "c299"), "v299", "cookies: last of 300, unquoted");
		kvlist_clear(&l);
		T_INT(parse_cookies(&l, many, 299), PARSE_TOO_MANY, "cookies: 300 over 299");
		T_INT(l.n, 0, "cookies: 300 over 299 leaves none");
	}
	kvlist_free(&l);
}

/* --- route_match --- */

static void
test_routes(void)
{
	static const struct { const char *pat, *path; int match; const char *want; } t[] = {
		{ "/", "/", 1, "(empty)" },
		{ "", "", 1, "(empty)" },
		{ "/", "", 0, NULL },
		{ "", "/", 0, NULL },
		{ "/chargers", "/chargers", 1, "(empty)" },
		{ "/chargers", "/chargers/", 0, NULL },
		{ "/chargers/", "/chargers", 0, NULL },
		{ "/chargers", "/charger", 0, NULL },
		{ "/chargers", "/Chargers", 0, NULL },
		{ "/chargers", "/%63hargers", 0, NULL },
		{ "/chargers/{id}", "/chargers/17", 1, "id=17" },
		{ "/chargers/{id}", "/chargers/", 0, NULL },
		{ "/chargers/{id}", "/chargers", 0, NULL },
		{ "/chargers/{id}", "/chargers/17/", 0, NULL },
		{ "/chargers/{id}", "/chargers/17/x", 0, NULL },
		{ "/chargers/{id}/", "/chargers/17/", 1, "id=17" },
		{ "/chargers/{id}/", "/chargers/17", 0, NULL },
		{ "/chargers/{id}", "/chargers//", 0, NULL },
		{ "/chargers/{id}/sessions/{sid}", "/chargers/a-1/sessions/42", 1, "id=a-1|sid=42" },
		{ "/chargers/{id}/sessions/{sid}", "/chargers/a-1/session/42", 0, NULL },
		{ "/chargers/{id}/sessions/{sid}", "/chargers//sessions/42", 0, NULL },
		{ "/{a}/{b}", "/x/y", 1, "a=x|b=y" },
		{ "/{a}/{a}", "/x/y", 1, "a=x|a=y" },
		{ "/{x}", "/hello%20world", 1, "x=hello world" },
		{ "/{x}", "/a+b", 1, "x=a+b" },
		{ "/{x}", "/%C5%A1", 1, "x=\xC5\xA1" },
		{ "/{x}", "/%F0%9F%94%8C", 1, "x=\xF0\x9F\x94\x8C" },
		{ "/{x}", "/%3F%23", 1, "x=?#" },
		{ "/{x}", "/...", 1, "x=..." },
		{ "/{x}", "/.a", 1, "x=.a" },
		{ "/u-{x}", "/u-7", 1, "x=7" },
		{ "/u-{x}", "/u-", 0, NULL },
		/* decoding failures: no match */
		{ "/{x}", "/%", 0, NULL },
		{ "/{x}", "/%4", 0, NULL },
		{ "/{x}", "/%zz", 0, NULL },
		{ "/{x}", "/%00", 0, NULL },
		{ "/{x}", "/%01", 0, NULL },
		{ "/{x}", "/%C0%AF", 0, NULL },
		{ "/{x}", "/%ED%A0%80", 0, NULL },
		{ "/{x}", "/\xFF", 0, NULL },
		/* a decoded '/' would make a param two segments: refused; so are . and .. */
		{ "/{x}", "/a%2Fb", 0, NULL },
		{ "/{x}", "/a%2fb", 0, NULL },
		{ "/{x}", "/%2F", 0, NULL },
		{ "/{x}", "/.", 0, NULL },
		{ "/{x}", "/..", 0, NULL },
		{ "/{x}", "/%2E%2E", 0, NULL },
		{ "/{x}", "/%2e", 0, NULL },
		/* malformed patterns match nothing */
		{ "/{x", "/a", 0, NULL },
		{ "/{}", "/a", 0, NULL },
		{ "/{x}.json", "/a.json", 0, NULL },
		{ "/{x}y", "/ay", 0, NULL },
	};
	struct kvlist l = { 0 };

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		kvlist_clear(&l);
		T_INT(route_match(t[i].pat, t[i].path, &l), t[i].match, "route: \"%s\" ~ \"%s\" -> %d",
		      esc(t[i].pat), esc(t[i].path), t[i].match);
		if (t[i].match)
			T_STR(dump(&l), t[i].want, "route: \"%s\" ~ \"%s\" params", esc(t[i].pat),
			      esc(t[i].path));
		else
			T_INT(l.n, 0, "route: \"%s\" ~ \"%s\" leaves no params", esc(t[i].pat),
			      esc(t[i].path));
	}

	/* params are appended; a failed match leaves earlier ones alone */
	kvlist_clear(&l);
	T_INT(kvlist_add(&l, "keep", 4, "me", 2), 0, "route: setup");
	T_INT(route_match("/a/{x}/b/{y}", "/a/1/b/", &l), 0, "route: fails on the 2nd param");
	T_STR(dump(&l), "keep=me", "route: failed match rolls back the 1st param");
	T_INT(route_match("/a/{x}/c", "/a/1/b", &l), 0, "route: fails after a param");
	T_STR(dump(&l), "keep=me", "route: failed literal rolls back");
	T_INT(route_match("/a/{x}", "/a/1", &l), 1, "route: match appends");
	T_STR(dump(&l), "keep=me|x=1", "route: appended after existing");
	kvlist_free(&l);
}

/* --- pick_lang --- */

static void
test_lang(void)
{
	static const struct { const char *in, *want; } t[] = {
		{ "", "cs" },
		{ "   ", "cs" },
		{ ",,,", "cs" },
		{ "garbage!!", "cs" },
		{ ";q=1", "cs" },
		{ "cs", "cs" },
		{ "en", "en" },
		{ "EN", "en" },
		{ "En-gB", "en" },
		{ "en-GB", "en" },
		{ "en-US,en;q=0.9", "en" },
		{ "cs-CZ", "cs" },
		{ "cs-CZ,cs;q=0.9,en;q=0.8", "cs" },
		{ "en-GB;q=0.8, cs;q=0.7", "en" },
		{ "en-GB;q=0.8", "en" },
		{ "en;q=0.5, cs;q=0.5", "cs" },
		{ "cs;q=0.5, en;q=0.5", "cs" },
		{ "cs;q=0.5, en;q=0.501", "en" },
		{ "en, cs", "cs" },
		{ "en;q=1, cs;q=1.000", "cs" },
		{ "de, fr;q=0.9", "cs" },
		{ "de, en;q=0.1", "en" },
		{ "de, en;q=0", "cs" },
		{ "en;q=0", "cs" },
		{ "en;q=0, cs;q=0", "cs" },
		{ "cs;q=0, en", "en" },
		{ "cs;q=0, en;q=0.001", "en" },
		{ "*", "cs" },
		{ "*;q=0.5", "cs" },
		{ "en;q=0.5, *", "cs" },
		{ "en, *;q=0.5", "en" },
		{ "cs;q=0.1, *", "en" },
		{ "cs;q=0.1, en;q=0.2, *", "en" },
		{ "en;q=0.2, cs;q=0.3, *;q=0.9", "cs" },
		{ "*;q=0, en;q=0.1", "en" },
		{ "en-GB;q=0.3, en;q=0.9, cs;q=0.5", "en" },
		{ "en;q=0.9, en-GB;q=0.3, cs;q=0.5", "en" },
		/* "ces"/"eng" or "cz" are not cs/en; "english" is not a tag */
		{ "cz", "cs" },
		{ "eng", "cs" },
		{ "english", "cs" },
		{ "enx, cs;q=0.1", "cs" },
		/* bad q: the range is ignored */
		{ "en;q=2", "cs" },
		{ "en;q=1.5", "cs" },
		{ "en;q=1.001", "cs" },
		{ "en;q=0.1234", "cs" },
		{ "en;q=-1", "cs" },
		{ "en;q=", "cs" },
		{ "en;q=abc", "cs" },
		{ "en;q=.5", "cs" },
		{ "en;q=0.5x", "cs" },
		{ "en; q=0.5", "en" },
		{ "en ;Q=0.5", "en" },
		{ "en;q=1.", "en" },
		{ "en;foo=bar", "en" },
		{ "en;q=0.5;q=0", "cs" },
		/* bad tags */
		{ "en_GB", "cs" },
		{ "en-", "cs" },
		{ "en--GB", "cs" },
		{ "-en", "cs" },
		{ "en-abcdefghi", "cs" },
		{ "en-abcdefgh", "en" },
		{ "en-419", "en" },
		{ "e n", "cs" },
		{ "*-en", "cs" },
		{ "\xC4\x8D" "e", "cs" },
		{ "  en-GB  ;  q=0.8  ,  de  ", "en" },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		T_STR(pick_lang(t[i].in), t[i].want, "pick_lang: \"%s\"", esc(t[i].in));
	T_STR(pick_lang(NULL), "cs", "pick_lang: NULL");
}

/* --- numbers --- */

static void
test_long(void)
{
	static const struct { const char *in; long long min, max; int rc; long long want; } t[] = {
		{ "0", 0, 10, 0, 0 },
		{ "7", 0, 10, 0, 7 },
		{ "10", 0, 10, 0, 10 },
		{ "11", 0, 10, -1, 0 },
		{ "-1", 0, 10, -1, 0 },
		{ "-1", -5, 10, 0, -1 },
		{ "-0", 0, 10, 0, 0 },
		{ "007", 0, 10, 0, 7 },
		{ "9223372036854775807", LLONG_MIN, LLONG_MAX, 0, LLONG_MAX },
		{ "-9223372036854775808", LLONG_MIN, LLONG_MAX, 0, LLONG_MIN },
		{ "9223372036854775808", LLONG_MIN, LLONG_MAX, -1, 0 },
		{ "-9223372036854775809", LLONG_MIN, LLONG_MAX, -1, 0 },
		{ "99999999999999999999999", LLONG_MIN, LLONG_MAX, -1, 0 },
		{ "", 0, 10, -1, 0 },
		{ "-", 0, 10, -1, 0 },
		{ "+1", 0, 10, -1, 0 },
		{ " 1", 0, 10, -1, 0 },
		{ "1 ", 0, 10, -1, 0 },
		{ "1\n", 0, 10, -1, 0 },
		{ "0x10", 0, 100, -1, 0 },
		{ "1e3", 0, 10000, -1, 0 },
		{ "1.0", 0, 10, -1, 0 },
		{ "1,0", 0, 10, -1, 0 },
		{ "--1", -10, 10, -1, 0 },
		{ "1-", 0, 10, -1, 0 },
		{ "abc", 0, 10, -1, 0 },
		{ "\xD9\xA1", 0, 10, -1, 0 },  /* Arabic-Indic digit one */
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		long long v = 12345;
		T_INT(parse_long(t[i].in, t[i].min, t[i].max, &v), t[i].rc,
		      "parse_long: \"%s\" in [%lld, %lld]", esc(t[i].in), t[i].min, t[i].max);
		T_INT(v, t[i].rc == 0 ? t[i].want : 12345, "parse_long: \"%s\" value", esc(t[i].in));
	}
	{
		long long v = 5;
		T_INT(parse_long(NULL, 0, 10, &v), -1, "parse_long: NULL");
	}
}

/* Sets LC_NUMERIC to a locale whose decimal point is ','; 1 done, 0 not possible. An installed
 * cs_CZ or de_DE is used when there is one; otherwise cs_CZ.UTF-8 is compiled with localedef
 * from the glibc sources every Debian has into a new directory under /tmp (named in dir, for
 * the caller to remove) that LOCPATH points to. */
static int
comma_locale(char dir[64])
{
	char cmd[256];

	*dir = '\0';
	if (setlocale(LC_NUMERIC, "cs_CZ.UTF-8") || setlocale(LC_NUMERIC, "de_DE.UTF-8"))
		return 1;
	snprintf(dir, 64, "/tmp/evshare-locale.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		*dir = '\0';
		return 0;
	}
	/* -c: the glibc sources give warnings that are not errors here */
	snprintf(cmd, sizeof cmd, "localedef -c -i cs_CZ -f UTF-8 '%s/cs_CZ.UTF-8' >/dev/null 2>&1", dir);
	if (system(cmd) == -1)
		return 0;
	setenv("LOCPATH", dir, 1);
	return setlocale(LC_NUMERIC, "cs_CZ.UTF-8") != NULL;
}

static void
test_double(void)
{
	static const struct { const char *in; double min, max; int rc; double want; } t[] = {
		{ "0", -1, 1, 0, 0 },
		{ "1.5", 0, 2, 0, 1.5 },
		{ "-1.5", -2, 2, 0, -1.5 },
		{ "14.4213", -180, 180, 0, 14.4213 },
		{ "50.0755381", -90, 90, 0, 50.0755381 },
		{ "007.50", 0, 10, 0, 7.5 },
		{ "2", 0, 2, 0, 2 },
		{ "2.0000001", 0, 2, -1, 0 },
		{ "-0", 0, 1, 0, 0 },
		{ "0.1", 0, 1, 0, 0.1 },
		{ "", 0, 1, -1, 0 },
		{ "-", 0, 1, -1, 0 },
		{ ".5", 0, 1, -1, 0 },
		{ "5.", 0, 10, -1, 0 },
		{ "-.5", -1, 1, -1, 0 },
		{ "+1", 0, 2, -1, 0 },
		{ " 1", 0, 2, -1, 0 },
		{ "1 ", 0, 2, -1, 0 },
		{ "1,5", 0, 2, -1, 0 },
		{ "1.2.3", 0, 2, -1, 0 },
		{ "1e3", 0, 1e6, -1, 0 },
		{ "1E3", 0, 1e6, -1, 0 },
		{ "0x1p3", 0, 1e6, -1, 0 },
		{ "inf", -1e308, 1e308, -1, 0 },
		{ "-inf", -1e308, 1e308, -1, 0 },
		{ "nan", -1e308, 1e308, -1, 0 },
		{ "NAN", -1e308, 1e308, -1, 0 },
		{ "infinity", -1e308, 1e308, -1, 0 },
	};
	char huge[400];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		double v = 12345;
		T_INT(parse_double(t[i].in, t[i].min, t[i].max, &v), t[i].rc,
		      "parse_double: \"%s\" in [%g, %g]", esc(t[i].in), t[i].min, t[i].max);
		T_OK(v == (t[i].rc == 0 ? t[i].want : 12345), "parse_double: \"%s\" value (got %.17g)",
		     esc(t[i].in), v);
	}
	memset(huge, '9', sizeof huge - 1);
	huge[sizeof huge - 1] = '\0';
	{
		double v = 0;
		T_INT(parse_double(huge, -INFINITY, INFINITY, &v), -1, "parse_double: 399 nines overflow");
		T_INT(parse_double(NULL, 0, 1, &v), -1, "parse_double: NULL");
	}

	/* the process locale does not change the decimal point: this check is always made (a
	 * machine without a ',' locale gets one built here), and fails when it cannot be */
	{
		char dir[64] = "";
		int have = comma_locale(dir);
		double v = 0;

		T_OK(have, "parse_double: a locale with a decimal comma to test under (%s)",
		     *dir ? "built with localedef" : "installed");
		T_OK(have && strcmp(localeconv()->decimal_point, ",") == 0,
		     "parse_double: the test locale's decimal point is ','");
		T_INT(parse_double("1.5", 0, 2, &v), 0, "parse_double: '.' under a ',' locale");
		T_OK(v == 1.5, "parse_double: value under a ',' locale");
		T_INT(parse_double("1,5", 0, 2, &v), -1, "parse_double: ',' under a ',' locale");
		/* what parse_double and the bridge's meter values read with: lib/number.c */
		{
			char *end = NULL;

			v = strtod_c("1.5x", &end);
			T_OK(v == 1.5 && end && *end == 'x', "strtod_c: '.' under a ',' locale, end after the number");
			T_OK(strtod("1,5", NULL) == 1.5, "(the process locale's own strtod reads ',')");
			errno = 0;
			strtod_c("1e999", NULL);
			T_INT(errno, ERANGE, "strtod_c: errno as strtod leaves it (overflow: ERANGE)");
			T_STR(localeconv()->decimal_point, ",", "strtod_c: the process locale is as it was");
		}
		setlocale(LC_NUMERIC, "C");
		if (*dir) {
			char cmd[128];

			snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
			if (system(cmd) != 0)
				printf("# could not remove %s\n", dir);
		}
	}
}

/* parse_float8: parse_double's numbers, and the exponents PostgreSQL writes */
static void
test_float8(void)
{
	static const struct { const char *in; double min, max; int rc; double want; } t[] = {
		{ "14.4378", -180, 180, 0, 14.4378 },
		{ "-3", -180, 180, 0, -3 },
		{ "0", -1, 1, 0, 0 },
		{ "1e-05", -180, 180, 0, 1e-05 },
		{ "-5e-05", -90, 90, 0, -5e-05 },
		{ "1.5e+20", 0, 1e300, 0, 1.5e20 },
		{ "1E3", 0, 1e6, 0, 1000 },
		{ "2.5e1", 0, 180, 0, 25 },
		{ "1e3", 0, 180, -1, 0 },              /* out of range */
		{ "1e400", -1e308, 1e308, -1, 0 },     /* beyond a double */
		{ "1e", 0, 10, -1, 0 },
		{ "1e+", 0, 10, -1, 0 },
		{ "1e-", 0, 10, -1, 0 },
		{ "e5", 0, 1e6, -1, 0 },
		{ "1e5.5", 0, 1e6, -1, 0 },
		{ "1e5 ", 0, 1e6, -1, 0 },
		{ ".5e1", 0, 10, -1, 0 },
		{ "+1e1", 0, 100, -1, 0 },
		{ "0x1p3", 0, 1e6, -1, 0 },
		{ "inf", -1e308, 1e308, -1, 0 },
		{ "Infinity", -1e308, 1e308, -1, 0 },
		{ "NaN", -1e308, 1e308, -1, 0 },
		{ "", 0, 1, -1, 0 },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		double v = 12345;
		T_INT(parse_float8(t[i].in, t[i].min, t[i].max, &v), t[i].rc,
		      "parse_float8: \"%s\" in [%g, %g]", esc(t[i].in), t[i].min, t[i].max);
		T_OK(v == (t[i].rc == 0 ? t[i].want : 12345), "parse_float8: \"%s\" value (got %.17g)",
		     esc(t[i].in), v);
	}
	{
		double v = 0;
		T_INT(parse_float8(NULL, 0, 1, &v), -1, "parse_float8: NULL");
	}
}

static void
test_money(void)
{
	static const struct { const char *in; long long max; int rc; long long want; } t[] = {
		{ "6", 100000, 0, 600 },
		{ "6.5", 100000, 0, 650 },
		{ "6,5", 100000, 0, 650 },
		{ "6.50", 100000, 0, 650 },
		{ "6,50", 100000, 0, 650 },
		{ "6.05", 100000, 0, 605 },
		{ "6,09", 100000, 0, 609 },
		{ "0", 100000, 0, 0 },
		{ "0.01", 100000, 0, 1 },
		{ "0,00", 100000, 0, 0 },
		{ "00012.3", 100000, 0, 1230 },
		{ "1000", 100000, 0, 100000 },
		{ "1000.00", 100000, 0, 100000 },
		{ "1000.01", 100000, -1, 0 },
		{ "1001", 100000, -1, 0 },
		{ "0", 0, 0, 0 },
		{ "0.01", 0, -1, 0 },
		{ "1", -1, -1, 0 },
		{ "92233720368547758.07", LLONG_MAX, 0, LLONG_MAX },
		{ "92233720368547758.08", LLONG_MAX, -1, 0 },
		{ "92233720368547759", LLONG_MAX, -1, 0 },
		{ "999999999999999999999999", LLONG_MAX, -1, 0 },
		{ "6,505", 100000, -1, 0 },
		{ "6.505", 100000, -1, 0 },
		{ "6.", 100000, -1, 0 },
		{ "6,", 100000, -1, 0 },
		{ ".5", 100000, -1, 0 },
		{ ",5", 100000, -1, 0 },
		{ "-1", 100000, -1, 0 },
		{ "-0", 100000, -1, 0 },
		{ "+1", 100000, -1, 0 },
		{ "", 100000, -1, 0 },
		{ " 6", 100000, -1, 0 },
		{ "6 ", 100000, -1, 0 },
		{ "6 Kc", 100000, -1, 0 },
		{ "1 000", 100000, -1, 0 },
		{ "1.000,50", 100000, -1, 0 },
		{ "1e3", 100000, -1, 0 },
		{ "0x10", 100000, -1, 0 },
		{ "6.5.0", 100000, -1, 0 },
		{ "6,5,0", 100000, -1, 0 },
		{ "6.-5", 100000, -1, 0 },
		{ "inf", 100000, -1, 0 },
		{ "nan", 100000, -1, 0 },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		long long v = 12345;
		T_INT(parse_money(t[i].in, t[i].max, &v), t[i].rc, "parse_money: \"%s\" max %lld",
		      esc(t[i].in), t[i].max);
		T_INT(v, t[i].rc == 0 ? t[i].want : 12345, "parse_money: \"%s\" value", esc(t[i].in));
	}
	{
		long long v = 5;
		T_INT(parse_money(NULL, 100, &v), -1, "parse_money: NULL");
	}
}

static void
test_bbox(void)
{
	static const struct { const char *in, *why; double w, s, e, n; } t[] = {
		{ "14.2,49.9,14.6,50.2", NULL, 14.2, 49.9, 14.6, 50.2 },
		{ "-180,-90,180,90", NULL, -180, -90, 180, 90 },
		{ "-0.5,-0.5,0.5,0.5", NULL, -0.5, -0.5, 0.5, 0.5 },
		{ "0,0,0.000001,0.000001", NULL, 0, 0, 0.000001, 0.000001 },
		{ "", "bbox needs four numbers: west,south,east,north", 0, 0, 0, 0 },
		{ "1,2,3", "bbox needs four numbers: west,south,east,north", 0, 0, 0, 0 },
		{ "1,2,3,4,5", "bbox needs four numbers: west,south,east,north", 0, 0, 0, 0 },
		{ "1,2,3,4,", "bbox needs four numbers: west,south,east,north", 0, 0, 0, 0 },
		{ ",,,", "bbox: invalid number", 0, 0, 0, 0 },
		{ "1,2,,4", "bbox: invalid number", 0, 0, 0, 0 },
		{ "1,2,3,", "bbox: invalid number", 0, 0, 0, 0 },
		{ "1, 2,3,4", "bbox: invalid number", 0, 0, 0, 0 },
		{ "1,2,3,4 ", "bbox: invalid number", 0, 0, 0, 0 },
		{ "1;2;3;4", "bbox needs four numbers: west,south,east,north", 0, 0, 0, 0 },
		{ "1e1,2,3,4", "bbox: invalid number", 0, 0, 0, 0 },
		{ "nan,2,3,4", "bbox: invalid number", 0, 0, 0, 0 },
		{ "1,2,inf,4", "bbox: invalid number", 0, 0, 0, 0 },
		{ "0x1,2,3,4", "bbox: invalid number", 0, 0, 0, 0 },
		{ "1,2,3,4.", "bbox: invalid number", 0, 0, 0, 0 },
		{ "1,2,3,0000000000000000000000000000000000000000000000000000000000000000000000004",
		  "bbox: invalid number", 0, 0, 0, 0 },
		{ "-180.000001,0,1,1", "bbox: longitude out of range [-180, 180]", 0, 0, 0, 0 },
		{ "0,0,181,1", "bbox: longitude out of range [-180, 180]", 0, 0, 0, 0 },
		{ "0,91,1,92", "bbox: latitude out of range [-90, 90]", 0, 0, 0, 0 },
		{ "0,0,1,91", "bbox: latitude out of range [-90, 90]", 0, 0, 0, 0 },
		{ "0,-90.5,1,1", "bbox: latitude out of range [-90, 90]", 0, 0, 0, 0 },
		{ "14.6,49.9,14.2,50.2", "bbox: west must be less than east", 0, 0, 0, 0 },
		{ "14.2,49.9,14.2,50.2", "bbox: west must be less than east", 0, 0, 0, 0 },
		{ "170,0,-170,1", "bbox: west must be less than east", 0, 0, 0, 0 },
		{ "14.2,50.2,14.6,49.9", "bbox: south must be less than north", 0, 0, 0, 0 },
		{ "14.2,50,14.6,50", "bbox: south must be less than north", 0, 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		double b[4] = { 7, 7, 7, 7 };
		const char *why = "unset";
		int rc = parse_bbox(t[i].in, b, &why);

		if (t[i].why == NULL) {
			T_INT(rc, 0, "parse_bbox: \"%s\" ok", esc(t[i].in));
			T_OK(b[0] == t[i].w && b[1] == t[i].s && b[2] == t[i].e && b[3] == t[i].n,
			     "parse_bbox: \"%s\" values", esc(t[i].in));
			T_STR(why, "unset", "parse_bbox: \"%s\" why untouched", esc(t[i].in));
		} else {
			T_INT(rc, -1, "parse_bbox: \"%s\" bad", esc(t[i].in));
			T_STR(why, t[i].why, "parse_bbox: \"%s\" reason", esc(t[i].in));
			T_OK(b[0] == 7 && b[3] == 7, "parse_bbox: \"%s\" out untouched", esc(t[i].in));
		}
	}
	{
		double b[4];
		const char *why = NULL;
		T_INT(parse_bbox(NULL, b, &why), -1, "parse_bbox: NULL");
		T_STR(why, "bbox missing", "parse_bbox: NULL reason");
		T_INT(parse_bbox("1,2", b, NULL), -1, "parse_bbox: why may be NULL");
	}
}

int
main(void)
{
	test_kvlist();
	test_status_str();
	test_text();
	test_urlencoded();
	test_cookies();
	test_routes();
	test_lang();
	test_long();
	test_double();
	test_float8();
	test_money();
	test_bbox();
	return t_done();
}
