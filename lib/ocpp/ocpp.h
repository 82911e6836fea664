/*
 * ocpp.h - the OCPP 1.6 protocol as a library, for the bridge and evshare-admin: the actions
 * (one row each with its direction and its request and response schemas), the schemas and their
 * validator (schema.h), and the charge point identity rule. Pure: const tables and functions of
 * their arguments; no I/O, safe from any thread. lib/ocpp includes only libc, jansson and
 * lib/ headers, never the programs' headers.
 */
#ifndef OCPP_LIB_H
#define OCPP_LIB_H

#include <stddef.h>
#include <jansson.h>

#include "schema.h"

/* ---------------------------------------------------------------- actions */

enum ocpp_dir {
	DIR_CP_TO_CS = 1,       /* the charger calls us */
	DIR_CS_TO_CP = 2,       /* we call the charger (commands) */
	DIR_BOTH = 3,           /* DataTransfer */
};

struct ocpp_action {
	const char *name;
	unsigned dir;                   /* enum ocpp_dir bits */
	const char *req_id, *conf_id;   /* schema ids, "Authorize.req" */
	/* statuses of a response that count as "accepted" for a command; NULL: any answer */
	const char *const *accepted;
};

extern const struct ocpp_action ocpp_actions[];
extern const size_t ocpp_actions_len;

/* The action called name (exact, case-sensitive), or NULL. */
const struct ocpp_action *ocpp_action_find(const char *name);

const struct schema *ocpp_req_schema(const struct ocpp_action *a);
const struct schema *ocpp_conf_schema(const struct ocpp_action *a);

/* For a command's CALLRESULT payload: 1 if it means the charger accepted, 0 if it refused. */
int ocpp_result_accepted(const struct ocpp_action *a, const json_t *payload);

/* ---------------------------------------------------------------- identities */

#define IDENTITY_MAX 48

/* 1 if s is a charge point identity: [A-Za-z0-9._-]{1,48} (ASCII whatever the locale), else 0.
 * The bridge takes it from the endpoint path, evshare-admin from add-charger. */
int identity_ok(const char *s);

#endif
