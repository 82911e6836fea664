/*
 * ocpp.h - the OCPP 1.6 protocol as a library, for the bridge and evshare-admin: the actions
 * (one row each: name, direction, schemas, accepted statuses, whether it is offered and whether
 * it is a command ocpp_commands takes), the schemas and their validator (schema.h), and the
 * charge point identity rule. Pure: const tables and functions of their arguments; no I/O, safe
 * from any thread. lib/ocpp includes only libc, jansson and lib/ headers, never the programs'.
 *
 * Where an action goes from here: the bridge's handler of a CALL a charger sends is the row of
 * the same enum in ocpp-bridge/handlers.c (handlers[]), with the statement it stores with; a
 * command for a charger is queued in ocpp_commands (its CHECK on action lists exactly the rows
 * with .command) and sent by ocpp-bridge/commands.c.
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

/* Every action of the six 1.6 profiles plus the 1.6 security extension; the index of its row in
 * ocpp_actions[] (and in the bridge's handlers[]). */
enum ocpp_action_id {
	/* charger -> central system */
	ACT_AUTHORIZE,
	ACT_BOOT_NOTIFICATION,
	ACT_DIAGNOSTICS_STATUS_NOTIFICATION,
	ACT_FIRMWARE_STATUS_NOTIFICATION,
	ACT_HEARTBEAT,
	ACT_METER_VALUES,
	ACT_SECURITY_EVENT_NOTIFICATION,
	ACT_START_TRANSACTION,
	ACT_STATUS_NOTIFICATION,
	ACT_STOP_TRANSACTION,
	/* both ways */
	ACT_DATA_TRANSFER,
	/* central system -> charger */
	ACT_CANCEL_RESERVATION,
	ACT_CHANGE_AVAILABILITY,
	ACT_CHANGE_CONFIGURATION,
	ACT_CLEAR_CACHE,
	ACT_CLEAR_CHARGING_PROFILE,
	ACT_GET_COMPOSITE_SCHEDULE,
	ACT_GET_CONFIGURATION,
	ACT_GET_DIAGNOSTICS,
	ACT_GET_LOCAL_LIST_VERSION,
	ACT_REMOTE_START_TRANSACTION,
	ACT_REMOTE_STOP_TRANSACTION,
	ACT_RESERVE_NOW,
	ACT_RESET,
	ACT_SEND_LOCAL_LIST,
	ACT_SET_CHARGING_PROFILE,
	ACT_TRIGGER_MESSAGE,
	ACT_UNLOCK_CONNECTOR,
	ACT_UPDATE_FIRMWARE,
	/* the security extension's, known but not offered (SecurityEventNotification above is) */
	ACT_CERTIFICATE_SIGNED,
	ACT_DELETE_CERTIFICATE,
	ACT_EXTENDED_TRIGGER_MESSAGE,
	ACT_GET_INSTALLED_CERTIFICATE_IDS,
	ACT_GET_LOG,
	ACT_INSTALL_CERTIFICATE,
	ACT_LOG_STATUS_NOTIFICATION,
	ACT_SIGN_CERTIFICATE,
	ACT_SIGNED_FIRMWARE_STATUS_NOTIFICATION,
	ACT_SIGNED_UPDATE_FIRMWARE,
	ACT__MAX
};

struct ocpp_action {
	enum ocpp_action_id id;         /* its own index in ocpp_actions[] */
	const char *name;               /* as OCPP-J spells it: "StopTransaction" */
	unsigned dir;                   /* enum ocpp_dir bits */
	const char *req_id, *conf_id;   /* schema ids, "StopTransaction.req" (schema_find) */
	/* statuses of a response that count as "accepted" for a command; NULL: any answer */
	const char *const *accepted;
	/* 1: we take part in it. 0: the security extension's: a charger calling it is answered
	 * NotSupported (not NotImplemented: the action exists), and we never send it. */
	unsigned offered : 1;
	/* 1: a command for chargers: ocpp_commands.action may name it (the SQL CHECK lists exactly
	 * these), evshare-admin's `command` offers it, the bridge sends it */
	unsigned command : 1;
};

extern const struct ocpp_action ocpp_actions[ACT__MAX];

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
