/* util.c - see util.h. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "util.h"

int
identity_ok(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return 0;
	for (; s[n]; n++)
		if (!isalnum((unsigned char)s[n]) && s[n] != '.' && s[n] != '_' && s[n] != '-')
			return 0;
	return n >= 1 && n <= IDENTITY_MAX;
}

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

const char *
unit_normalise(const char *unit, double *value)
{
	static const struct { const char *from, *to; double k; } map[] = {
		{ "kWh", "Wh", 1000 }, { "kW", "W", 1000 }, { "kvarh", "varh", 1000 },
		{ "kvar", "var", 1000 }, { "kVA", "VA", 1000 }, { "Celcius", "Celsius", 1 },
		{ "Wh", "Wh", 1 }, { "W", "W", 1 }, { "varh", "varh", 1 }, { "var", "var", 1 },
		{ "VA", "VA", 1 }, { "A", "A", 1 }, { "V", "V", 1 }, { "K", "K", 1 },
		{ "Celsius", "Celsius", 1 }, { "Fahrenheit", "Fahrenheit", 1 }, { "Percent", "Percent", 1 },
	};

	if (unit == NULL)
		return "Wh";
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].from, unit) == 0) {
			*value *= map[i].k;
			return map[i].to;
		}
	return "Wh";    /* the schema allows nothing else */
}

int
parse_value(const char *s, double *out)
{
	const char *p = s;
	double v = 0, scale;
	int neg = 0, digits = 0;

	/* [+-]digits[.digits][e[+-]digits], by hand: strtod would follow the locale */
	while (*p == ' ')
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (; isdigit((unsigned char)*p); p++, digits++)
		v = v * 10 + (*p - '0');
	if (*p == '.') {
		p++;
		for (scale = 0.1; isdigit((unsigned char)*p); p++, digits++, scale /= 10)
			v += (*p - '0') * scale;
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
		v *= pow(10, eneg ? -e : e);
	}
	while (*p == ' ')
		p++;
	if (*p || !isfinite(v))
		return -1;
	*out = neg ? -v : v;
	return 0;
}

void
time_now_iso(char out[32])
{
	struct timeval tv;
	struct tm tm;
	char b[24];

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 32, "%s.%03dZ", b, (int)(tv.tv_usec / 1000));
}

static unsigned
addr_hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % 1024;
}

static struct throttle_entry *
throttle_get(struct throttle *t, const char *addr, time_t now, int create)
{
	unsigned h = addr_hash(addr);
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
		if (strcmp(e->addr, addr) == 0)
			return e;
		pp = &e->next;
	}
	if (!create || t->n >= 100000 || (e = calloc(1, sizeof *e)) == NULL)
		return NULL;
	snprintf(e->addr, sizeof e->addr, "%s", addr);
	e->window_start = now;
	e->next = t->buckets[h];
	t->buckets[h] = e;
	t->n++;
	return e;
}

int
throttle_blocked(struct throttle *t, const char *addr, time_t now, unsigned limit)
{
	struct throttle_entry *e = throttle_get(t, addr, now, 0);

	return e && e->fails >= limit;
}

void
throttle_fail(struct throttle *t, const char *addr, time_t now)
{
	struct throttle_entry *e = throttle_get(t, addr, now, 1);

	if (e)
		e->fails++;
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

int
buf_add_json_str(struct buf *b, const char *s)
{
	const char *run;

	if (buf_add(b, "\"", 1))
		return -1;
	for (run = s; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c != '"' && c != '\\' && c >= 0x20)
			continue;
		if (s > run && buf_add(b, run, (size_t)(s - run)))
			return -1;
		run = s + 1;
		if (c == '"' || c == '\\') {
			char e[2] = { '\\', (char)c };
			if (buf_add(b, e, 2))
				return -1;
		} else if (buf_printf(b, "\\u%04x", c)) {
			return -1;
		}
	}
	if (s > run && buf_add(b, run, (size_t)(s - run)))
		return -1;
	return buf_add(b, "\"", 1);
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

json_t *
meter_samples(const json_t *mvs, unsigned *skipped)
{
	json_t *out = json_array(), *mv, *sv;
	size_t i, k;

	*skipped = 0;
	if (out == NULL)
		return NULL;
	json_array_foreach(mvs, i, mv) {
		const char *t = json_string_value(json_object_get(mv, "timestamp"));

		json_array_foreach(json_object_get(mv, "sampledValue"), k, sv) {
			const char *val = json_string_value(json_object_get(sv, "value"));
			const char *fmt = json_string_value(json_object_get(sv, "format"));
			const char *m = json_string_value(json_object_get(sv, "measurand"));
			const char *u = json_string_value(json_object_get(sv, "unit"));
			double v;
			json_t *row;

			if (t == NULL || val == NULL || (fmt && strcmp(fmt, "SignedData") == 0) ||
			    parse_value(val, &v) < 0) {
				(*skipped)++;
				continue;
			}
			if (m == NULL)
				m = "Energy.Active.Import.Register";
			u = u ? unit_normalise(u, &v) : default_unit(m);
			row = json_pack("{s:s,s:s,s:s,s:f}", "t", t, "m", m, "u", u, "v", v);
			if (row == NULL)
				continue;
			if (json_object_get(sv, "context"))
				json_object_set(row, "c", json_object_get(sv, "context"));
			if (json_object_get(sv, "phase"))
				json_object_set(row, "p", json_object_get(sv, "phase"));
			if (json_object_get(sv, "location"))
				json_object_set(row, "l", json_object_get(sv, "location"));
			json_array_append_new(out, row);
		}
	}
	return out;
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

/* One accepted sampled value of a MeterValues message (pointers into the message, or static). */
struct mval {
	const char *t, *m, *c, *p, *l, *u;
	double v;
	int done;               /* emitted, or a duplicate of one emitted */
};

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
	const json_t *mv, *sv;
	struct mval *val;
	size_t i, k, nval = 0, max = 0;
	int rc = 0;

	*n = *skipped = 0;
	*energy_wh = *power_w = NAN;
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
			struct mval *a = &val[nval];

			if (t == NULL || s == NULL || (fmt && strcmp(fmt, "SignedData") == 0) ||
			    parse_value(s, &a->v) < 0) {
				(*skipped)++;
				continue;
			}
			a->t = t;
			a->m = json_string_value(json_object_get(sv, "measurand"));
			if (a->m == NULL)
				a->m = "Energy.Active.Import.Register";
			a->u = u ? unit_normalise(u, &a->v) : default_unit(a->m);
			if (!isfinite(a->v)) {
				(*skipped)++;
				continue;
			}
			a->c = json_string_value(json_object_get(sv, "context"));
			a->p = json_string_value(json_object_get(sv, "phase"));
			a->l = json_string_value(json_object_get(sv, "location"));
			nval++;
			/* the event carries the latest reading of the whole charger's energy and power */
			if (a->p == NULL && strcmp(a->m, "Energy.Active.Import.Register") == 0 &&
			    (energy_t == NULL || strcmp(t, energy_t) >= 0)) {
				energy_t = t;
				*energy_wh = a->v;
			} else if (a->p == NULL && strcmp(a->m, "Power.Active.Import") == 0 &&
			    (power_t == NULL || strcmp(t, power_t) >= 0)) {
				power_t = t;
				*power_w = a->v;
			}
		}
	}
	for (i = 0; i < nval && rc == 0; i++)
		if (!val[i].done)
			rc = emit_sampling(val, nval, i, cp, cols, n);
	free(val);
	return rc;
}
