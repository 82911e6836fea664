/*
 * util.h - the bridge's small pure helpers: identities and the endpoint path, HTTP Basic
 * credentials, meter value units, timestamps, the client's address, the auth throttle, the
 * text of COPY fields and array literals, JSON array splitting, and meter values as the store
 * takes them. No I/O; each function only reads its input and writes what it is given.
 */
#ifndef OCPP_UTIL_H
#define OCPP_UTIL_H

#include "buf.h"
#include "utf8.h"          /* utf8_prefix: descriptions cut to a length */

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <jansson.h>

#include "ocpp/ocpp.h"            /* IDENTITY_MAX, identity_ok: the identity rule */

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

/* Parses a sampled value's text ("12.5", "-3e2"; spaces around allowed) into the double nearest
 * to it (correctly rounded: "0.3" is 0.3, never 0.30000000000000004); 0 ok, -1 not a finite
 * number. Locale-independent. */
int parse_value(const char *s, double *out);
/* parse_value of s given in unit (NULL: Wh), into the normalised unit (*normal, as
 * unit_normalise names it) exactly: "7.36" kWh is 7360 Wh, not 7360.000000000001. */
int parse_value_in(const char *s, const char *unit, const char **normal, double *out);


/* Who is connecting. The peer's address, unless the peer is one of the trusted proxies
 * (bridge_trusted_proxies): then the last address of X-Forwarded-For, the one that proxy
 * appended (what comes before it is whatever the client sent). */
#define ADDR_MAX 46             /* INET6_ADDRSTRLEN */
#define TRUSTED_MAX 32
struct trusted {
	struct { unsigned char a[16]; unsigned bits; } net[TRUSTED_MAX];    /* IPv4 as ::ffff:a.b.c.d */
	int n;
};
/* Parses a list of addresses or networks ("127.0.0.1, ::1 10.1.0.0/16"; commas or spaces
 * between them; empty: none) into t. 0, or -1 with the entry that is not one in err. */
int trusted_parse(const char *list, struct trusted *t, char *err, size_t errlen);
/* 1 if addr (text) is in one of t's networks. */
int trusted_has(const struct trusted *t, const char *addr);
/* The client's address as canonical text (IPv4 dotted, IPv6 as inet_ntop writes it) into out
 * (n >= ADDR_MAX): peer, or when peer is trusted and xff (the X-Forwarded-For value, NULL when
 * absent) ends in an address, that last address. */
void client_address(const struct trusted *t, const char *peer, const char *xff, char *out, size_t n);

/* Counters of failed handshakes per key in fixed windows of `window` seconds (a refused
 * attempt while blocked is not counted: the window ends when it ends). The bridge's keys are
 * "ADDRESS IDENTITY" (and "ADDRESS ?" for identities it does not know), so that failures for
 * one charger never lock out the other chargers behind the same address. */
#define THROTTLE_KEY_MAX (ADDR_MAX + 1 + 48 + 1)
struct throttle_entry {
	char key[THROTTLE_KEY_MAX];
	time_t window_start;
	unsigned fails;
	struct throttle_entry *next;
};
struct throttle {
	struct throttle_entry *buckets[1024];
	size_t n;
	unsigned window;
};
/* 1 if key has failed `limit` times or more in its current window. */
int throttle_blocked(struct throttle *t, const char *key, time_t now, unsigned limit);
/* Counts a failure; returns the key's failures in its window now (0 if it could not count). */
unsigned throttle_fail(struct throttle *t, const char *key, time_t now);
/* Seconds until key's current window ends (at least 1), 0 when it has none. */
unsigned throttle_wait(struct throttle *t, const char *key, time_t now);
void throttle_free(struct throttle *t);

/* Growing strings are lib/buf.h's; what the bridge appends to them beyond text: */
/* appends n bytes of s for a COPY ... FROM STDIN text-format field (\\, tab, newline, CR escaped) */
int buf_add_copy_text(struct buf *b, const char *s, size_t n);
/* appends s as an element of a PostgreSQL array literal: quoted and escaped, NULL for NULL */
int buf_add_array_str(struct buf *b, const char *s);

/* The top-level elements of a JSON array text (as OCPP-J frames are): el[i] gets each element's
 * offset and length (surrounding whitespace excluded). Returns how many (at most max are
 * recorded), or -1 if text is not an array of complete JSON values (only the structure is
 * checked: strings, nesting, separators). */
struct span {
	size_t off, len;
};
int json_array_split(const char *text, size_t len, struct span *el, int max);

/* Decodes the JSON string literal lit (n bytes, with its quotes) into out (outlen bytes,
 * NUL-terminated; \u escapes as UTF-8). 0, or -1 if it is not one or does not fit. */
int json_str_decode(const char *lit, size_t n, char *out, size_t outlen);

/* MeterValues' meterValue (or StopTransaction's transactionData): the three below read it the
 * same way, in one walk each (util.c's meter_collect): the sampled values that are numbers (not
 * signed data, with a timestamp), the OCPP defaults filled in (measurand
 * Energy.Active.Import.Register, the measurand's usual unit) and units normalised. */
/* What the schema cannot check, as meterStart and meterStop are checked: after units are
 * normalised (kWh -> Wh), a register (a measurand ending in ".Register", the default measurand included)
 * is a reading from 0 to METER_VALUE_MAX, and no value is beyond +-METER_VALUE_MAX. Values that
 * are not numbers are not looked at (they are skipped when stored). 0, or -1 with the first
 * offender in msg, its JSON path starting with path ("/meterValue/0/sampledValue/1/value: ...");
 * 0 also when out of memory (nothing could be looked at: storing the values fails then too). */
#define METER_VALUE_MAX 9e15
int meter_check(const json_t *meter_values, const char *path, char *msg, size_t msglen);

/* The sampled values as the rows ocpp_insert_samples() (sql/defs/30_meter.sql) takes:
 * [{"t","m","c","p","l","u","v"}] (no "c", "p", "l" when the value has none). Values that are
 * not numbers are skipped and counted in *skipped. Returns a new array (caller decrefs) or NULL
 * when out of memory. */
json_t *meter_samples(const json_t *meter_values, unsigned *skipped);

/* The same sampled values as columns for the grouped MeterValues statement (ocpp_meter_batch in
 * sql/defs/30_meter.sql): each sampling appends one element to each of the METER_COLS lists
 * (array literal elements without the braces, joined by ','). Values with one timestamp are one
 * sampling, whatever meterValue element they came in; a value repeated within the message (same
 * timestamp, measurand, phase, location and context) is kept once, the first. A sampling's
 * elements: charge point (cp), timestamp, then its measurands, contexts, phases, locations,
 * units (normalised) and values, each list as one array literal ("{Voltage,Current.Import}").
 * *n: values added; *skipped: values that are not numbers; *energy_wh, *power_w: the latest
 * Energy.Active.Import.Register and Power.Active.Import of the whole charger (no phase), NAN
 * when there is none. 0; -1 when out of memory; -2 when a value is out of meter_check's range
 * (nothing appended; meter_check then says which). */
enum { MC_CP, MC_T, MC_M, MC_C, MC_P, MC_L, MC_U, MC_V, METER_COLS };
int meter_rows(const json_t *meter_values, long long cp, struct buf cols[METER_COLS], unsigned *n,
               unsigned *skipped, double *energy_wh, double *power_w);

#endif
