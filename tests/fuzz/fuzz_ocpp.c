/* fuzz_ocpp.c - libFuzzer target: OCPP-J frame parsing and payload validation, as the bridge
 * runs them on every message a charger sends. Seeds: tests/fuzz/corpus_ocpp/. */
#include <stdint.h>
#include <stdlib.h>

#include "../../ocpp-bridge/frame.c"
#include "../../ocpp-bridge/validate.c"
#include "../../ocpp-bridge/schemas.c"
#include "../../ocpp-bridge/ocpp16.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frame f;
	char msg[200], *out = NULL;
	const struct ocpp_action *a;

	switch (frame_parse((const char *)data, size, &f)) {
	case FRAME_BAD:
		out = frame_error(f.id, ocpp_error_name(f.err), f.errmsg, NULL);
		break;
	case FRAME_CALL:
		if ((a = ocpp_action_find(f.action)) != NULL) {
			enum ocpp_error e = schema_validate(ocpp_req_schema(a), f.payload, msg, sizeof msg);

			out = e ? frame_error(f.id, ocpp_error_name(e), msg, NULL) : frame_result(f.id, NULL);
		}
		break;
	case FRAME_RESULT:
		/* as if it answered each of our commands */
		for (size_t i = 0; i < ocpp_actions_len; i++) {
			schema_validate(ocpp_conf_schema(&ocpp_actions[i]), f.payload, msg, sizeof msg);
			ocpp_result_accepted(&ocpp_actions[i], f.payload);
		}
		break;
	default:
		break;
	}
	free(out);
	frame_free(&f);
	return 0;
}
