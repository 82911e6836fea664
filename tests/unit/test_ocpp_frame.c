/* test_ocpp_frame.c - OCPP-J frames and payload validation against the 1.6 schemas. */
#include "../../ocpp-bridge/frame.c"
#include "../../lib/buf.c"
#include "../../lib/ocpp/validate.c"
#include "../../lib/ocpp/schemas.c"
#include "t.h"

static enum frame_kind
parse(const char *s, struct frame *f)
{
	return frame_parse(s, strlen(s), f);
}

static void
test_frames(void)
{
	struct frame f;

	T_INT(parse("[2,\"abc\",\"Heartbeat\",{}]", &f), FRAME_CALL, "CALL parses");
	T_STR(f.id, "abc", "CALL id");
	T_STR(f.action, "Heartbeat", "CALL action");
	T_OK(json_is_object(f.payload) && json_object_size(f.payload) == 0, "CALL payload {}");
	frame_free(&f);

	T_INT(parse(" [ 3 , \"x1\" , {\"a\":1} ] ", &f), FRAME_RESULT, "CALLRESULT parses");
	T_STR(f.id, "x1", "CALLRESULT id");
	frame_free(&f);

	T_INT(parse("[4,\"e\",\"NotImplemented\",\"nope\",{}]", &f), FRAME_ERROR, "CALLERROR parses");
	T_STR(f.error_code, "NotImplemented", "CALLERROR code");
	T_STR(f.error_desc, "nope", "CALLERROR description");
	frame_free(&f);

	T_INT(parse("[2,\"abc\",\"Heartbeat\",{", &f), FRAME_BAD, "truncated JSON is bad");
	T_INT(f.err, OCPP_FORMATION_VIOLATION, "truncated JSON: FormationViolation");
	T_STR(f.id, "abc", "truncated JSON: the id is still read");
	frame_free(&f);
	T_INT(parse(" \n[ 2 ,\t\"xyz\" , \"Heartbeat\", {", &f), FRAME_BAD, "truncated JSON with white space");
	T_STR(f.id, "xyz", "truncated JSON: the id is read past white space");
	frame_free(&f);
	T_INT(parse("[2 \"xyz\", {", &f), FRAME_BAD, "truncated JSON without the ','");
	T_STR(f.id, "-1", "no ',' before the id: not read");
	frame_free(&f);

	T_INT(parse("hello", &f), FRAME_BAD, "not JSON is bad");
	T_STR(f.id, "-1", "not JSON: id -1");
	frame_free(&f);

	T_INT(parse("[3,\"abc\",{", &f), FRAME_IGNORE, "a broken CALLRESULT is dropped, not answered");
	frame_free(&f);

	T_INT(parse("[7,\"abc\",\"X\",{}]", &f), FRAME_IGNORE, "unknown message type ignored");
	frame_free(&f);
	T_INT(parse("[5,\"abc\"]", &f), FRAME_IGNORE, "type 5 ignored");
	frame_free(&f);

	T_INT(parse("{\"a\":1}", &f), FRAME_BAD, "an object is not a frame");
	T_INT(f.err, OCPP_FORMATION_VIOLATION, "object: FormationViolation");
	frame_free(&f);

	T_INT(parse("[2,\"0123456789012345678901234567890123456\",\"Heartbeat\",{}]", &f), FRAME_BAD,
	    "37-character id refused");
	frame_free(&f);
	T_INT(parse("[2,\"012345678901234567890123456789012345\",\"Heartbeat\",{}]", &f), FRAME_CALL,
	    "36-character id accepted");
	frame_free(&f);
	T_INT(parse("[2,\"\",\"Heartbeat\",{}]", &f), FRAME_BAD, "empty id refused");
	frame_free(&f);
	T_INT(parse("[2,5,\"Heartbeat\",{}]", &f), FRAME_BAD, "numeric id refused");
	T_STR(f.id, "-1", "numeric id: answered as -1");
	frame_free(&f);

	T_INT(parse("[2,\"a\",\"Heartbeat\"]", &f), FRAME_BAD, "CALL without payload");
	T_INT(f.err, OCPP_PROTOCOL_ERROR, "CALL without payload: ProtocolError");
	frame_free(&f);
	T_INT(parse("[2,\"a\",\"Heartbeat\",[]]", &f), FRAME_BAD, "CALL with array payload");
	T_INT(f.err, OCPP_FORMATION_VIOLATION, "array payload: FormationViolation");
	frame_free(&f);
	T_INT(parse("[2,\"a\",7,{}]", &f), FRAME_BAD, "numeric action");
	frame_free(&f);
	T_INT(parse("[2,\"a\",\"Heartbeat\",{\"x\":1,\"x\":2}]", &f), FRAME_BAD, "duplicate keys refused");
	frame_free(&f);
	T_INT(parse("[\"2\",\"a\",\"Heartbeat\",{}]", &f), FRAME_BAD, "string message type");
	T_STR(f.id, "a", "string message type: id still answered");
	frame_free(&f);
	T_INT(parse("[2,\"a\",\"X\",{\"s\":\"\\u0000\"}]", &f), FRAME_BAD, "NUL in a string refused");
	frame_free(&f);
	T_INT(parse("[2,\"a\",\"X\",{\"s\":\"\xff\"}]", &f), FRAME_BAD, "invalid UTF-8 refused");
	frame_free(&f);

	struct buf b = { 0 };

	T_INT(frame_result(&b, "id1", NULL), 0, "CALLRESULT built");
	T_STR(b.s, "[3,\"id1\",{}]", "CALLRESULT with empty payload is {}");
	b.len = 0;
	T_INT(frame_error(&b, "id1", "NotImplemented", "no such action", NULL), 0, "CALLERROR built");
	T_STR(b.s, "[4,\"id1\",\"NotImplemented\",\"no such action\",{}]", "CALLERROR details {}");
	b.len = 0;
	json_t *p = json_pack("{s:s}", "type", "Hard");
	T_INT(frame_call(&b, "c42", "Reset", p), 0, "CALL built");
	T_STR(b.s, "[2,\"c42\",\"Reset\",{\"type\":\"Hard\"}]", "CALL built");
	json_decref(p);
	buf_free(&b);
}

/* a's compact text (caller frees); a is released */
static char *
dumped(json_t *a)
{
	char *t = json_dumps(a, JSON_COMPACT);

	json_decref(a);
	return t;
}

/* The builders write what json_dumps(JSON_COMPACT) of the same array writes, strings escaped
 * alike; a string that is not UTF-8 builds nothing, as jansson refuses it. */
static void
test_builders_as_jansson(void)
{
	static const char *const strs[] = {
		"plain", "", "q\"uote", "back\\slash", "slash/", "\b\f\n\r\t", "\x01\x1f\x7f",
		"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x8c", "\xe2\x80\xa8",
	};
	static const char *const bad[] = {
		"\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "x\xff", "\xe2\x82",
	};
	json_t *payload = json_pack("{s:s,s:i,s:[f,b]}", "s", "v\"\n\xc3\xa9", "i", 42, "a", 1.5, 1);
	struct buf b = { 0 };
	char *want;

	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		b.len = 0;
		want = dumped(json_pack("[i,s,O]", 3, strs[i], payload));
		T_INT(frame_result(&b, strs[i], payload), 0, "CALLRESULT %zu built", i);
		T_STR(b.s, want, "CALLRESULT %zu as jansson writes it", i);
		free(want);
		b.len = 0;
		want = dumped(json_pack("[i,s,s,s,{}]", 4, "id", strs[i], strs[i]));
		T_INT(frame_error(&b, "id", strs[i], strs[i], NULL), 0, "CALLERROR %zu built", i);
		T_STR(b.s, want, "CALLERROR %zu as jansson writes it", i);
		free(want);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		json_t *js = json_string(bad[i]);

		T_OK(js == NULL, "jansson refuses bad UTF-8 %zu", i);
		json_decref(js);
		buf_free(&b);
		T_INT(buf_add(&b, "head", 4), 0, "buffer begun");
		T_INT(frame_error(&b, "id", "GenericError", bad[i], NULL), -1, "bad UTF-8 %zu refused", i);
		T_OK(b.len == 4 && strcmp(b.s, "head") == 0, "bad UTF-8 %zu: the buffer as it was", i);
	}
	buf_free(&b);
	json_decref(payload);
}

static enum ocpp_error
val(const char *schema, const char *json, char *msg, size_t n)
{
	json_error_t je;
	json_t *v = json_loads(json, 0, &je);
	enum ocpp_error e;

	if (v == NULL) {
		printf("# bad test JSON %s: %s\n", json, je.text);
		return -1;
	}
	e = schema_validate(schema_find(schema), v, msg, n);
	json_decref(v);
	return e;
}

static void
test_validation(void)
{
	char m[200];

	T_INT(schema_table_len, 78, "78 schemas generated");
	T_OK(schema_find("Authorize.req") != NULL, "Authorize.req found");
	T_OK(schema_find("Nope.req") == NULL, "unknown schema not found");

	T_INT(val("BootNotification.req", "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}", m, sizeof m),
	    OCPP_OK, "valid BootNotification");
	T_INT(val("BootNotification.req", "{\"chargePointVendor\":\"V\"}", m, sizeof m),
	    OCPP_OCCURENCE_CONSTRAINT_VIOLATION, "missing required: OccurenceConstraintViolation");
	T_OK(strstr(m, "chargePointModel") != NULL, "message names the missing property (%s)", m);
	T_INT(val("BootNotification.req", "{\"chargePointVendor\":5,\"chargePointModel\":\"M\"}", m, sizeof m),
	    OCPP_TYPE_CONSTRAINT_VIOLATION, "number for string: TypeConstraintViolation");
	T_INT(val("BootNotification.req",
	    "{\"chargePointVendor\":\"123456789012345678901\",\"chargePointModel\":\"M\"}", m, sizeof m),
	    OCPP_PROPERTY_CONSTRAINT_VIOLATION, "21 characters for maxLength 20: PropertyConstraintViolation");
	T_INT(val("BootNotification.req",
	    "{\"chargePointVendor\":\"\xc5\xa0koda\xc5\xa0koda\xc5\xa0koda\xc5\xa0kod\",\"chargePointModel\":\"M\"}", m, sizeof m),
	    OCPP_OK, "maxLength counts characters, not bytes");
	T_INT(val("BootNotification.req",
	    "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\",\"extra\":1}", m, sizeof m),
	    OCPP_FORMATION_VIOLATION, "additional property: FormationViolation");
	T_INT(val("StatusNotification.req",
	    "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Charging\"}", m, sizeof m),
	    OCPP_OK, "valid StatusNotification");
	T_INT(val("StatusNotification.req",
	    "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Flying\"}", m, sizeof m),
	    OCPP_PROPERTY_CONSTRAINT_VIOLATION, "enum violation: PropertyConstraintViolation");
	T_INT(val("StatusNotification.req",
	    "{\"connectorId\":1.5,\"errorCode\":\"NoError\",\"status\":\"Charging\"}", m, sizeof m),
	    OCPP_TYPE_CONSTRAINT_VIOLATION, "1.5 is not an integer");
	T_INT(val("StatusNotification.req",
	    "{\"connectorId\":1.0,\"errorCode\":\"NoError\",\"status\":\"Charging\"}", m, sizeof m),
	    OCPP_OK, "1.0 is an integer, as JSON Schema says");
	T_INT(val("StatusNotification.req",
	    "{\"connectorId\":\"1\",\"errorCode\":\"NoError\",\"status\":\"Charging\"}", m, sizeof m),
	    OCPP_TYPE_CONSTRAINT_VIOLATION, "\"1\" is not an integer");
	T_INT(val("StatusNotification.req",
	    "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Charging\",\"timestamp\":\"2024-01-02T03:04:05Z\"}", m, sizeof m),
	    OCPP_OK, "date-time with Z");
	T_INT(val("StatusNotification.req",
	    "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Charging\",\"timestamp\":\"2024-01-02T03:04:05\"}", m, sizeof m),
	    OCPP_PROPERTY_CONSTRAINT_VIOLATION, "date-time without a zone refused");
	T_INT(val("StatusNotification.req",
	    "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Charging\",\"timestamp\":\"yesterday\"}", m, sizeof m),
	    OCPP_PROPERTY_CONSTRAINT_VIOLATION, "date-time garbage refused");
	T_INT(val("Heartbeat.req", "{}", m, sizeof m), OCPP_OK, "empty Heartbeat");
	T_INT(val("Heartbeat.req", "{\"a\":1}", m, sizeof m), OCPP_FORMATION_VIOLATION, "Heartbeat with a property");
	T_INT(val("Heartbeat.req", "[]", m, sizeof m), OCPP_FORMATION_VIOLATION, "array payload");

	/* nested: MeterValues */
	T_INT(val("MeterValues.req",
	    "{\"connectorId\":1,\"transactionId\":5,\"meterValue\":[{\"timestamp\":\"2024-01-02T03:04:05.123+01:00\","
	    "\"sampledValue\":[{\"value\":\"12.5\",\"measurand\":\"Energy.Active.Import.Register\",\"unit\":\"kWh\"}]}]}", m, sizeof m),
	    OCPP_OK, "valid MeterValues");
	T_INT(val("MeterValues.req",
	    "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2024-01-02T03:04:05Z\","
	    "\"sampledValue\":[{\"value\":12.5}]}]}", m, sizeof m),
	    OCPP_TYPE_CONSTRAINT_VIOLATION, "numeric sampled value is a TypeConstraintViolation");
	T_OK(strstr(m, "/meterValue/0/sampledValue/0/value") != NULL, "path in message (%s)", m);
	T_INT(val("MeterValues.req",
	    "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2024-01-02T03:04:05Z\","
	    "\"sampledValue\":[{\"unit\":\"Wh\"}]}]}", m, sizeof m),
	    OCPP_OCCURENCE_CONSTRAINT_VIOLATION, "nested required missing");
	T_INT(val("MeterValues.req",
	    "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2024-01-02T03:04:05Z\","
	    "\"sampledValue\":[{\"value\":\"1\",\"unit\":\"MWh\"}]}]}", m, sizeof m),
	    OCPP_PROPERTY_CONSTRAINT_VIOLATION, "nested enum");

	/* multipleOf 0.1 (SetChargingProfile limit) */
	const char *scp = "{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":1,\"stackLevel\":0,"
	    "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":"
	    "{\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":%s}]}}}";
	char buf[600];
	snprintf(buf, sizeof buf, scp, "16.1");
	T_INT(val("SetChargingProfile.req", buf, m, sizeof m), OCPP_OK, "limit 16.1 is a multiple of 0.1");
	snprintf(buf, sizeof buf, scp, "16.15");
	T_INT(val("SetChargingProfile.req", buf, m, sizeof m), OCPP_PROPERTY_CONSTRAINT_VIOLATION,
	    "limit 16.15 is not a multiple of 0.1");
	/* uri */
	T_INT(val("GetDiagnostics.req", "{\"location\":\"ftp://example.com/diag\"}", m, sizeof m), OCPP_OK, "uri ok");
	T_INT(val("GetDiagnostics.req", "{\"location\":\"not a uri\"}", m, sizeof m),
	    OCPP_PROPERTY_CONSTRAINT_VIOLATION, "uri refused");
	/* minItems (SignedFirmware...: GetInstalledCertificateIds.conf has minItems on an array?) */
	T_INT(val("SendLocalList.req", "{\"listVersion\":1,\"updateType\":\"Full\",\"localAuthorizationList\":"
	    "[{\"idTag\":\"A\",\"idTagInfo\":{\"status\":\"Accepted\"}}]}", m, sizeof m), OCPP_OK, "SendLocalList ok");
	/* $ref resolved */
	T_INT(val("DeleteCertificate.req", "{\"certificateHashData\":{\"hashAlgorithm\":\"SHA256\","
	    "\"issuerNameHash\":\"a\",\"issuerKeyHash\":\"b\",\"serialNumber\":\"c\"}}", m, sizeof m), OCPP_OK, "$ref ok");
	T_INT(val("DeleteCertificate.req", "{\"certificateHashData\":{\"hashAlgorithm\":\"MD5\","
	    "\"issuerNameHash\":\"a\",\"issuerKeyHash\":\"b\",\"serialNumber\":\"c\"}}", m, sizeof m),
	    OCPP_PROPERTY_CONSTRAINT_VIOLATION, "$ref enum");

	T_INT(schema_is_date_time("2024-02-29T00:00:00Z"), 1, "leap day");
	T_INT(schema_is_date_time("2023-02-29T00:00:00Z"), 0, "no leap day in 2023");
	T_INT(schema_is_date_time("2023-12-31T23:59:60+0100"), 1, "leap second, +0100");
	T_INT(schema_is_date_time("2023-12-31 23:59:59.5-05:30"), 1, "space separator");
	T_INT(schema_is_date_time("2023-12-31T24:00:00Z"), 0, "hour 24");
	T_INT(schema_is_date_time("2023-12-31T23:00:00Zx"), 0, "junk after zone");

	T_STR(ocpp_error_name(OCPP_OCCURENCE_CONSTRAINT_VIOLATION), "OccurenceConstraintViolation", "1.6 spelling");
	T_STR(ocpp_error_name(OCPP_FORMATION_VIOLATION), "FormationViolation", "FormationViolation");

	/* a charger's CALLERROR code is one of these ten, or it is not stored as sent */
	static const char *const codes[] = { "NotImplemented", "NotSupported", "InternalError",
		"ProtocolError", "SecurityError", "FormationViolation", "PropertyConstraintViolation",
		"OccurenceConstraintViolation", "TypeConstraintViolation", "GenericError" };
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		T_STR(ocpp_error_name(ocpp_error_parse(codes[i])), codes[i], "CALLERROR code %s is OCPP 1.6's", codes[i]);
	T_INT(ocpp_error_parse("<script>"), OCPP_OK, "<script> is not an error code");
	T_INT(ocpp_error_parse("genericerror"), OCPP_OK, "error codes are case-sensitive");
	T_INT(ocpp_error_parse("OccurrenceConstraintViolation"), OCPP_OK, "only 1.6's spelling (Occurence)");
	T_INT(ocpp_error_parse(""), OCPP_OK, "the empty code is none");
	T_INT(ocpp_error_parse(NULL), OCPP_OK, "no code is none");
}

int
main(void)
{
	test_frames();
	test_builders_as_jansson();
	test_validation();
	return t_done();
}
