/* test_ocpp_util.c - the bridge's pure helpers: identities and paths, HTTP Basic, units and
 * meter values, the auth throttle, the bridge's clock. */
#include <math.h>
#include <stdlib.h>

#include "../../lib/buf.c"
#include "../../lib/ocpp/identity.c"
#include "../../ocpp-bridge/util.c"
#include "t.h"

static void
test_identity(void)
{
	char id[IDENTITY_MAX + 1];

	/* identity_ok itself: tests/unit/test_ocpp_actions.c (lib/ocpp) */
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
	/* the double nearest to the text, as strtod gives it (not 0.30000000000000004) */
	{
		static const char *const exact[] = { "0.3", "7.36", "15.123456", "230.1", "1234.567",
			"99999.999", "0.000123", "12345678901234567890", "1.7976931348623157e308",
			"4.9e-324", "0.1000000000000000000000000001", "+5", " 12 ", "123456.789e-3" };

		for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
			T_OK(parse_value(exact[i], &v) == 0 && v == strtod(exact[i], NULL),
			    "'%s' parses to the nearest double", exact[i]);
	}
	{
		const char *nu = NULL;

		T_OK(parse_value_in("7.36", "kWh", &nu, &v) == 0 && v == 7360 && strcmp(nu, "Wh") == 0,
		    "7.36 kWh is exactly 7360 Wh (not 7360.000000000001)");
		T_OK(parse_value_in("0.001", "kW", &nu, &v) == 0 && v == 1 && strcmp(nu, "W") == 0, "0.001 kW is 1 W");
		T_OK(parse_value_in("1236.75", "kWh", &nu, &v) == 0 && v == 1236750, "1236.75 kWh is 1236750 Wh");
		T_OK(parse_value_in("16.1", "A", &nu, &v) == 0 && v == 16.1 && strcmp(nu, "A") == 0, "16.1 A stays");
		T_OK(parse_value_in("5", NULL, &nu, &v) == 0 && v == 5 && strcmp(nu, "Wh") == 0, "no unit: Wh");
	}
	T_INT(parse_value("1e309", &v), -1, "beyond a double: refused");
	T_INT(parse_value("inf", &v), -1, "inf refused");
	T_INT(parse_value("nan", &v), -1, "nan refused");
	T_INT(parse_value("0x10", &v), -1, "hex refused");
	T_INT(parse_value("-0", &v), 0, "-0 parses");
	T_OK(v == 0 && !signbit(v), "-0 is 0");
	T_INT(parse_value("-99999999999999999999", &v), 0, "-99999999999999999999 is a number");
	T_OK(v == -1e20, "(-1e20: meter_check is what refuses it as a register)");

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
	/* meter_samples, meter_rows and meter_check read the same values (one walk, meter_collect):
	 * a value without a timestamp is stored by none, so none looks at it */
	mv = json_loads("[{\"sampledValue\":[{\"value\":\"-5\"}]},"
	    "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"sampledValue\":[{\"value\":\"5\"}]}]", 0, &je);
	rows = meter_samples(mv, &skipped);
	T_INT(json_array_size(rows), 1, "meter_samples: the value with a timestamp");
	T_INT(skipped, 1, "meter_samples: the one without skipped");
	T_OK(json_object_get(json_array_get(rows, 0), "c") == NULL && json_object_get(json_array_get(rows, 0), "p") == NULL,
	    "meter_samples: no context, no phase: no c, no p");
	{
		struct buf cols[METER_COLS];
		unsigned n;
		double e, p;
		char msg[160] = "";

		memset(cols, 0, sizeof cols);
		T_INT(meter_rows(mv, 1, cols, &n, &skipped, &e, &p), 0, "meter_rows: the same message");
		T_OK(n == 1 && skipped == 1 && e == 5, "meter_rows: the same value, the same one skipped");
		T_INT(meter_check(mv, "/meterValue", msg, sizeof msg), 0,
		    "meter_check: the -5 register without a timestamp is not stored, so not refused");
		for (int c = 0; c < METER_COLS; c++)
			buf_free(&cols[c]);
	}
	json_decref(rows);
	json_decref(mv);
}

/* Splits an array literal's element list (no braces) made by buf_add_array_str / "%lld" back
 * into elements: NULL for an unquoted NULL. Returns how many (at most max). */
static int
array_elems(const char *s, char **out, int max)
{
	int n = 0;

	while (*s && n < max) {
		if (*s == '"') {
			char *e = malloc(strlen(s) + 1), *o = e;

			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1])
					s++;
				*o++ = *s;
			}
			*o = '\0';
			out[n++] = e;
			if (*s == '"')
				s++;
		} else {
			size_t l = strcspn(s, ",");

			out[n++] = l == 4 && strncmp(s, "NULL", 4) == 0 ? NULL : strndup(s, l);
			s += l;
		}
		if (*s == ',')
			s++;
	}
	return n;
}

static void
free_elems(char **e, int n)
{
	for (int i = 0; i < n; i++)
		free(e[i]);
}

/* The values of every sampling in a METER_COLS list, one after the other (as e[]). */
static int
sampling_elems(const char *list, char **e, int max)
{
	char *s[16];
	int ns = array_elems(list, s, 16), n = 0;

	for (int i = 0; i < ns; i++) {
		size_t len = strlen(s[i]);

		/* an array literal: its elements are those of a list once the braces are off */
		s[i][len - 1] = '\0';
		n += array_elems(s[i] + 1, e + n, max - n);
	}
	free_elems(s, ns);
	return n;
}

static void
test_meter_rows(void)
{
	struct buf cols[METER_COLS], b = { 0 };
	unsigned n, skipped;
	double energy, power;
	json_error_t je;
	char *e[16];
	int k;

	buf_add_array_str(&b, "plain");
	buf_add(&b, ",", 1);
	buf_add_array_str(&b, NULL);
	buf_add(&b, ",", 1);
	buf_add_array_str(&b, "a\"b\\c,{}");
	T_STR(b.s, "\"plain\",NULL,\"a\\\"b\\\\c,{}\"", "array literal elements: quoted, escaped, NULL");
	k = array_elems(b.s, e, 16);
	T_INT(k, 3, "three elements back");
	T_STR(e[2], "a\"b\\c,{}", "quote, backslash, comma and braces survive");
	T_OK(e[1] == NULL, "NULL stays NULL");
	free_elems(e, k);
	buf_free(&b);

	json_t *mv = json_loads("[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"sampledValue\":["
	    "{\"value\":\"1.5\",\"unit\":\"kWh\"},"
	    "{\"value\":\"7\",\"measurand\":\"Power.Active.Import\",\"unit\":\"kW\"},"
	    "{\"value\":\"230\",\"measurand\":\"Voltage\",\"phase\":\"L1-N\",\"location\":\"Outlet\",\"context\":\"Sample.Periodic\"},"
	    "{\"value\":\"AB12\",\"format\":\"SignedData\"},"
	    "{\"value\":\"x\"}]},"
	    "{\"timestamp\":\"2024-01-01T00:00:10Z\",\"sampledValue\":["
	    "{\"value\":\"1600\",\"context\":\"Sample.\\\"odd\\\"\"},"
	    "{\"value\":\"16\",\"measurand\":\"Current.Import\",\"phase\":\"L1\"}]}]", 0, &je);
	memset(cols, 0, sizeof cols);
	T_INT(meter_rows(mv, 42, cols, &n, &skipped, &energy, &power), 0, "meter_rows");
	T_INT(n, 5, "five numeric values");
	T_INT(skipped, 2, "signed data and garbage skipped");
	T_OK(energy == 1600, "energy: the latest Energy.Active.Import.Register (%g)", energy);
	T_OK(power == 7000, "power: kW normalised to W (%g)", power);
	T_STR(cols[MC_CP].s, "42,42", "charge point on every sampling");
	k = array_elems(cols[MC_V].s, e, 16);
	T_INT(k, 2, "two samplings");
	T_STR(e[0], "{1500,7000,230}", "each sampling's values as one array literal");
	T_STR(e[1], "{1600,16}", "the second sampling's values");
	free_elems(e, k);
	k = sampling_elems(cols[MC_M].s, e, 16);
	T_INT(k, 5, "five measurands");
	T_STR(e[0], "Energy.Active.Import.Register", "default measurand");
	T_STR(e[4], "Current.Import", "measurand kept");
	free_elems(e, k);
	k = sampling_elems(cols[MC_U].s, e, 16);
	T_STR(e[0], "Wh", "kWh normalised to Wh");
	T_STR(e[2], "V", "Voltage's default unit");
	T_STR(e[4], "A", "Current's default unit");
	free_elems(e, k);
	k = sampling_elems(cols[MC_V].s, e, 16);
	T_STR(e[0], "1500", "1.5 kWh = 1500");
	T_STR(e[1], "7000", "7 kW = 7000");
	free_elems(e, k);
	k = sampling_elems(cols[MC_P].s, e, 16);
	T_OK(k == 5 && e[0] == NULL && e[1] == NULL, "no phase: NULL");
	T_STR(e[2], "L1-N", "phase kept");
	free_elems(e, k);
	k = sampling_elems(cols[MC_C].s, e, 16);
	T_OK(k == 5 && e[0] == NULL, "no context: NULL");
	T_STR(e[3], "Sample.\"odd\"", "a quote in a value survives");
	free_elems(e, k);
	k = array_elems(cols[MC_T].s, e, 16);
	T_INT(k, 2, "one timestamp per sampling");
	T_STR(e[1], "2024-01-01T00:00:10Z", "each sampling has its meterValue's timestamp");
	free_elems(e, k);

	/* a second message's values are appended after a ',' */
	json_t *mv2 = json_loads("[{\"timestamp\":\"2024-01-01T00:00:20Z\",\"sampledValue\":[{\"value\":\"1\"}]}]", 0, &je);
	T_INT(meter_rows(mv2, 7, cols, &n, &skipped, &energy, &power), 0, "meter_rows appends");
	T_STR(cols[MC_CP].s, "42,42,7", "appended with a separator");
	T_OK(isnan(power), "no power value: NAN");
	for (int c = 0; c < METER_COLS; c++)
		buf_free(&cols[c]);

	/* one timestamp in two meterValue elements is one sampling; a repeated value counts once */
	json_t *mv3 = json_loads("[{\"timestamp\":\"2024-01-01T00:00:30Z\",\"sampledValue\":["
	    "{\"value\":\"1\"},{\"value\":\"2\",\"phase\":\"L1\"}]},"
	    "{\"timestamp\":\"2024-01-01T00:00:40Z\",\"sampledValue\":[{\"value\":\"3\"}]},"
	    "{\"timestamp\":\"2024-01-01T00:00:30Z\",\"sampledValue\":["
	    "{\"value\":\"9\"},{\"value\":\"4\",\"phase\":\"L2\"}]}]", 0, &je);
	memset(cols, 0, sizeof cols);
	T_INT(meter_rows(mv3, 5, cols, &n, &skipped, &energy, &power), 0, "meter_rows merges");
	T_INT(n, 4, "four values: the repeated one once");
	T_STR(cols[MC_V].s, "\"{1,2,4}\",\"{3}\"", "the 00:30 sampling holds the values of both its elements, the first of a repeated one");
	for (int c = 0; c < METER_COLS; c++)
		buf_free(&cols[c]);
	json_decref(mv);
	json_decref(mv2);
	json_decref(mv3);
}

static void
test_split(void)
{
	struct span el[5];
	char out[64];
	const char *f = " [2, \"a,]\\\"b\" ,\"MeterValues\", {\"x\":[1,{\"y\":\"]\"}]} ] ";
	struct buf b = { 0 };

	T_INT(json_array_split(f, strlen(f), el, 5), 4, "a CALL has four elements");
	T_OK(el[0].len == 1 && f[el[0].off] == '2', "the message type");
	T_OK(el[1].len == 8 && strncmp(f + el[1].off, "\"a,]\\\"b\"", 8) == 0, "a string with , ] and an escaped quote");
	T_OK(strncmp(f + el[3].off, "{\"x\":[1,{\"y\":\"]\"}]}", el[3].len) == 0 && el[3].len == 19,
	    "the payload, nesting and all, without the spaces around it");
	T_INT(json_str_decode(f + el[1].off, el[1].len, out, sizeof out), 0, "the unique id decodes");
	T_STR(out, "a,]\"b", "escapes undone");
	T_INT(json_array_split("[]", 2, el, 5), 0, "an empty array");
	T_INT(json_array_split("[1,]", 4, el, 5), -1, "a trailing comma");
	T_INT(json_array_split("[1,\"x]", 6, el, 5), -1, "an unterminated string");
	T_INT(json_array_split("[1,{]", 5, el, 5), -1, "unbalanced");
	T_INT(json_array_split("{\"a\":1}", 7, el, 5), -1, "not an array");
	T_INT(json_array_split("[1] x", 5, el, 5), -1, "something after the array");
	T_INT(json_array_split("[1,2,3,4,5,6,7]", 15, el, 5), 7, "all counted, the first five recorded");
	T_INT(json_str_decode("\"\\u00e9\\ud83d\\ude00\"", 20, out, sizeof out), 0, "\\u escapes and a surrogate pair");
	T_STR(out, "\xc3\xa9\xf0\x9f\x98\x80", "as UTF-8");
	T_INT(json_str_decode("\"\\u0000\"", 8, out, sizeof out), -1, "NUL refused");
	T_INT(json_str_decode("\"\\ud800\"", 8, out, sizeof out), -1, "a lone surrogate refused");
	T_INT(json_str_decode("\"abc\"", 5, out, 3), -1, "too long for the buffer");
	buf_add_copy_text(&b, "a\\b\tc\nd\re", 9);
	T_STR(b.s, "a\\\\b\\tc\\nd\\re", "COPY text escapes");
	buf_free(&b);
}

static void
test_meter_check(void)
{
	static const struct { const char *sv; int ok; const char *why; } cases[] = {
		{ "{\"value\":\"12345.5\"}", 0, "a register reading (the default measurand)" },
		{ "{\"value\":\"-1\"}", -1, "a negative reading of the default measurand" },
		{ "{\"value\":\"-99999999999999999999\",\"measurand\":\"Energy.Active.Import.Register\"}", -1,
		  "-99999999999999999999 Wh (once stored as -1e20)" },
		{ "{\"value\":\"-0.001\",\"measurand\":\"Energy.Reactive.Export.Register\",\"unit\":\"kvarh\"}", -1,
		  "a negative reactive register" },
		{ "{\"value\":\"9e15\",\"measurand\":\"Energy.Active.Export.Register\"}", 0, "9e15 Wh: the top" },
		{ "{\"value\":\"9e13\",\"unit\":\"kWh\"}", -1, "9e13 kWh is 9e16 Wh: above" },
		{ "{\"value\":\"1e300\",\"measurand\":\"Voltage\"}", -1, "1e300 V: no value that large" },
		{ "{\"value\":\"-7400\",\"measurand\":\"Power.Active.Import\"}", 0, "a negative power (not a register)" },
		{ "{\"value\":\"-5\",\"measurand\":\"Energy.Active.Import.Interval\"}", 0, "an interval may be negative" },
		{ "{\"value\":\"-AB\",\"format\":\"SignedData\"}", 0, "signed data is not looked at" },
	};
	char msg[200];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[400];
		json_t *mv;

		snprintf(text, sizeof text, "[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"sampledValue\":"
		    "[{\"value\":\"1\",\"measurand\":\"Voltage\"},%s]}]", cases[i].sv);
		mv = json_loads(text, 0, NULL);
		msg[0] = '\0';
		T_INT(meter_check(mv, "/meterValue", msg, sizeof msg), cases[i].ok, "meter_check: %s", cases[i].why);
		{
			struct buf cols[METER_COLS];
			unsigned n, skipped;
			double e, p;
			int rc;

			memset(cols, 0, sizeof cols);
			rc = meter_rows(mv, 1, cols, &n, &skipped, &e, &p);
			T_INT(rc, cases[i].ok < 0 ? -2 : 0, "meter_rows agrees: %s", cases[i].why);
			for (int c = 0; c < METER_COLS; c++) {
				if (rc == -2)
					T_OK(cols[c].len == 0, "and appends nothing (column %d)", c);
				buf_free(&cols[c]);
			}
		}
		if (cases[i].ok < 0)
			T_OK(strncmp(msg, "/meterValue/0/sampledValue/1/value: ", 36) == 0, "the message names the value: %s", msg);
		json_decref(mv);
	}
	T_INT(meter_check(NULL, "/transactionData", msg, sizeof msg), 0, "meter_check: no transactionData");
}

static void
test_addresses(void)
{
	struct trusted t;
	char err[200], out[ADDR_MAX];

	T_INT(trusted_parse("", &t, err, sizeof err), 0, "no trusted proxies");
	T_INT(t.n, 0, "none");
	client_address(&t, "127.0.0.1", "6.6.6.6", out, sizeof out);
	T_STR(out, "127.0.0.1", "trusting nobody, X-Forwarded-For from loopback is ignored");
	T_INT(trusted_parse("127.0.0.1, ::1 10.1.0.0/16,192.0.2.7/32", &t, err, sizeof err), 0, "a list of four");
	T_INT(t.n, 4, "four entries");
	T_INT(trusted_has(&t, "127.0.0.1"), 1, "127.0.0.1 trusted");
	T_INT(trusted_has(&t, "127.0.0.2"), 0, "127.0.0.2 is not (no loopback wildcard)");
	T_INT(trusted_has(&t, "::ffff:127.0.0.1"), 1, "127.0.0.1 as an IPv4-mapped IPv6 address");
	T_INT(trusted_has(&t, "::1"), 1, "::1 trusted");
	T_INT(trusted_has(&t, "10.1.255.3"), 1, "inside 10.1.0.0/16");
	T_INT(trusted_has(&t, "10.2.0.1"), 0, "outside 10.1.0.0/16");
	T_INT(trusted_has(&t, "192.0.2.7"), 1, "a /32");
	T_INT(trusted_has(&t, "garbage"), 0, "not an address");
	T_INT(trusted_parse("127.0.0.1,localhost", &t, err, sizeof err), -1, "a host name is refused");
	T_OK(strstr(err, "'localhost'") != NULL, "naming it: %s", err);
	T_INT(trusted_parse("10.0.0.0/33", &t, err, sizeof err), -1, "an IPv4 network above /32");
	T_INT(trusted_parse("10.0.0.0/x", &t, err, sizeof err), -1, "a network without bits");
	T_INT(trusted_parse("fd00::/8", &t, err, sizeof err), 0, "an IPv6 network");
	T_INT(trusted_has(&t, "fdab::1"), 1, "inside fd00::/8");
	T_INT(trusted_has(&t, "fe80::1"), 0, "outside fd00::/8");

	trusted_parse("127.0.0.1", &t, err, sizeof err);
	client_address(&t, "127.0.0.1", "6.6.6.6, 203.0.113.9", out, sizeof out);
	T_STR(out, "203.0.113.9", "from a trusted proxy: the last X-Forwarded-For address");
	client_address(&t, "127.0.0.1", " 203.0.113.10 ", out, sizeof out);
	T_STR(out, "203.0.113.10", "one address, spaces around");
	client_address(&t, "127.0.0.1", "6.6.6.6, evil", out, sizeof out);
	T_STR(out, "127.0.0.1", "the last entry is not an address: the proxy's own");
	client_address(&t, "127.0.0.1", "6.6.6.6, 1.2.3.4 5.6.7.8", out, sizeof out);
	T_STR(out, "127.0.0.1", "two words in the last entry: the proxy's own");
	client_address(&t, "127.0.0.1", "2001:DB8:0:0::1", out, sizeof out);
	T_STR(out, "2001:db8::1", "IPv6 in canonical form");
	client_address(&t, "127.0.0.1", "::ffff:198.51.100.2", out, sizeof out);
	T_STR(out, "198.51.100.2", "IPv4-mapped as IPv4");
	client_address(&t, "127.0.0.1", NULL, out, sizeof out);
	T_STR(out, "127.0.0.1", "no header: the proxy's own");
	client_address(&t, "127.0.0.9", "6.6.6.6", out, sizeof out);
	T_STR(out, "127.0.0.9", "from a peer that is not listed: its own address, whatever it sends");
}

static void
test_throttle(void)
{
	struct throttle t = { .window = 60 };

	for (int i = 0; i < 10; i++)
		throttle_fail(&t, "10.0.0.9 CP-X", 2000);
	T_INT(throttle_blocked(&t, "10.0.0.9 CP-X", 2001, 10), 1, "one identity at an address: blocked");
	T_INT(throttle_blocked(&t, "10.0.0.9 CP-Y", 2001, 10), 0, "another identity at that address is not");
	T_INT(throttle_wait(&t, "10.0.0.9 CP-X", 2015), 45, "the wait is what is left of the window");
	T_INT(throttle_wait(&t, "10.0.0.9 CP-Y", 2015), 0, "no wait without failures");
	T_INT(throttle_wait(&t, "10.0.0.9 CP-X", 2060), 0, "after the window: none");
	T_INT(throttle_fail(&t, "10.0.0.9 CP-X", 2060), 1, "a new window counts from 1");
	throttle_free(&t);

	for (int i = 0; i < 9; i++)
		throttle_fail(&t, "10.0.0.1", 1000);
	T_INT(throttle_blocked(&t, "10.0.0.1", 1001, 10), 0, "9 failures: not yet");
	throttle_fail(&t, "10.0.0.1", 1002);
	T_INT(throttle_blocked(&t, "10.0.0.1", 1003, 10), 1, "10 failures: blocked");
	T_INT(throttle_blocked(&t, "10.0.0.2", 1003, 10), 0, "another address is not");
	T_INT(throttle_blocked(&t, "10.0.0.1", 1061, 10), 0, "a new window forgives");
	throttle_free(&t);
}

int
main(void)
{
	test_identity();
	test_basic();
	test_units();
	test_meter_rows();
	test_split();
	test_meter_check();
	test_addresses();
	test_throttle();
	return t_done();
}
