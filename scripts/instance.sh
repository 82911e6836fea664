#!/bin/bash
# instance.sh - start, stop and inspect one evshare instance: a private PostgreSQL cluster,
# lighttpd running the FastCGI processes, and the OCPP bridge, all under one var/ folder.
#
#   scripts/instance.sh start|stop|status|psql|bridge-start|bridge-stop|pg-start|pg-stop|env
#
# Settings (environment): EVSHARE_VAR (default ./var), EVSHARE_HTTP_PORT (8080),
# EVSHARE_BRIDGE_PORT (8180), EVSHARE_PG_PORT (54329), EVSHARE_DEMO (1: load demo data),
# EVSHARE_CONF (an evshare.conf; conf/evshare.conf is used when it exists).
# `make test` runs a second instance with its own EVSHARE_VAR and ports.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
var=${EVSHARE_VAR:-$root/var}
mkdir -p "$var"
var=$(cd "$var" && pwd)
http_port=${EVSHARE_HTTP_PORT:-8080}
bridge_port=${EVSHARE_BRIDGE_PORT:-8180}
pg_port=${EVSHARE_PG_PORT:-54329}
run=$var/run
log=$var/log
pgdata=$var/pg
pgbin=/usr/lib/postgresql/15/bin

[ -z "${EVSHARE_CONF:-}" ] && [ -f "$root/conf/evshare.conf" ] && EVSHARE_CONF=$root/conf/evshare.conf

# PostgreSQL refuses to run as root, and nothing else needs root either: when started as root
# every server runs as the unprivileged system user "evshare".
if [ "$(id -u)" -eq 0 ]; then
	run_user=evshare
	if ! id -u "$run_user" >/dev/null 2>&1; then
		useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$run_user"
	fi
	# setpriv execs (runuser would stay in between as the parent): a pid from $! is the server's
	as_user() { setpriv --reuid="$run_user" --regid="$run_user" --init-groups -- "$@"; }
else
	run_user=$(id -un)
	as_user() { "$@"; }
fi

die() { echo "evshare: $*" >&2; exit 1; }

export_env() {
	export EVSHARE_ROOT=$root
	export EVSHARE_VAR=$var
	export EVSHARE_DATABASE="host=$run port=$pg_port dbname=evshare"
	export EVSHARE_HTTP_PORT=$http_port
	export EVSHARE_BRIDGE_PORT=$bridge_port
	export EVSHARE_PUBLIC_URL=${EVSHARE_PUBLIC_URL:-http://127.0.0.1:$http_port}
	export EVSHARE_TEMPLATES_DIR=${EVSHARE_TEMPLATES_DIR:-$root/templates}
	export EVSHARE_OUTBOX=${EVSHARE_OUTBOX:-$var/outbox}
	export EVSHARE_RUN_USER=$run_user
	export EVSHARE_LOG_FILE=${EVSHARE_LOG_FILE-$log/fcgi.log}
	[ -n "${EVSHARE_CONF:-}" ] && export EVSHARE_CONF
	export PGHOST=$run PGPORT=$pg_port PGDATABASE=evshare PGUSER=postgres
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

check_access() {
	# the servers run as $run_user and must reach the tree (programs, templates, static files)
	as_user test -r "$root/templates" -a -x "$root/bin/evshare.fcgi" && return 0
	if [ "$(id -u)" -eq 0 ]; then
		# a checkout under a private home (e.g. /root): let the service user traverse the
		# folders above it (search permission only, nothing becomes listable or readable)
		local d=$root
		while [ "$d" != / ]; do
			d=$(dirname "$d")
			[ -n "$(find "$d" -maxdepth 0 ! -perm -o=x)" ] && { echo "evshare: chmod o+x $d (so '$run_user' can reach $root)"; chmod o+x "$d"; }
		done
	fi
	as_user test -r "$root/templates" -a -x "$root/bin/evshare.fcgi" ||
		die "user '$run_user' cannot read $root: put the checkout where it can or chmod o+rx the folders above it"
}

pg_start() {
	mkdir -p "$run" "$log"
	chown "$run_user" "$var" "$run" "$log"
	chmod 0700 "$run"
	if [ ! -f "$pgdata/PG_VERSION" ]; then
		mkdir -p "$pgdata"; chown "$run_user" "$pgdata"; chmod 0700 "$pgdata"
		as_user "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$log/initdb.log" 2>&1 ||
			die "initdb failed, see $log/initdb.log"
	fi
	if ! as_user "$pgbin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
		# no TCP at all: only the unix socket in $run (mode 0700, owned by $run_user)
		as_user "$pgbin/pg_ctl" -D "$pgdata" -l "$log/postgresql.log" -w -t 60 \
			-o "-k $run -p $pg_port -c listen_addresses='' -c unix_socket_permissions=0700 -c fsync=${EVSHARE_PG_FSYNC:-on} -c max_wal_size=${EVSHARE_PG_MAX_WAL_SIZE:-1GB} -c max_connections=200 -c shared_buffers=256MB ${EVSHARE_PG_OPTS:-}" \
			start >/dev/null || die "PostgreSQL did not start, see $log/postgresql.log"
	fi
	if ! psql -X -q -tAc "SELECT 1" -d postgres >/dev/null 2>&1; then
		die "cannot connect to PostgreSQL at $run:$pg_port"
	fi
	if [ -z "$(psql -X -tAc "SELECT 1 FROM pg_database WHERE datname = 'evshare'" -d postgres)" ]; then
		psql -X -q -d postgres -c "CREATE DATABASE evshare" >/dev/null
	fi
}

pg_stop() {
	if [ -f "$pgdata/PG_VERSION" ] && as_user "$pgbin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
		as_user "$pgbin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
	fi
}

migrate() {
	"$root/bin/evshare-admin" migrate
	if [ "${EVSHARE_DEMO:-1}" = 1 ] && [ "$(psql -X -tAc 'SELECT count(*) FROM listings')" = 0 ]; then
		psql -X -q -v ON_ERROR_STOP=1 -f "$root/sql/demo.sql" >/dev/null || die "loading sql/demo.sql failed"
		echo "evshare: demo data loaded"
	fi
}

# Each message is a few dozen small allocations (jansson's objects) freed right after: glibc's
# per-thread cache keeps 7 chunks per size, and past that its slow paths (fast bin consolidation)
# were a fifth of the bridge's CPU in bench-ocpp. (The systemd unit sets the same.)
bridge_malloc=glibc.malloc.tcache_count=1024

bridge_start() {
	[ -x "$root/bin/ocpp-bridge" ] || { echo "evshare: bin/ocpp-bridge not built, skipping the bridge"; return 0; }
	pid_alive "$run/bridge.pid" && return 0
	# started directly (not through a shell function) so that $! is the bridge itself
	if [ "$(id -u)" -eq 0 ]; then
		EVSHARE_LOG_FILE= GLIBC_TUNABLES=$bridge_malloc setpriv --reuid="$run_user" --regid="$run_user" \
			--init-groups -- "$root/bin/ocpp-bridge" >>"$log/bridge.log" 2>&1 &
	else
		EVSHARE_LOG_FILE= GLIBC_TUNABLES=$bridge_malloc "$root/bin/ocpp-bridge" >>"$log/bridge.log" 2>&1 &
	fi
	echo $! >"$run/bridge.pid"
	for _ in $(seq 50); do
		(exec 3<>"/dev/tcp/127.0.0.1/$bridge_port") 2>/dev/null && return 0
		pid_alive "$run/bridge.pid" || die "the bridge exited, see $log/bridge.log"
		sleep 0.1
	done
	die "the bridge does not listen on port $bridge_port, see $log/bridge.log"
}

bridge_stop() {
	if pid_alive "$run/bridge.pid"; then
		kill "$(cat "$run/bridge.pid")" 2>/dev/null || true
		for _ in $(seq 50); do pid_alive "$run/bridge.pid" || break; sleep 0.1; done
		pid_alive "$run/bridge.pid" && kill -9 "$(cat "$run/bridge.pid")" 2>/dev/null
	fi
	rm -f "$run/bridge.pid"
}

# The charger simulator brings the demo chargers DEMO-001.. to life (EVSHARE_SIM of them).
sim_start() {
	local n=${EVSHARE_SIM:-0}
	[ "$n" -gt 0 ] 2>/dev/null || return 0
	[ -x "$root/bin/evshare-sim" ] || return 0
	pid_alive "$run/sim.pid" && return 0
	"$root/bin/evshare-sim" --url "ws://127.0.0.1:$bridge_port/ocpp" --prefix DEMO- --count "$n" \
		--password evshare-demo-charger --session 900 --idle 1800 --meter-interval 30 \
		>>"$log/sim.log" 2>&1 &
	echo $! >"$run/sim.pid"
}

sim_stop() {
	pid_alive "$run/sim.pid" && kill "$(cat "$run/sim.pid")" 2>/dev/null
	rm -f "$run/sim.pid"
}

banner() {
	cat <<EOT

  evshare is running:   http://127.0.0.1:$http_port/

  demo logins (password evshare-demo):
    driver@evshare.test   owner@evshare.test   admin@evshare.test

  chargers connect to:  ws://127.0.0.1:$bridge_port/ocpp/IDENTITY  (or via :$http_port/ocpp/)
  simulated chargers:   ${EVSHARE_SIM:-0} of DEMO-001..DEMO-040 (make run SIM=0 for none, SIM=5 for five)
  logs:                 $log/
  database shell:       make psql
  stop everything:      make stop

EOT
}

web_start() {
	pid_alive "$run/lighttpd.pid" && return 0
	mkdir -p "$var/outbox"; chown "$run_user" "$var/outbox"
	/usr/sbin/lighttpd -tt -f "$root/conf/lighttpd.conf" >"$log/lighttpd-check.log" 2>&1 ||
		die "conf/lighttpd.conf does not load: $(cat "$log/lighttpd-check.log")"
	/usr/sbin/lighttpd -f "$root/conf/lighttpd.conf" || die "lighttpd did not start, see $log/lighttpd-error.log"
	for _ in $(seq 100); do
		curl -fsS -o /dev/null "http://127.0.0.1:$http_port/health" 2>/dev/null && return 0
		sleep 0.1
	done
	die "no answer from http://127.0.0.1:$http_port/health, see $log/lighttpd-error.log and $log/fcgi.log"
}

web_stop() {
	if pid_alive "$run/lighttpd.pid"; then
		kill "$(cat "$run/lighttpd.pid")" 2>/dev/null || true
		for _ in $(seq 50); do pid_alive "$run/lighttpd.pid" || break; sleep 0.1; done
	fi
	rm -f "$run/lighttpd.pid"
}

export_env
case ${1:-} in
start)
	check_access
	pg_start
	migrate
	bridge_start
	web_start
	sim_start
	if [ "${EVSHARE_BANNER:-0}" = 1 ]; then banner; fi   # (a false test last would make start fail)
	;;
stop)
	sim_stop
	web_stop
	bridge_stop
	pg_stop
	;;
status)
	pid_alive "$run/lighttpd.pid" && echo "web:        http://127.0.0.1:$http_port/ (pid $(cat "$run/lighttpd.pid"))" || echo "web:        stopped"
	pid_alive "$run/bridge.pid" && echo "bridge:     ws://127.0.0.1:$bridge_port/ocpp/ (pid $(cat "$run/bridge.pid"))" || echo "bridge:     stopped"
	as_user "$pgbin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1 && echo "postgresql: $run port $pg_port" || echo "postgresql: stopped"
	;;
psql) shift; exec psql -X "$@" ;;
bridge-start) bridge_start ;;
bridge-stop) bridge_stop ;;
pg-start) pg_start ;;
pg-stop) pg_stop ;;
web-start) web_start ;;
web-stop) web_stop ;;
env) env | grep -E '^(EVSHARE_|PG)[A-Za-z0-9_]*=' | while IFS='=' read -r k v; do printf 'export %s=%q\n' "$k" "$v"; done ;;
*) echo "usage: $0 start|stop|status|psql|bridge-start|bridge-stop|pg-start|pg-stop|web-start|web-stop|env" >&2; exit 2 ;;
esac
