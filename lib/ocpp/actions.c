/* actions.c - the OCPP 1.6 actions table; see ocpp.h. */
#include <string.h>

#include "ocpp.h"

static const char *const st_accepted[] = { "Accepted", NULL };
static const char *const st_availability[] = { "Accepted", "Scheduled", NULL };
static const char *const st_config[] = { "Accepted", "RebootRequired", NULL };
static const char *const st_unlock[] = { "Unlocked", NULL };

#define A(name, dir, acc) { name, dir, name ".req", name ".conf", acc }

/* Every action of the six 1.6 profiles plus the security extension's notification. */
const struct ocpp_action ocpp_actions[] = {
	/* charger -> central system */
	A("Authorize", DIR_CP_TO_CS, NULL),
	A("BootNotification", DIR_CP_TO_CS, NULL),
	A("DiagnosticsStatusNotification", DIR_CP_TO_CS, NULL),
	A("FirmwareStatusNotification", DIR_CP_TO_CS, NULL),
	A("Heartbeat", DIR_CP_TO_CS, NULL),
	A("MeterValues", DIR_CP_TO_CS, NULL),
	A("SecurityEventNotification", DIR_CP_TO_CS, NULL),
	A("StartTransaction", DIR_CP_TO_CS, NULL),
	A("StatusNotification", DIR_CP_TO_CS, NULL),
	A("StopTransaction", DIR_CP_TO_CS, NULL),
	A("DataTransfer", DIR_BOTH, st_accepted),
	/* central system -> charger */
	A("CancelReservation", DIR_CS_TO_CP, st_accepted),
	A("ChangeAvailability", DIR_CS_TO_CP, st_availability),
	A("ChangeConfiguration", DIR_CS_TO_CP, st_config),
	A("ClearCache", DIR_CS_TO_CP, st_accepted),
	A("ClearChargingProfile", DIR_CS_TO_CP, st_accepted),
	A("GetCompositeSchedule", DIR_CS_TO_CP, st_accepted),
	A("GetConfiguration", DIR_CS_TO_CP, NULL),
	A("GetDiagnostics", DIR_CS_TO_CP, NULL),
	A("GetLocalListVersion", DIR_CS_TO_CP, NULL),
	A("RemoteStartTransaction", DIR_CS_TO_CP, st_accepted),
	A("RemoteStopTransaction", DIR_CS_TO_CP, st_accepted),
	A("ReserveNow", DIR_CS_TO_CP, st_accepted),
	A("Reset", DIR_CS_TO_CP, st_accepted),
	A("SendLocalList", DIR_CS_TO_CP, st_accepted),
	A("SetChargingProfile", DIR_CS_TO_CP, st_accepted),
	A("TriggerMessage", DIR_CS_TO_CP, st_accepted),
	A("UnlockConnector", DIR_CS_TO_CP, st_unlock),
	A("UpdateFirmware", DIR_CS_TO_CP, NULL),
	/* the 1.6 security extension: known (so not NotImplemented) but not offered */
	A("CertificateSigned", DIR_CS_TO_CP, st_accepted),
	A("DeleteCertificate", DIR_CS_TO_CP, st_accepted),
	A("ExtendedTriggerMessage", DIR_CS_TO_CP, st_accepted),
	A("GetInstalledCertificateIds", DIR_CS_TO_CP, st_accepted),
	A("GetLog", DIR_CS_TO_CP, st_accepted),
	A("InstallCertificate", DIR_CS_TO_CP, st_accepted),
	A("LogStatusNotification", DIR_CP_TO_CS, NULL),
	A("SignCertificate", DIR_CP_TO_CS, NULL),
	A("SignedFirmwareStatusNotification", DIR_CP_TO_CS, NULL),
	A("SignedUpdateFirmware", DIR_CS_TO_CP, st_accepted),
};
const size_t ocpp_actions_len = sizeof ocpp_actions / sizeof ocpp_actions[0];

const struct ocpp_action *
ocpp_action_find(const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < ocpp_actions_len; i++)
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
