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

#include "buf.h"
#include "parse.h"


/* ---------------------------------------------------------------- validated input */
enum vkind {
	V_TEXT,     /* UTF-8 text (checked by the parser), length in characters [min, max] */
	V_INT,      /* strict integer in [min, max] */
	V_NUM,      /* strict decimal in [min, max] */
	V_MONEY,    /* CZK "6,50" -> minor units, at most max minor units */
	V_BBOX,     /* west,south,east,north */
	V_CHOICE,   /* one of choices[] (NULL-terminated) */
	V_BOOL,     /* "1", "true", "on" or "0", "false", "" */
	V_EMAIL     /* an e-mail address (lower-cased by the handler), length [min, max] */
};

#define F_REQUIRED 1u
#define F_PLAIN    2u   /* V_TEXT: no invisible bidi or zero-width characters (text_plain in
                         * parse.h): titles and names, which others see */

struct field {
	const char *name;
	enum vkind kind;
	unsigned flags;
	double min, max;
	const char *const *choices;
};

union value {
	long long i;            /* V_INT, V_MONEY, V_BOOL */
	double d;               /* V_NUM */
	double box[4];          /* V_BBOX */
	const char *s;          /* V_TEXT, V_EMAIL, V_CHOICE (the chosen entry of choices[]; the
	                         * index is not kept: it shares this union) */
};

#define MAX_FIELDS 48

/* The person behind the request (session.c); all zero for an anonymous visitor. */
struct who {
	long long id;                /* accounts.id, 0 when nobody is signed in */
	long long sid;               /* web_sessions.id of this session */
	int owner, admin, verified;
	char name[328];              /* display name (80 characters of UTF-8) */
	char email[256];
	char lang[4];                /* the account's language */
	char csrf[64];               /* the CSRF token forms carry, derived from the cookie */
	char visitor[64];            /* the anonymous visitor cookie, when there is no session */
};

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
	long long path_id;           /* the route's {id}, checked by the router: 1..9e18 (0: none) */
	json_t *json;                /* application/json body */
	struct buf body;
	const char *lang;            /* "cs" or "en" (static) */
	char id[17];                 /* request id: 16 hex digits, in logs and error pages */
	struct timespec t0;

	/* the matched route and its validated fields */
	const struct route *route;
	union value val[MAX_FIELDS];
	unsigned char has[MAX_FIELDS];   /* field present and valid */
	int nerr;                        /* R_FORM routes: fields that failed (see form_error) */
	struct who who;                  /* reset between requests */

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
#define R_LOGIN 2u   /* a signed-in person only; anyone else is sent to /login?next=... */
#define R_OWNER 4u   /* an owner only (403 for others); implies R_LOGIN */
#define R_ADMIN 8u   /* an admin only (403 for others); implies R_LOGIN */
#define R_FORM  16u  /* a form: invalid fields do not 400; each is recorded (Form.*, Err.*) and
                      * the handler renders the form again with r->nerr > 0 */

/* A pattern's {id} is a path parameter the router checks: a whole number 1..9e18, handed to
 * the handler as r->path_id; anything else there is the 404 of missing. */
struct route {
	const char *method;
	const char *pattern;
	int (*handler)(struct req *);
	const struct field *fields;   /* query (GET) or form (POST) fields, NULL-name terminated */
	unsigned flags;
	const char *missing;          /* translation key of the route's 404 (not_found()): a bad
	                               * {id}, or one naming nothing; NULL: Error.NotFound */
};

extern const struct route routes[];

/* Finds the route, checks the method and the declared fields, runs the handler. Any failure
 * becomes an error response. */
void dispatch(struct req *r);
/* Records an error for a form field: Err.<name> = the translated key; r->nerr++ (router.c,
 * which records the declared fields' own; handlers add theirs). */
void form_error(struct req *r, const char *field, const char *key);

/* ---------------------------------------------------------------- responses (render.c) */
/* Each returns 0 so a handler can `return page(r, "map.cs");`. */
int render_init(const char *templates_dir, char *err, size_t errlen);
HDF *req_hdf(struct req *r);                 /* the page's data set, created on first use */
void hdf_setf(HDF *h, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void hdf_cell(HDF *h, const char *list, int row, const char *name, const char *value);
/* Every row of res as LIST.ROW.NAME: NAME the words of names in column order ("-" skips a
 * column; those past the last word are left out), or the result's own column names when names
 * is NULL. A template counts the rows with subcount(LIST). */
void hdf_rows(HDF *h, const char *list, const PGresult *res, const char *names);
int page(struct req *r, const char *template_name);
int json_reply(struct req *r, int status, json_t *doc);   /* steals doc */
int redirect(struct req *r, const char *location);        /* 303 See Other */
/* An error page (HTML) or JSON error (R_API routes), carrying status and request id.
 * param names the offending input, or NULL. */
int fail(struct req *r, int status, const char *param, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Translated text for the current language, from templates/lang/LANG.hdf, or the key. */
const char *tr(struct req *r, const char *key);
/* The 503 page (or JSON) saying the database is not answering (Error.Database). */
int db_down(struct req *r);
/* The 404 of the route's missing key (Error.NotFound when it has none). */
int not_found(struct req *r);
/* A message a redirect asked for with ?m=NAME: only one a page lists in its known[] (ended by
 * a { NULL } row) is shown, as Flash (the translation of key) and FlashKind (kind: "success",
 * "warning" or "error", the class header.cs gives it). Anything else in ?m= is ignored. */
struct flash {
	const char *m, *key, *kind;
};
void flash(struct req *r, const struct flash *known);

/* ---------------------------------------------------------------- database (webdb.c) */
enum stmt {
	S_MAP_CHANGES,
	S_CHARGER,
	S_CHARGER_CONNECTORS,
	S_CHARGER_WINDOWS,
	S_HEALTH,
	/* accounts and sessions (account.c, session.c) */
	S_SESSION_TOUCH,
	S_SESSION_NEW,
	S_SESSION_REVOKE,
	S_SESSION_REVOKE_ALL,
	S_SESSION_LIST,
	S_RATE_HIT,
	S_ACCOUNT_BY_EMAIL,
	S_ACCOUNT_NEW,
	S_ACCOUNT_GET,
	S_ACCOUNT_UPDATE,
	S_ACCOUNT_PASSWORD,
	S_ACCOUNT_HOST,
	S_ACCOUNT_DELETE,
	S_TOKEN_NEW,
	S_TOKEN_PEEK,
	S_TOKEN_USE,
	S_VERIFY_EMAIL,
	S_AUDIT,
	S_RATE_PEEK,
	S_RATE_NOTE,
	S_TOKEN_EXPIRE,
	S_DEVICE_KNOWN,
	S_DEVICE_NOTE,
	S_DEVICE_FORGET,
	S_ACCOUNT_MAIL,
	S_LISTING_MAIL,
	/* owners (owner.c) */
	S_LISTING_NEW,
	S_OWNER_LISTINGS,
	S_OWNER_LISTING,
	S_LISTING_COMMANDS,
	S_CP_PASSWORD,
	S_CP_TEST,
	S_LISTING_STATE_OWNER,
	S_LISTING_DELETE,
	S_PRICES,
	S_LISTING_UPDATE,
	S_LISTING_BLOCKED,
	/* admins (admin.c) */
	S_ADMIN_QUEUE,
	S_ADMIN_LISTING_STATE,
	S_ADMIN_LISTINGS,
	S_ADMIN_LISTING,
	S_ADMIN_MESSAGES,
	S_ADMIN_COMMANDS,
	S_ADMIN_SECURITY,
	S_ADMIN_ACCOUNTS,
	S_ADMIN_ACCOUNT_STATE,
	S_ADMIN_ACCOUNT_ROLE,
	S_AUDIT_LIST,
	/* issue 8/4 (owner.c, helper D's block) */
	S_SECRET_ONCE_TAKE,
	S_LISTING_REVISION,
	S_ADMIN_REVISIONS,
	/* issue 10/4: RFID cards (cards.c) */
	S_CARD_LIST,
	S_CARD_ADD,
	S_CARD_STATE,
	S_CARD_DELETE,
	S_ADMIN_CARD_ACCOUNT,
	S_ADMIN_CARD_OWNER,
	S_ADMIN_CARD_STATE,
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

/* accounts (account.c) */
int h_register_form(struct req *r);
int h_register(struct req *r);
int h_login_form(struct req *r);
int h_login(struct req *r);
int h_logout(struct req *r);
int h_verify_form(struct req *r);
int h_verify(struct req *r);
int h_verify_resend(struct req *r);
int h_reset_form(struct req *r);
int h_reset(struct req *r);
int h_reset_confirm_form(struct req *r);
int h_reset_confirm(struct req *r);
int h_account(struct req *r);
int h_account_save(struct req *r);
int h_account_revoke(struct req *r);
int h_account_host(struct req *r);
int h_account_delete(struct req *r);
/* cards.c (issue 10/4) */
extern const struct field f_card_add[];
int cards_page_data(struct req *r);
int h_card_add(struct req *r);
int h_card_block(struct req *r);
int h_card_unblock(struct req *r);
int h_card_delete(struct req *r);
extern const struct field f_admin_card_act[];
int h_admin_cards(struct req *r);
int h_admin_card_act(struct req *r);
extern const struct field f_register[], f_login[], f_token[], f_reset[], f_reset_confirm[],
	f_profile[], f_revoke[], f_delete[], f_next[];

/* owners (owner.c; the listing form, new and edit, is listing_form.c) */
int h_owner(struct req *r);
int h_owner_new_form(struct req *r);     /* listing_form.c */
int h_owner_new(struct req *r);          /* listing_form.c */
int h_owner_listing(struct req *r);
int h_owner_live(struct req *r);
int h_owner_password(struct req *r);
int h_owner_test(struct req *r);
int h_owner_pause(struct req *r);
int h_owner_resume(struct req *r);
int h_owner_delete(struct req *r);
int h_owner_prices(struct req *r);
int h_owner_edit_form(struct req *r);    /* listing_form.c */
int h_owner_edit(struct req *r);         /* listing_form.c */
extern const struct field f_listing[], f_listing_edit[];    /* listing_form.c */
extern const struct field f_prices[], f_listing_delete[];

/* the footer's pages (pages.c; issue 8/4.9) */
int h_terms(struct req *r);
int h_privacy(struct req *r);
int h_contact(struct req *r);

/* admins (admin.c) */
int h_admin(struct req *r);
int h_admin_listings(struct req *r);
int h_admin_listing(struct req *r);
int h_admin_listings_act(struct req *r);
int h_admin_accounts(struct req *r);
int h_admin_accounts_act(struct req *r);
int h_admin_audit(struct req *r);
extern const struct field f_admin_search[], f_admin_listing_act[], f_admin_account_act[], f_audit[];

/* ---------------------------------------------------------------- sessions (session.c) */
#define SESSION_COOKIE "ev_s"
#define VISITOR_COOKIE "ev_v"
/* "\\x<hex>" of the SHA-256 of a token (cookie, mailed link): a bytea parameter. */
void token_hash_param(const char *tok, char out[70]);
/* Finds the session of the cookie (if any) and fills r->who, including the CSRF token. */
void session_load(struct req *r);
/* An anonymous page with a form: makes sure the visitor cookie (and so r->who.csrf) exists. */
void csrf_ensure(struct req *r);
/* Starts a session for account (a fresh cookie). 0 ok, -1 database trouble. */
int session_start(struct req *r, long long account);
/* Ends this request's session and clears the cookie. */
void session_end(struct req *r);
/* Clears the session cookie (empty, Max-Age=0) with the attributes it was set with (Path,
 * HttpOnly, SameSite, and Secure when public_url is https): logout and account deletion. */
void session_cookie_clear(struct req *r);
/* The CSRF token for a secret (the session or visitor cookie): base64url of
 * SHA-256("evshare-csrf:" secret), 43 characters, into out (44 bytes). Pure. */
void csrf_derive(const char *secret, char out[44]);
/* 1 when given is the token that belongs to secret (constant time), else 0. Pure. */
int csrf_match(const char *secret, const char *given);
/* Counts one hit in the sliding window of bucket; 0 when under max, else -1 with the 429 page
 * (and Retry-After, and the wait in words) set. A refused hit is not counted, so a client
 * that keeps trying while refused is let in again one window after its last counted hit. A
 * database failure lets the request through (logged). */
int rate_limit(struct req *r, const char *bucket, int max, int window_s);
/* Throttles that count failures only (login, password re-checks): the seconds to wait before
 * bucket may be tried again (0 when fewer than max failures were noted in the last window_s
 * seconds; also on database trouble, logged); throttle_note notes one failure. */
int throttle_wait(const char *bucket, int max, int window_s);
void throttle_note(const char *bucket, int window_s);
/* The wait in words, in the request's language: "in 3 minutes", "za 3 minuty" (Wait.* keys),
 * into out; returns out. too_many: the translation key's text with its "{wait}" replaced. */
const char *wait_words(struct req *r, int seconds, char *out, size_t n);
const char *too_many(struct req *r, const char *key, int seconds, char *out, size_t n);
/* Known devices (sql/014): the browser's DEVICE_COOKIE has logged in to account before (1,
 * with a short id naming it in id_out, for its own throttle bucket) or not (0); and, after a
 * login, remembering it (sets the cookie). */
#define DEVICE_COOKIE "ev_d"
int device_known(struct req *r, long long account, char id_out[17]);
void device_remember(struct req *r, long long account);
/* One audit_log row: who (r->who.id), what, on what, why. 0 ok, -1 logged. */
int audit(struct req *r, const char *action, const char *target_type, long long target_id,
	const char *reason);
/* The problem with a new password, as a translation key, or NULL when it is fine: shorter than
 * 10 characters, longer than 200, on the common-password list (list_path, read once), made of
 * one repeated character, or containing the e-mail's local part. Pure but for the list. */
const char *password_problem(const char *pw, const char *email, const char *list_path);
/* 1 when s looks like an e-mail address we accept (one @, a dot in the domain, no spaces or
 * angle brackets, 3..254 bytes). Pure. */
int email_valid(const char *s);

/* ---------------------------------------------------------------- mail (mail.c) */
/* Writes one message into the outbox (a maildir: tmp/ then new/). 0 ok, -1 logged. */
int mail_send(const char *to, const char *subject, const char *body);
/* A message to a person in their own language (lang "cs" or "en", whatever the request's):
 * the translated subject, the translated first line, then lines (NULL-terminated; a line
 * MAIL_KEY "Key" is the translation of Key, any other goes as it is: titles, reasons, links).
 * 0 ok, -1 logged. */
#define MAIL_KEY "\001"
int mail_person(struct req *r, const char *to, const char *lang, const char *subject_key,
	const char *body_key, const char *const *lines);

#include "connector.h"


#endif
