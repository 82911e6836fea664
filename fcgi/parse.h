/*
 * parse.h - pure parsers for request input: urlencoded query strings and form bodies, the Cookie
 * header, route patterns, Accept-Language and the numbers handlers accept (ids, decimals, money,
 * map bounding boxes). No I/O, no globals a caller can see; every function only reads its input
 * and writes what it is given. Every string these parsers put in a kvlist is valid UTF-8 with no
 * NUL and no control characters other than tab, CR and LF, so handlers may print it (escaped) as
 * it is. Thread-safe (the "C" locale parse_double reads numbers in is lib/number.c's).
 */
#ifndef EVSHARE_PARSE_H
#define EVSHARE_PARSE_H

#include <stddef.h>

#include "utf8.h"          /* utf8_valid, utf8_prefix: what "valid UTF-8" means here */
#include "money.h"

struct kv {
	char *name;             /* malloc'd, NUL-terminated, decoded */
	char *value;            /* malloc'd, NUL-terminated, decoded */
};

/* Zero-initialise. The list owns every string in it, and err_name. */
struct kvlist {
	struct kv *v;
	size_t n, cap;
	char *err_name;         /* set by parse_urlencoded() on error; see there */
};

/* Frees the strings (and err_name) and sets n to 0, keeping the array for the next request. */
void kvlist_clear(struct kvlist *l);
/* Frees everything; the list is zeroed and may be used again. */
void kvlist_free(struct kvlist *l);
/* Appends copies of name[0..nlen) and value[0..vlen), NUL-terminated; the caller keeps its own
 * buffers. No validation here: callers add only trusted or already-checked text. 0 ok, -1 nomem. */
int kvlist_add(struct kvlist *l, const char *name, size_t nlen, const char *value, size_t vlen);
/* The value of the first pair called name, owned by the list, or NULL. */
const char *kvlist_get(const struct kvlist *l, const char *name);

enum parse_status {
	PARSE_OK = 0,
	PARSE_BAD_ENCODING,     /* bad or short %XX, or a NUL byte (%00) */
	PARSE_BAD_UTF8,         /* decoded bytes are not strict UTF-8 */
	PARSE_BAD_CHAR,         /* a control character other than tab, CR, LF (C0, DEL or C1) */
	PARSE_TOO_MANY,         /* more than max_pairs pairs */
	PARSE_NOMEM
};

/* A short English reason ("invalid percent-encoding"); a static string. */
const char *parse_status_str(enum parse_status st);

/*
 * application/x-www-form-urlencoded (query strings and form bodies): s[0..len) need not be
 * NUL-terminated, and may be NULL when len is 0. Pairs are split on '&' only; '+' is a space and
 * %XX is decoded in names and values. Empty pairs ("a=1&&b=2") are skipped; a name without '='
 * has the value ""; "=x" gives the name "" (kept: a handler looks names up, so it is harmless).
 * Pairs are appended to *out in order; max_pairs counts the pairs this call adds.
 *
 * On error *out is left as it was before the call. *bad_name (if bad_name is non-NULL) is set to
 * NULL, or, when the value was bad and the name decoded cleanly, to out->err_name: a copy of that
 * name owned by *out (valid until the next failed parse_urlencoded() into *out, or
 * kvlist_clear/kvlist_free), so the caller can say which field is wrong. PARSE_TOO_MANY and
 * PARSE_NOMEM never name a field.
 */
enum parse_status parse_urlencoded(struct kvlist *out, const char *s, size_t len,
	size_t max_pairs, const char **bad_name);

/*
 * Cookie header ("a=1; b=2"; header may be NULL). Split on ';'; spaces and tabs around names and
 * values are trimmed; a value wrapped in double quotes loses them. Values are not percent-decoded
 * (cookie values are opaque). Pieces without '=', with an empty name, or with bytes that are not
 * valid UTF-8 or are control characters (other than tab, CR, LF) are skipped. Appended to *out;
 * the only errors are PARSE_TOO_MANY (more than max_pairs good cookies) and PARSE_NOMEM, after
 * which *out is left as it was before the call.
 */
enum parse_status parse_cookies(struct kvlist *out, const char *header, size_t max_pairs);

/* 1 if s (UTF-8) holds none of the invisible characters that change how text around them is
 * shown: bidi embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069) and
 * zero-width or directional marks (U+200B..U+200F, U+2060, U+FEFF). A title or a name with one
 * of them can look like another text than the one stored, so such fields refuse them. Pure. */
int text_plain(const char *s);

/*
 * Route patterns: "/chargers/{id}" matches "/chargers/17" giving the param id=17. path is the raw
 * request path (no query string, not decoded). Literal parts of the pattern compare byte for byte
 * with the raw path, so a trailing slash is significant ("/a/" != "/a"). A {name} matches one
 * whole non-empty path segment and must be followed in the pattern by '/' or the end (a pattern
 * such as "/x/{id}.json" never matches). The segment is percent-decoded ('+' stays '+': this is
 * a path, not a form) and does not match if the decoding is invalid, if it is not clean UTF-8
 * text (see parse_urlencoded), if it contains a decoded '/' (%2F: a param is always one segment,
 * which keeps ids from turning into paths), or if it is "." or "..". A malformed pattern ('{'
 * without '}', "{}") matches nothing.
 * 1 on match (params appended to *params, which owns them), 0 otherwise (*params as it was;
 * also on out of memory).
 */
int route_match(const char *pattern, const char *path, struct kvlist *params);

/*
 * Accept-Language (may be NULL): "cs" or "en", a static string. Each supported language gets the
 * highest q of the ranges naming it ("en-GB;q=0.8" counts as en, "cs-CZ" as cs); "*" gives its q
 * to a language that no range names. en is picked only if its q is above 0 and above cs's, so cs
 * wins ties and is the answer for a NULL, empty or unparseable header. Ranges with a bad tag or
 * a bad q are ignored.
 */
const char *pick_lang(const char *accept_language);

/*
 * Strict decimal numbers: the whole string, an optional leading '-', digits (and for doubles an
 * optional '.' followed by digits, with at least one digit on each side); no '+', spaces, hex,
 * exponents, inf or nan. Leading zeros are fine. The value must lie in [min, max]. parse_double
 * always uses '.' whatever the process locale. 0 ok (*out set), -1 bad (*out untouched).
 */
int parse_long(const char *s, long long min, long long max, long long *out);
int parse_double(const char *s, double min, double max, double *out);
/* A double precision value as PostgreSQL writes it ("14.4378", "-3", "1e-05", "1.5e+20"):
 * parse_double's numbers with an optional exponent: 'e' or 'E', an optional sign, digits (still
 * no inf, nan or spaces). For columns read back from the database, not for input. 0 ok, -1 bad. */
int parse_float8(const char *s, double min, double max, double *out);

/* parse_money (a price into minor units) is in lib/money.h: the tools read prices too. */

/* Bounding box "west,south,east,north", each a strict decimal as for parse_double: longitudes
 * in [-180, 180], latitudes in [-90, 90], west < east (no box across the antimeridian), south <
 * north. 0 ok (out[] set); -1 bad with a short static English reason in *why (if non-NULL). */
int parse_bbox(const char *s, double out[4], const char **why);

/* Blocked dates "YYYY-MM-DD" separated by commas, semicolons, spaces or new lines (at most 366,
 * each a real date in 2000..2100) appended to out as a PostgreSQL array literal
 * "{2026-12-24,2026-12-25}" ("{}" for none). 0 ok, -1 when a piece is not such a date (out
 * then holds a partial literal: the caller discards it). Pure. */
struct buf;
int parse_dates(const char *s, struct buf *out);

#endif
