/* validate.c - see schema.h. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

static const char *const error_names[] = {
	[OCPP_OK] = "",
	[OCPP_FORMATION_VIOLATION] = "FormationViolation",
	[OCPP_PROPERTY_CONSTRAINT_VIOLATION] = "PropertyConstraintViolation",
	[OCPP_OCCURENCE_CONSTRAINT_VIOLATION] = "OccurenceConstraintViolation",
	[OCPP_TYPE_CONSTRAINT_VIOLATION] = "TypeConstraintViolation",
	[OCPP_PROTOCOL_ERROR] = "ProtocolError",
	[OCPP_NOT_IMPLEMENTED] = "NotImplemented",
	[OCPP_NOT_SUPPORTED] = "NotSupported",
	[OCPP_SECURITY_ERROR] = "SecurityError",
	[OCPP_INTERNAL_ERROR] = "InternalError",
	[OCPP_GENERIC_ERROR] = "GenericError",
};

const char *
ocpp_error_name(enum ocpp_error e)
{
	if ((unsigned)e >= sizeof error_names / sizeof error_names[0])
		return "GenericError";
	return error_names[e];
}

enum ocpp_error
ocpp_error_parse(const char *name)
{
	if (name == NULL)
		return OCPP_OK;
	for (size_t i = OCPP_OK + 1; i < sizeof error_names / sizeof error_names[0]; i++)
		if (strcmp(error_names[i], name) == 0)
			return (enum ocpp_error)i;
	return OCPP_OK;
}

static int
entry_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct schema_entry *)elem)->id);
}

const struct schema *
schema_find(const char *id)
{
	const struct schema_entry *e;

	if (id == NULL)
		return NULL;
	e = bsearch(id, schema_table, schema_table_len, sizeof schema_table[0], entry_cmp);
	return e ? e->schema : NULL;
}

static int
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return -1;
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int
schema_is_date_time(const char *s)
{
	static const int mdays[] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h, mi, se;

	/* YYYY-MM-DD */
	if (strlen(s) < 20 || s[4] != '-' || s[7] != '-')
		return 0;
	if ((y = digits(s, 4)) < 0 || (mo = digits(s + 5, 2)) < 0 || (d = digits(s + 8, 2)) < 0)
		return 0;
	if (mo < 1 || mo > 12 || d < 1)
		return 0;
	if (d > (mo == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : mdays[mo]))
		return 0;
	/* separator: T, t or a space */
	if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
		return 0;
	s += 11;
	/* HH:MM:SS */
	if (s[2] != ':' || s[5] != ':')
		return 0;
	if ((h = digits(s, 2)) < 0 || (mi = digits(s + 3, 2)) < 0 || (se = digits(s + 6, 2)) < 0)
		return 0;
	if (!((h <= 23 && mi <= 59 && se <= 59) || (h == 23 && mi == 59 && se == 60)))
		return 0;
	s += 8;
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	/* the zone is required: Z or +HH[[:]MM] */
	if ((*s == 'Z' || *s == 'z') && s[1] == '\0')
		return 1;
	if (*s != '+' && *s != '-')
		return 0;
	s++;
	if (digits(s, 2) < 0)
		return 0;
	s += 2;
	if (*s == '\0')
		return 1;
	if (*s == ':')
		s++;
	return digits(s, 2) >= 0 && s[2] == '\0';
}

/* A URI: scheme ':' then only characters RFC 3986 allows, %-escapes well formed. */
static int
is_uri(const char *s)
{
	const char *p = s;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p++ != ':')
		return 0;
	for (; *p; p++) {
		if (*p == '%') {
			if (!isxdigit((unsigned char)p[1]) || !isxdigit((unsigned char)p[2]))
				return 0;
			p += 2;
		} else if (!isalnum((unsigned char)*p) && !strchr("-._~:/?#[]@!$&'()*+,;=", *p)) {
			return 0;
		}
	}
	return 1;
}

/* Characters (code points) in a valid UTF-8 string of n bytes. */
static size_t
utf8_chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

struct vctx {
	char path[256];
	size_t plen;
	char *msg;
	size_t msglen;
};

static enum ocpp_error
fail(struct vctx *c, enum ocpp_error e, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(c->msg, c->msglen, "%s: ", c->plen ? c->path : "/");
	if (n < 0 || (size_t)n >= c->msglen)
		return e;
	va_start(ap, fmt);
	vsnprintf(c->msg + n, c->msglen - (size_t)n, fmt, ap);
	va_end(ap);
	return e;
}

/* Appends "/seg" (or "/idx") to the path, cut at its end; returns the length to pop back to.
 * Once per value checked: no printf. */
static size_t
path_push(struct vctx *c, const char *seg, long idx)
{
	size_t old = c->plen, room = sizeof c->path - 1 - c->plen, n;
	char num[24], *p = num + sizeof num;

	if (seg == NULL) {
		unsigned long u = (unsigned long)idx;

		do
			*--p = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		seg = p;
		n = (size_t)(num + sizeof num - p);
	} else {
		n = strlen(seg);
	}
	if (room > 0) {
		c->path[c->plen++] = '/';
		room--;
	}
	if (n > room)
		n = room;
	memcpy(c->path + c->plen, seg, n);
	c->plen += n;
	c->path[c->plen] = '\0';
	return old;
}

static void
path_pop(struct vctx *c, size_t old)
{
	c->plen = old;
	c->path[old] = '\0';
}

/* 1 if d has no fraction (without libm: the admin tool links this file without -lm) */
static int
integral(double d)
{
	if (!isfinite(d))
		return 0;
	if (fabs(d) >= 9.0e15)
		return 1;       /* beyond 2^53 every double is an integer */
	return (double)(long long)d == d;
}

/* nearest integer of d, |d| < 9e15 */
static double
nearest(double d)
{
	return (double)(long long)(d + (d >= 0 ? 0.5 : -0.5));
}

static const char *
type_name(unsigned t)
{
	static const char *const n[] = { "any", "an object", "an array", "a string", "an integer",
	                                 "a number", "a boolean" };
	return t < sizeof n / sizeof n[0] ? n[t] : "?";
}

static int
type_ok(unsigned t, const json_t *v)
{
	switch (t) {
	case ST_ANY: return 1;
	case ST_OBJECT: return json_is_object(v);
	case ST_ARRAY: return json_is_array(v);
	case ST_STRING: return json_is_string(v);
	case ST_BOOLEAN: return json_is_boolean(v);
	case ST_NUMBER: return json_is_number(v);
	case ST_INTEGER:
		/* as JSON Schema (and JavaScript) see it: 5.0 is an integer */
		if (json_is_integer(v))
			return 1;
		if (json_is_real(v)) {
			return integral(json_real_value(v));
		}
		return 0;
	}
	return 0;
}

static enum ocpp_error check(struct vctx *c, const struct schema *s, const json_t *v);

static enum ocpp_error
check_object(struct vctx *c, const struct schema *s, const json_t *v)
{
	enum ocpp_error e;
	const char *key;
	json_t *val;

	for (unsigned i = 0; i < s->nprops; i++)
		if (s->props[i].required && json_object_get(v, s->props[i].name) == NULL)
			return fail(c, OCPP_OCCURENCE_CONSTRAINT_VIOLATION,
			    "required property '%s' is missing", s->props[i].name);
	json_object_foreach((json_t *)v, key, val) {
		const struct schema_prop *p = NULL;

		/* the first letters differ for most: no strcmp call for those (every key of
		 * every payload comes here) */
		for (unsigned i = 0; i < s->nprops; i++)
			if (s->props[i].name[0] == key[0] && strcmp(s->props[i].name, key) == 0) {
				p = &s->props[i];
				break;
			}
		if (p == NULL) {
			if (s->additional)
				continue;
			return fail(c, OCPP_FORMATION_VIOLATION, "property '%.60s' is not allowed", key);
		}
		size_t old = path_push(c, key, 0);
		e = check(c, p->schema, val);
		if (e != OCPP_OK)
			return e;
		path_pop(c, old);
	}
	return OCPP_OK;
}

static enum ocpp_error
check(struct vctx *c, const struct schema *s, const json_t *v)
{
	if (!type_ok(s->type, v))
		return fail(c, OCPP_TYPE_CONSTRAINT_VIOLATION, "must be %s", type_name(s->type));
	if (json_is_object(v) && s->type == ST_OBJECT)
		return check_object(c, s, v);
	if (json_is_array(v) && s->type == ST_ARRAY) {
		size_t i;
		json_t *it;

		if (s->min_items >= 0 && json_array_size(v) < (size_t)s->min_items)
			return fail(c, OCPP_OCCURENCE_CONSTRAINT_VIOLATION,
			    "must have at least %d item(s)", s->min_items);
		if (s->items == NULL)
			return OCPP_OK;
		json_array_foreach(v, i, it) {
			size_t old = path_push(c, NULL, (long)i);
			enum ocpp_error e = check(c, s->items, it);

			if (e != OCPP_OK)
				return e;
			path_pop(c, old);
		}
		return OCPP_OK;
	}
	if (json_is_string(v)) {
		const char *str = json_string_value(v);
		size_t n = json_string_length(v);

		if (s->enums) {
			int found = 0;

			for (const char *const *e = s->enums; *e; e++)
				if (strlen(*e) == n && memcmp(*e, str, n) == 0) {
					found = 1;
					break;
				}
			if (!found)
				return fail(c, OCPP_PROPERTY_CONSTRAINT_VIOLATION,
				    "'%.40s' is not one of the allowed values", str);
		}
		if (s->max_length >= 0 && utf8_chars(str, n) > (size_t)s->max_length)
			return fail(c, OCPP_PROPERTY_CONSTRAINT_VIOLATION,
			    "longer than %d characters", s->max_length);
		if (s->format == SF_DATE_TIME && (strlen(str) != n || !schema_is_date_time(str)))
			return fail(c, OCPP_PROPERTY_CONSTRAINT_VIOLATION,
			    "'%.40s' is not a date-time with a time zone", str);
		if (s->format == SF_URI && (strlen(str) != n || !is_uri(str)))
			return fail(c, OCPP_PROPERTY_CONSTRAINT_VIOLATION, "not a URI");
		return OCPP_OK;
	}
	if (json_is_number(v) && s->multiple_of > 0) {
		double r = json_number_value(v) / s->multiple_of;

		if (fabs(r) < 9.0e15 && !(fabs(nearest(r) - r) < 1e-6))
			return fail(c, OCPP_PROPERTY_CONSTRAINT_VIOLATION,
			    "must be a multiple of %g", s->multiple_of);
	}
	if (s->enums && !json_is_string(v))
		return fail(c, OCPP_PROPERTY_CONSTRAINT_VIOLATION, "is not one of the allowed values");
	return OCPP_OK;
}

enum ocpp_error
schema_validate(const struct schema *s, const json_t *v, char *msg, size_t msglen)
{
	struct vctx c;

	memset(&c, 0, sizeof c);
	c.msg = msg;
	c.msglen = msglen;
	if (msglen)
		msg[0] = '\0';
	if (s == NULL || v == NULL)
		return fail(&c, OCPP_FORMATION_VIOLATION, "no schema or no payload");
	/* The payload itself must be an object: anything else does not have the PDU's structure. */
	if (s->type == ST_OBJECT && !json_is_object(v))
		return fail(&c, OCPP_FORMATION_VIOLATION, "the payload must be a JSON object");
	return check(&c, s, v);
}
