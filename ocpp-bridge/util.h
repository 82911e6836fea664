/*
 * util.h - the bridge's small pure helpers: identities and the endpoint path, HTTP Basic
 * credentials, meter value units, timestamps, the per-address auth throttle and a string
 * builder. No I/O; each function only reads its input and writes what it is given.
 */
#ifndef OCPP_UTIL_H
#define OCPP_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <jansson.h>

#define IDENTITY_MAX 48

/* 1 if s is a charge point identity: [A-Za-z0-9._-]{1,48}. */
int identity_ok(const char *s);

/* The identity from a request path "/ocpp/{identity}" (libwebsockets has already decoded
 * %xx escapes; a trailing slash is allowed). 0 and out filled (IDENTITY_MAX + 1 bytes) or -1. */
int path_identity(const char *path, char *out);

/* Decodes an "Authorization: Basic xxx" value into user and password (NUL-terminated, at most
 * ulen-1 / plen-1 bytes). 0 ok, -1 malformed, missing or too long. */
int basic_auth_parse(const char *header, char *user, size_t ulen, char *pass, size_t plen);

/* Normalises a sampled value's unit: kWh->Wh, kW->W, kvarh->varh, kvar->var, kVA->VA,
 * Celcius->Celsius; value scaled to match. *unit may be NULL (OCPP's default is Wh). Returns the
 * normalised unit (a static string). */
const char *unit_normalise(const char *unit, double *value);

/* Parses a sampled value's text ("12.5"); 0 ok, -1 not a finite number. Locale-independent. */
int parse_value(const char *s, double *out);

/* Current UTC time as "2024-01-02T03:04:05.123Z" into out (32 bytes). */
void time_now_iso(char out[32]);

/* Per-address counter of failed handshakes in fixed windows of `window` seconds. */
struct throttle_entry {
	char addr[64];
	time_t window_start;
	unsigned fails;
	struct throttle_entry *next;
};
struct throttle {
	struct throttle_entry *buckets[1024];
	size_t n;
	unsigned window;
};
/* 1 if addr has failed `limit` times or more in its current window. */
int throttle_blocked(struct throttle *t, const char *addr, time_t now, unsigned limit);
void throttle_fail(struct throttle *t, const char *addr, time_t now);
void throttle_free(struct throttle *t);

/* A growing string. Zero-initialise; sb_free when done. Functions return 0 or -1 (no memory). */
struct sb {
	char *s;
	size_t len, cap;
};
int sb_add(struct sb *b, const char *s, size_t n);
int sb_adds(struct sb *b, const char *s);
int sb_addf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* appends s as a JSON string literal (quoted, escaped) */
int sb_add_json_str(struct sb *b, const char *s);
void sb_free(struct sb *b);

#endif

/* MeterValues' meterValue (or StopTransaction's transactionData) array as the rows
 * ocpp_insert_samples() takes: [{"t","m","c","p","l","u","v"}], units normalised, the OCPP
 * defaults filled in (measurand Energy.Active.Import.Register, the measurand's usual unit).
 * Values that are not numbers (format SignedData) are skipped and counted in *skipped.
 * Returns a new array (caller decrefs) or NULL when out of memory. */
json_t *meter_samples(const json_t *meter_values, unsigned *skipped);
