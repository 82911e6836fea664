/* parse.c - see parse.h. Pure: no I/O, no static state of its own. */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "number.h"
#include "parse.h"
#include "utf8.h"

/* --- kvlist --- */

/* Frees the strings of pairs [n, l->n) and shrinks the list to n pairs. */
static void
kvlist_truncate(struct kvlist *l, size_t n)
{
	while (l->n > n) {
		l->n--;
		free(l->v[l->n].name);
		free(l->v[l->n].value);
	}
}

void
kvlist_clear(struct kvlist *l)
{
	kvlist_truncate(l, 0);
	free(l->err_name);
	l->err_name = NULL;
}

void
kvlist_free(struct kvlist *l)
{
	kvlist_clear(l);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Appends name and value, taking ownership of both; on failure frees both. 0 ok, -1 nomem. */
static int
kvlist_push(struct kvlist *l, char *name, char *value)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct kv *v;

		if (cap > SIZE_MAX / sizeof *v ||
		    (v = realloc(l->v, cap * sizeof *v)) == NULL) {
			free(name);
			free(value);
			return -1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n].name = name;
	l->v[l->n].value = value;
	l->n++;
	return 0;
}

/* A malloc'd NUL-terminated copy of s[0..len), or NULL. */
static char *
memdup0(const char *s, size_t len)
{
	char *d;

	if (len == SIZE_MAX || (d = malloc(len + 1)) == NULL)
		return NULL;
	if (len)
		memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

int
kvlist_add(struct kvlist *l, const char *name, size_t nlen, const char *value, size_t vlen)
{
	char *n = memdup0(name, nlen), *v = memdup0(value, vlen);

	if (n == NULL || v == NULL) {
		free(n);
		free(v);
		return -1;
	}
	return kvlist_push(l, n, v);
}

const char *
kvlist_get(const struct kvlist *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return l->v[i].value;
	return NULL;
}

const char *
parse_status_str(enum parse_status st)
{
	switch (st) {
	case PARSE_OK:           return "ok";
	case PARSE_BAD_ENCODING: return "invalid percent-encoding";
	case PARSE_BAD_UTF8:     return "invalid UTF-8";
	case PARSE_BAD_CHAR:     return "control character not allowed";
	case PARSE_TOO_MANY:     return "too many parameters";
	case PARSE_NOMEM:        return "out of memory";
	}
	return "unknown error";
}

/* --- text checks and percent-decoding --- */

int
text_plain(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	for (; *s; s++) {
		unsigned cp;

		if (s[0] == 0xE2 && s[1] == 0x80 && s[2]) {              /* U+2000..U+203F */
			cp = 0x2000 | (s[2] & 0x3F);
			if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E))
				return 0;
		} else if (s[0] == 0xE2 && s[1] == 0x81 && s[2]) {       /* U+2040..U+207F */
			cp = 0x2040 | (s[2] & 0x3F);
			if (cp == 0x2060 || (cp >= 0x2066 && cp <= 0x2069))
				return 0;
		} else if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) /* U+FEFF */
			return 0;
	}
	return 1;
}

/* Whether s[0..len) is clean text: no NUL (PARSE_BAD_ENCODING), strict UTF-8 (PARSE_BAD_UTF8),
 * no control characters but tab, CR and LF: C0, DEL, and C1 (U+0080..U+009F) (PARSE_BAD_CHAR). */
static enum parse_status
check_text(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;

	if (memchr(s, '\0', len) != NULL)
		return PARSE_BAD_ENCODING;
	if (!utf8_valid(str, len))
		return PARSE_BAD_UTF8;
	for (size_t i = 0; i < len; i++) {
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') || s[i] == 0x7F)
			return PARSE_BAD_CHAR;
		/* valid UTF-8, so a C2 lead byte has a continuation byte after it */
		if (s[i] == 0xC2 && s[i + 1] <= 0x9F)
			return PARSE_BAD_CHAR;
	}
	return PARSE_OK;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes s[0..len) ('+' as space if plus) into a new malloc'd NUL-terminated string in
 * *out (the caller frees it), its length in *outlen, and checks it with check_text(). On error
 * *out is NULL. */
static enum parse_status
pct_decode(const char *s, size_t len, int plus, char **out, size_t *outlen)
{
	enum parse_status st = PARSE_OK;
	char *d, *o;

	*out = NULL;
	if (len == SIZE_MAX || (d = malloc(len + 1)) == NULL)
		return PARSE_NOMEM;
	o = d;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '%') {
			int hi, lo;

			if (len - i < 3 || (hi = hexval(s[i + 1])) < 0 || (lo = hexval(s[i + 2])) < 0) {
				st = PARSE_BAD_ENCODING;
				goto out;
			}
			c = (char)(hi << 4 | lo);
			i += 2;
		} else if (c == '+' && plus)
			c = ' ';
		*o++ = c;
	}
	*o = '\0';
	*outlen = (size_t)(o - d);
	st = check_text(d, *outlen);
out:
	if (st != PARSE_OK)
		free(d);
	else
		*out = d;
	return st;
}

/* --- application/x-www-form-urlencoded --- */

enum parse_status
parse_urlencoded(struct kvlist *out, const char *s, size_t len, size_t max_pairs,
	const char **bad_name)
{
	enum parse_status st = PARSE_OK;
	size_t n0 = out->n, added = 0, i = 0;
	char *name = NULL, *value = NULL;

	if (bad_name)
		*bad_name = NULL;
	while (i < len) {
		const char *pair = s + i, *amp = memchr(pair, '&', len - i), *eq;
		size_t plen = amp ? (size_t)(amp - pair) : len - i, rawlen, dlen;

		i += plen + 1;
		if (plen == 0)
			continue;
		if (added == max_pairs) {
			st = PARSE_TOO_MANY;
			goto out;
		}
		eq = memchr(pair, '=', plen);
		rawlen = eq ? (size_t)(eq - pair) : plen;
		if ((st = pct_decode(pair, rawlen, 1, &name, &dlen)) != PARSE_OK)
			goto out;
		if (eq)
			st = pct_decode(eq + 1, plen - rawlen - 1, 1, &value, &dlen);
		else
			st = (value = memdup0("", 0)) ? PARSE_OK : PARSE_NOMEM;
		if (st != PARSE_OK) {
			if (st != PARSE_NOMEM && bad_name) {
				free(out->err_name);
				out->err_name = name;   /* now owned by *out */
				name = NULL;
				*bad_name = out->err_name;
			}
			goto out;
		}
		if (kvlist_push(out, name, value) != 0) {
			name = value = NULL;    /* freed by kvlist_push */
			st = PARSE_NOMEM;
			goto out;
		}
		name = value = NULL;
		added++;
	}
out:
	free(name);
	free(value);
	if (st != PARSE_OK)
		kvlist_truncate(out, n0);
	return st;
}

/* --- Cookie header --- */

static int
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

enum parse_status
parse_cookies(struct kvlist *out, const char *header, size_t max_pairs)
{
	size_t n0 = out->n, added = 0;
	const char *p = header;

	if (p == NULL)
		return PARSE_OK;
	while (*p) {
		const char *end = strchr(p, ';'), *eq, *n, *ne, *v, *ve;

		if (end == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq == NULL)
			goto next;
		for (n = p; n < eq && is_ows(*n); n++)
			;
		for (ne = eq; ne > n && is_ows(ne[-1]); ne--)
			;
		for (v = eq + 1; v < end && is_ows(*v); v++)
			;
		for (ve = end; ve > v && is_ows(ve[-1]); ve--)
			;
		if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
			v++;
			ve--;
		}
		if (ne == n || check_text(n, (size_t)(ne - n)) != PARSE_OK ||
		    check_text(v, (size_t)(ve - v)) != PARSE_OK)
			goto next;
		if (added == max_pairs) {
			kvlist_truncate(out, n0);
			return PARSE_TOO_MANY;
		}
		if (kvlist_add(out, n, (size_t)(ne - n), v, (size_t)(ve - v)) != 0) {
			kvlist_truncate(out, n0);
			return PARSE_NOMEM;
		}
		added++;
next:
		p = *end ? end + 1 : end;
	}
	return PARSE_OK;
}

/* --- routes --- */

int
route_match(const char *pattern, const char *path, struct kvlist *params)
{
	size_t n0 = params->n;
	const char *p = pattern, *s = path;

	while (*p) {
		const char *close, *seg_end;
		char *name, *value;
		size_t vlen;

		if (*p != '{') {
			if (*p++ != *s++)
				goto nomatch;
			continue;
		}
		close = strchr(p, '}');
		if (close == NULL || close == p + 1 || (close[1] != '\0' && close[1] != '/'))
			goto nomatch;
		seg_end = s + strcspn(s, "/");
		if (seg_end == s)
			goto nomatch;
		if (pct_decode(s, (size_t)(seg_end - s), 0, &value, &vlen) != PARSE_OK)
			goto nomatch;
		if (memchr(value, '/', vlen) != NULL || strcmp(value, ".") == 0 ||
		    strcmp(value, "..") == 0) {
			free(value);
			goto nomatch;
		}
		if ((name = memdup0(p + 1, (size_t)(close - p - 1))) == NULL) {
			free(value);
			goto nomatch;
		}
		if (kvlist_push(params, name, value) != 0)
			goto nomatch;
		p = close + 1;
		s = seg_end;
	}
	if (*s == '\0')
		return 1;
nomatch:
	kvlist_truncate(params, n0);
	return 0;
}

/* --- Accept-Language --- */

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* RFC 9110 qvalue s[0..len) ("0", "0.5", "1", "1.000") in thousandths, or -1. */
static int
parse_qvalue(const char *s, size_t len)
{
	int q, scale = 100;

	if (len == 0 || (s[0] != '0' && s[0] != '1') || len > 5 || (len > 1 && s[1] != '.'))
		return -1;
	q = (s[0] - '0') * 1000;
	for (size_t i = 2; i < len; i++, scale /= 10) {
		if (!is_digit(s[i]) || (q == 1000 && s[i] != '0'))
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q;
}

/* Looks at one language-range with its parameters, s[0..len); sets *lang to 0 (cs), 1 (en),
 * 2 (*) or -1 (another or bad) and returns its q in thousandths, or -1 if it is bad. */
static int
lang_range(const char *s, size_t len, int *lang)
{
	const char *end = s + len, *semi = memchr(s, ';', len), *t = s, *te;
	int q = 1000;
	size_t prim = 0;

	*lang = -1;
	te = semi ? semi : end;
	while (t < te && is_ows(*t))
		t++;
	while (te > t && is_ows(te[-1]))
		te--;
	if (te - t == 1 && *t == '*')
		*lang = 2;
	else {
		/* 1*8ALPHA *("-" 1*8alphanum) */
		while (t + prim < te && is_alpha(t[prim]))
			prim++;
		if (prim == 0 || prim > 8)
			return -1;
		for (const char *c = t + prim; c < te; ) {
			size_t sub = 0;

			if (*c++ != '-')
				return -1;
			while (c + sub < te && (is_alpha(c[sub]) || is_digit(c[sub])))
				sub++;
			if (sub == 0 || sub > 8)
				return -1;
			c += sub;
		}
		if (prim == 2 && lower(t[0]) == 'c' && lower(t[1]) == 's')
			*lang = 0;
		else if (prim == 2 && lower(t[0]) == 'e' && lower(t[1]) == 'n')
			*lang = 1;
	}
	/* parameters: ";q=0.8"; anything else after ';' is ignored */
	while (semi) {
		const char *p = semi + 1, *pe;

		semi = memchr(p, ';', (size_t)(end - p));
		pe = semi ? semi : end;
		while (p < pe && is_ows(*p))
			p++;
		while (pe > p && is_ows(pe[-1]))
			pe--;
		if (pe - p >= 2 && lower(p[0]) == 'q' && p[1] == '=') {
			if ((q = parse_qvalue(p + 2, (size_t)(pe - p - 2))) < 0)
				return -1;
		}
	}
	return q;
}

const char *
pick_lang(const char *al)
{
	int best[3] = { -1, -1, -1 };   /* cs, en, * ; -1: not named */
	int cs, en;

	if (al == NULL)
		return "cs";
	while (*al) {
		size_t len = strcspn(al, ",");
		int lang, q = lang_range(al, len, &lang);

		if (q >= 0 && lang >= 0 && q > best[lang])
			best[lang] = q;
		al += len;
		if (*al)
			al++;
	}
	cs = best[0] >= 0 ? best[0] : best[2];
	en = best[1] >= 0 ? best[1] : best[2];
	return en > 0 && en > cs ? "en" : "cs";
}

/* --- numbers --- */

/* What a number may have beyond "-?D+": a fraction ".D+", an exponent "e[+-]?D+" ('e' or 'E'). */
enum { NUM_FRAC = 1, NUM_EXP = 2 };

/* Whether s is "-?D+", with what parts allows beyond, the whole string. */
static int
is_decimal(const char *s, int parts)
{
	if (*s == '-')
		s++;
	if (!is_digit(*s))
		return 0;
	while (is_digit(*s))
		s++;
	if ((parts & NUM_FRAC) && *s == '.') {
		s++;
		if (!is_digit(*s))
			return 0;
		while (is_digit(*s))
			s++;
	}
	if ((parts & NUM_EXP) && (*s == 'e' || *s == 'E')) {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!is_digit(*s))
			return 0;
		while (is_digit(*s))
			s++;
	}
	return *s == '\0';
}

int
parse_long(const char *s, long long min, long long max, long long *out)
{
	long long v;
	char *end;

	if (s == NULL || !is_decimal(s, 0))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* strtod of s, the whole string (what is_decimal(s, parts) allows), in [min, max] */
static int
decimal_double(const char *s, int parts, double min, double max, double *out)
{
	double v;
	char *end;

	if (s == NULL || !is_decimal(s, parts))
		return -1;
	errno = 0;
	v = strtod_c(s, &end);
	if (errno != 0 || *end != '\0' || !(v >= min && v <= max))
		return -1;
	*out = v;
	return 0;
}

int
parse_double(const char *s, double min, double max, double *out)
{
	return decimal_double(s, NUM_FRAC, min, max, out);
}

int
parse_float8(const char *s, double min, double max, double *out)
{
	return decimal_double(s, NUM_FRAC | NUM_EXP, min, max, out);
}

int
parse_bbox(const char *s, double out[4], const char **why)
{
	static const double lim[4] = { 180, 90, 180, 90 };
	const char *reason = NULL;
	double v[4];

	if (s == NULL) {
		reason = "bbox missing";
		goto out;
	}
	for (int i = 0; i < 4; i++) {
		size_t len = strcspn(s, ",");
		char buf[64];

		if ((s[len] == ',') != (i < 3)) {
			reason = "bbox needs four numbers: west,south,east,north";
			goto out;
		}
		if (len >= sizeof buf) {
			reason = "bbox: invalid number";
			goto out;
		}
		memcpy(buf, s, len);
		buf[len] = '\0';
		if (parse_double(buf, -DBL_MAX, DBL_MAX, &v[i]) != 0) {
			reason = "bbox: invalid number";
			goto out;
		}
		if (v[i] < -lim[i] || v[i] > lim[i]) {
			reason = i % 2 ? "bbox: latitude out of range [-90, 90]"
			               : "bbox: longitude out of range [-180, 180]";
			goto out;
		}
		s += len + (i < 3);
	}
	if (!(v[0] < v[2]))
		reason = "bbox: west must be less than east";
	else if (!(v[1] < v[3]))
		reason = "bbox: south must be less than north";
	else
		memcpy(out, v, sizeof v);
out:
	if (reason && why)
		*why = reason;
	return reason ? -1 : 0;
}

/* --- dates --- */

int
parse_dates(const char *s, struct buf *out)
{
	int n = 0;

	buf_adds(out, "{");
	while (*s) {
		size_t len;
		long long y, mo, d;
		char part[16];

		s += strspn(s, " ,;\r\n\t");
		if ((len = strcspn(s, " ,;\r\n\t")) == 0)
			break;
		if (len != 10 || s[4] != '-' || s[7] != '-')
			return -1;
		memcpy(part, s, 4); part[4] = '\0';
		if (parse_long(part, 2000, 2100, &y))
			return -1;
		memcpy(part, s + 5, 2); part[2] = '\0';
		if (parse_long(part, 1, 12, &mo))
			return -1;
		memcpy(part, s + 8, 2); part[2] = '\0';
		if (parse_long(part, 1, (mo == 2) ? ((y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28) :
		    (mo == 4 || mo == 6 || mo == 9 || mo == 11) ? 30 : 31, &d))
			return -1;
		if (++n > 366)
			return -1;
		buf_printf(out, "%s%04lld-%02lld-%02lld", n > 1 ? "," : "", y, mo, d);
		s += len;
	}
	buf_adds(out, "}");
	return 0;
}
