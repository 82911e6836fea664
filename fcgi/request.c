/*
 * request.c - one request's life: read into a struct req (with size limits), dispatched through
 * the route table, answered in one write, logged in one line, reset for the next.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "config.h"
#include "log.h"
#include "secret.h"
#include "evshare.h"

/* ---------------------------------------------------------------- request */

const char *
req_env(struct req *r, const char *name)
{
	return r->fcgx ? FCGX_GetParam(name, r->envp) : getenv(name);
}

void
req_header(struct req *r, const char *name, const char *fmt, ...)
{
	char value[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof value, fmt, ap);
	va_end(ap);
	/* header injection is impossible by construction: no CR/LF ever reaches a header */
	value[strcspn(value, "\r\n")] = '\0';
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

/* Reads exactly n bytes of the body into r->body. 0 ok, -1 when the client sent less. */
static int
read_body(struct req *r, size_t n)
{
	char chunk[16384];

	while (r->body.len < n) {
		size_t want = n - r->body.len;
		int got;

		if (want > sizeof chunk)
			want = sizeof chunk;
		if (r->fcgx)
			got = FCGX_GetStr(chunk, (int)want, ((FCGX_Request *)r->fcgx)->in);
		else
			got = (int)fread(chunk, 1, want, stdin);
		if (got <= 0)
			return -1;
		buf_add(&r->body, chunk, (size_t)got);
	}
	return 0;
}

static int
content_type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);

	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* Parses everything the handlers may look at. 0 ok; otherwise the error response is set. */
static int
read_request(struct req *r)
{
	const char *uri = req_env(r, "REQUEST_URI"), *qs = req_env(r, "QUERY_STRING");
	const char *cl = req_env(r, "CONTENT_LENGTH"), *ct = req_env(r, "CONTENT_TYPE");
	const char *bad = NULL, *lang;
	enum parse_status st;
	long long len = 0;
	size_t max_fields = (size_t)config_int("max_fields");

	r->method = req_env(r, "REQUEST_METHOD");
	if (r->method == NULL)
		r->method = "GET";
	if (uri == NULL)
		uri = req_env(r, "SCRIPT_NAME");
	if (uri == NULL || *uri != '/')
		uri = "/";
	r->path = strndup(uri, strcspn(uri, "?"));

	/* cookies and language first: every error page after this is in the right language */
	if (parse_cookies(&r->cookies, req_env(r, "HTTP_COOKIE"), 100) != PARSE_OK)
		return fail(r, 400, NULL, "%s", "too many cookies"), -1;
	lang = kvlist_get(&r->cookies, "lang");
	r->lang = lang && (strcmp(lang, "cs") == 0 || strcmp(lang, "en") == 0)
	    ? (strcmp(lang, "cs") == 0 ? "cs" : "en") : pick_lang(req_env(r, "HTTP_ACCEPT_LANGUAGE"));

	/* the visible language switch: ?lang=en on any page, remembered in a cookie */
	if (qs && (lang = strstr(qs, "lang=")) && (lang == qs || lang[-1] == '&') &&
	    (strncmp(lang + 5, "cs", 2) == 0 || strncmp(lang + 5, "en", 2) == 0) &&
	    (lang[7] == '\0' || lang[7] == '&')) {
		r->lang = lang[5] == 'c' ? "cs" : "en";
		req_header(r, "Set-Cookie", "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax", r->lang);
	}

	if (!utf8_valid(r->path, strlen(r->path)))
		return fail(r, 400, NULL, "%s", "the address is not valid UTF-8"), -1;
	if (qs && strlen(qs) > (size_t)config_int("max_query"))
		return fail(r, 414, NULL, "the query string is longer than %lld bytes",
		    config_int("max_query")), -1;
	if (qs && (st = parse_urlencoded(&r->query, qs, strlen(qs), max_fields, &bad)) != PARSE_OK)
		return fail(r, 400, bad, "query parameter%s%s: %s", bad ? " " : "",
		    bad ? bad : "s", parse_status_str(st)), -1;

	if (cl && *cl && parse_long(cl, 0, (long long)1 << 40, &len))
		return fail(r, 400, NULL, "%s", "Content-Length is not a number"), -1;
	if (len > config_int("max_body"))
		return fail(r, 413, NULL, "the request body is larger than %lld bytes",
		    config_int("max_body")), -1;
	if (len > 0 && read_body(r, (size_t)len))
		return fail(r, 400, NULL, "%s", "the request body ended early"), -1;
	if (len == 0)
		return 0;

	if (content_type_is(ct, "application/x-www-form-urlencoded")) {
		st = parse_urlencoded(&r->form, r->body.s, r->body.len, max_fields, &bad);
		if (st != PARSE_OK)
			return fail(r, 400, bad, "form field%s%s: %s", bad ? " " : "s",
			    bad ? bad : "", parse_status_str(st)), -1;
	} else if (content_type_is(ct, "application/json")) {
		json_error_t jerr;

		if (!utf8_valid(r->body.s, r->body.len))
			return fail(r, 400, NULL, "%s", "the JSON body is not valid UTF-8"), -1;
		r->json = json_loadb(r->body.s, r->body.len, JSON_REJECT_DUPLICATES, &jerr);
		if (r->json == NULL)
			return fail(r, 400, NULL, "invalid JSON at line %d column %d: %s",
			    jerr.line, jerr.column, jerr.text), -1;
	} else {
		return fail(r, 415, NULL, "%s", "send application/x-www-form-urlencoded or application/json"), -1;
	}
	return 0;
}

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* Writes the whole response at once. */
static void
send_response(struct req *r)
{
	struct buf h = { 0 };
	int head = strcmp(r->method, "HEAD") == 0;

	buf_printf(&h, "Status: %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nX-Request-Id: %s\r\n",
	    r->status, reason(r->status), r->content_type, r->out.len, r->id);
	buf_add(&h, r->headers.s ? r->headers.s : "", r->headers.len);
	buf_adds(&h, "\r\n");
	if (!head && r->out.len)
		buf_add(&h, r->out.s, r->out.len);
	if (h.failed || r->out.failed || r->headers.failed) {
		/* never a page cut short: what can be said without memory */
		static const char oom[] = "Status: 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
		    "Content-Length: 14\r\n\r\nout of memory\n";

		log_error("out of memory building the answer id=%s", r->id);
		buf_free(&h);
		h.s = (char *)oom;
		h.len = sizeof oom - 1;
		r->status = 500;
	}
	if (r->fcgx)
		FCGX_PutStr(h.s, (int)h.len, ((FCGX_Request *)r->fcgx)->out);
	else {
		fwrite(h.s, 1, h.len, stdout);
		fflush(stdout);
	}
	if (h.cap)
		buf_free(&h);
}

static void
access_log(struct req *r)
{
	struct timespec t1;
	const char *addr = req_env(r, "REMOTE_ADDR");

	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_info("access %s %s %s %d %zu %.1fms id=%s", addr ? addr : "-", r->method,
	    r->path ? r->path : "-", r->status, r->out.len,
	    (double)(t1.tv_sec - r->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - r->t0.tv_nsec) / 1e6, r->id);
}

/* Frees what the request owns and leaves it ready for the next one (buffers kept). */
void
req_reset(struct req *r)
{
	free(r->path);
	kvlist_clear(&r->query);
	kvlist_clear(&r->form);
	kvlist_clear(&r->cookies);
	kvlist_clear(&r->params);
	if (r->json)
		json_decref(r->json);
	if (r->hdf)
		hdf_destroy(&r->hdf);
	r->path = NULL;
	r->json = NULL;
	r->route = NULL;
	r->body.len = r->out.len = r->headers.len = 0;
	r->body.failed = r->out.failed = r->headers.failed = 0;
	memset(r->has, 0, sizeof r->has);
	memset(&r->who, 0, sizeof r->who);
	r->nerr = 0;
}

void
req_process(struct req *r)
{
	unsigned char raw[8];

	clock_gettime(CLOCK_MONOTONIC, &r->t0);
	randombytes_buf(raw, sizeof raw);
	secret_hex(raw, sizeof raw, r->id);
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	if (read_request(r) == 0)
		dispatch(r);
}

void
req_finish(struct req *r)
{
	send_response(r);
	access_log(r);
	req_reset(r);
}

