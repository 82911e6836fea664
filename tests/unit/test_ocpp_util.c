/* test_ocpp_util.c - the bridge's pure helpers: identities and paths, HTTP Basic, units and
 * meter values, the auth throttle, the string builder. */
#include "../../ocpp-bridge/util.c"
#include "t.h"

static void
test_identity(void)
{
	char id[IDENTITY_MAX + 1];

	T_INT(identity_ok("CP-1_a.b"), 1, "identity with . _ -");
	T_INT(identity_ok(""), 0, "empty identity");
	T_INT(identity_ok("a/b"), 0, "slash in identity");
	T_INT(identity_ok("a b"), 0, "space in identity");
	T_INT(identity_ok("012345678901234567890123456789012345678901234567"), 1, "48 characters");
	T_INT(identity_ok("0123456789012345678901234567890123456789012345678"), 0, "49 characters");
	T_INT(path_identity("/ocpp/CP1", id), 0, "path /ocpp/CP1");
	T_STR(id, "CP1", "identity from path");
	T_INT(path_identity("/ocpp/CP1/", id), 0, "trailing slash");
	T_INT(path_identity("/ocpp/", id), -1, "no identity");
	T_INT(path_identity("/other/CP1", id), -1, "wrong prefix");
	T_INT(path_identity("/ocpp/CP1/x", id), -1, "deeper path");
	T_INT(path_identity("/ocpp/CP%1", id), -1, "a percent left after decoding is not an identity");
}

static void
test_basic(void)
{
	char u[64], p[64];

	/* CP1:abcdefghijklmnop1234 */
	T_INT(basic_auth_parse("Basic Q1AxOmFiY2RlZmdoaWprbG1ub3AxMjM0", u, sizeof u, p, sizeof p), 0, "basic parses");
	T_STR(u, "CP1", "user");
	T_STR(p, "abcdefghijklmnop1234", "password");
	T_INT(basic_auth_parse("basic   Q1AxOmFiY2RlZmdoaWprbG1ub3AxMjM0  ", u, sizeof u, p, sizeof p), 0,
	    "scheme is case-insensitive, spaces allowed");
	/* "a:b:c" -> user a, password b:c */
	T_INT(basic_auth_parse("Basic YTpiOmM=", u, sizeof u, p, sizeof p), 0, "colon in password");
	T_STR(p, "b:c", "password keeps its colon");
	T_INT(basic_auth_parse("Bearer abc", u, sizeof u, p, sizeof p), -1, "not Basic");
	T_INT(basic_auth_parse("Basic YWJj", u, sizeof u, p, sizeof p), -1, "no colon");
	T_INT(basic_auth_parse("Basic !!!", u, sizeof u, p, sizeof p), -1, "not base64");
	T_INT(basic_auth_parse(NULL, u, sizeof u, p, sizeof p), -1, "missing");
	T_INT(basic_auth_parse("Basic Q1AxOmFiY2RlZmdoaWprbG1ub3AxMjM0", u, 3, p, sizeof p), -1, "user too long");
}

static void
test_units(void)
{
	double v = 1.5;
	unsigned skipped;
	json_error_t je;

	T_STR(unit_normalise("kWh", &v), "Wh", "kWh -> Wh");
	T_OK(v == 1500, "1.5 kWh = 1500 Wh");
	v = 7.2;
	T_STR(unit_normalise("kW", &v), "W", "kW -> W");
	T_OK(v > 7199.99 && v < 7200.01, "7.2 kW = 7200 W");
	v = 3;
	T_STR(unit_normalise("A", &v), "A", "A stays");
	T_STR(unit_normalise("Celcius", &v), "Celsius", "the schema's Celcius spelling");
	T_INT(parse_value("12.5", &v), 0, "12.5 parses");
	T_OK(v == 12.5, "12.5");
	T_INT(parse_value("-3e2", &v), 0, "exponent");
	T_OK(v == -300, "-300");
	T_INT(parse_value("abc", &v), -1, "not a number");
	T_INT(parse_value("", &v), -1, "empty");
	T_INT(parse_value("1,5", &v), -1, "comma decimal refused");

	json_t *mv = json_loads("[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"sampledValue\":["
	    "{\"value\":\"1.5\",\"unit\":\"kWh\"},"
	    "{\"value\":\"7\",\"measurand\":\"Power.Active.Import\"},"
	    "{\"value\":\"230\",\"measurand\":\"Voltage\",\"phase\":\"L1-N\",\"location\":\"Outlet\",\"context\":\"Sample.Periodic\"},"
	    "{\"value\":\"AB12\",\"format\":\"SignedData\"},"
	    "{\"value\":\"x\"}]}]", 0, &je);
	json_t *rows = meter_samples(mv, &skipped);
	T_INT(json_array_size(rows), 3, "three numeric samples");
	T_INT(skipped, 2, "signed data and garbage skipped");
	T_STR(json_string_value(json_object_get(json_array_get(rows, 0), "m")), "Energy.Active.Import.Register",
	    "default measurand");
	T_STR(json_string_value(json_object_get(json_array_get(rows, 0), "u")), "Wh", "kWh normalised");
	T_OK(json_real_value(json_object_get(json_array_get(rows, 0), "v")) == 1500, "value scaled");
	T_STR(json_string_value(json_object_get(json_array_get(rows, 1), "u")), "W", "Power's default unit W");
	T_STR(json_string_value(json_object_get(json_array_get(rows, 2), "p")), "L1-N", "phase kept");
	T_STR(json_string_value(json_object_get(json_array_get(rows, 2), "l")), "Outlet", "location kept");
	T_STR(json_string_value(json_object_get(json_array_get(rows, 2), "c")), "Sample.Periodic", "context kept");
	T_STR(json_string_value(json_object_get(json_array_get(rows, 2), "u")), "V", "Voltage's default unit V");
	json_decref(rows);
	json_decref(mv);
}

static void
test_throttle(void)
{
	struct throttle t = { .window = 60 };

	for (int i = 0; i < 9; i++)
		throttle_fail(&t, "10.0.0.1", 1000);
	T_INT(throttle_blocked(&t, "10.0.0.1", 1001, 10), 0, "9 failures: not yet");
	throttle_fail(&t, "10.0.0.1", 1002);
	T_INT(throttle_blocked(&t, "10.0.0.1", 1003, 10), 1, "10 failures: blocked");
	T_INT(throttle_blocked(&t, "10.0.0.2", 1003, 10), 0, "another address is not");
	T_INT(throttle_blocked(&t, "10.0.0.1", 1061, 10), 0, "a new window forgives");
	throttle_free(&t);
}

static void
test_sb(void)
{
	struct sb b = { 0 };

	sb_adds(&b, "[");
	sb_add_json_str(&b, "a\"b\\c\n");
	sb_addf(&b, ",%d]", 42);
	T_STR(b.s, "[\"a\\\"b\\\\c\\u000a\",42]", "string builder and JSON escaping");
	sb_free(&b);
	char t[32];
	time_now_iso(t);
	T_INT(strlen(t), 24, "ISO time with milliseconds and Z");
	T_OK(t[23] == 'Z', "ends in Z");
}

int
main(void)
{
	test_identity();
	test_basic();
	test_units();
	test_throttle();
	test_sb();
	return t_done();
}
