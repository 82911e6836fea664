/* stats.c - counters and the CALL -> CALLRESULT latency histograms of a simulator run (the
 * whole run, and the steady window while every charger is connected, which leaves out the
 * queue of boots and transactions of the ramp). A histogram has 10 us buckets up to 2 s, then
 * 10 ms buckets up to 120 s (the last bucket also takes anything slower), so percentiles are
 * exact to 10 us where it matters. */
#include <stdlib.h>

#include "sim.h"

#define FINE_US 10
#define FINE_N 200000           /* 0 .. 2 s */
#define COARSE_US 10000
#define COARSE_N 11800          /* 2 s .. 120 s */

int
stats_init(struct stats *st)
{
	st->hist = calloc(FINE_N + COARSE_N, sizeof *st->hist);
	st->steady_hist = calloc(FINE_N + COARSE_N, sizeof *st->steady_hist);
	return st->hist && st->steady_hist ? 0 : -1;
}

void
stats_free(struct stats *st)
{
	free(st->hist);
	free(st->steady_hist);
	st->hist = st->steady_hist = NULL;
}

void
stats_latency(struct stats *st, lws_usec_t us)
{
	size_t b;

	if (us < 0)
		us = 0;
	if (us < (lws_usec_t)FINE_US * FINE_N)
		b = (size_t)(us / FINE_US);
	else if ((b = FINE_N + (size_t)((us - (lws_usec_t)FINE_US * FINE_N) / COARSE_US)) >=
	    FINE_N + COARSE_N)
		b = FINE_N + COARSE_N - 1;
	st->hist[b]++;
	st->hist_n++;
	if (st->steady) {
		st->steady_hist[b]++;
		st->steady_n++;
	}
}

/* The latency in ms below which a fraction q of the answers came (upper edge of the bucket). */
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
	for (b = 0; b < FINE_N + COARSE_N; b++) {
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
stats_progress(const struct sim *sim, FILE *f)
{
	const struct stats *st = &sim->st;

	fprintf(f, "# t=%.0fs open=%d connections=%llu calls_sent=%llu callresults_ok=%llu "
	    "callerrors=%llu timeouts=%llu acked_durable=%llu p50_ms=%.2f p99_ms=%.2f\n",
	    seconds(st->t0, lws_now_usecs()), st->open_now, (unsigned long long)st->connections,
	    (unsigned long long)st->calls_sent, (unsigned long long)st->callresults_ok,
	    (unsigned long long)st->callerrors, (unsigned long long)st->timeouts,
	    (unsigned long long)(st->acked[A_START] + st->acked[A_STOP] + st->acked[A_METER]),
	    percentile(st->hist, st->hist_n, 0.50), percentile(st->hist, st->hist_n, 0.99));
	fflush(f);
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
	/* sustained: from the moment every charger was connected to the end of the run */
	if (st->t_all_open && sim->stop_started > st->t_all_open) {
		double w = seconds(st->t_all_open, sim->stop_started);
		fprintf(f, "steady_s=%.1f\n", w);
		fprintf(f, "steady_msgs_per_s=%.0f\n",
		    (double)(sim->acked_at_stop - st->acked_at_all_open) / w);
		fprintf(f, "steady_p50_ms=%.2f\n", percentile(st->steady_hist, st->steady_n, 0.50));
		fprintf(f, "steady_p99_ms=%.2f\n", percentile(st->steady_hist, st->steady_n, 0.99));
		fprintf(f, "steady_p999_ms=%.2f\n", percentile(st->steady_hist, st->steady_n, 0.999));
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
