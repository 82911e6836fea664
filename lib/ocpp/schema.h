/*
 * schema.h - the OCPP 1.6 JSON schemas as static C tables (schemas.c is generated from the
 * official schemas by gen-schemas.mjs) and the validator that checks a payload against them
 * (validate.c). Part of lib/ocpp: users include ocpp.h, which includes this.
 * Pure: no I/O, no globals but the const tables; safe from any thread.
 *
 * How a violation maps to an OCPP-J 1.6 CALLERROR code (the first violation found wins):
 *   payload (or a nested value) of the wrong JSON type ......... TypeConstraintViolation
 *   a required property missing, too few array items ............ OccurenceConstraintViolation
 *   enum, maxLength, format (date-time, uri), multipleOf ........ PropertyConstraintViolation
 *   a property the schema does not define ....................... FormationViolation
 * (the codes are spelled as OCPP-J 1.6 section 4.2.3 spells them.)
 */
#ifndef OCPP_LIB_SCHEMA_H
#define OCPP_LIB_SCHEMA_H

#include <stddef.h>
#include <jansson.h>

enum schema_type { ST_ANY, ST_OBJECT, ST_ARRAY, ST_STRING, ST_INTEGER, ST_NUMBER, ST_BOOLEAN };
enum schema_format { SF_NONE, SF_DATE_TIME, SF_URI };

struct schema;

struct schema_prop {
	const char *name;
	const struct schema *schema;
	int required;
};

struct schema {
	unsigned char type;             /* enum schema_type */
	unsigned char format;           /* enum schema_format */
	unsigned char additional;       /* 1: properties not listed are allowed */
	int max_length;                 /* in characters (code points); -1: none */
	int min_items;                  /* -1: none */
	double multiple_of;             /* 0: none */
	const char *const *enums;       /* NULL-terminated, or NULL */
	const struct schema_prop *props;
	unsigned nprops;
	const struct schema *items;
};

struct schema_entry {
	const char *id;                 /* "Authorize.req", "Authorize.conf", ... */
	const struct schema *schema;
};

extern const struct schema_entry schema_table[];   /* sorted by id */
extern const size_t schema_table_len;

/* The schema called id ("BootNotification.req"), or NULL. */
const struct schema *schema_find(const char *id);

enum ocpp_error {
	OCPP_OK = 0,
	OCPP_FORMATION_VIOLATION,
	OCPP_PROPERTY_CONSTRAINT_VIOLATION,
	OCPP_OCCURENCE_CONSTRAINT_VIOLATION,
	OCPP_TYPE_CONSTRAINT_VIOLATION,
	OCPP_PROTOCOL_ERROR,
	OCPP_NOT_IMPLEMENTED,
	OCPP_NOT_SUPPORTED,
	OCPP_SECURITY_ERROR,
	OCPP_INTERNAL_ERROR,
	OCPP_GENERIC_ERROR,
};

/* The OCPP-J 1.6 spelling of an error code ("FormationViolation"...). */
const char *ocpp_error_name(enum ocpp_error e);
/* The error code spelled name (exactly as OCPP-J 1.6 section 4.2.3 lists the ten of them), or
 * OCPP_OK when name is none of them (NULL included). */
enum ocpp_error ocpp_error_parse(const char *name);

/* Validates v against s. OCPP_OK, or the error code with a one-line explanation naming the
 * JSON path (e.g. "/meterValue/0/timestamp: not a date-time") in msg (always NUL-terminated). */
enum ocpp_error schema_validate(const struct schema *s, const json_t *v, char *msg, size_t msglen);

/* 1 if s is an RFC 3339 date-time with a time zone (what ajv-formats accepts), else 0. */
int schema_is_date_time(const char *s);

#endif
