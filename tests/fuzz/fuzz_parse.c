/*
 * fuzz_parse.c - libFuzzer target for fcgi/parse.c (and lib/money.c's parse_money). Every parser gets the input; each result is
 * checked against what parse.h promises, and a broken promise is __builtin_trap().
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined tests/fuzz/fuzz_parse.c -o /tmp/fuzz_parse
 *   cp -r tests/fuzz/corpus_parse /tmp/ && /tmp/fuzz_parse -max_total_time=60 /tmp/corpus_parse
 */
#include "../../lib/buf.c"
#include "../../fcgi/parse.c"
#include "../../lib/utf8.c"
#include "../../lib/number.c"
#include "../../lib/money.c"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A plain reference for utf8_valid(): decode each sequence by its lead byte, then reject
 * overlong forms, surrogates and anything above U+10FFFF. */
static int
utf8_ref(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; ) {
		unsigned c = s[i], cp;
		size_t n;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 2;
			cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 3;
			cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 4;
			cp = c & 0x07;
		} else
			return 0;
		if (len - i < n)
			return 0;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return 0;
		i += n;
	}
	return 1;
}

/* What every string in a kvlist must be: NUL-free (its strlen is the whole string), strict
 * UTF-8, no control characters but tab, CR, LF. */
static void
check_clean(const char *s)
{
	CHECK(s != NULL);
	CHECK(check_text(s, strlen(s)) == PARSE_OK);
	CHECK(utf8_ref((const unsigned char *)s, strlen(s)));
}

/* Pairs [from, n): clean, and kvlist_get() finds the first pair with each name. */
static void
check_list(const struct kvlist *l, size_t from)
{
	for (size_t i = from; i < l->n; i++) {
		size_t first = 0;

		check_clean(l->v[i].name);
		check_clean(l->v[i].value);
		while (strcmp(l->v[first].name, l->v[i].name) != 0)
			first++;
		CHECK(first <= i);
		CHECK(kvlist_get(l, l->v[i].name) == l->v[first].value);
	}
}

/* The seed pair every list starts with, to see that errors leave earlier pairs alone. */
static void
seed(struct kvlist *l)
{
	CHECK(kvlist_add(l, "seed", 4, "x", 1) == 0);
}

static void
check_seed(const struct kvlist *l)
{
	CHECK(l->n >= 1 && strcmp(l->v[0].name, "seed") == 0 && strcmp(l->v[0].value, "x") == 0);
}

/* Percent-encodes s (every byte but unreserved ones) onto buf at *off. */
static void
encode(char *buf, size_t *off, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~')
			buf[(*off)++] = (char)c;
		else
			*off += (size_t)sprintf(buf + *off, "%%%02X", c);
	}
}

static void
fuzz_urlencoded(const uint8_t *data, size_t size)
{
	static const char unset[] = "unset";
	struct kvlist l = { 0 }, again = { 0 };
	const char *bad = unset;
	enum parse_status st;
	char *enc;
	size_t off = 0;

	seed(&l);
	st = parse_urlencoded(&l, (const char *)data, size, 64, &bad);
	CHECK(st <= PARSE_NOMEM);
	CHECK(bad != unset);
	check_seed(&l);
	if (st != PARSE_OK) {
		CHECK(l.n == 1);
		CHECK(bad == NULL || bad == l.err_name);
		if (bad)
			check_clean(bad);
		if (st == PARSE_TOO_MANY || st == PARSE_NOMEM)
			CHECK(bad == NULL);
		goto out;
	}
	CHECK(bad == NULL);
	CHECK(l.n - 1 <= 64);
	check_list(&l, 0);

	/* round trip: encoding the pairs and parsing them again gives the same pairs */
	CHECK((enc = malloc(size * 3 + l.n * 4 + 1)) != NULL);
	for (size_t i = 1; i < l.n; i++) {
		if (i > 1)
			enc[off++] = '&';
		encode(enc, &off, l.v[i].name);
		enc[off++] = '=';
		encode(enc, &off, l.v[i].value);
	}
	CHECK(parse_urlencoded(&again, enc, off, 64, NULL) == PARSE_OK);
	CHECK(again.n == l.n - 1);
	for (size_t i = 0; i < again.n; i++)
		CHECK(strcmp(again.v[i].name, l.v[i + 1].name) == 0 &&
		      strcmp(again.v[i].value, l.v[i + 1].value) == 0);
	free(enc);
out:
	kvlist_free(&l);
	kvlist_free(&again);
}

static void
fuzz_cookies(const char *s)
{
	struct kvlist l = { 0 };
	enum parse_status st;

	seed(&l);
	st = parse_cookies(&l, s, 32);
	CHECK(st == PARSE_OK || st == PARSE_TOO_MANY || st == PARSE_NOMEM);
	check_seed(&l);
	if (st != PARSE_OK)
		CHECK(l.n == 1);
	CHECK(l.n - 1 <= 32);
	check_list(&l, 0);
	for (size_t i = 1; i < l.n; i++) {
		const char *n = l.v[i].name, *v = l.v[i].value;
		size_t nl = strlen(n);

		CHECK(nl > 0 && !is_ows(n[0]) && !is_ows(n[nl - 1]));
		CHECK(strchr(n, ';') == NULL && strchr(n, '=') == NULL && strchr(v, ';') == NULL);
		CHECK(strstr(s, n) != NULL && strstr(s, v) != NULL);
	}
	kvlist_free(&l);
}

static void
fuzz_route(const char *s)
{
	const char *nl = strchr(s, '\n');
	char *pattern;
	struct kvlist l = { 0 };
	int m;

	if (nl == NULL)
		return;
	CHECK((pattern = memdup0(s, (size_t)(nl - s))) != NULL);
	seed(&l);
	m = route_match(pattern, nl + 1, &l);
	CHECK(m == 0 || m == 1);
	check_seed(&l);
	if (m == 0)
		CHECK(l.n == 1);
	for (size_t i = 1; i < l.n; i++) {
		const char *v = l.v[i].value;

		check_clean(v);
		CHECK(*v != '\0' && strchr(v, '/') == NULL);
		CHECK(strcmp(v, ".") != 0 && strcmp(v, "..") != 0);
		CHECK(strstr(pattern, l.v[i].name) != NULL);
	}
	/* a pattern without '{' matches exactly itself */
	if (strchr(pattern, '{') == NULL)
		CHECK(m == (strcmp(pattern, nl + 1) == 0));
	/* and every path matches itself as a pattern when it has no braces */
	if (strchr(nl + 1, '{') == NULL) {
		struct kvlist none = { 0 };
		CHECK(route_match(nl + 1, nl + 1, &none) == 1 && none.n == 0);
	}
	kvlist_free(&l);
	free(pattern);
}

static void
fuzz_numbers(const char *s)
{
	const char *why = NULL, *lang;
	double b[4], d;
	long long v, v2;
	char buf[64];

	lang = pick_lang(s);
	CHECK(strcmp(lang, "cs") == 0 || strcmp(lang, "en") == 0);

	if (parse_bbox(s, b, &why) == 0) {
		CHECK(why == NULL);
		for (int i = 0; i < 4; i++)
			CHECK(isfinite(b[i]) && fabs(b[i]) <= (i % 2 ? 90 : 180));
		CHECK(b[0] < b[2] && b[1] < b[3]);
	} else
		CHECK(why != NULL && *why != '\0');

	if (parse_money(s, 100000000, &v) == 0) {
		CHECK(v >= 0 && v <= 100000000);
		snprintf(buf, sizeof buf, "%lld.%02lld", v / 100, v % 100);
		CHECK(parse_money(buf, 100000000, &v2) == 0 && v2 == v);
		CHECK(strspn(s, "0123456789.,") == strlen(s));
	}
	if (parse_money(s, LLONG_MAX, &v) == 0)
		CHECK(v >= 0);

	if (parse_long(s, -1000000, 1000000, &v) == 0) {
		CHECK(v >= -1000000 && v <= 1000000);
		snprintf(buf, sizeof buf, "%lld", v);
		CHECK(parse_long(buf, -1000000, 1000000, &v2) == 0 && v2 == v);
	}
	if (parse_double(s, -1e9, 1e9, &d) == 0) {
		CHECK(isfinite(d) && d >= -1e9 && d <= 1e9);
		CHECK(strspn(s, "-0123456789.") == strlen(s));
	}
	/* float8: what parse_double takes, the same value; beyond it only an exponent */
	if (parse_float8(s, -1e9, 1e9, &d) == 0) {
		double d2;

		CHECK(isfinite(d) && d >= -1e9 && d <= 1e9);
		CHECK(strspn(s, "-+0123456789.eE") == strlen(s));
		CHECK(parse_double(s, -1e9, 1e9, &d2) == 0 ? d2 == d : strpbrk(s, "eE") != NULL);
	} else
		CHECK(parse_double(s, -1e9, 1e9, &d) != 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	CHECK(utf8_valid((const char *)data, size) == utf8_ref(data, size));
	fuzz_urlencoded(data, size);

	/* the rest take C strings: a NUL-terminated copy, cut at any NUL in the input */
	CHECK((s = memdup0((const char *)data, size)) != NULL);
	fuzz_cookies(s);
	fuzz_route(s);
	fuzz_numbers(s);
	free(s);
	return 0;
}
