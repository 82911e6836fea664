/*
 * router.c - the whole site is this table: method, path pattern, handler, declared fields.
 * A handler runs only after its method matched and every declared field passed its check
 * (kcgi's order: method, page, content, then work); it never sees an unchecked value.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "evshare.h"

const struct route routes[] = {
	{ "GET", "/", h_map, NULL, 0 },
	{ "GET", "/chargers/{id}", h_charger, NULL, 0 },
	{ "GET", "/api/v1/chargers", h_api_chargers, f_api_chargers, R_API },
	{ "GET", "/health", h_health, NULL, R_API },
	{ NULL, NULL, NULL, NULL, 0 }
};

/* Characters, not bytes: the parser has already made sure the text is UTF-8. */
static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Checks one value against its field; fills *v. NULL when fine, else why not (static text). */
static const char *
check_field(const struct field *f, const char *s, union value *v)
{
	long long n;
	double d;
	const char *why = NULL;

	switch (f->kind) {
	case V_TEXT:
		n = (long long)utf8_chars(s);
		if (n < (long long)f->min || n > (long long)f->max)
			return "has the wrong length";
		v->s = s;
		return NULL;
	case V_INT:
		if (parse_long(s, (long long)f->min, (long long)f->max, &n))
			return "must be a whole number in range";
		v->i = n;
		return NULL;
	case V_NUM:
		if (parse_double(s, f->min, f->max, &d))
			return "must be a number in range";
		v->d = d;
		return NULL;
	case V_MONEY:
		if (parse_money(s, (long long)f->max, &n))
			return "must be an amount like 6.50";
		v->i = n;
		return NULL;
	case V_BBOX:
		if (parse_bbox(s, v->box, &why))
			return why ? why : "must be west,south,east,north";
		return NULL;
	case V_CHOICE:
		for (n = 0; f->choices[n]; n++)
			if (strcmp(f->choices[n], s) == 0) {
				v->i = n;
				v->s = f->choices[n];
				return NULL;
			}
		return "is not one of the allowed values";
	case V_BOOL:
		if (strcmp(s, "1") == 0 || strcmp(s, "true") == 0 || strcmp(s, "on") == 0)
			v->i = 1;
		else if (strcmp(s, "0") == 0 || strcmp(s, "false") == 0 || *s == '\0')
			v->i = 0;
		else
			return "must be 1 or 0";
		return NULL;
	}
	return "cannot be checked";
}

/* 0 when every declared field is fine; otherwise the 400 response is set. */
static int
validate(struct req *r)
{
	const struct route *rt = r->route;
	const struct kvlist *in = strcmp(r->method, "POST") == 0 ? &r->form : &r->query;

	if (rt->fields == NULL)
		return in->n && (rt->flags & R_API) ?
		    fail(r, 400, in->v[0].name, "unknown parameter '%s'", in->v[0].name), -1 : 0;
	if (rt->flags & R_API) {
		for (size_t i = 0; i < in->n; i++) {
			const struct field *f = rt->fields;

			while (f->name && strcmp(f->name, in->v[i].name))
				f++;
			if (f->name == NULL)
				return fail(r, 400, in->v[i].name, "unknown parameter '%s'", in->v[i].name), -1;
		}
	}
	for (int i = 0; rt->fields[i].name; i++) {
		const struct field *f = &rt->fields[i];
		const char *s = kvlist_get(in, f->name), *why;

		if (s == NULL || (*s == '\0' && f->kind != V_TEXT)) {
			if (f->flags & F_REQUIRED)
				return fail(r, 400, f->name, "parameter '%s' is required", f->name), -1;
			continue;
		}
		if ((why = check_field(f, s, &r->val[i])) != NULL)
			return fail(r, 400, f->name, "parameter '%s': %s", f->name, why), -1;
		r->has[i] = 1;
	}
	return 0;
}

void
dispatch(struct req *r)
{
	const struct route *rt;
	int path_matched = 0;
	char allow[64] = "";

	for (rt = routes; rt->pattern; rt++) {
		kvlist_clear(&r->params);
		if (!route_match(rt->pattern, r->path, &r->params))
			continue;
		path_matched = 1;
		if (strcmp(rt->method, r->method) == 0 ||
		    (strcmp(rt->method, "GET") == 0 && strcmp(r->method, "HEAD") == 0))
			break;
		if (strlen(allow) + strlen(rt->method) + 3 < sizeof allow)
			snprintf(allow + strlen(allow), sizeof allow - strlen(allow), "%s%s",
			    *allow ? ", " : "", rt->method);
	}
	if (rt->pattern == NULL) {
		kvlist_clear(&r->params);
		if (path_matched) {
			/* which routes matched decides JSON or HTML for the error */
			for (rt = routes; rt->pattern; rt++)
				if (route_match(rt->pattern, r->path, &r->params)) {
					r->route = rt;
					break;
				}
			kvlist_clear(&r->params);
			req_header(r, "Allow", "%s%s", allow, strstr(allow, "GET") ? ", HEAD" : "");
			fail(r, 405, NULL, "%s is not allowed here (allowed: %s)", r->method, allow);
		} else
			fail(r, 404, NULL, "%s", tr(r, "Error.NotFound"));
		return;
	}
	r->route = rt;
	if (validate(r))
		return;
	rt->handler(r);
}
