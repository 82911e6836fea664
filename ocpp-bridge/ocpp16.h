/*
 * ocpp16.h - the OCPP 1.6 actions: one row per action with its direction and its request and
 * response schemas. Pure tables; the bridge's handlers (handlers.c) and the admin CLI use them.
 */
#ifndef OCPP_OCPP16_H
#define OCPP_OCPP16_H

#include "schema.h"

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

#endif
