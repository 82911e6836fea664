/* util.c - see util.h. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "number.h"
#include "util.h"

int
path_identity(const char *path, char *out)
{
	static const char prefix[] = "/ocpp/";
	size_t n;

	if (path == NULL || strncmp(path, prefix, sizeof prefix - 1) != 0)
		return -1;
	path += sizeof prefix - 1;
	n = strlen(path);
	if (n > 0 && path[n - 1] == '/')
		n--;
	if (n == 0 || n > IDENTITY_MAX)
		return -1;
	memcpy(out, path, n);
	out[n] = '\0';
	return identity_ok(out) ? 0 : -1;
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+') return 62;
	if (c == '/') return 63;
	return -1;
}

int
basic_auth_parse(const char *h, char *user, size_t ulen, char *pass, size_t plen)
{
	char buf[256];
	size_t n = 0;
	unsigned acc = 0;
	int bits = 0;
	char *colon;

	if (h == NULL)
		return -1;
	while (*h == ' ' || *h == '\t')
		h++;
	if (strncasecmp(h, "Basic", 5) != 0 || (h[5] != ' ' && h[5] != '\t'))
		return -1;
	h += 5;
	while (*h == ' ' || *h == '\t')
		h++;
	for (; *h && *h != '=' && *h != ' '; h++) {
		int v = b64val((unsigned char)*h);

		if (v < 0)
			return -1;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n >= sizeof buf - 1)
				return -1;
			buf[n++] = (char)((acc >> bits) & 0xff);
		}
	}
	while (*h == '=')
		h++;
	while (*h == ' ' || *h == '\t')
		h++;
	if (*h)
		return -1;
	buf[n] = '\0';
	if (memchr(buf, '\0', n) || (colon = strchr(buf, ':')) == NULL)
		return -1;
	*colon = '\0';
	if (strlen(buf) >= ulen || strlen(colon + 1) >= plen)
		return -1;
	strcpy(user, buf);
	strcpy(pass, colon + 1);
	explicit_bzero(buf, sizeof buf);
	return 0;
}

/* The normalised name of unit and the power of ten its values are scaled by (kWh -> Wh: 3). */
static const char *
unit_lookup(const char *unit, int *exp10)
{
	static const struct { const char *from, *to; int e; } map[] = {
		{ "kWh", "Wh", 3 }, { "kW", "W", 3 }, { "kvarh", "varh", 3 },
		{ "kvar", "var", 3 }, { "kVA", "VA", 3 }, { "Celcius", "Celsius", 0 },
		{ "Wh", "Wh", 0 }, { "W", "W", 0 }, { "varh", "varh", 0 }, { "var", "var", 0 },
		{ "VA", "VA", 0 }, { "A", "A", 0 }, { "V", "V", 0 }, { "K", "K", 0 },
		{ "Celsius", "Celsius", 0 }, { "Fahrenheit", "Fahrenheit", 0 }, { "Percent", "Percent", 0 },
	};

	*exp10 = 0;
	if (unit == NULL)
		return "Wh";
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].from, unit) == 0) {
			*exp10 = map[i].e;
			return map[i].to;
		}
	return "Wh";    /* the schema allows nothing else */
}

const char *
unit_normalise(const char *unit, double *value)
{
	int e;
	const char *u = unit_lookup(unit, &e);

	if (e)
		*value *= 1e3;
	return u;
}

/* below it, mant * 10 + 9 is still at most 2^53: every such integer is an exact double */
#define MANT_LIMIT UINT64_C(900719925474099)

/* parse_value of s times 10^scale */
static int
parse_decimal(const char *s, int scale, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
		1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	const char *p = s, *num;
	uint64_t mant = 0;
	int neg = 0, digits = 0, exp10 = 0, exact = 1;
	double v;

	/* [+-]digits[.digits][e[+-]digits], checked by hand (strtod would take hex, inf, nan and
	 * follow the locale). The digits make an integer mantissa and a power of ten: up to 2^53
	 * and 10^22 both are exact doubles, so one multiplication or division is the correctly
	 * rounded value ("0.3" is the double nearest 0.3, not 0.30000000000000004); beyond, the C
	 * locale's strtod. */
	while (*p == ' ')
		p++;
	num = p;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (; isdigit((unsigned char)*p); p++, digits++) {
		if (mant < MANT_LIMIT)
			mant = mant * 10 + (uint64_t)(*p - '0');
		else
			exact = 0;
	}
	if (*p == '.') {
		p++;
		for (; isdigit((unsigned char)*p); p++, digits++) {
			if (mant < MANT_LIMIT) {
				mant = mant * 10 + (uint64_t)(*p - '0');
				exp10--;
			} else if (*p != '0') {
				exact = 0;
			}
		}
	}
	if (digits == 0)
		return -1;
	if (*p == 'e' || *p == 'E') {
		int eneg = 0, e = 0, ed = 0;

		p++;
		if (*p == '+' || *p == '-')
			eneg = *p++ == '-';
		for (; isdigit((unsigned char)*p) && e < 400; p++, ed++)
			e = e * 10 + (*p - '0');
		if (ed == 0)
			return -1;
		exp10 += eneg ? -e : e;
	}
	while (*p == ' ')
		p++;
	if (*p)
		return -1;
	exp10 += scale;
	if (exact && mant == 0)
		v = 0;
	else if (exact && exp10 >= -22 && exp10 <= 22)
		v = exp10 < 0 ? (double)mant / pow10[-exp10] : (double)mant * pow10[exp10];
	else
		v = fabs(strtod_c(num, NULL)) * pow(10, scale);
	if (!isfinite(v))
		return -1;
	*out = neg && v != 0 ? -v : v;
	return 0;
}

int
parse_value(const char *s, double *out)
{
	return parse_decimal(s, 0, out);
}

int
parse_value_in(const char *s, const char *unit, const char **normal, double *out)
{
	int e;

	*normal = unit_lookup(unit, &e);
	return parse_decimal(s, e, out);
}

/* addr as 16 bytes (IPv4 as ::ffff:a.b.c.d); 0, or -1 if it is not an address */
static int
addr_bytes(const char *addr, unsigned char out[16])
{
	struct in_addr v4;

	if (inet_pton(AF_INET, addr, &v4) == 1) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xFF;
		memcpy(out + 12, &v4, 4);
		return 0;
	}
	return inet_pton(AF_INET6, addr, out) == 1 ? 0 : -1;
}

static int
is_v4(const unsigned char a[16])
{
	static const unsigned char prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF };

	return memcmp(a, prefix, 12) == 0;
}

int
trusted_parse(const char *list, struct trusted *t, char *err, size_t errlen)
{
	const char *p = list ? list : "";

	memset(t, 0, sizeof *t);
	for (;;) {
		char item[ADDR_MAX + 8], *slash;
		size_t n;
		long bits = -1;

		p += strspn(p, ", \t");
		if (*p == '\0')
			return 0;
		n = strcspn(p, ", \t");
		if (n >= sizeof item || t->n == TRUSTED_MAX) {
			snprintf(err, errlen, "'%.*s': too long, or more than %d entries", (int)(n < 60 ? n : 60),
			    p, TRUSTED_MAX);
			return -1;
		}
		memcpy(item, p, n);
		item[n] = '\0';
		p += n;
		if ((slash = strchr(item, '/')) != NULL) {
			char *end;

			*slash = '\0';
			bits = strtol(slash + 1, &end, 10);
			if (end == slash + 1 || *end || bits < 0 || bits > 128)
				bits = -2;
		}
		if (bits == -2 || addr_bytes(item, t->net[t->n].a) < 0) {
			if (slash)
				*slash = '/';
			snprintf(err, errlen, "'%s' is not an IP address or network (a.b.c.d, a.b.c.d/n, an IPv6 "
			    "address)", item);
			return -1;
		}
		if (bits >= 0 && is_v4(t->net[t->n].a))
			bits = bits > 32 ? -2 : bits + 96;
		if (bits == -2) {
			snprintf(err, errlen, "'%s': an IPv4 network has at most /32", item);
			return -1;
		}
		t->net[t->n].bits = bits < 0 ? 128 : (unsigned)bits;
		t->n++;
	}
}

int
trusted_has(const struct trusted *t, const char *addr)
{
	unsigned char a[16];

	if (t->n == 0 || addr_bytes(addr, a) < 0)
		return 0;
	for (int i = 0; i < t->n; i++) {
		unsigned bits = t->net[i].bits, whole = bits / 8, rest = bits % 8;

		if (memcmp(a, t->net[i].a, whole) != 0)
			continue;
		if (rest == 0 || ((a[whole] ^ t->net[i].a[whole]) & (0xFF00u >> rest) & 0xFF) == 0)
			return 1;
	}
	return 0;
}

/* addr in canonical form into out; 0, or -1 if it is not an address (out untouched) */
static int
addr_canonical(const char *addr, char *out, size_t n)
{
	unsigned char a[16];
	char text[ADDR_MAX];

	if (addr_bytes(addr, a) < 0)
		return -1;
	if (is_v4(a) ? inet_ntop(AF_INET, a + 12, text, sizeof text) == NULL
	             : inet_ntop(AF_INET6, a, text, sizeof text) == NULL)
		return -1;
	snprintf(out, n, "%s", text);
	return 0;
}

void
client_address(const struct trusted *t, const char *peer, const char *xff, char *out, size_t n)
{
	if (addr_canonical(peer, out, n) < 0)
		snprintf(out, n, "%s", peer);
	if (xff && trusted_has(t, peer)) {
		const char *last = strrchr(xff, ',');
		char item[ADDR_MAX];
		size_t len;

		last = last ? last + 1 : xff;
		last += strspn(last, " \t");
		len = strcspn(last, " \t");
		if (len > 0 && len < sizeof item && last[len + strspn(last + len, " \t")] == '\0') {
			memcpy(item, last, len);
			item[len] = '\0';
			addr_canonical(item, out, n);       /* not an address: the peer's stays */
		}
	}
}

static struct throttle_entry *
throttle_get(struct throttle *t, const char *key, time_t now, int create)
{
	unsigned h = hash_fnv1a(key) % 1024;
	struct throttle_entry **pp, *e;
	unsigned window = t->window ? t->window : 60;

	for (pp = &t->buckets[h]; (e = *pp) != NULL;) {
		if (now - e->window_start >= (time_t)window) {
			/* an old window is forgotten */
			*pp = e->next;
			free(e);
			t->n--;
			continue;
		}
		if (strcmp(e->key, key) == 0)
			return e;
		pp = &e->next;
	}
	if (!create || t->n >= 100000 || (e = calloc(1, sizeof *e)) == NULL)
		return NULL;
	snprintf(e->key, sizeof e->key, "%s", key);
	e->window_start = now;
	e->next = t->buckets[h];
	t->buckets[h] = e;
	t->n++;
	return e;
}

int
throttle_blocked(struct throttle *t, const char *key, time_t now, unsigned limit)
{
	struct throttle_entry *e = throttle_get(t, key, now, 0);

	return e && e->fails >= limit;
}

unsigned
throttle_fail(struct throttle *t, const char *key, time_t now)
{
	struct throttle_entry *e = throttle_get(t, key, now, 1);

	return e ? ++e->fails : 0;
}

unsigned
throttle_wait(struct throttle *t, const char *key, time_t now)
{
	struct throttle_entry *e = throttle_get(t, key, now, 0);
	unsigned window = t->window ? t->window : 60;
	time_t left;

	if (e == NULL)
		return 0;
	left = e->window_start + (time_t)window - now;
	return left < 1 ? 1 : (unsigned)left;
}

void
throttle_free(struct throttle *t)
{
	for (size_t i = 0; i < 1024; i++) {
		struct throttle_entry *e = t->buckets[i], *n;

		for (; e; e = n) {
			n = e->next;
			free(e);
		}
		t->buckets[i] = NULL;
	}
	t->n = 0;
}

static const char *
default_unit(const char *measurand)
{
	static const struct { const char *prefix, *unit; } map[] = {
		{ "Energy.Reactive.", "varh" }, { "Energy.", "Wh" }, { "Power.Reactive.", "var" },
		{ "Power.Factor", "Percent" }, { "Power.", "W" }, { "Current.", "A" }, { "Voltage", "V" },
		{ "Frequency", "Hz" }, { "Temperature", "Celsius" }, { "SoC", "Percent" }, { "RPM", "RPM" },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strncmp(measurand, map[i].prefix, strlen(map[i].prefix)) == 0)
			return map[i].unit;
	return "Wh";
}

int
buf_add_copy_text(struct buf *b, const char *s, size_t n)
{
	const char *run = s, *end = s + n;

	for (; s < end; s++) {
		const char *e;

		switch (*s) {
		case '\\': e = "\\\\"; break;
		case '\t': e = "\\t"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		default: continue;
		}
		if (buf_add(b, run, (size_t)(s - run)) || buf_add(b, e, 2))
			return -1;
		run = s + 1;
	}
	return s > run ? buf_add(b, run, (size_t)(s - run)) : 0;
}

static size_t
skip_ws(const char *t, size_t i, size_t len)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
		i++;
	return i;
}

int
json_array_split(const char *t, size_t len, struct span *el, int max)
{
	size_t i = skip_ws(t, 0, len);
	int n = 0;

	if (i >= len || t[i] != '[')
		return -1;
	i = skip_ws(t, i + 1, len);
	if (i < len && t[i] == ']')
		return skip_ws(t, i + 1, len) == len ? 0 : -1;
	for (;;) {
		size_t start = i;
		int depth = 0;

		/* one value: up to a ',' or ']' outside strings and nesting */
		for (; i < len; i++) {
			char c = t[i];

			if (c == '"') {
				for (i++; i < len && t[i] != '"'; i++)
					if (t[i] == '\\')
						i++;
				if (i >= len)
					return -1;
			} else if (c == '[' || c == '{') {
				depth++;
			} else if (c == ']' || c == '}') {
				if (depth == 0)
					break;
				depth--;
			} else if (c == ',' && depth == 0) {
				break;
			}
		}
		if (i >= len || depth != 0)
			return -1;
		size_t end = i;

		while (end > start && (t[end - 1] == ' ' || t[end - 1] == '\t' || t[end - 1] == '\n' ||
		    t[end - 1] == '\r'))
			end--;
		if (end == start)
			return -1;
		if (n < max)
			el[n] = (struct span){ start, end - start };
		n++;
		if (t[i] == ']')
			return skip_ws(t, i + 1, len) == len ? n : -1;
		i = skip_ws(t, i + 1, len);     /* past the ',' */
	}
}

int
json_str_decode(const char *lit, size_t n, char *out, size_t outlen)
{
	size_t o = 0;

	if (n < 2 || lit[0] != '"' || lit[n - 1] != '"' || outlen == 0)
		return -1;
	for (size_t i = 1; i < n - 1; i++) {
		unsigned char c = (unsigned char)lit[i];
		unsigned long u;
		char buf[5];
		size_t k = 1;

		if (c == '\\') {
			if (++i >= n - 1)
				return -1;
			switch (lit[i]) {
			case '"': case '\\': case '/': buf[0] = lit[i]; break;
			case 'b': buf[0] = '\b'; break;
			case 'f': buf[0] = '\f'; break;
			case 'n': buf[0] = '\n'; break;
			case 'r': buf[0] = '\r'; break;
			case 't': buf[0] = '\t'; break;
			case 'u':
				if (i + 4 >= n - 1)
					return -1;
				memcpy(buf, lit + i + 1, 4);
				buf[4] = '\0';
				for (int h = 0; h < 4; h++)
					if (!isxdigit((unsigned char)buf[h]))
						return -1;
				u = strtoul(buf, NULL, 16);
				i += 4;
				if (u >= 0xD800 && u <= 0xDBFF && i + 6 < n - 1 && lit[i + 1] == '\\' &&
				    lit[i + 2] == 'u') {
					char lo[5];
					unsigned long l;

					memcpy(lo, lit + i + 3, 4);
					lo[4] = '\0';
					l = strtoul(lo, NULL, 16);
					if (l >= 0xDC00 && l <= 0xDFFF) {
						u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
						i += 6;
					}
				}
				if (u == 0 || (u >= 0xD800 && u <= 0xDFFF))
					return -1;      /* NUL or a lone surrogate: not text */
				if (u < 0x80) {
					buf[0] = (char)u;
				} else if (u < 0x800) {
					buf[0] = (char)(0xC0 | (u >> 6));
					buf[1] = (char)(0x80 | (u & 0x3F));
					k = 2;
				} else if (u < 0x10000) {
					buf[0] = (char)(0xE0 | (u >> 12));
					buf[1] = (char)(0x80 | ((u >> 6) & 0x3F));
					buf[2] = (char)(0x80 | (u & 0x3F));
					k = 3;
				} else {
					buf[0] = (char)(0xF0 | (u >> 18));
					buf[1] = (char)(0x80 | ((u >> 12) & 0x3F));
					buf[2] = (char)(0x80 | ((u >> 6) & 0x3F));
					buf[3] = (char)(0x80 | (u & 0x3F));
					k = 4;
				}
				break;
			default:
				return -1;
			}
		} else if (c < 0x20) {
			return -1;
		} else {
			buf[0] = (char)c;
		}
		if (o + k >= outlen)
			return -1;
		memcpy(out + o, buf, k);
		o += k;
	}
	out[o] = '\0';
	return 0;
}

int
buf_add_array_str(struct buf *b, const char *s)
{
	const char *run;

	if (s == NULL)
		return buf_add(b, "NULL", 4);
	if (buf_add(b, "\"", 1))
		return -1;
	for (run = s; *s; s++) {
		if (*s != '"' && *s != '\\')
			continue;
		if (buf_add(b, run, (size_t)(s - run)) || buf_add(b, "\\", 1))
			return -1;
		run = s;
	}
	if (s > run && buf_add(b, run, (size_t)(s - run)))
		return -1;
	return buf_add(b, "\"", 1);
}

/* 1 if v (normalised) may be a value of measurand m: a register a reading from 0 to
 * METER_VALUE_MAX, anything else within +-METER_VALUE_MAX */
static int
value_in_range(const char *m, double v)
{
	size_t ml = strlen(m);

	if (ml > 9 && memcmp(m + ml - 9, ".Register", 9) == 0)
		return v >= 0 && v <= METER_VALUE_MAX;
	return fabs(v) <= METER_VALUE_MAX;
}

/* One sampled value that is a number, as stored: pointers into the message, or static (the
 * defaults). */
struct mval {
	const char *t, *m, *c, *p, *l, *u;      /* timestamp, measurand, context, phase, location, unit */
	double v;               /* in unit, normalised */
	size_t i, k;            /* where: meterValue[i].sampledValue[k] */
	int done;               /* meter_rows: emitted, or a duplicate of one emitted */
};

/* The one walk of a meterValue (or transactionData) array: every sampled value that is a
 * number, in the order sent, into *out (malloc'd, the caller frees it; *nval of them), the
 * OCPP defaults filled in (measurand Energy.Active.Import.Register, the measurand's usual
 * unit) and units normalised. A value without a timestamp, signed data and a value that is not
 * a number are counted in *skipped. 0, or -1 when out of memory. */
static int
meter_collect(const json_t *mvs, struct mval **out, size_t *nval, unsigned *skipped)
{
	const json_t *mv, *sv;
	struct mval *val;
	size_t i, k, n = 0, max = 0;

	*skipped = 0;
	json_array_foreach(mvs, i, mv)
		max += json_array_size(json_object_get(mv, "sampledValue"));
	if ((val = calloc(max ? max : 1, sizeof *val)) == NULL)
		return -1;
	json_array_foreach(mvs, i, mv) {
		const char *t = json_string_value(json_object_get(mv, "timestamp"));

		json_array_foreach(json_object_get(mv, "sampledValue"), k, sv) {
			const char *s = json_string_value(json_object_get(sv, "value"));
			const char *fmt = json_string_value(json_object_get(sv, "format"));
			const char *u = json_string_value(json_object_get(sv, "unit"));
			struct mval *a = &val[n];
			const char *nu;

			if (t == NULL || s == NULL || (fmt && strcmp(fmt, "SignedData") == 0) ||
			    parse_value_in(s, u, &nu, &a->v) < 0) {
				(*skipped)++;
				continue;
			}
			a->t = t;
			a->m = json_string_value(json_object_get(sv, "measurand"));
			if (a->m == NULL)
				a->m = "Energy.Active.Import.Register";
			a->u = u ? nu : default_unit(a->m);
			a->c = json_string_value(json_object_get(sv, "context"));
			a->p = json_string_value(json_object_get(sv, "phase"));
			a->l = json_string_value(json_object_get(sv, "location"));
			a->i = i;
			a->k = k;
			n++;
		}
	}
	*out = val;
	*nval = n;
	return 0;
}

json_t *
meter_samples(const json_t *mvs, unsigned *skipped)
{
	struct mval *val;
	size_t nval;
	json_t *out;

	if (meter_collect(mvs, &val, &nval, skipped) < 0)
		return NULL;
	if ((out = json_array()) == NULL) {
		free(val);
		return NULL;
	}
	for (size_t i = 0; i < nval; i++) {
		const struct mval *a = &val[i];
		json_t *row = json_pack("{s:s,s:s,s:s,s:f}", "t", a->t, "m", a->m, "u", a->u, "v", a->v);

		if (row == NULL)
			continue;
		if (a->c)
			json_object_set_new(row, "c", json_string(a->c));
		if (a->p)
			json_object_set_new(row, "p", json_string(a->p));
		if (a->l)
			json_object_set_new(row, "l", json_string(a->l));
		json_array_append_new(out, row);
	}
	free(val);
	return out;
}

static int
same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Emits the sampling of val[first]: every value with its timestamp, each (measurand, phase,
 * location, context) once, in the order sent; each value column one array literal. 0, or -1
 * when out of memory. */
static int
emit_sampling(struct mval *val, size_t nval, size_t first, long long cp, struct buf cols[METER_COLS],
              unsigned *n)
{
	const char *t = val[first].t;
	struct buf in[METER_COLS];
	int rc = 0;

	memset(in, 0, sizeof in);
	for (size_t i = first; i < nval; i++) {
		struct mval *a = &val[i];

		if (a->done || strcmp(a->t, t) != 0)
			continue;
		a->done = 1;
		for (size_t k = i + 1; k < nval; k++) {
			struct mval *b = &val[k];

			if (!b->done && strcmp(b->t, t) == 0 && strcmp(b->m, a->m) == 0 &&
			    same_str(b->p, a->p) && same_str(b->l, a->l) && same_str(b->c, a->c))
				b->done = 1;
		}
		for (int c = MC_M; c < METER_COLS; c++)
			rc |= buf_adds(&in[c], in[c].len ? "," : "{");
		rc |= buf_add_array_str(&in[MC_M], a->m);
		rc |= buf_add_array_str(&in[MC_C], a->c);
		rc |= buf_add_array_str(&in[MC_P], a->p);
		rc |= buf_add_array_str(&in[MC_L], a->l);
		rc |= buf_add_array_str(&in[MC_U], a->u);
		rc |= buf_printf(&in[MC_V], "%.17g", a->v);
		(*n)++;
	}
	for (int c = 0; c < METER_COLS; c++)
		rc |= buf_adds(&cols[c], cols[c].len ? "," : "");
	rc |= buf_add_int(&cols[MC_CP], cp);
	rc |= buf_add_array_str(&cols[MC_T], t);
	for (int c = MC_M; c < METER_COLS && rc == 0; c++)
		rc = buf_adds(&in[c], "}") || buf_add_array_str(&cols[c], in[c].s);
	for (int c = MC_M; c < METER_COLS; c++)
		buf_free(&in[c]);
	return rc ? -1 : 0;
}

int
meter_rows(const json_t *mvs, long long cp, struct buf cols[METER_COLS], unsigned *n, unsigned *skipped,
           double *energy_wh, double *power_w)
{
	const char *energy_t = NULL, *power_t = NULL;
	struct mval *val;
	size_t i, nval;
	int rc = 0;

	*n = 0;
	*energy_wh = *power_w = NAN;
	if (meter_collect(mvs, &val, &nval, skipped) < 0)
		return -1;
	for (i = 0; i < nval; i++) {
		const struct mval *a = &val[i];

		if (!value_in_range(a->m, a->v)) {
			free(val);
			return -2;      /* meter_check says which */
		}
		/* the event carries the latest reading of the whole charger's energy and power */
		if (a->p == NULL && strcmp(a->m, "Energy.Active.Import.Register") == 0 &&
		    (energy_t == NULL || strcmp(a->t, energy_t) >= 0)) {
			energy_t = a->t;
			*energy_wh = a->v;
		} else if (a->p == NULL && strcmp(a->m, "Power.Active.Import") == 0 &&
		    (power_t == NULL || strcmp(a->t, power_t) >= 0)) {
			power_t = a->t;
			*power_w = a->v;
		}
	}
	for (i = 0; i < nval && rc == 0; i++)
		if (!val[i].done)
			rc = emit_sampling(val, nval, i, cp, cols, n);
	free(val);
	return rc;
}

int
meter_check(const json_t *mvs, const char *path, char *msg, size_t msglen)
{
	struct mval *val;
	size_t nval;
	unsigned skipped;
	int rc = 0;

	if (meter_collect(mvs, &val, &nval, &skipped) < 0)
		return 0;       /* nothing to go on; storing the values runs out of memory too */
	for (size_t i = 0; i < nval && rc == 0; i++) {
		const struct mval *a = &val[i];

		if (value_in_range(a->m, a->v))
			continue;
		if (value_in_range("", a->v))   /* in range for anything but a register */
			snprintf(msg, msglen, "%s/%zu/sampledValue/%zu/value: %s must be a reading from "
			    "0 to 9e15 %s", path, a->i, a->k, a->m, a->u);
		else
			snprintf(msg, msglen, "%s/%zu/sampledValue/%zu/value: %s beyond +-9e15 %s", path,
			    a->i, a->k, a->m, a->u);
		rc = -1;
	}
	free(val);
	return rc;
}
