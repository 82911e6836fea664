/* stats.c - counters and the CALL -> CALLRESULT latency histograms of a simulator run: the whole
 * run, each of its phases (sim.h), and the progress interval (--progress seconds, or up to a
 * change of phase), whose worst p99 in the steady window is kept: a 90 s percentile hides a bad
 * few seconds. A histogram has 10 us buckets up to 2 s, then 10 ms buckets up to 120 s (the last
 * bucket also takes anything slower), so percentiles are exact to 10 us where it matters. An
 * answer counts in the phase and interval it came in. */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define FINE_US 10
#define FINE_N 200000           /* 0 .. 2 s */
#define COARSE_US 10000
#define COARSE_N 11800          /* 2 s .. 120 s */
#define NBUCKETS (FINE_N + COARSE_N)

const char *const phase_names[PH__MAX] = {
	[PH_RAMP] = "ramp", [PH_WARMUP] = "warmup", [PH_STEADY] = "steady", [PH_STOP] = "stop",
};

int
stats_init(struct stats *st)
{
	int ok;

	st->hist = calloc(NBUCKETS, sizeof *st->hist);
	st->ivl_hist = calloc(NBUCKETS, sizeof *st->ivl_hist);
	ok = st->hist && st->ivl_hist;
	for (int p = 0; p < PH__MAX; p++)
		ok = (st->ph_hist[p] = calloc(NBUCKETS, sizeof *st->ph_hist[p])) && ok;
	st->t0 = st->ivl_t = st->ph_t[PH_RAMP] = lws_now_usecs();
	st->phase = PH_RAMP;
	return ok ? 0 : -1;
}

void
stats_free(struct stats *st)
{
	free(st->hist);
	free(st->ivl_hist);
	st->hist = st->ivl_hist = NULL;
	for (int p = 0; p < PH__MAX; p++) {
		free(st->ph_hist[p]);
		st->ph_hist[p] = NULL;
	}
}

void
stats_latency(struct stats *st, lws_usec_t us)
{
	size_t b;

	if (us < 0)
		us = 0;
	if (us < (lws_usec_t)FINE_US * FINE_N)
		b = (size_t)(us / FINE_US);
	else if ((b = FINE_N + (size_t)((us - (lws_usec_t)FINE_US * FINE_N) / COARSE_US)) >= NBUCKETS)
		b = NBUCKETS - 1;
	st->hist[b]++;
	st->hist_n++;
	st->ph_hist[st->phase][b]++;
	st->ph_n[st->phase]++;
	st->ivl_hist[b]++;
	st->ivl_n++;
}

/* The latency in ms below which a fraction q of the answers came (upper edge of the bucket);
 * q = 1: the slowest. */
static double
percentile(const uint32_t *hist, uint64_t n, double q)
{
	uint64_t want, seen = 0;
	size_t b;

	if (n == 0)
		return 0;
	want = (uint64_t)(q * (double)n + 0.5);
	if (want < 1)
		want = 1;
	for (b = 0; b < NBUCKETS; b++) {
		seen += hist[b];
		if (seen >= want)
			break;
	}
	if (b < FINE_N)
		return (double)(b + 1) * FINE_US / 1000.0;
	return (FINE_US * (double)FINE_N + (double)(b - FINE_N + 1) * COARSE_US) / 1000.0;
}

static double
seconds(lws_usec_t a, lws_usec_t b)
{
	double s = (double)(b - a) / 1e6;
	return s > 0 ? s : 0;
}

void
stats_interval(struct stats *st, FILE *f)
{
	lws_usec_t now = lws_now_usecs();
	double len = seconds(st->ivl_t, now), p99 = percentile(st->ivl_hist, st->ivl_n, 0.99);

	if (st->phase == PH_STEADY && st->ivl_n && (st->worst_t == 0 || p99 > st->worst_p99)) {
		st->worst_p99 = p99;
		st->worst_t = st->ivl_t;
		st->worst_len = now - st->ivl_t;
	}
	if (f) {
		/* cumulative counters, then the interval's own answers and latencies */
		fprintf(f, "# t=%.1fs phase=%s open=%d connections=%llu calls_sent=%llu "
		    "callresults_ok=%llu callerrors=%llu timeouts=%llu acked_durable=%llu | "
		    "last %.1fs: answers=%llu per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
		    seconds(st->t0, now), phase_names[st->phase], st->open_now,
		    (unsigned long long)st->connections, (unsigned long long)st->calls_sent,
		    (unsigned long long)st->callresults_ok, (unsigned long long)st->callerrors,
		    (unsigned long long)st->timeouts,
		    (unsigned long long)(st->acked[A_START] + st->acked[A_STOP] + st->acked[A_METER]),
		    len, (unsigned long long)st->ivl_n, len > 0 ? (double)st->ivl_n / len : 0,
		    percentile(st->ivl_hist, st->ivl_n, 0.50), p99,
		    percentile(st->ivl_hist, st->ivl_n, 1));
		fflush(f);
	}
	memset(st->ivl_hist, 0, NBUCKETS * sizeof *st->ivl_hist);
	st->ivl_n = 0;
	st->ivl_t = now;
}

void
stats_phase(struct stats *st, enum phase p, FILE *f)
{
	stats_interval(st, f);
	st->phase = p;
	st->ph_t[p] = st->ivl_t;
	if (f) {
		fprintf(f, "# t=%.1fs phase %s begins\n", seconds(st->t0, st->ph_t[p]), phase_names[p]);
		fflush(f);
	}
}

/* The final summary, key=value lines. */
void
stats_print(const struct sim *sim, FILE *f)
{
	const struct stats *st = &sim->st;
	lws_usec_t end = st->t_end ? st->t_end : lws_now_usecs();
	double run = seconds(st->t0, end);
	int a;

	fprintf(f, "chargers=%d\n", sim->o.count);
	fprintf(f, "connections=%llu\n", (unsigned long long)st->connections);
	fprintf(f, "connections_peak=%d\n", st->open_peak);
	fprintf(f, "connect_errors=%llu\n", (unsigned long long)st->connect_errors);
	fprintf(f, "disconnects=%llu\n", (unsigned long long)st->disconnects);
	fprintf(f, "calls_sent=%llu\n", (unsigned long long)st->calls_sent);
	fprintf(f, "callresults_ok=%llu\n", (unsigned long long)st->callresults_ok);
	fprintf(f, "callerrors=%llu\n", (unsigned long long)st->callerrors);
	fprintf(f, "timeouts=%llu\n", (unsigned long long)st->timeouts);
	fprintf(f, "resends=%llu\n", (unsigned long long)st->resends);
	fprintf(f, "server_calls=%llu\n", (unsigned long long)st->server_calls);
	fprintf(f, "p50_ms=%.2f\n", percentile(st->hist, st->hist_n, 0.50));
	fprintf(f, "p99_ms=%.2f\n", percentile(st->hist, st->hist_n, 0.99));
	fprintf(f, "p999_ms=%.2f\n", percentile(st->hist, st->hist_n, 0.999));
	fprintf(f, "run_s=%.1f\n", run);
	fprintf(f, "msgs_per_s=%.0f\n", run > 0 ? (double)st->callresults_ok / run : 0);
	if (st->t_all_open)
		fprintf(f, "all_open_at_s=%.1f\n", seconds(st->t0, st->t_all_open));
	fprintf(f, "warmup_setting_s=%d\n", sim->o.warmup);
	/* each phase the run reached: from when (s after the start), how long, its answers */
	for (int p = 0; p < PH__MAX; p++) {
		lws_usec_t to = end;
		double len;

		if (st->ph_t[p] == 0)
			continue;
		for (int q = p + 1; q < PH__MAX; q++) {
			if (st->ph_t[q]) {
				to = st->ph_t[q];
				break;
			}
		}
		len = seconds(st->ph_t[p], to);
		fprintf(f, "%s_from_s=%.1f\n", phase_names[p], seconds(st->t0, st->ph_t[p]));
		fprintf(f, "%s_s=%.1f\n", phase_names[p], len);
		fprintf(f, "%s_answers=%llu\n", phase_names[p], (unsigned long long)st->ph_n[p]);
		fprintf(f, "%s_msgs_per_s=%.0f\n", phase_names[p], len > 0 ? (double)st->ph_n[p] / len : 0);
		fprintf(f, "%s_p50_ms=%.2f\n", phase_names[p], percentile(st->ph_hist[p], st->ph_n[p], 0.50));
		fprintf(f, "%s_p99_ms=%.2f\n", phase_names[p], percentile(st->ph_hist[p], st->ph_n[p], 0.99));
		fprintf(f, "%s_p999_ms=%.2f\n", phase_names[p], percentile(st->ph_hist[p], st->ph_n[p], 0.999));
		fprintf(f, "%s_max_ms=%.2f\n", phase_names[p], percentile(st->ph_hist[p], st->ph_n[p], 1));
	}
	if (st->worst_t) {
		fprintf(f, "steady_worst_interval_p99_ms=%.2f\n", st->worst_p99);
		fprintf(f, "steady_worst_interval_from_s=%.1f\n", seconds(st->t0, st->worst_t));
		fprintf(f, "steady_worst_interval_s=%.1f\n", (double)st->worst_len / 1e6);
	}
	for (a = 0; a < A__MAX; a++)
		fprintf(f, "acked_%s=%llu\n", act_names[a], (unsigned long long)st->acked[a]);
	fprintf(f, "acked_meter_samples=%llu\n", (unsigned long long)st->acked_sampled_periodic);
	fprintf(f, "acked_stop_samples=%llu\n", (unsigned long long)st->acked_sampled_txdata);
	fprintf(f, "transactions_started=%llu\n", (unsigned long long)st->tx_started);
	fprintf(f, "transactions_stopped=%llu\n", (unsigned long long)st->tx_stopped);
	fprintf(f, "authorize_rejected=%llu\n", (unsigned long long)st->auth_rejected);
	fprintf(f, "meter_skipped=%llu\n", (unsigned long long)st->meter_skipped);
	fprintf(f, "meter_unsent_at_end=%llu\n", (unsigned long long)st->meter_dropped);
	fprintf(f, "unanswered_at_end=%llu\n",
	    (unsigned long long)(st->calls_sent - st->callresults_ok - st->callerrors));
	fflush(f);
}
