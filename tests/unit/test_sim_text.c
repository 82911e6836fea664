/* test_sim_text.c - the charger simulator's pure parts: the MeterValues payload and unique ids
 * it writes without printf (compared with the printf formats they replace, and parsed back as
 * JSON), and the periodic timer that keeps its step when it runs late. */
#include <jansson.h>
#include <stdlib.h>

#include "../../bench/sim/text.c"
#include "../../bench/sim/timer.c"
#include "t.h"

/* the payload as the simulator wrote it with printf before */
static void
meter_printf(char *buf, size_t cap, const struct meter_sample *m)
{
	char energy[32], tx[32] = "";

	if (m->kwh)
		snprintf(energy, sizeof energy, "%.3f", m->wh / 1000.0);
	else
		snprintf(energy, sizeof energy, "%lld", (long long)m->wh);
	if (m->tx_id > 0)
		snprintf(tx, sizeof tx, ",\"transactionId\":%d", m->tx_id);
#define SV "{\"value\":\"%s\",\"context\":\"%s\",\"measurand\":\"%s\",\"location\":\"Outlet\"%s,\"unit\":\"%s\"}"
#define SVF "{\"value\":\"%.*f\",\"context\":\"%s\",\"measurand\":\"%s\",\"location\":\"Outlet\"%s,\"unit\":\"%s\"}"
	snprintf(buf, cap, "{\"connectorId\":%d,\"meterValue\":[{\"timestamp\":\"%s\",\"sampledValue\":["
	    SV "," SVF "," SVF "," SVF "," SVF "," SVF "]}]%s}", m->connector, m->ts,
	    energy, m->context, "Energy.Active.Import.Register", "", m->kwh ? "kWh" : "Wh",
	    0, m->power_w, m->context, "Power.Active.Import", "", "W",
	    1, m->amps[0], m->context, "Current.Import", ",\"phase\":\"L1\"", "A",
	    1, m->amps[1], m->context, "Current.Import", ",\"phase\":\"L2\"", "A",
	    1, m->amps[2], m->context, "Current.Import", ",\"phase\":\"L3\"", "A",
	    1, m->volt, m->context, "Voltage", ",\"phase\":\"L1-N\"", "V", tx);
#undef SV
#undef SVF
}

/* a double away from printf's round-half-even ties, which txt_fixed rounds up */
static double
value(unsigned max, int decimals)
{
	double scale = decimals == 3 ? 1000 : decimals == 1 ? 10 : 1;
	return ((double)(rand() % (max * (unsigned)scale)) + 0.1 + 0.8 * rand() / RAND_MAX) / scale;
}

static void
test_meter(void)
{
	struct meter_sample m = { 2, 4711, "2025-01-02T03:04:05.678Z", "Sample.Periodic", 1234567, 0,
		11000.4, { 15.94, 15.96, 0 }, 230.04 };
	char got[2048], want[2048];
	size_t n;
	int same = 1;
	json_t *j;

	n = meter_payload(got, sizeof got, &m);
	got[n] = '\0';
	meter_printf(want, sizeof want, &m);
	T_STR(got, want, "MeterValues payload in Wh is what printf wrote");
	j = json_loads(got, 0, NULL);
	T_OK(j && json_integer_value(json_object_get(j, "transactionId")) == 4711,
	    "the payload is JSON naming its transaction");
	T_STR(json_string_value(json_object_get(json_array_get(json_object_get(json_array_get(
	    json_object_get(j, "meterValue"), 0), "sampledValue"), 2), "value")), "15.9",
	    "current has one decimal");
	json_decref(j);

	m.kwh = 1;
	m.tx_id = 0;
	m.wh = 1000005;
	m.context = "Trigger";
	n = meter_payload(got, sizeof got, &m);
	got[n] = '\0';
	meter_printf(want, sizeof want, &m);
	T_STR(got, want, "in kWh (3 decimals, zeros kept), without a transaction, context Trigger");

	srand(7);
	for (int i = 0; i < 20000 && same; i++) {
		m.kwh = i & 1;
		m.tx_id = rand() % 3 ? rand() : 0;
		m.connector = rand() % 9;
		m.wh = rand() % 2 ? rand() : rand() % 1000;
		m.power_w = i % 10 ? value(22000, 0) : 0;
		m.amps[0] = value(100, 1);
		m.amps[1] = i % 3 ? value(100, 1) : 0;
		m.amps[2] = value(100, 1);
		m.volt = value(240, 1);
		n = meter_payload(got, sizeof got, &m);
		got[n] = '\0';
		meter_printf(want, sizeof want, &m);
		same = n > 0 && strcmp(got, want) == 0;
	}
	T_OK(same, "20,000 random MeterValues payloads are what printf wrote");
	if (!same)
		printf("#   got  %s\n#   want %s\n", got, want);
	T_INT(meter_payload(got, 100, &m), 0, "a buffer too small: 0, not a cut payload");
}

static void
test_uid(void)
{
	char uid[SIM_UID_LEN + 1], want[SIM_UID_LEN + 1];

	uid_text(uid, 0x0badcafe, 9999, 42);
	T_STR(uid, "0badcafe-9999-42", "unique id: hex, index, sequence");
	uid_text(uid, 0xffffffff, 4294967295u, 4294967295u);
	snprintf(want, sizeof want, "%08x-%u-%u", 0xffffffffu, 4294967295u, 4294967295u);
	T_STR(uid, want, "the longest unique id fits");
}

static int fired;

static void
count_cb(struct tmr *t)
{
	(void)t;
	fired++;
}

static void
test_timer(void)
{
	static struct sim sim;
	struct tmr t = { 0 };
	lws_usec_t now, due;

	tmr_init(&sim);
	now = lws_now_usecs();
	tmr_schedule(&sim, &t, count_cb, 1000000);
	T_OK(tmr_armed(&t) && t.due >= now + 1000000, "a timer is armed a second ahead");
	/* it ran 300 ms late: the next one is a period after it was due, not after it ran */
	due = t.due = now - 300000;
	tmr_again(&sim, &t, 1000000);
	T_INT(t.due, due + 1000000, "tmr_again keeps the step of a timer that ran late");
	/* more than two periods late: the next one in step, in the future */
	due = t.due = now - 2500000;
	tmr_again(&sim, &t, 1000000);
	T_INT(t.due, due + 3000000, "a timer periods late skips to its next step");
	t.due = lws_now_usecs() - 20000;
	tmr_again(&sim, &t, 10000);
	sim.wheel_pos = t.due / TMR_RES_US - 1;
	while (sim.wheel_pos <= t.due / TMR_RES_US && lws_now_usecs() < t.due + 100000)
		tmr_run(&sim);
	T_INT(fired, 1, "the wheel fires it once it is due");
	tmr_cancel(&t);
}

int
main(void)
{
	test_meter();
	test_uid();
	test_timer();
	return t_done();
}
