#!/bin/bash
# bench/ocpp.sh - `make bench-ocpp`: 10,000 simulated chargers against one bridge, on a separate
# instance (var/bench-ocpp, its own ports and database) that it starts and stops itself.
#
# Prints: connections held, messages per second sustained, CALL -> CALLRESULT p50/p99, the
# bridge's RSS and memory per connection, and messages acknowledged vs rows in the database
# (they must be equal: exit 1 otherwise).
#
# The steady window, whose figures are the benchmark's result, begins BENCH_WARMUP seconds after
# the last charger connected and ends when the simulator stops every session. The warm-up leaves
# out the ramp's queue: 10,000 boots, status notifications and transactions asked for within 10 s
# take the bridge and PostgreSQL several seconds more to answer (see the per-interval lines of
# sim.log), and their latency is the ramp's, not the steady load's. The ramp, warm-up and stop
# are reported on their own lines, with the worst 5-second p99 within the window.
#
# Settings (environment): BENCH_CHARGERS (10000), BENCH_SECONDS (90: the simulator's run, ramp
# and warm-up included), BENCH_WARMUP (15 s), BENCH_METER_INTERVAL (0.95 s: MeterValues-heavy;
# 10,000 chargers then offer ~10,500 messages/s, so that "sustained >= 10,000" is shown with a
# margin rather than at exactly the offered load),
# BENCH_RATE (1000 connections/s while ramping), BENCH_KEEP=1 keeps the instance running
# afterwards (scripts/instance.sh stop to end it).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
chargers=${BENCH_CHARGERS:-10000}
seconds=${BENCH_SECONDS:-90}
warmup=${BENCH_WARMUP:-15}
interval=${BENCH_METER_INTERVAL:-0.95}
rate=${BENCH_RATE:-1000}
prefix=BENCH-
password=bench-ocpp-charger-password
tag=BENCH-TAG

export EVSHARE_VAR=$root/var/bench-ocpp
export EVSHARE_HTTP_PORT=${BENCH_HTTP_PORT:-28480}
export EVSHARE_BRIDGE_PORT=${BENCH_BRIDGE_PORT:-28490}
export EVSHARE_PG_PORT=${BENCH_PG_PORT:-28433}
export EVSHARE_PUBLIC_URL=http://127.0.0.1:$EVSHARE_HTTP_PORT
export EVSHARE_DEMO=0
export EVSHARE_CONF=""
export EVSHARE_MAP_TILES=""
export EVSHARE_LOG_LEVEL=${EVSHARE_LOG_LEVEL:-warn}
# tens of MB of WAL a second: with PostgreSQL's default 1 GB a checkpoint every ~20 s, each followed
# by full-page images of every page touched again (a production setting too; fsync stays on)
export EVSHARE_PG_MAX_WAL_SIZE=${EVSHARE_PG_MAX_WAL_SIZE:-8GB}

say() { printf '%s\n' "$*"; }
out=$EVSHARE_VAR/out
simpid=
bpid=

stop_all() {
	set +e
	if [ -n "$simpid" ]; then kill "$simpid" 2>/dev/null; wait "$simpid" 2>/dev/null; fi
	if [ "${BENCH_KEEP:-0}" != 1 ]; then
		scripts/instance.sh stop >/dev/null 2>&1 || true
		# instance.sh stops the wrapper it recorded; make sure the bridge itself is gone too
		if [ -n "$bpid" ]; then kill "$bpid" 2>/dev/null; fi
	fi
	return 0
}
trap stop_all EXIT

# the bridge process (bridge.pid may name instance.sh's subshell and runuser when run as root)
bridge_pid() {
	local level next p depth
	level=$(cat "$EVSHARE_VAR/run/bridge.pid")
	for depth in 1 2 3 4; do
		next=
		for p in $level; do
			[ "$(cat "/proc/$p/comm" 2>/dev/null)" = ocpp-bridge ] && { echo "$p"; return; }
			next="$next $(cat "/proc/$p/task/$p/children" 2>/dev/null)"
		done
		level=$next
	done
	echo "bench-ocpp: cannot find the bridge process" >&2
	return 1
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

[ -x bin/ocpp-bridge ] || { say "bench-ocpp: bin/ocpp-bridge is not built (make all)"; exit 1; }
[ -x bin/evshare-sim ] || { say "bench-ocpp: bin/evshare-sim is not built (make all)"; exit 1; }

# a fresh instance every time: the counts below are of this run only
scripts/instance.sh stop >/dev/null 2>&1 || true
rm -rf "$EVSHARE_VAR"
mkdir -p "$EVSHARE_VAR"
say "bench-ocpp: starting a bench instance in $EVSHARE_VAR (bridge port $EVSHARE_BRIDGE_PORT)"
scripts/instance.sh start >"$EVSHARE_VAR/instance.log" 2>&1 || {
	cat "$EVSHARE_VAR/instance.log"
	bpid=$(bridge_pid 2>/dev/null) || bpid=
	exit 1
}
mkdir -p "$out"
eval "$(scripts/instance.sh env)"


say "bench-ocpp: registering $chargers charge points (one shared password hash)"
hash=$(bin/evshare-sim --hash-password "$password")
psql -X -q -v ON_ERROR_STOP=1 -v n="$chargers" -v prefix="$prefix" -v hash="$hash" -v tag="$tag" <<'SQL'
INSERT INTO accounts (email, display_name, is_owner) VALUES ('bench-owner@evshare.test', 'Bench Owner', true);
INSERT INTO id_tags (id_tag, status) VALUES (:'tag', 'Accepted');
WITH o AS (SELECT id FROM accounts WHERE email = 'bench-owner@evshare.test'),
l AS (INSERT INTO listings (owner_id, title, address, lat, lon, state, approved_at)
      SELECT o.id, 'Bench ' || g, 'Bench street ' || g, 49.0 + (g % 100) * 0.02, 13.0 + (g / 100) * 0.04,
             'approved', now()
      FROM o, generate_series(1, :n) g RETURNING id, title),
c AS (INSERT INTO connectors (listing_id, connector_id, type, max_power_w)
      SELECT id, 1, 'type2', 11000 FROM l)
INSERT INTO charge_points (identity, listing_id, password_hash)
SELECT :'prefix' || lpad(substring(title from 7), 5, '0'), id, :'hash' FROM l;
SQL
sleep 2   # the bridge reloads its identity cache on the notifications

bpid=$(bridge_pid) || exit 1
nofile=$(awk '/^Max open files/ { print $4 }' "/proc/$bpid/limits")
if [ "$nofile" != unlimited ] && [ "$nofile" -lt $((chargers + 100)) ]; then
	# a limit raised from outside now would not help: libwebsockets sizes its tables at start
	say "bench-ocpp: WARNING: the bridge may open only $nofile files, fewer than $chargers chargers"
	say "bench-ocpp: WARNING: need (it should raise its soft RLIMIT_NOFILE to the hard limit at start)"
fi
rss0=$(rss_kb "$bpid")
say "bench-ocpp: bridge pid $bpid, RSS before any charger: $((rss0 / 1024)) MB"
say "bench-ocpp: $chargers chargers, MeterValues every ${interval}s, measured for ${seconds}s"

bin/evshare-sim --url "ws://127.0.0.1:$EVSHARE_BRIDGE_PORT/ocpp" --prefix "$prefix" --digits 5 \
	--count "$chargers" --password "$password" --id-tag "$tag" --meter-interval "$interval" \
	--session 86400 --idle 0 --rate "$rate" --duration "$seconds" --warmup "$warmup" --drain 60 \
	--call-timeout 60 --progress 5 --stats >"$out/sim.txt" 2>"$out/sim.log" &
simpid=$!

# sample the bridge's RSS while the simulator runs
rss_peak=0 rss_full=0 sim_ticks=0 bridge_ticks0=$(awk '{ print $14 + $15 }' "/proc/$bpid/stat")
hz=$(getconf CLK_TCK)
while kill -0 "$simpid" 2>/dev/null; do
	t=$(awk '{ print $14 + $15 }' "/proc/$simpid/stat" 2>/dev/null) && sim_ticks=$t
	bridge_ticks=$(awk '{ print $14 + $15 }' "/proc/$bpid/stat" 2>/dev/null || echo 0)
	r=$(rss_kb "$bpid")
	[ "${r:-0}" -gt "$rss_peak" ] && rss_peak=$r
	open=$(sed -n 's/^# t=.* open=\([0-9]*\).*/\1/p' "$out/sim.log" | tail -1)
	[ "${open:-0}" -ge "$chargers" ] && rss_full=$r
	sleep 1
done
wait "$simpid" || { say "bench-ocpp: the simulator failed:"; tail -20 "$out/sim.log"; exit 1; }
simpid=

v() { sed -n "s/^$1=//p" "$out/sim.txt"; }
read -r db_tx db_stopped db_periodic db_txdata db_mv <<<"$(psql -X -tA -F ' ' -c "
	SELECT (SELECT count(*) FROM transactions),
	       (SELECT count(*) FROM transactions WHERE stopped_at IS NOT NULL),
	       (SELECT count(*) FROM meter_values WHERE context = 'Sample.Periodic'),
	       (SELECT count(*) FROM meter_values WHERE context IN ('Transaction.Begin', 'Transaction.End')),
	       (SELECT count(DISTINCT (charge_point_id, connector_id, sampled_at)) FROM meter_values WHERE context = 'Sample.Periodic')")"

conns=$(v connections_peak)
[ "$rss_full" -eq 0 ] && rss_full=$rss_peak
per_conn=$(( conns > 0 ? (rss_full - rss0) * 1024 / conns : 0 ))
say ""
say "== bench-ocpp: $chargers chargers, ${seconds} s, MeterValues every ${interval} s =="
say "connections held:            $conns of $chargers at once (connect errors $(v connect_errors), reconnections $(( $(v connections) - chargers )))"
# phase NAME: "from A s, B s long: p50 .. p99 .. p99.9 .. max .. (N answers)"
phase() {
	if [ -z "$(v "$1_from_s")" ]; then echo "not reached"; return; fi
	echo "t=$(v "$1_from_s") s, $(v "$1_s") s long: p50 $(v "$1_p50_ms") ms, p99 $(v "$1_p99_ms") ms," \
		"p99.9 $(v "$1_p999_ms") ms, max $(v "$1_max_ms") ms ($(v "$1_answers") answers)"
}
if [ -n "$(v steady_from_s)" ]; then
	say "steady window:               t=$(v steady_from_s) s to t=$(v stop_from_s) s of the simulator's run ($(v steady_s) s):" \
		"from ${warmup} s after the last charger connected (t=$(v all_open_at_s) s) until the stop"
	say "messages per second:         $(v steady_msgs_per_s) sustained in the steady window; $(v msgs_per_s) over the whole run"
	say "CALL -> CALLRESULT latency:  p50 $(v steady_p50_ms) ms, p99 $(v steady_p99_ms) ms, p99.9 $(v steady_p999_ms) ms, max $(v steady_max_ms) ms in the steady window"
	say "  worst 5 s in the window:   p99 $(v steady_worst_interval_p99_ms) ms (t=$(v steady_worst_interval_from_s) s, $(v steady_worst_interval_s) s long)"
else
	say "steady window:               NONE: the run ended before every charger was connected and warmed up"
	say "messages per second:         $(v msgs_per_s) over the whole run"
fi
say "  ramp (connecting):         $(phase ramp)"
say "  warm-up:                   $(phase warmup)"
say "  stop (sessions ended, drain): $(phase stop)"
say "  whole run:                 p50 $(v p50_ms) ms, p99 $(v p99_ms) ms, p99.9 $(v p999_ms) ms"
say "bridge RSS:                  $((rss_full / 1024)) MB with every charger connected, peak $((rss_peak / 1024)) MB, $((rss0 / 1024)) MB idle"
say "bridge memory per connection: $per_conn bytes"
say "CALLs:                       sent $(v calls_sent), answered $(v callresults_ok), CALLERROR $(v callerrors), timed out $(v timeouts)"
say "backlog:                     $(v meter_skipped) samples skipped by chargers with 64 messages waiting, $(v meter_unsent_at_end) MeterValues still queued at the end (never sent)"
say "unanswered at the end:       $(v unanswered_at_end) CALLs sent but not answered within the drain"
say "CPU seconds:                 bridge $(( (bridge_ticks - bridge_ticks0) / hz )), simulator $(( sim_ticks / hz )), over $(v run_s) s of run (2 cores shared with PostgreSQL)"
say "acknowledged vs rows:"
ok=1
cmp() {
	local what=$1 acked=$2 rows=$3 mark=ok
	[ "$acked" = "$rows" ] || { mark=MISMATCH; ok=0; }
	printf '  %-40s acknowledged %9s   rows %9s   %s\n' "$what" "$acked" "$rows" "$mark"
}
cmp "StartTransaction -> transactions" "$(v acked_StartTransaction)" "$db_tx"
cmp "StopTransaction -> stopped transactions" "$(v acked_StopTransaction)" "$db_stopped"
cmp "MeterValues -> meter values (samples)" "$(v acked_meter_samples)" "$db_periodic"
cmp "MeterValues messages -> distinct samplings" "$(v acked_MeterValues)" "$db_mv"
cmp "transactionData -> meter values" "$(v acked_stop_samples)" "$db_txdata"
say "(simulator summary: $out/sim.txt, its log: $out/sim.log, bridge log: $EVSHARE_VAR/log/bridge.log)"
if [ "$ok" != 1 ]; then
	if [ "$(v unanswered_at_end)" != 0 ]; then
		say "bench-ocpp: $(v unanswered_at_end) CALLs were never answered: rows beyond the acknowledged ones may be theirs"
	fi
	say "bench-ocpp: FAILED: acknowledged messages and database rows differ"
	exit 1
fi
