#!/bin/bash
# bench/web.sh - `make bench-web`: the web side under load with 100,000 chargers in the database,
# on a separate instance (var/bench-web, its own ports, cluster and database) that it starts and
# always stops.
#
#  1. data: bench/gen-chargers.sql (100,000 approved listings with connectors, tariffs, charge
#     points and availability; deterministic). Loaded once and kept in var/bench-web while that
#     file and sql/*.sql are unchanged (BENCH_RELOAD=1 loads afresh); ANALYZE on every run.
#  2. bench/spatial.sh: the spatial index candidates measured on that data.
#  3. wrk -t2 -c64 -d20s (keep-alive) against four URLs on the same lighttpd, after a warm-up:
#     a static file of about a page's size, the map page /, the charger page /chargers/ID with
#     ID drawn from all 100,000, and the bbox API for a box of central Praha at zoom ~13.
#     Prints req/s, p50, p99 and each one's req/s as a share of the static file's, and the
#     targets: bbox API >= 2,500 req/s, charger page >= 5,000, map page >= 10,000, p99 <= 25 ms.
#
# Exit status 1 when anything answered other than 2xx or a socket failed (the figures would mean
# nothing), else 0; a missed target is printed, not an error.
# Settings (environment): BENCH_SECONDS (20), BENCH_CONNECTIONS (64), BENCH_THREADS (2),
# BENCH_BBOX (14.40,50.06,14.46,50.10), BENCH_SPATIAL=0 skips step 2, BENCH_RELOAD=1,
# BENCH_KEEP=1 leaves the instance running (scripts/instance.sh stop with the same EVSHARE_VAR
# and ports ends it), BENCH_HTTP_PORT (18480), BENCH_BRIDGE_PORT (18490), BENCH_PG_PORT (18433).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${BENCH_SECONDS:-20}
conns=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
bbox=${BENCH_BBOX:-14.40,50.06,14.46,50.10}
static_path=/static/js/charger.js

export EVSHARE_VAR=$root/var/bench-web
export EVSHARE_HTTP_PORT=${BENCH_HTTP_PORT:-18480}
export EVSHARE_BRIDGE_PORT=${BENCH_BRIDGE_PORT:-18490}
export EVSHARE_PG_PORT=${BENCH_PG_PORT:-18433}
export EVSHARE_PUBLIC_URL=http://127.0.0.1:$EVSHARE_HTTP_PORT
export EVSHARE_DEMO=0
export EVSHARE_CONF=""
export EVSHARE_MAP_TILES=""
export EVSHARE_PG_FSYNC=off          # a throw-away cluster; the benchmark only reads
# the bridge runs (instance.sh starts it) but holds no charger: without this its sweep would
# mark the generated fleet offline five minutes after the load
export EVSHARE_OCPP_OFFLINE_AFTER=86400
export EVSHARE_LOG_LEVEL=${EVSHARE_LOG_LEVEL:-info}
base=http://127.0.0.1:$EVSHARE_HTTP_PORT
export BENCH_BBOX=$bbox

die() { echo "bench-web: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk is not installed (scripts/deps.sh bench)"
[ -x bin/evshare.fcgi ] || die "bin/evshare.fcgi is not built (make all)"

stop_all() {
	[ "${BENCH_KEEP:-0}" = 1 ] && { echo "bench-web: instance left running (BENCH_KEEP=1)"; return 0; }
	scripts/instance.sh stop >/dev/null 2>&1 || true
}
trap stop_all EXIT
t_start=$(date +%s)

# ---------------------------------------------------------------- instance and data
scripts/instance.sh stop >/dev/null 2>&1 || true      # whatever an interrupted run left
rm -f "$EVSHARE_VAR"/log/access.log "$EVSHARE_VAR"/log/fcgi.log   # a run writes ~100 MB of them
eval "$(scripts/instance.sh env)"
scripts/instance.sh pg-start
stamp="bench-web $(cat bench/gen-chargers.sql sql/[0-9]*.sql | md5sum | cut -c1-16)"
have=$(psql -X -tAc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = 'evshare'" -d postgres)
if [ "$have" != "$stamp" ] || [ "${BENCH_RELOAD:-0}" = 1 ]; then
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS evshare" >/dev/null
	load=1
else
	load=0
fi
scripts/instance.sh start >/dev/null
if [ "$load" = 1 ]; then
	echo "bench-web: generating 100,000 chargers (bench/gen-chargers.sql)..."
	t0=$(date +%s.%N)
	psql -X -q -v ON_ERROR_STOP=1 -f bench/gen-chargers.sql >/dev/null
	psql -X -q -c "VACUUM (ANALYZE)" >/dev/null
	psql -X -q -c "COMMENT ON DATABASE evshare IS '$stamp'" >/dev/null
	printf 'bench-web: loaded in %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"
else
	echo "bench-web: the bench data is already loaded (same bench/gen-chargers.sql and sql/)"
	# as if loaded now: the online chargers were last heard from within the last 3 minutes
	# (changes no status, so no map row is rebuilt)
	psql -X -q -c "UPDATE charge_points SET last_seen_at = last_seen_at +
		(SELECT now() - max(last_seen_at) FROM charge_points WHERE online) WHERE last_seen_at IS NOT NULL" >/dev/null
	psql -X -q -c "ANALYZE" >/dev/null
fi
psql -X -tA -F' ' -c "SELECT (SELECT count(*) FROM listings WHERE state = 'approved'),
	(SELECT count(*) FROM connectors), (SELECT count(*) FROM charge_points),
	(SELECT count(*) FROM availability_windows),
	pg_size_pretty(pg_database_size('evshare'))" |
	{ read -r l c cp w size; echo "bench-web: $l approved listings, $c connectors, $cp charge points, $w availability windows; database $size"; }
IFS=, read -r bw bs be bn <<<"$bbox"
in_box=$(psql -X -tAc "SELECT count(*) FROM listings WHERE state = 'approved' AND lon BETWEEN $bw AND $be AND lat BETWEEN $bs AND $bn")
read -r lo hi <<<"$(psql -X -tA -F' ' -c "SELECT min(id), max(id) FROM listings WHERE state = 'approved'")"
[ "$(psql -X -tAc "SELECT count(*) FROM listings WHERE id BETWEEN $lo AND $hi AND state <> 'approved'")" = 0 ] ||
	die "the approved listings are not ids $lo..$hi"

# ---------------------------------------------------------------- spatial index
if [ "${BENCH_SPATIAL:-1}" = 1 ]; then
	bench/spatial.sh
fi

# ---------------------------------------------------------------- the four URLs
api_path="/api/v1/chargers?bbox=$bbox"
curl -fsS -o "$EVSHARE_VAR/api.json" "$base$api_path" || die "the bbox API does not answer"
read -r features clustered bytes <<<"$(python3 -c "import json,os,sys; d=json.load(open(sys.argv[1])); print(d['count'], d['clustered'], os.path.getsize(sys.argv[1]))" "$EVSHARE_VAR/api.json")"
for p in / "/chargers/$lo" "$static_path"; do
	curl -fsS -o /dev/null "$base$p" || die "$p does not answer 200"
done

# name|path|wrk script arguments|target req/s (0: none)
cases="static file|$static_path||0
map page|/||10000
charger page|/chargers/{$lo..$hi}|charger $lo $hi|5000
bbox API|$api_path||2500"

# user + system CPU time (clock ticks) of this instance's lighttpd, evshare.fcgi processes and
# PostgreSQL: the server's own cost per request, which other work on the machine does not change
# the way it changes req/s and latency
cpu_ticks() {
	local roots p l
	roots="$(cat "$EVSHARE_VAR/run/lighttpd.pid") $(head -1 "$EVSHARE_VAR/pg/postmaster.pid")"
	for p in /proc/[0-9]*; do
		{ read -r l <"$p/stat" && echo "${p#/proc/} ${l##*) }"; } 2>/dev/null
	done | awk -v roots="$roots" '
		{ ppid[$1] = $3; t[$1] = $13 + $14 }
		END {
			n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1
			do { more = 0
				for (p in ppid) if (!(p in keep) && (ppid[p] in keep)) { keep[p] = 1; more = 1 }
			} while (more)
			s = 0; for (p in keep) s += t[p]; print s
		}'
}
hz=$(getconf CLK_TCK)
# busy CPU time of the whole machine (ticks) and wrk's own (the shell's reaped children, s)
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 }' /proc/stat; }   # user, nice, system
child_secs() { times | awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }'; }

run_wrk() {   # DURATION PATH ARGS... -> RESULT line
	local d=$1 p=$2; shift 2
	wrk -t"$threads" -c"$conns" -d"$d" -s bench/web.lua "$base${p%%/\{*}" ${1:+-- "$@"} | grep '^RESULT'
}
echo "bench-web: warming up (3 s per URL)..."
while IFS='|' read -r name path args target; do
	# shellcheck disable=SC2086
	run_wrk 3s "$path" $args >/dev/null
done <<<"$cases"

echo "bench-web: wrk -t$threads -c$conns -d${seconds}s per URL..."
declare -A rps p50 p99 cpu other
bad=0
results=$EVSHARE_VAR/results.txt
: >"$results"
while IFS='|' read -r name path args target; do
	c0=$(cpu_ticks) b0=$(busy_ticks) k0=$(child_secs) t0=$(date +%s.%N)
	# shellcheck disable=SC2086
	line=$(run_wrk "${seconds}s" "$path" $args)
	c1=$(cpu_ticks) b1=$(busy_ticks) k1=$(child_secs) t1=$(date +%s.%N)
	# what the machine did besides this instance and wrk, as a share of all its cores
	other[$name]=$(awk -v b=$((b1 - b0)) -v c=$((c1 - c0)) -v k0="$k0" -v k1="$k1" -v hz="$hz" \
		-v t0="$t0" -v t1="$t1" -v n="$(nproc)" \
		'BEGIN { o = (b - c) / hz - (k1 - k0); if (o < 0) o = 0; printf "%.0f%%", 100 * o / ((t1 - t0) * n) }')
	echo "$name|$line cpu_ticks=$((c1 - c0))" >>"$results"
	eval "$(echo "$line" | sed 's/^RESULT //; s/\([a-z0-9_]*\)=\([0-9.]*\)/w_\1=\2;/g')"
	rps[$name]=$(echo "scale=1; $w_requests / $w_seconds" | bc)
	p50[$name]=$w_p50_us
	p99[$name]=$w_p99_us
	cpu[$name]=$(awk -v t=$((c1 - c0)) -v hz="$hz" -v n="$w_requests" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')
	if [ "$w_errors" != 0 ] || [ "$w_non2xx" != 0 ]; then
		echo "bench-web: $name: $w_errors socket errors, $w_non2xx answers other than 2xx" >&2
		bad=1
	fi
done <<<"$cases"

# ---------------------------------------------------------------- the table
ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
static_rps=${rps[static file]}
echo
echo "evshare bench-web: $lo..$hi approved chargers, wrk -t$threads -c$conns -d${seconds}s, keep-alive, $(nproc) cores"
printf '%-13s %-44s %8s %9s %9s %8s %8s %7s  %s\n' "" "URL" "req/s" "p50" "p99" "/static" "cpu ms" "others" "target"
while IFS='|' read -r name path args target; do
	r=${rps[$name]}
	verdict=-
	if [ "$target" != 0 ]; then
		a=met b=met
		awk -v r="$r" -v t="$target" 'BEGIN { exit !(r < t) }' && a=MISSED
		[ "${p99[$name]}" -gt 25000 ] && b=MISSED
		verdict=">= $target req/s: $a; p99 <= 25 ms: $b"
	fi
	printf '%-13s %-44s %8.0f %9s %9s %8s %8s %7s  %s\n' "$name" "$path" "$r" \
		"$(ms "${p50[$name]}")" "$(ms "${p99[$name]}")" \
		"$(awk -v r="$r" -v s="$static_rps" 'BEGIN { printf "%.3f", r / s }')" "${cpu[$name]}" "${other[$name]}" "$verdict"
done <<<"$cases"
where=; [ "$bbox" = 14.40,50.06,14.46,50.10 ] && where=" (central Praha, a screen at zoom ~13)"
echo "bbox API box $bbox$where: $in_box approved chargers inside, the API returns $features features (clustered: $clustered; grid clusters above map_max_features), $bytes bytes"
echo "/static: req/s as a share of the static file's. cpu ms: CPU time lighttpd, evshare.fcgi and"
echo "PostgreSQL spent per request (not wrk's). others: the machine's CPU used by anything but this"
echo "instance and wrk during the run; when it is not ~0%, req/s and p99 are lower than the machine gives."
echo "run time $(( $(date +%s) - t_start )) s"
exit $bad
