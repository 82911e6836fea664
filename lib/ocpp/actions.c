/* actions.c - the OCPP 1.6 actions table; see ocpp.h. */
#include <string.h>

#include "ocpp.h"

static const char *const st_accepted[] = { "Accepted", NULL };
static const char *const st_availability[] = { "Accepted", "Scheduled", NULL };
static const char *const st_config[] = { "Accepted", "RebootRequired", NULL };
static const char *const st_unlock[] = { "Unlocked", NULL };

/* flags of a row */
#define OFFERED 1u              /* .offered */
#define COMMAND 2u              /* .command */

/* [id] = the row: its name, direction, statuses that mean accepted (NULL: any answer), flags;
 * its schemas are name.req and name.conf */
#define A(id_, name_, dir_, accepted_, flags_) [id_] = { \
	.id = id_, .name = name_, .dir = dir_, .req_id = name_ ".req", .conf_id = name_ ".conf", \
	.accepted = accepted_, .offered = ((flags_) & OFFERED) != 0, .command = ((flags_) & COMMAND) != 0 }

/* in enum order, which is the order ocpp_action_find tries: the charger's first */
const struct ocpp_action ocpp_actions[ACT__MAX] = {
	/* charger -> central system */
	A(ACT_AUTHORIZE, "Authorize", DIR_CP_TO_CS, NULL, OFFERED),
	A(ACT_BOOT_NOTIFICATION, "BootNotification", DIR_CP_TO_CS, NULL, OFFERED),
	A(ACT_DIAGNOSTICS_STATUS_NOTIFICATION, "DiagnosticsStatusNotification", DIR_CP_TO_CS, NULL, OFFERED),
	A(ACT_FIRMWARE_STATUS_NOTIFICATION, "FirmwareStatusNotification", DIR_CP_TO_CS, NULL, OFFERED),
	A(ACT_HEARTBEAT, "Heartbeat", DIR_CP_TO_CS, NULL, OFFERED),
	A(ACT_METER_VALUES, "MeterValues", DIR_CP_TO_CS, NULL, OFFERED),
	A(ACT_SECURITY_EVENT_NOTIFICATION, "SecurityEventNotification", DIR_CP_TO_CS, NULL, OFFERED),
	A(ACT_START_TRANSACTION, "StartTransaction", DIR_CP_TO_CS, NULL, OFFERED),
	A(ACT_STATUS_NOTIFICATION, "StatusNotification", DIR_CP_TO_CS, NULL, OFFERED),
	A(ACT_STOP_TRANSACTION, "StopTransaction", DIR_CP_TO_CS, NULL, OFFERED),
	/* both ways */
	A(ACT_DATA_TRANSFER, "DataTransfer", DIR_BOTH, st_accepted, OFFERED | COMMAND),
	/* central system -> charger: the commands */
	A(ACT_CANCEL_RESERVATION, "CancelReservation", DIR_CS_TO_CP, st_accepted, OFFERED | COMMAND),
	A(ACT_CHANGE_AVAILABILITY, "ChangeAvailability", DIR_CS_TO_CP, st_availability, OFFERED | COMMAND),
	A(ACT_CHANGE_CONFIGURATION, "ChangeConfiguration", DIR_CS_TO_CP, st_config, OFFERED | COMMAND),
	A(ACT_CLEAR_CACHE, "ClearCache", DIR_CS_TO_CP, st_accepted, OFFERED | COMMAND),
	A(ACT_CLEAR_CHARGING_PROFILE, "ClearChargingProfile", DIR_CS_TO_CP, st_accepted, OFFERED | COMMAND),
	A(ACT_GET_COMPOSITE_SCHEDULE, "GetCompositeSchedule", DIR_CS_TO_CP, st_accepted, OFFERED | COMMAND),
	A(ACT_GET_CONFIGURATION, "GetConfiguration", DIR_CS_TO_CP, NULL, OFFERED | COMMAND),
	A(ACT_GET_DIAGNOSTICS, "GetDiagnostics", DIR_CS_TO_CP, NULL, OFFERED | COMMAND),
	A(ACT_GET_LOCAL_LIST_VERSION, "GetLocalListVersion", DIR_CS_TO_CP, NULL, OFFERED | COMMAND),
	A(ACT_REMOTE_START_TRANSACTION, "RemoteStartTransaction", DIR_CS_TO_CP, st_accepted, OFFERED | COMMAND),
	A(ACT_REMOTE_STOP_TRANSACTION, "RemoteStopTransaction", DIR_CS_TO_CP, st_accepted, OFFERED | COMMAND),
	A(ACT_RESERVE_NOW, "ReserveNow", DIR_CS_TO_CP, st_accepted, OFFERED | COMMAND),
	A(ACT_RESET, "Reset", DIR_CS_TO_CP, st_accepted, OFFERED | COMMAND),
	A(ACT_SEND_LOCAL_LIST, "SendLocalList", DIR_CS_TO_CP, st_accepted, OFFERED | COMMAND),
	A(ACT_SET_CHARGING_PROFILE, "SetChargingProfile", DIR_CS_TO_CP, st_accepted, OFFERED | COMMAND),
	A(ACT_TRIGGER_MESSAGE, "TriggerMessage", DIR_CS_TO_CP, st_accepted, OFFERED | COMMAND),
	A(ACT_UNLOCK_CONNECTOR, "UnlockConnector", DIR_CS_TO_CP, st_unlock, OFFERED | COMMAND),
	A(ACT_UPDATE_FIRMWARE, "UpdateFirmware", DIR_CS_TO_CP, NULL, OFFERED | COMMAND),
	/* the 1.6 security extension: known (so not NotImplemented) but not offered */
	A(ACT_CERTIFICATE_SIGNED, "CertificateSigned", DIR_CS_TO_CP, st_accepted, 0),
	A(ACT_DELETE_CERTIFICATE, "DeleteCertificate", DIR_CS_TO_CP, st_accepted, 0),
	A(ACT_EXTENDED_TRIGGER_MESSAGE, "ExtendedTriggerMessage", DIR_CS_TO_CP, st_accepted, 0),
	A(ACT_GET_INSTALLED_CERTIFICATE_IDS, "GetInstalledCertificateIds", DIR_CS_TO_CP, st_accepted, 0),
	A(ACT_GET_LOG, "GetLog", DIR_CS_TO_CP, st_accepted, 0),
	A(ACT_INSTALL_CERTIFICATE, "InstallCertificate", DIR_CS_TO_CP, st_accepted, 0),
	A(ACT_LOG_STATUS_NOTIFICATION, "LogStatusNotification", DIR_CP_TO_CS, NULL, 0),
	A(ACT_SIGN_CERTIFICATE, "SignCertificate", DIR_CP_TO_CS, NULL, 0),
	A(ACT_SIGNED_FIRMWARE_STATUS_NOTIFICATION, "SignedFirmwareStatusNotification", DIR_CP_TO_CS, NULL, 0),
	A(ACT_SIGNED_UPDATE_FIRMWARE, "SignedUpdateFirmware", DIR_CS_TO_CP, st_accepted, 0),
};

const struct ocpp_action *
ocpp_action_find(const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < ACT__MAX; i++)
		if (strcmp(ocpp_actions[i].name, name) == 0)
			return &ocpp_actions[i];
	return NULL;
}

const struct schema *
ocpp_req_schema(const struct ocpp_action *a)
{
	return schema_find(a->req_id);
}

const struct schema *
ocpp_conf_schema(const struct ocpp_action *a)
{
	return schema_find(a->conf_id);
}

int
ocpp_result_accepted(const struct ocpp_action *a, const json_t *payload)
{
	const char *st;

	if (a->accepted == NULL)
		return 1;
	st = json_string_value(json_object_get(payload, "status"));
	if (st == NULL)
		return 0;
	for (const char *const *p = a->accepted; *p; p++)
		if (strcmp(*p, st) == 0)
			return 1;
	return 0;
}
