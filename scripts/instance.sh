#!/bin/bash
# instance.sh - start, stop and inspect one evshare instance: a private PostgreSQL cluster,
# lighttpd running the FastCGI processes, and the OCPP bridge, all under one var/ folder.
#
#   scripts/instance.sh start|stop|status|psql|bridge-start|bridge-stop|pg-start|pg-stop|
#                       web-start|web-stop|sim-start|sim-stop|env
#
# Settings (environment): EVSHARE_VAR (default ./var), EVSHARE_HTTP_HOST (127.0.0.1), EVSHARE_HTTP_PORT (8080),
# EVSHARE_BRIDGE_PORT (8180), EVSHARE_PG_PORT (54329), EVSHARE_DEMO (1: load demo data),
# EVSHARE_CONF (an evshare.conf; conf/evshare.conf is used when it exists: its http_host,
# http_port and bridge_port apply when the environment does not set them).
# `make test` runs a second instance with its own EVSHARE_VAR and ports.
#
# start writes $EVSHARE_VAR/instance.conf (evshare.conf syntax: the database and the ports it
# was started with). Every later command -- stop, psql, status, another start -- takes its ports
# from there unless EVSHARE_*_PORT say otherwise, and bin/evshare-admin reads it to find the
# instance when neither EVSHARE_CONF, EVSHARE_DATABASE nor --database tell it where to look.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
var=${EVSHARE_VAR:-$root/var}
mkdir -p "$var"
var=$(cd "$var" && pwd)
# logs, mails and everything else the instance writes below $var: not for other local users
# (files 0640, folders 0750; the folders the service user must enter are chowned to it)
umask 027
inst=$var/instance.conf
# remembered KEY: the value instance.conf holds for KEY (empty when none)
remembered() { [ -f "$inst" ] && sed -n "s/^$1 *= *//p" "$inst" | tail -n 1; return 0; }
remembered_pg_port() { remembered database | sed -n 's/.*port=\([0-9][0-9]*\).*/\1/p'; }
[ -z "${EVSHARE_CONF:-}" ] && [ -f "$root/conf/evshare.conf" ] && EVSHARE_CONF=$root/conf/evshare.conf
# configured KEY: the operator's evshare.conf value for KEY (empty when none)
configured() { [ -n "${EVSHARE_CONF:-}" ] && [ -f "$EVSHARE_CONF" ] && sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\([^[:space:]]*\).*/\1/p" "$EVSHARE_CONF" | tail -n 1; return 0; }
# each setting: the environment, else the operator's evshare.conf, else what this instance
# last ran with, else the default
http_host=${EVSHARE_HTTP_HOST:-$(configured http_host)}
http_port=${EVSHARE_HTTP_PORT:-$(configured http_port)}
bridge_port=${EVSHARE_BRIDGE_PORT:-$(configured bridge_port)}
http_port=${http_port:-$(remembered http_port)}
bridge_port=${bridge_port:-$(remembered bridge_port)}
pg_port=${EVSHARE_PG_PORT:-$(remembered_pg_port)}
http_host=${http_host:-127.0.0.1}
# where this machine reaches the web server (a wildcard bind is reached on the loopback)
case $http_host in 0.0.0.0|::|'[::]') web_host=127.0.0.1 ;; *:*) web_host="[$http_host]" ;; *) web_host=$http_host ;; esac
http_port=${http_port:-8080}
bridge_port=${bridge_port:-8180}
pg_port=${pg_port:-54329}
run=$var/run
log=$var/log
pgdata=$var/pg
pgbin=/usr/lib/postgresql/15/bin


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
	export EVSHARE_HTTP_HOST=$http_host EVSHARE_HTTP_PORT=$http_port
	export EVSHARE_BRIDGE_PORT=$bridge_port
	export EVSHARE_PUBLIC_URL=${EVSHARE_PUBLIC_URL:-http://$web_host:$http_port}
	export EVSHARE_TEMPLATES_DIR=${EVSHARE_TEMPLATES_DIR:-$root/templates}
	export EVSHARE_OUTBOX=${EVSHARE_OUTBOX:-$var/outbox}
	export EVSHARE_RUN_USER=$run_user
	export EVSHARE_LOG_FILE=${EVSHARE_LOG_FILE-$log/fcgi.log}
	[ -n "${EVSHARE_CONF:-}" ] && export EVSHARE_CONF
	export PGHOST=$run PGPORT=$pg_port PGDATABASE=evshare PGUSER=postgres
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# running PID: the process exists and is not a zombie (an exited server waiting for whoever
# adopted it to reap it holds nothing any more)
running() {
	local st
	st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)
	[ -n "$st" ] && [ "$st" != Z ]
}

# stop_pid NAME PIDFILE [SECONDS]: TERM, then wait (up to SECONDS, default 5) until the process
# is gone -- KILL if it is not -- and say what was stopped
stop_pid() {
	local name=$1 f=$2 secs=${3:-5} pid
	pid_alive "$f" || { rm -f "$f"; return 0; }
	pid=$(cat "$f")
	kill "$pid" 2>/dev/null || true
	for _ in $(seq $((secs * 10))); do running "$pid" || break; sleep 0.1; done
	if running "$pid"; then
		kill -9 "$pid" 2>/dev/null || true
		for _ in $(seq 20); do running "$pid" || break; sleep 0.1; done
		echo "evshare: stopped $name (pid $pid, killed after ${secs} s)"
	else
		echo "evshare: stopped $name (pid $pid)"
	fi
	rm -f "$f"
}

# Records how to reach this instance (see the top). The ports cannot change under a running
# instance: its servers keep the ones they were started with.
remember() {
	local old_http old_bridge old_pg
	old_http=$(remembered http_port) old_bridge=$(remembered bridge_port) old_pg=$(remembered_pg_port)
	if [ -n "$old_http$old_bridge$old_pg" ] && [ "$old_http:$old_bridge:$old_pg" != "$http_port:$bridge_port:$pg_port" ] &&
		{ pid_alive "$run/lighttpd.pid" || pid_alive "$run/bridge.pid" || [ -S "$run/.s.PGSQL.$old_pg" ]; }; then
		die "$var is running with ports $old_http/$old_bridge/$old_pg (web/bridge/PostgreSQL): make stop first"
	fi
	cat >"$inst.tmp" <<EOT
# written by scripts/instance.sh start: how to reach this instance (bin/evshare-admin,
# make psql, make stop and instance.sh status read it; an explicit setting wins)
database = $EVSHARE_DATABASE
http_port = $http_port
bridge_port = $bridge_port
public_url = $EVSHARE_PUBLIC_URL
EOT
	chmod 0644 "$inst.tmp" && mv "$inst.tmp" "$inst"
}

# the logs hold addresses and identities: readable by the instance's owner only (0750/0640),
# also those an older version left 0644
log_modes() {
	mkdir -p "$log"
	chmod 0750 "$log"
	find "$log" -maxdepth 1 -type f -exec chmod 0640 {} +
}

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
		local pid
		pid=$(head -n 1 "$pgdata/postmaster.pid" 2>/dev/null || true)
		# -w: returns once the server has removed its pid file; then it exits
		as_user "$pgbin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
		for _ in $(seq 50); do [ -n "$pid" ] && running "$pid" || break; sleep 0.1; done
		echo "evshare: stopped PostgreSQL ($pgdata, port $pg_port)"
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

bridge_stop() { stop_pid "the OCPP bridge" "$run/bridge.pid" 5; }

# The charger simulator brings the demo chargers DEMO-001.. to life (EVSHARE_SIM of them).
sim_start() {
	local n=${EVSHARE_SIM:-0}
	[ "$n" -gt 0 ] 2>/dev/null || return 0
	[ -x "$root/bin/evshare-sim" ] || return 0
	pid_alive "$run/sim.pid" && return 0
	# the demo chargers' shared password goes in the environment, never on the command line
	# (where ps shows it to every local user)
	EVSHARE_SIM_PASSWORD=evshare-demo-charger "$root/bin/evshare-sim" \
		--url "ws://127.0.0.1:$bridge_port/ocpp" --prefix DEMO- --count "$n" \
		--session 900 --idle 1800 --meter-interval 30 >>"$log/sim.log" 2>&1 &
	echo $! >"$run/sim.pid"
}

# before the bridge: the simulator ends its sessions and has them answered (its drain), which
# takes a moment while the bridge is still there -- and up to its 30 s drain when it is not
sim_stop() { stop_pid "the charger simulator" "$run/sim.pid" 35; }

banner() {
	cat <<EOT

  evshare is running:   http://$web_host:$http_port/

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
		curl -fsS -o /dev/null "http://$web_host:$http_port/health" 2>/dev/null && return 0
		sleep 0.1
	done
	die "no answer from http://$web_host:$http_port/health, see $log/lighttpd-error.log and $log/fcgi.log"
}

web_stop() {
	local fcgi
	# lighttpd's FastCGI children: waited for too (they may outlive it by a moment)
	fcgi=
	pid_alive "$run/lighttpd.pid" && fcgi=$(cat /proc/"$(cat "$run/lighttpd.pid")"/task/*/children 2>/dev/null || true)
	stop_pid "lighttpd" "$run/lighttpd.pid" 5
	for p in $fcgi; do
		for _ in $(seq 50); do running "$p" || break; sleep 0.1; done
		running "$p" && kill -9 "$p" 2>/dev/null
	done
	return 0
}

export_env
case ${1:-} in
start)
	check_access
	remember
	log_modes
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
	echo "evshare: $var is stopped"
	;;
status)
	pid_alive "$run/lighttpd.pid" && echo "web:        http://$web_host:$http_port/ (pid $(cat "$run/lighttpd.pid"))" || echo "web:        stopped"
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
sim-start) sim_start ;;   # EVSHARE_SIM chargers (start: the SIM of make run)
sim-stop) sim_stop ;;
env) env | grep -E '^(EVSHARE_|PG)[A-Za-z0-9_]*=' | while IFS='=' read -r k v; do printf 'export %s=%q\n' "$k" "$v"; done ;;
*) echo "usage: $0 start|stop|status|psql|bridge-start|bridge-stop|pg-start|pg-stop|web-start|web-stop|sim-start|sim-stop|env" >&2; exit 2 ;;
esac
