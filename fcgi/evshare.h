/*
 * evshare.h - what the files of evshare.fcgi share: the request, the route table, rendering,
 * the database. One request at a time per process; everything in struct req is reset between
 * requests (req_reset), nothing of one request survives into the next.
 */
#ifndef EVSHARE_FCGI_H
#define EVSHARE_FCGI_H

#include <stddef.h>
#include <time.h>

#include <ClearSilver.h>
#include <jansson.h>
#include <libpq-fe.h>

#include "parse.h"

/* ---------------------------------------------------------------- growable text */
struct buf {
	char *s;
	size_t len, cap;
};
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);

/* ---------------------------------------------------------------- validated input */
enum vkind {
	V_TEXT,     /* UTF-8 text (checked by the parser), length in characters [min, max] */
	V_INT,      /* strict integer in [min, max] */
	V_NUM,      /* strict decimal in [min, max] */
	V_MONEY,    /* CZK "6,50" -> minor units, at most max minor units */
	V_BBOX,     /* west,south,east,north */
	V_CHOICE,   /* one of choices[] (NULL-terminated) */
	V_BOOL      /* "1", "true", "on" or "0", "false", "" */
};

#define F_REQUIRED 1u

struct field {
	const char *name;
	enum vkind kind;
	unsigned flags;
	double min, max;
	const char *const *choices;
};

union value {
	long long i;            /* V_INT, V_MONEY, V_BOOL, V_CHOICE (the index) */
	double d;               /* V_NUM */
	double box[4];          /* V_BBOX */
	const char *s;          /* V_TEXT, V_CHOICE: owned by the request's kvlist */
};

#define MAX_FIELDS 32

/* ---------------------------------------------------------------- the request */
struct req {
	/* the FastCGI request, or NULL when answering one request as plain CGI */
	void *fcgx;
	char **envp;

	/* input, copied or parsed out of the environment; all owned by the request */
	const char *method;          /* REQUEST_METHOD (points into envp) */
	char *path;                  /* raw path of REQUEST_URI, no query string */
	struct kvlist query;
	struct kvlist form;          /* application/x-www-form-urlencoded body */
	struct kvlist cookies;
	struct kvlist params;        /* {name} parts of the route */
	json_t *json;                /* application/json body */
	struct buf body;
	const char *lang;            /* "cs" or "en" (static) */
	char id[17];                 /* request id: 16 hex digits, in logs and error pages */
	struct timespec t0;

	/* the matched route and its validated fields */
	const struct route *route;
	union value val[MAX_FIELDS];
	unsigned char has[MAX_FIELDS];   /* field present and valid */

	/* output */
	int status;
	const char *content_type;
	struct buf headers;          /* extra header lines, each ending in \r\n */
	struct buf out;              /* body */
	HDF *hdf;                    /* page data; created on first use */
};

/* Reads and checks the request, then runs its route: r->status, r->out and the headers hold
 * the answer afterwards. */
void req_process(struct req *r);
/* Sends the answer, logs the access line and resets r for the next request. */
void req_finish(struct req *r);
/* Frees what the request owns, keeping buffers for reuse. */
void req_reset(struct req *r);

/* The value of a CGI variable (HTTP_COOKIE, REMOTE_ADDR...) or NULL. Points into the
 * environment: copy it to keep it past the request. */
const char *req_env(struct req *r, const char *name);
/* A header line for the response, e.g. req_header(r, "Retry-After", "%d", 30). */
void req_header(struct req *r, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---------------------------------------------------------------- routes */
#define R_API   1u   /* errors are JSON; unknown query parameters are refused */

struct route {
	const char *method;
	const char *pattern;
	int (*handler)(struct req *);
	const struct field *fields;   /* query (GET) or form (POST) fields, NULL-name terminated */
	unsigned flags;
};

extern const struct route routes[];

/* Finds the route, checks the method and the declared fields, runs the handler. Any failure
 * becomes an error response. */
void dispatch(struct req *r);

/* ---------------------------------------------------------------- responses (render.c) */
/* Each returns 0 so a handler can `return page(r, "map.cs");`. */
int render_init(const char *templates_dir, char *err, size_t errlen);
HDF *req_hdf(struct req *r);                 /* the page's data set, created on first use */
void hdf_setf(HDF *h, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int page(struct req *r, const char *template_name);
int json_reply(struct req *r, int status, json_t *doc);   /* steals doc */
int redirect(struct req *r, const char *location);        /* 303 See Other */
/* An error page (HTML) or JSON error (R_API routes), carrying status and request id.
 * param names the offending input, or NULL. */
int fail(struct req *r, int status, const char *param, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Translated text for the current language, from templates/lang/LANG.hdf, or the key. */
const char *tr(struct req *r, const char *key);

/* ---------------------------------------------------------------- database (webdb.c) */
enum stmt {
	S_MAP_BBOX,
	S_CHARGER,
	S_CHARGER_CONNECTORS,
	S_CHARGER_WINDOWS,
	S_HEALTH,
	S__MAX
};

int webdb_connect(void);      /* at start; 0 ok, -1 logged (requests retry later) */
/* Runs a prepared statement; reconnects once when the connection was lost. Returns a result
 * the caller must PQclear, or NULL after logging (the handler answers 503). */
PGresult *dbq(enum stmt s, int n, const char *const *params);
int webdb_ok(void);           /* 1 when the connection is up */

/* ---------------------------------------------------------------- handlers */
int h_map(struct req *r);
int h_api_chargers(struct req *r);
int h_charger(struct req *r);
int h_health(struct req *r);

extern const struct field f_api_chargers[];

/* The connector types we know, in display order, NULL-terminated. */
extern const char *const connector_types[];
const char *connector_label(const char *type);


#endif
