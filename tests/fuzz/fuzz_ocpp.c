/* fuzz_ocpp.c - libFuzzer target: OCPP-J frame parsing and payload validation, as the bridge
 * runs them on every message a charger sends, and the meter values' rows for the database
 * (every column must get exactly one array element per value), the meter range check, a
 * CALLERROR description cut on a character boundary (still UTF-8), and the handshake's address
 * parsing (trusted proxies, X-Forwarded-For). Seeds: tests/fuzz/corpus_ocpp/. */
#include <stdint.h>
#include <stdlib.h>

#include "../../ocpp-bridge/frame.c"
#include "../../lib/ocpp/validate.c"
#include "../../lib/ocpp/schemas.c"
#include "../../lib/ocpp/actions.c"
#include "../../lib/buf.c"
#include "../../lib/utf8.c"
#include "../../lib/number.c"
#include "../../lib/clock.c"
#include "../../lib/ocpp/identity.c"
#include "../../ocpp-bridge/util.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* elements in an array literal's element list (quoted elements may hold ',') */
static unsigned
count_elems(const char *s)
{
	unsigned n = *s ? 1 : 0;
	int q = 0;

	for (; *s; s++) {
		if (q && *s == '\\' && s[1])
			s++;
		else if (*s == '"')
			q = !q;
		else if (!q && *s == ',')
			n++;
	}
	if (q)
		abort();        /* an unterminated quoted element */
	return n;
}

static void
check_meter_rows(const json_t *mvs)
{
	struct buf cols[METER_COLS];
	unsigned n, skipped, samplings;
	double e, p;

	char msg[200];
	int refused, rc;

	msg[0] = '\0';
	refused = meter_check(mvs, "/x", msg, sizeof msg) < 0;
	if (refused && strncmp(msg, "/x/", 3) != 0)
		abort();        /* a refusal names the value */
	memset(cols, 0, sizeof cols);
	rc = meter_rows(mvs, 1, cols, &n, &skipped, &e, &p);
	if ((rc == -2) != refused)
		abort();        /* the hot path's check and the one that words it agree */
	if (rc == 0) {
		/* one element per sampling in every list, and a sampling has a value at least */
		samplings = count_elems(cols[MC_CP].s ? cols[MC_CP].s : "");
		for (int c = 0; c < METER_COLS; c++)
			if (count_elems(cols[c].s ? cols[c].s : "") != samplings)
				abort();
		if (samplings > n)
			abort();
	}
	for (int c = 0; c < METER_COLS; c++)
		buf_free(&cols[c]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frame f;
	char msg[200];
	struct buf out = { 0 };
	const struct ocpp_action *a;
	struct span el[5];
	int n;

	/* the raw log's splitter: any input, elements within it */
	if ((n = json_array_split((const char *)data, size, el, 5)) > 0)
		for (int i = 0; i < n && i < 5; i++) {
			if (el[i].off + el[i].len > size || el[i].len == 0)
				abort();
			json_str_decode((const char *)data + el[i].off, el[i].len, msg, sizeof msg);
		}

	/* the address of a handshake: any text as the proxy list, the peer and X-Forwarded-For */
	if (size < 512) {
		char text[512], addr[ADDR_MAX];
		struct trusted t;

		memcpy(text, data, size);
		text[size] = '\0';
		trusted_parse(text, &t, msg, sizeof msg);
		client_address(&t, "127.0.0.1", text, addr, sizeof addr);
		client_address(&t, text, text, addr, sizeof addr);
		if (strlen(addr) >= ADDR_MAX)
			abort();
	}

	switch (frame_parse((const char *)data, size, &f)) {
	case FRAME_BAD:
		frame_error(&out, f.id, ocpp_error_name(f.err), f.errmsg, NULL);
		break;
	case FRAME_CALL:
		if ((a = ocpp_action_find(f.action)) != NULL) {
			enum ocpp_error e = schema_validate(ocpp_req_schema(a), f.payload, msg, sizeof msg);

			if (e == OCPP_OK && strcmp(a->name, "MeterValues") == 0)
				check_meter_rows(json_object_get(f.payload, "meterValue"));
			if (e == OCPP_OK && strcmp(a->name, "StopTransaction") == 0)
				check_meter_rows(json_object_get(f.payload, "transactionData"));

			if (e)
				frame_error(&out, f.id, ocpp_error_name(e), msg, NULL);
			else
				frame_result(&out, f.id, NULL);
		}
		break;
	case FRAME_RESULT:
		/* as if it answered each of our commands */
		for (size_t i = 0; i < ACT__MAX; i++) {
			schema_validate(ocpp_conf_schema(&ocpp_actions[i]), f.payload, msg, sizeof msg);
			ocpp_result_accepted(&ocpp_actions[i], f.payload);
		}
		break;
	case FRAME_ERROR:
		/* as commands.c stores it: a known code or GenericError, the description cut between
		 * characters, so still UTF-8 (frame_error refuses anything else) */
		ocpp_error_parse(f.error_code);
		{
			char cut[520];

			snprintf(cut, sizeof cut, "%.*s", (int)utf8_prefix(f.error_desc, 500), f.error_desc);
			if (frame_error(&out, f.id, "GenericError", cut, NULL) < 0)
				abort();
		}
		break;
	default:
		break;
	}
	buf_free(&out);
	frame_free(&f);
	return 0;
}
