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
sb_add(struct sb *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL)
			return -1;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int
sb_adds(struct sb *b, const char *s)
{
	return sb_add(b, s, strlen(s));
}

int
sb_addf(struct sb *b, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n < sizeof buf)
		return sb_add(b, buf, (size_t)n);
	char *big = malloc((size_t)n + 1);
	if (big == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	n = sb_add(b, big, (size_t)n);
	free(big);
	return n;
}

int
sb_add_json_str(struct sb *b, const char *s)
{
	if (sb_add(b, "\"", 1))
		return -1;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			char e[2] = { '\\', (char)c };
			if (sb_add(b, e, 2))
				return -1;
		} else if (c < 0x20) {
			if (sb_addf(b, "\\u%04x", c))
				return -1;
		} else if (sb_add(b, s, 1)) {
			return -1;
		}
	}
	return sb_add(b, "\"", 1);
}

void
sb_free(struct sb *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
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
