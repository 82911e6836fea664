/*
 * render.c - every response body comes from here: ClearSilver pages (html-escaped by default),
 * JSON through jansson, redirects, and error pages / JSON errors with status and request id.
 *
 * Templates are parsed once per process and kept; each request renders the cached parse tree
 * against its own small HDF, with the language file (templates/lang/LANG.hdf, parsed once) as
 * the global HDF underneath it. Config.VarEscapeMode = html is set before every cs_init, so a
 * template must say uvar: to print raw HTML (only ever HTML we built).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "evshare.h"

#define MAX_TEMPLATES 64

static struct {
	char *name;
	CSPARSE *cs;
} cache[MAX_TEMPLATES];
static int ncache;

static HDF *base;                 /* Config.* and load paths: what parsing needs */
static HDF *lang_hdf[2];          /* 0 = cs, 1 = en */

static int
lang_index(const char *lang)
{
	return strcmp(lang, "en") == 0;
}

int
render_init(const char *dir, char *err, size_t errlen)
{
	static const char *const langs[] = { "cs", "en" };
	char path[4096];
	NEOERR *e;

	if ((e = hdf_init(&base)) != STATUS_OK ||
	    (e = hdf_set_value(base, "Config.VarEscapeMode", "html")) != STATUS_OK ||
	    (e = hdf_set_value(base, "Config.DebugEnabled", "0")) != STATUS_OK ||
	    (e = hdf_set_value(base, "Config.CompressionEnabled", "0")) != STATUS_OK ||
	    (e = hdf_set_value(base, "hdf.loadpaths.0", dir)) != STATUS_OK)
		goto fail;
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/lang/%s.hdf", dir, langs[i]);
		if ((e = hdf_init(&lang_hdf[i])) != STATUS_OK ||
		    (e = hdf_read_file(lang_hdf[i], path)) != STATUS_OK)
			goto fail;
		hdf_set_value(lang_hdf[i], "Lang", langs[i]);
		hdf_set_value(lang_hdf[i], "Version", EVSHARE_VERSION);
		hdf_set_value(lang_hdf[i], "MapTiles", config_str("map_tiles"));
	}
	return 0;
fail:
	{
		STRING s;

		string_init(&s);
		nerr_error_string(e, &s);
		snprintf(err, errlen, "%s", s.buf ? s.buf : "ClearSilver error");
		string_clear(&s);
		nerr_ignore(&e);
	}
	return -1;
}

static CSPARSE *
template(const char *name)
{
	CSPARSE *cs = NULL;
	NEOERR *e;

	for (int i = 0; i < ncache; i++)
		if (strcmp(cache[i].name, name) == 0)
			return cache[i].cs;
	if (ncache == MAX_TEMPLATES) {
		log_error("more than %d templates", MAX_TEMPLATES);
		return NULL;
	}
	if ((e = cs_init(&cs, base)) != STATUS_OK || (e = cs_parse_file(cs, name)) != STATUS_OK) {
		STRING s;

		string_init(&s);
		nerr_error_traceback(e, &s);
		log_error("template %s: %s", name, s.buf ? s.buf : "?");
		string_clear(&s);
		nerr_ignore(&e);
		if (cs)
			cs_destroy(&cs);
		return NULL;
	}
	cache[ncache].name = strdup(name);
	cache[ncache].cs = cs;
	ncache++;
	return cs;
}

HDF *
req_hdf(struct req *r)
{
	if (r->hdf == NULL && hdf_init(&r->hdf) != STATUS_OK) {
		log_error("out of memory");
		abort();
	}
	return r->hdf;
}

void
hdf_setf(HDF *h, const char *name, const char *fmt, ...)
{
	char small[256], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= sizeof small) {
		va_start(ap, fmt);
		if (vasprintf(&big, fmt, ap) < 0)
			big = NULL;
		va_end(ap);
	}
	NEOERR *e = hdf_set_value(h, name, big ? big : small);

	nerr_ignore(&e);
	free(big);
}

/* LIST.ROW.NAME = value: one cell of a table the template walks with each: */
void
hdf_cell(HDF *h, const char *list, int row, const char *name, const char *value)
{
	char k[128];

	snprintf(k, sizeof k, "%s.%d.%s", list, row, name);
	hdf_set_value(h, k, value);
}

/* Every row of res as LIST.ROW.NAME, the columns named in order by the words of names ("-"
 * skips one; columns past the last word are left out), or, when names is NULL, each by its own
 * name in the result (PQfname: the column, or its AS). */
void
hdf_rows(HDF *h, const char *list, const PGresult *res, const char *names)
{
	char name[32];

	for (int i = 0; i < PQntuples(res); i++) {
		const char *w = names;

		for (int c = 0; c < PQnfields(res); c++) {
			int len = 0;

			if (names == NULL)
				snprintf(name, sizeof name, "%s", PQfname(res, c));
			else if (sscanf(w, "%31s%n", name, &len) == 1)
				w += len;
			else
				break;
			if (strcmp(name, "-") != 0)
				hdf_cell(h, list, i, name, PQgetvalue(res, i, c));
		}
	}
}

const char *
tr(struct req *r, const char *key)
{
	char name[128];

	snprintf(name, sizeof name, "L.%s", key);
	return hdf_get_value(lang_hdf[lang_index(r->lang)], name, key);
}

static NEOERR *
out_cb(void *ctx, char *s)
{
	buf_adds(ctx, s);
	return STATUS_OK;
}

static void
security_headers(struct req *r)
{
	const char *tiles = config_str("map_tiles");
	char origin[256] = "";

	/* the map tiles are the only images from elsewhere */
	if (strncmp(tiles, "https://", 8) == 0 || strncmp(tiles, "http://", 7) == 0) {
		const char *host = strstr(tiles, "://") + 3;

		snprintf(origin, sizeof origin, " %.*s", (int)(strcspn(host, "/") + (host - tiles)), tiles);
	}
	req_header(r, "Content-Security-Policy", "default-src 'self'; img-src 'self' data:%s; "
	    "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
	    "frame-ancestors 'none'; form-action 'self'", origin);
	req_header(r, "X-Content-Type-Options", "nosniff");
	req_header(r, "Referrer-Policy", "same-origin");
	req_header(r, "Cache-Control", "no-store");
}

int
page(struct req *r, const char *name)
{
	HDF *h = req_hdf(r);
	CSPARSE *cs;
	NEOERR *e;

	hdf_set_value(h, "Req.Path", r->path);
	hdf_set_value(h, "Req.Id", r->id);
	hdf_set_value(h, "Req.Lang", r->lang);
	hdf_set_value(h, "Req.OtherLang", strcmp(r->lang, "cs") == 0 ? "en" : "cs");
	/* the header's menu and every form's CSRF token */
	if (*r->who.csrf)
		hdf_set_value(h, "Csrf", r->who.csrf);
	if (r->nerr)
		hdf_set_value(h, "FormFailed", "1");
	if (r->who.id) {
		hdf_set_value(h, "User.Name", r->who.name);
		hdf_set_value(h, "User.Owner", r->who.owner ? "1" : "0");
		hdf_set_value(h, "User.Admin", r->who.admin ? "1" : "0");
		hdf_set_value(h, "User.Verified", r->who.verified ? "1" : "0");
	}
	if ((cs = template(name)) == NULL) {
		r->status = 500;
		buf_adds(&r->out, "<!doctype html><title>500</title><p>Internal error (template).");
		return 0;
	}
	cs->hdf = h;
	cs->global_hdf = lang_hdf[lang_index(r->lang)];
	r->out.len = 0;
	e = cs_render(cs, &r->out, out_cb);
	cs->hdf = base;
	cs->global_hdf = NULL;
	if (e != STATUS_OK) {
		STRING s;

		string_init(&s);
		nerr_error_traceback(e, &s);
		log_error("render %s: %s id=%s", name, s.buf ? s.buf : "?", r->id);
		string_clear(&s);
		nerr_ignore(&e);
		r->status = 500;
		r->out.len = 0;
		buf_adds(&r->out, "<!doctype html><title>500</title><p>Internal error (render).");
	}
	r->content_type = "text/html; charset=utf-8";
	security_headers(r);
	return 0;
}

static int
json_out_cb(const char *s, size_t n, void *ctx)
{
	buf_add(ctx, s, n);
	return 0;
}

int
json_reply(struct req *r, int status, json_t *doc)
{
	r->status = status;
	r->content_type = "application/json";
	r->out.len = 0;
	if (json_dump_callback(doc, json_out_cb, &r->out, JSON_COMPACT) != 0) {
		log_error("json_dump failed id=%s", r->id);
		r->status = 500;
		r->out.len = 0;
		buf_adds(&r->out, "{\"error\":{\"status\":500,\"message\":\"internal error\"}}");
	}
	json_decref(doc);
	req_header(r, "X-Content-Type-Options", "nosniff");
	req_header(r, "Cache-Control", "no-store");
	return 0;
}

int
redirect(struct req *r, const char *location)
{
	r->status = 303;
	req_header(r, "Location", "%s", location);
	r->out.len = 0;
	return 0;
}

int
fail(struct req *r, int status, const char *param, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n, api = (r->route && (r->route->flags & R_API)) ||
	    (r->path && (strncmp(r->path, "/api/", 5) == 0 || strcmp(r->path, "/health") == 0));

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* a long message is cut, and never in the middle of a character: JSON needs whole UTF-8 */
	if (n >= (int)sizeof msg)
		msg[utf8_prefix(msg, strlen(msg))] = '\0';
	log_warn("%d %s%s%s id=%s", status, msg, param ? " param=" : "", param ? param : "", r->id);
	/* headers set before fail() (Allow, Retry-After) are kept */
	if (api) {
		json_t *e = json_pack("{s:{s:i,s:s,s:s}}", "error", "status", status, "message", msg,
		    "request_id", r->id), *pj;

		if (e == NULL)     /* not UTF-8 after all: still an answer, and JSON */
			e = json_pack("{s:{s:i,s:s,s:s}}", "error", "status", status, "message", "invalid request",
			    "request_id", r->id);
		if (param && (pj = json_string(param)) != NULL)
			json_object_set_new(json_object_get(e, "error"), "param", pj);
		return json_reply(r, status, e);
	}
	if (r->hdf)
		hdf_destroy(&r->hdf);
	hdf_setf(req_hdf(r), "Error.Status", "%d", status);
	hdf_set_value(r->hdf, "Error.Message", msg);
	page(r, "error.cs");
	r->status = status;
	return 0;
}

int
db_down(struct req *r)
{
	return fail(r, 503, NULL, "%s", tr(r, "Error.Database"));
}

int
not_found(struct req *r)
{
	return fail(r, 404, NULL, "%s", tr(r, r->route && r->route->missing ? r->route->missing : "Error.NotFound"));
}

void
flash(struct req *r, const struct flash *known)
{
	const char *m = kvlist_get(&r->query, "m");

	for (; m && known->m; known++)
		if (strcmp(known->m, m) == 0) {
			hdf_set_value(req_hdf(r), "Flash", tr(r, known->key));
			hdf_set_value(r->hdf, "FlashKind", known->kind);
			return;
		}
}
