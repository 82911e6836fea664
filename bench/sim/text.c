/* text.c - the MeterValues payload, written without printf: the benchmark's chargers send ten
 * thousand a second, and printf's number formatting was a good part of the simulator's CPU.
 * Pure functions, tested in tests/unit/test_sim_text.c against the printf formats they replace. */
#include <string.h>

#include "sim.h"

/* A text being written into a fixed buffer; over is set when it did not fit. */
struct txt {
	char *p, *end;
	int over;
};

static void
txt_mem(struct txt *t, const char *s, size_t n)
{
	if ((size_t)(t->end - t->p) < n) {
		t->over = 1;
		return;
	}
	memcpy(t->p, s, n);
	t->p += n;
}

static void
txt_str(struct txt *t, const char *s)
{
	txt_mem(t, s, strlen(s));
}

/* v in decimal, at least width digits (zero-padded) */
static void
txt_uint(struct txt *t, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;

	do
		tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n < width && n < (int)sizeof tmp)
		tmp[sizeof tmp - 1 - n++] = '0';
	txt_mem(t, tmp + sizeof tmp - n, (size_t)n);
}

/* x >= 0 with decimals digits after the point, rounded half up: printf's "%.<decimals>f" but for
 * a value just at a tie, where the two can differ in the last digit (printf rounds the binary
 * value, which is a hair above or below) */
static void
txt_fixed(struct txt *t, double x, int decimals)
{
	uint64_t scale = 1, v;

	for (int i = 0; i < decimals; i++)
		scale *= 10;
	v = (uint64_t)(x * (double)scale + 0.5);
	txt_uint(t, v / scale, 1);
	if (decimals) {
		txt_mem(t, ".", 1);
		txt_uint(t, v % scale, decimals);
	}
}

/* One sampled value; value is written by the caller's function between the quotes. */
static void
sv_begin(struct txt *t)
{
	txt_str(t, "{\"value\":\"");
}

static void
sv_end(struct txt *t, const char *context, const char *measurand, const char *phase,
    const char *unit)
{
	/* (context, measurand, phase and unit are our own constants: no escaping needed) */
	txt_str(t, "\",\"context\":\"");
	txt_str(t, context);
	txt_str(t, "\",\"measurand\":\"");
	txt_str(t, measurand);
	txt_str(t, "\",\"location\":\"Outlet\"");
	if (phase) {
		txt_str(t, ",\"phase\":\"");
		txt_str(t, phase);
		txt_str(t, "\"");
	}
	txt_str(t, ",\"unit\":\"");
	txt_str(t, unit);
	txt_str(t, "\"}");
}

size_t
meter_payload(char *buf, size_t cap, const struct meter_sample *m)
{
	static const char *const phases[3] = { "L1", "L2", "L3" };
	struct txt t = { buf, buf + cap, 0 };

	txt_str(&t, "{\"connectorId\":");
	txt_uint(&t, (uint64_t)m->connector, 1);
	txt_str(&t, ",\"meterValue\":[{\"timestamp\":\"");
	txt_str(&t, m->ts);
	txt_str(&t, "\",\"sampledValue\":[");
	sv_begin(&t);
	if (m->kwh)
		txt_fixed(&t, (double)m->wh / 1000.0, 3);
	else
		txt_uint(&t, (uint64_t)m->wh, 1);
	sv_end(&t, m->context, "Energy.Active.Import.Register", NULL, m->kwh ? "kWh" : "Wh");
	txt_str(&t, ",");
	sv_begin(&t);
	txt_fixed(&t, m->power_w, 0);
	sv_end(&t, m->context, "Power.Active.Import", NULL, "W");
	for (int i = 0; i < 3; i++) {
		txt_str(&t, ",");
		sv_begin(&t);
		txt_fixed(&t, m->amps[i], 1);
		sv_end(&t, m->context, "Current.Import", phases[i], "A");
	}
	txt_str(&t, ",");
	sv_begin(&t);
	txt_fixed(&t, m->volt, 1);
	sv_end(&t, m->context, "Voltage", "L1-N", "V");
	txt_str(&t, "]}]");
	if (m->tx_id > 0) {
		txt_str(&t, ",\"transactionId\":");
		txt_uint(&t, (uint64_t)m->tx_id, 1);
	}
	txt_str(&t, "}");
	return t.over ? 0 : (size_t)(t.p - buf);
}

void
uid_text(char out[SIM_UID_LEN + 1], uint32_t r, uint32_t idx, uint32_t seq)
{
	static const char hex[] = "0123456789abcdef";
	struct txt t = { out, out + SIM_UID_LEN, 0 };
	char h[8];

	for (int i = 0; i < 8; i++)
		h[i] = hex[(r >> (28 - 4 * i)) & 15];
	txt_mem(&t, h, 8);
	txt_mem(&t, "-", 1);
	txt_uint(&t, idx, 1);
	txt_mem(&t, "-", 1);
	txt_uint(&t, seq, 1);
	*t.p = '\0';   /* (at most 30 characters: it always fits) */
}
